;; Core module for ops-user: run() = add(40, 2) through the import.
(module
  (import "patchbay:samples/ops" "add" (func $add (param i32 i32) (result i32)))
  (func (export "run") (result i32)
    (call $add (i32.const 40) (i32.const 2)))
)
