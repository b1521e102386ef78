;; name() = "Patchbay", returned through the return area at 16.
(module
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (unreachable))
  (data (i32.const 1024) "Patchbay")
  (func (export "patchbay:samples/name#name") (result i32)
    (i32.store (i32.const 16) (i32.const 1024))
    (i32.store (i32.const 20) (i32.const 8))
    (i32.const 16)))
