(component
  (type $ty-patchbay:samples/calc (;0;)
    (instance
      (type (;0;) (record (field "a" s32) (field "b" s32)))
      (export (;1;) "operands" (type (eq 0)))
      (type (;2;) (variant (case "add" 1) (case "sub" 1) (case "mul" 1) (case "negate" s32)))
      (export (;3;) "op" (type (eq 2)))
      (type (;4;) (enum "overflow"))
      (export (;5;) "calc-error" (type (eq 4)))
      (type (;6;) (func (param "a" s32) (param "b" s32) (result s32)))
      (export (;0;) "add" (func (type 6)))
      (export (;1;) "sub" (func (type 6)))
      (export (;2;) "mul" (func (type 6)))
      (type (;7;) (result s32 (error 5)))
      (type (;8;) (func (param "o" 3) (result 7)))
      (export (;3;) "eval" (func (type 8)))
    )
  )
  (import "patchbay:samples/calc" (instance $patchbay:samples/calc (;0;) (type $ty-patchbay:samples/calc)))
  (core module $main (;0;)
    (type (;0;) (func (param i32 i32) (result i32)))
    (type (;1;) (func (param i32 i32 i32 i32)))
    (type (;2;) (func (result i32)))
    (import "patchbay:samples/calc" "add" (func $add (;0;) (type 0) (param i32 i32) (result i32)))
    (import "patchbay:samples/calc" "sub" (func $sub (;1;) (type 0) (param i32 i32) (result i32)))
    (import "patchbay:samples/calc" "mul" (func $mul (;2;) (type 0) (param i32 i32) (result i32)))
    (import "patchbay:samples/calc" "eval" (func $eval (;3;) (type 1) (param i32 i32 i32 i32)))
    (memory (;0;) 1)
    (export "memory" (memory 0))
    (export "run" (func 4))
    (func (;4;) (type 2) (result i32)
      (local $acc i32)
      i32.const 2
      i32.const 3
      call $add
      i32.const 10
      i32.const 3
      call $sub
      call $mul
      local.set $acc
      i32.const 3
      i32.const 5
      i32.const 0
      i32.const 64
      call $eval
      i32.const 64
      i32.load8_u
      i32.eqz
      if ;; label = @1
        local.get $acc
        i32.const 68
        i32.load
        i32.add
        local.set $acc
      else
        unreachable
      end
      i32.const 0
      i32.const 2147483647
      i32.const 1
      i32.const 80
      call $eval
      i32.const 80
      i32.load8_u
      i32.const 1
      i32.eq
      if ;; label = @1
        local.get $acc
        i32.const 1000
        i32.add
        local.set $acc
      end
      local.get $acc
    )
    (@producers
      (processed-by "wit-component" "0.262.0")
    )
  )
  (core module $wit-component-shim-module (;1;)
    (type (;0;) (func (param i32 i32 i32 i32)))
    (table (;0;) 1 1 funcref)
    (export "0" (func $indirect-patchbay:samples/calc-eval))
    (export "$imports" (table 0))
    (func $indirect-patchbay:samples/calc-eval (;0;) (type 0) (param i32 i32 i32 i32)
      local.get 0
      local.get 1
      local.get 2
      local.get 3
      i32.const 0
      call_indirect (type 0)
    )
    (@producers
      (processed-by "wit-component" "0.262.0")
    )
  )
  (core instance $wit-component-shim-instance (;0;) (instantiate $wit-component-shim-module))
  (alias export $patchbay:samples/calc "add" (func $add (;0;)))
  (core func $add (;0;) (canon lower (func $add)))
  (alias export $patchbay:samples/calc "sub" (func $sub (;1;)))
  (core func $sub (;1;) (canon lower (func $sub)))
  (alias export $patchbay:samples/calc "mul" (func $mul (;2;)))
  (core func $mul (;2;) (canon lower (func $mul)))
  (alias core export $wit-component-shim-instance "0" (core func $indirect-patchbay:samples/calc-eval (;3;)))
  (core instance $patchbay:samples/calc (;1;)
    (export "add" (func $add))
    (export "sub" (func $sub))
    (export "mul" (func $mul))
    (export "eval" (func $indirect-patchbay:samples/calc-eval))
  )
  (core instance $main (;2;) (instantiate $main
      (with "patchbay:samples/calc" (instance $patchbay:samples/calc))
    )
  )
  (alias core export $main "memory" (core memory $memory (;0;)))
  (core module $wit-component-fixup (;2;)
    (type (;0;) (func (param i32 i32 i32 i32)))
    (import "actual" "0" (func $0 (;0;) (type 0) (param i32 i32 i32 i32)))
    (import "shim" "$imports" (table (;0;) 1 1 funcref))
    (elem (;0;) (i32.const 0) func $0)
    (@producers
      (processed-by "wit-component" "0.262.0")
    )
  )
  (alias export $patchbay:samples/calc "eval" (func $eval (;3;)))
  (core func $"#core-func4 indirect-patchbay:samples/calc-eval" (@name "indirect-patchbay:samples/calc-eval") (;4;) (canon lower (func $eval) (memory $memory)))
  (core instance $actual (;3;)
    (export "0" (func $"#core-func4 indirect-patchbay:samples/calc-eval"))
  )
  (core instance $fixup (;4;) (instantiate $wit-component-fixup
      (with "actual" (instance $actual))
      (with "shim" (instance $wit-component-shim-instance))
    )
  )
  (type (;1;) (func (result s32)))
  (alias core export $main "run" (core func $run (;5;)))
  (func $run (;4;) (type 1) (canon lift (core func $run)))
  (export $"#func5 run" (@name "run") (;5;) "run" (func $run))
  (@producers
    (processed-by "wit-component" "0.262.0")
  )
)
