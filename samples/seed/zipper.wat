;; zipper's main module: compress(input) = libzip's zip over the list's bytes.
;; Lifted as compress: func(input: list<u8>) -> list<u8>: params (ptr, len),
;; result a pointer to (ptr, len), here in a cell from malloc.
(module
  (@dylink.0
    (mem-info (memory 0 4))
    (needed "libzip.so")
    (needed "libc.so")
  )
  (import "env" "memory" (memory 1))
  (import "env" "malloc" (func $malloc (param i32) (result i32)))
  (import "env" "zip" (func $zip (param i32 i32 i32) (result i32)))
  (func (export "compress") (param $p i32) (param $n i32) (result i32)
    (local $ret i32)
    (local.set $ret (call $malloc (i32.const 8)))
    (i32.store (local.get $ret)
      (call $zip (local.get $p) (local.get $n) (i32.add (local.get $ret) (i32.const 4))))
    (local.get $ret))
)
