;; imgmgk's main module: transform(image) = libimg's invert over the list's bytes.
(module
  (@dylink.0
    (mem-info (memory 0 4))
    (needed "libimg.so")
    (needed "libc.so")
  )
  (import "env" "memory" (memory 1))
  (import "env" "malloc" (func $malloc (param i32) (result i32)))
  (import "env" "invert" (func $invert (param i32 i32) (result i32)))
  (func (export "transform") (param $p i32) (param $n i32) (result i32)
    (local $ret i32)
    (local.set $ret (call $malloc (i32.const 8)))
    (i32.store (local.get $ret) (call $invert (local.get $p) (local.get $n)))
    (i32.store offset=4 (local.get $ret) (local.get $n))
    (local.get $ret))
)
