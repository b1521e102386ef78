;; fs-child: run() = read(1) + read(2)
(module
  (import "patchbay:samples/files" "read" (func $read (param i32) (result i32)))
  (func (export "run") (result i32)
    (i32.add (call $read (i32.const 1)) (call $read (i32.const 2)))))
