;; Core module for the app sample. Calls the imported calc interface.
(module
  (import "patchbay:samples/calc" "add" (func $add (param i32 i32) (result i32)))
  (import "patchbay:samples/calc" "sub" (func $sub (param i32 i32) (result i32)))
  (import "patchbay:samples/calc" "mul" (func $mul (param i32 i32) (result i32)))
  ;; lowered eval: flattened op (tag, x, y) + return pointer for result<s32, calc-error>
  (import "patchbay:samples/calc" "eval" (func $eval (param i32 i32 i32 i32)))

  (memory (export "memory") 1)

  (func (export "run") (result i32)
    (local $acc i32)
    ;; mul(add(2, 3), sub(10, 3)) = 35
    (local.set $acc (call $mul (call $add (i32.const 2) (i32.const 3))
                               (call $sub (i32.const 10) (i32.const 3))))
    ;; eval(negate(5)) -> ok(-5), written at 64
    (call $eval (i32.const 3) (i32.const 5) (i32.const 0) (i32.const 64))
    (if (i32.eqz (i32.load8_u (i32.const 64)))
      (then (local.set $acc (i32.add (local.get $acc) (i32.load (i32.const 68)))))
      (else unreachable))
    ;; eval(add({a: 2147483647, b: 1})) -> err(overflow), written at 80
    (call $eval (i32.const 0) (i32.const 2147483647) (i32.const 1) (i32.const 80))
    (if (i32.eq (i32.load8_u (i32.const 80)) (i32.const 1))
      (then (local.set $acc (i32.add (local.get $acc) (i32.const 1000)))))
    (local.get $acc))
)
