;; app's core module (an ordinary component, not a library):
;; run() = compress(transform([1, 1, 1, 2, 2])).
(module
  ;; lowered imports: (ptr, len, out-ptr); the callee's bytes are copied in
  ;; through our cabi_realloc and (ptr, len) written at out-ptr
  (import "$root" "transform" (func $transform (param i32 i32 i32)))
  (import "$root" "compress" (func $compress (param i32 i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (func (export "cabi_realloc") (param $old i32) (param $oldsz i32) (param $align i32) (param $new i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $new)))
    (local.get $p))
  (data (i32.const 1024) "\01\01\01\02\02")
  (func (export "run") (result i32)
    (call $transform (i32.const 1024) (i32.const 5) (i32.const 32))
    (call $compress (i32.load (i32.const 32)) (i32.load (i32.const 36)) (i32.const 40))
    (i32.store (i32.const 16) (i32.load (i32.const 40)))
    (i32.store (i32.const 20) (i32.load (i32.const 44)))
    (i32.const 16))
)
