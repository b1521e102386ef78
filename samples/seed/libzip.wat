;; libzip.so: zip(in, in_size, out_size*) -> out, run-length encoding into a
;; buffer from libc's malloc: each run of up to 255 equal bytes becomes (count, byte).
(module
  (@dylink.0
    (mem-info (memory 0 4))
    (needed "libc.so")
  )
  (import "env" "memory" (memory 1))
  (import "env" "malloc" (func $malloc (param i32) (result i32)))
  (func (export "zip") (param $in i32) (param $n i32) (param $outsz i32) (result i32)
    (local $out i32) (local $i i32) (local $o i32) (local $b i32) (local $run i32)
    (local.set $out (call $malloc (i32.shl (local.get $n) (i32.const 1))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $b (i32.load8_u (i32.add (local.get $in) (local.get $i))))
        (local.set $run (i32.const 0))
        (block $end
          (loop $count
            (br_if $end (i32.ge_u (i32.add (local.get $i) (local.get $run)) (local.get $n)))
            (br_if $end (i32.ne (i32.load8_u (i32.add (local.get $in) (i32.add (local.get $i) (local.get $run)))) (local.get $b)))
            (br_if $end (i32.eq (local.get $run) (i32.const 255)))
            (local.set $run (i32.add (local.get $run) (i32.const 1)))
            (br $count)))
        (i32.store8 (i32.add (local.get $out) (local.get $o)) (local.get $run))
        (i32.store8 (i32.add (local.get $out) (i32.add (local.get $o) (i32.const 1))) (local.get $b))
        (local.set $o (i32.add (local.get $o) (i32.const 2)))
        (local.set $i (i32.add (local.get $i) (local.get $run)))
        (br $next)))
    (i32.store (local.get $outsz) (local.get $o))
    (local.get $out))
)
