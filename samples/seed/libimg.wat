;; libimg.so: invert(in, n) -> out, every byte b becomes 255 - b (a negative image).
(module
  (@dylink.0
    (mem-info (memory 0 4))
    (needed "libc.so")
  )
  (import "env" "memory" (memory 1))
  (import "env" "malloc" (func $malloc (param i32) (result i32)))
  (func (export "invert") (param $in i32) (param $n i32) (result i32)
    (local $out i32) (local $i i32)
    (local.set $out (call $malloc (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 (i32.add (local.get $out) (local.get $i))
          (i32.sub (i32.const 255) (i32.load8_u (i32.add (local.get $in) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $out))
)
