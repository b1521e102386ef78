(component
  (core module $main (;0;)
    (type (;0;) (func (param i32 i32 i32 i32) (result i32)))
    (type (;1;) (func (param i32 i32) (result i32)))
    (type (;2;) (func (param i32 i32 i32) (result i32)))
    (memory (;0;) 1)
    (global $heap (;0;) (mut i32) i32.const 4096)
    (export "memory" (memory 0))
    (export "cabi_realloc" (func $realloc))
    (export "patchbay:samples/calc#add" (func 1))
    (export "patchbay:samples/calc#sub" (func 2))
    (export "patchbay:samples/calc#mul" (func 3))
    (export "patchbay:samples/calc#eval" (func 4))
    (func $realloc (;0;) (type 0) (param $old i32) (param $oldsz i32) (param $align i32) (param $newsz i32) (result i32)
      (local $p i32)
      global.get $heap
      local.get $align
      i32.const 1
      i32.sub
      i32.add
      i32.const 0
      local.get $align
      i32.sub
      i32.and
      local.set $p
      local.get $p
      local.get $newsz
      i32.add
      global.set $heap
      block $ok
        global.get $heap
        memory.size
        i32.const 16
        i32.shl
        i32.le_u
        br_if $ok
        global.get $heap
        memory.size
        i32.const 16
        i32.shl
        i32.sub
        i32.const 16
        i32.shr_u
        i32.const 1
        i32.add
        memory.grow
        drop
      end
      local.get $old
      if ;; label = @1
        local.get $p
        local.get $old
        local.get $oldsz
        local.get $newsz
        local.get $oldsz
        local.get $newsz
        i32.lt_u
        select
        memory.copy
      end
      local.get $p
    )
    (func (;1;) (type 1) (param i32 i32) (result i32)
      local.get 0
      local.get 1
      i32.add
    )
    (func (;2;) (type 1) (param i32 i32) (result i32)
      local.get 0
      local.get 1
      i32.sub
    )
    (func (;3;) (type 1) (param i32 i32) (result i32)
      local.get 0
      local.get 1
      i32.mul
    )
    (func (;4;) (type 2) (param $tag i32) (param $x i32) (param $y i32) (result i32)
      (local $r i64)
      block $done
        block $neg
          block $mul
            block $sub
              block $add
                local.get $tag
                br_table $add $sub $mul $neg
              end
              local.get $x
              i64.extend_i32_s
              local.get $y
              i64.extend_i32_s
              i64.add
              local.set $r
              br $done
            end
            local.get $x
            i64.extend_i32_s
            local.get $y
            i64.extend_i32_s
            i64.sub
            local.set $r
            br $done
          end
          local.get $x
          i64.extend_i32_s
          local.get $y
          i64.extend_i32_s
          i64.mul
          local.set $r
          br $done
        end
        i64.const 0
        local.get $x
        i64.extend_i32_s
        i64.sub
        local.set $r
      end
      local.get $r
      local.get $r
      i32.wrap_i64
      i64.extend_i32_s
      i64.eq
      if ;; label = @1
        i32.const 16
        i32.const 0
        i32.store8
        i32.const 20
        local.get $r
        i32.wrap_i64
        i32.store
      else
        i32.const 16
        i32.const 1
        i32.store8
        i32.const 20
        i32.const 0
        i32.store8
      end
      i32.const 16
    )
    (@producers
      (processed-by "wit-component" "0.262.0")
    )
  )
  (type (;0;) (record (field "a" s32) (field "b" s32)))
  (type (;1;) (variant (case "add" 0) (case "sub" 0) (case "mul" 0) (case "negate" s32)))
  (type (;2;) (enum "overflow"))
  (core instance $main (;0;) (instantiate $main))
  (alias core export $main "memory" (core memory $memory (;0;)))
  (type (;3;) (func (param "a" s32) (param "b" s32) (result s32)))
  (alias core export $main "patchbay:samples/calc#add" (core func $patchbay:samples/calc#add (;0;)))
  (func $add (;0;) (type 3) (canon lift (core func $patchbay:samples/calc#add)))
  (alias core export $main "patchbay:samples/calc#sub" (core func $patchbay:samples/calc#sub (;1;)))
  (func $sub (;1;) (type 3) (canon lift (core func $patchbay:samples/calc#sub)))
  (alias core export $main "patchbay:samples/calc#mul" (core func $patchbay:samples/calc#mul (;2;)))
  (func $mul (;2;) (type 3) (canon lift (core func $patchbay:samples/calc#mul)))
  (type (;4;) (result s32 (error 2)))
  (type (;5;) (func (param "o" 1) (result 4)))
  (alias core export $main "patchbay:samples/calc#eval" (core func $patchbay:samples/calc#eval (;3;)))
  (func $eval (;3;) (type 5) (canon lift (core func $patchbay:samples/calc#eval) (memory $memory)))
  (component $patchbay:samples/calc-shim-component (;0;)
    (type (;0;) (func (param "a" s32) (param "b" s32) (result s32)))
    (import "import-func-add" (func (;0;) (type 0)))
    (import "import-func-sub" (func (;1;) (type 0)))
    (import "import-func-mul" (func (;2;) (type 0)))
    (type (;1;) (record (field "a" s32) (field "b" s32)))
    (import "import-type-operands" (type (;2;) (eq 1)))
    (type (;3;) (variant (case "add" 2) (case "sub" 2) (case "mul" 2) (case "negate" s32)))
    (import "import-type-op" (type (;4;) (eq 3)))
    (type (;5;) (enum "overflow"))
    (import "import-type-calc-error" (type (;6;) (eq 5)))
    (type (;7;) (result s32 (error 6)))
    (type (;8;) (func (param "o" 4) (result 7)))
    (import "import-func-eval" (func (;3;) (type 8)))
    (type (;9;) (record (field "a" s32) (field "b" s32)))
    (export (;10;) "operands" (type 9))
    (type (;11;) (variant (case "add" 10) (case "sub" 10) (case "mul" 10) (case "negate" s32)))
    (export (;12;) "op" (type 11))
    (type (;13;) (enum "overflow"))
    (export (;14;) "calc-error" (type 13))
    (type (;15;) (func (param "a" s32) (param "b" s32) (result s32)))
    (export (;4;) "add" (func 0) (func (type 15)))
    (export (;5;) "sub" (func 1) (func (type 15)))
    (export (;6;) "mul" (func 2) (func (type 15)))
    (type (;16;) (result s32 (error 14)))
    (type (;17;) (func (param "o" 12) (result 16)))
    (export (;7;) "eval" (func 3) (func (type 17)))
  )
  (instance $patchbay:samples/calc-shim-instance (;0;) (instantiate $patchbay:samples/calc-shim-component
      (with "import-func-add" (func $add))
      (with "import-func-sub" (func $sub))
      (with "import-func-mul" (func $mul))
      (with "import-func-eval" (func $eval))
      (with "import-type-operands" (type 0))
      (with "import-type-op" (type 1))
      (with "import-type-calc-error" (type 2))
    )
  )
  (export $patchbay:samples/calc (;1;) "patchbay:samples/calc" (instance $patchbay:samples/calc-shim-instance))
  (@producers
    (processed-by "wit-component" "0.262.0")
  )
)
