;; Core module for the calculator sample.
;; add/sub/mul wrap (i32 arithmetic); eval checks for s32 overflow using i64.
(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))

  ;; bump allocator; never frees
  (func $realloc (export "cabi_realloc")
        (param $old i32) (param $oldsz i32) (param $align i32) (param $newsz i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $newsz)))
    (block $ok
      (br_if $ok (i32.le_u (global.get $heap) (i32.shl (memory.size) (i32.const 16))))
      (drop (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $heap) (i32.shl (memory.size) (i32.const 16)))
                                             (i32.const 16))
                                  (i32.const 1)))))
    (if (local.get $old)
      (then (memory.copy (local.get $p) (local.get $old)
              (select (local.get $oldsz) (local.get $newsz) (i32.lt_u (local.get $oldsz) (local.get $newsz))))))
    (local.get $p))

  (func (export "patchbay:samples/calc#add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func (export "patchbay:samples/calc#sub") (param i32 i32) (result i32)
    (i32.sub (local.get 0) (local.get 1)))
  (func (export "patchbay:samples/calc#mul") (param i32 i32) (result i32)
    (i32.mul (local.get 0) (local.get 1)))

  ;; eval: func(o: op) -> result<s32, calc-error>
  ;; op flattens to (discriminant i32, i32, i32): add/sub/mul carry operands{a,b},
  ;; negate carries one s32 in the first payload slot.
  ;; result<s32, calc-error> does not fit in one core value, so it is returned through
  ;; a pointer to 8 bytes: u8 discriminant at +0 (0 = ok, 1 = err), payload at +4.
  (func (export "patchbay:samples/calc#eval") (param $tag i32) (param $x i32) (param $y i32) (result i32)
    (local $r i64)
    (block $done
      (block $neg
        (block $mul
          (block $sub
            (block $add
              (br_table $add $sub $mul $neg (local.get $tag)))
            (local.set $r (i64.add (i64.extend_i32_s (local.get $x)) (i64.extend_i32_s (local.get $y))))
            (br $done))
          (local.set $r (i64.sub (i64.extend_i32_s (local.get $x)) (i64.extend_i32_s (local.get $y))))
          (br $done))
        (local.set $r (i64.mul (i64.extend_i32_s (local.get $x)) (i64.extend_i32_s (local.get $y))))
        (br $done))
      (local.set $r (i64.sub (i64.const 0) (i64.extend_i32_s (local.get $x)))))
    (if (i64.eq (local.get $r) (i64.extend_i32_s (i32.wrap_i64 (local.get $r))))
      (then
        (i32.store8 (i32.const 16) (i32.const 0))
        (i32.store (i32.const 20) (i32.wrap_i64 (local.get $r))))
      (else
        (i32.store8 (i32.const 16) (i32.const 1))
        (i32.store8 (i32.const 20) (i32.const 0))))   ;; calc-error::overflow
    (i32.const 16))
)
