;; fs-virtualize: read(key) = real read(key) + 1000
(module
  (import "patchbay:samples/files" "read" (func $real-read (param i32) (result i32)))
  (func (export "patchbay:samples/files#read") (param $k i32) (result i32)
    (i32.add (call $real-read (local.get $k)) (i32.const 1000))))
