;; A dynamic library (tool-conventions DynamicLinking.md): 4 bytes of data
;; placed wherever the linker puts its memory_base, and `next`, which bumps
;; the counter there and returns it.
(module
  (@dylink.0
    (mem-info (memory 4 2)))
  (import "env" "memory" (memory 1))
  (import "env" "__memory_base" (global $base i32))
  (global $counter i32 (i32.const 0))
  (export "counter" (global $counter))
  (func (export "next") (result i32)
    (local $addr i32)
    (local.set $addr (i32.add (global.get $base) (global.get $counter)))
    (i32.store (local.get $addr) (i32.add (i32.load (local.get $addr)) (i32.const 1)))
    (i32.load (local.get $addr)))
  (data (global.get $base) "\e8\03\00\00"))
