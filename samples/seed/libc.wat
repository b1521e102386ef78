;; libc.so: the seed's shared C library, as a dylink.0 library (tool-conventions
;; DynamicLinking.md). malloc is a bump allocator from __heap_base; cabi_realloc
;; (what the Canonical ABI calls to allocate list and string bytes) is built on it.
(module
  (@dylink.0
    (mem-info (memory 0 4))
  )
  (import "env" "memory" (memory 1))
  (import "GOT.mem" "__heap_base" (global $__heap_base (mut i32)))
  (import "GOT.mem" "__heap_end" (global $__heap_end (mut i32)))
  (global $heap (mut i32) (i32.const 0))
  (func $start
    global.get $__heap_base
    global.set $heap)
  (func $malloc (export "malloc") (param $n i32) (result i32)
    (local $p i32)
    ;; 8-byte aligned
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.const 7)) (i32.const -8)))
    (global.set $heap (i32.add (local.get $p) (local.get $n)))
    (if (i32.gt_u (global.get $heap) (i32.shl (memory.size) (i32.const 16)))
      (then
        (drop (memory.grow
          (i32.add (i32.shr_u (i32.sub (global.get $heap) (i32.shl (memory.size) (i32.const 16))) (i32.const 16))
                   (i32.const 1))))))
    (local.get $p))
  (func (export "cabi_realloc") (param $old i32) (param $oldsz i32) (param $align i32) (param $new i32) (result i32)
    (local $p i32)
    (local.set $p (call $malloc (local.get $new)))
    (if (local.get $old)
      (then (memory.copy (local.get $p) (local.get $old)
              (select (local.get $oldsz) (local.get $new) (i32.lt_u (local.get $oldsz) (local.get $new))))))
    (local.get $p))
  (start $start)
)
