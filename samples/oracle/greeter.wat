(component
  (core module $main (;0;)
    (type (;0;) (func (param i32 i32 i32 i32) (result i32)))
    (type (;1;) (func (param i32 i32) (result i32)))
    (memory (;0;) 1)
    (global $heap (;0;) (mut i32) i32.const 4096)
    (export "memory" (memory 0))
    (export "cabi_realloc" (func $realloc))
    (export "patchbay:samples/greet#greet" (func 1))
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
    (func (;1;) (type 1) (param $p i32) (param $n i32) (result i32)
      (local $out i32) (local $total i32)
      local.get $n
      i32.const 8
      i32.add
      local.set $total
      i32.const 0
      i32.const 0
      i32.const 1
      local.get $total
      call $realloc
      local.set $out
      local.get $out
      i32.const 1024
      i32.const 7
      memory.copy
      local.get $out
      i32.const 7
      i32.add
      local.get $p
      local.get $n
      memory.copy
      local.get $out
      local.get $n
      i32.const 7
      i32.add
      i32.add
      i32.const 1040
      i32.const 1
      memory.copy
      i32.const 16
      local.get $out
      i32.store
      i32.const 20
      local.get $total
      i32.store
      i32.const 16
    )
    (data (;0;) (i32.const 1024) "Hello, ")
    (data (;1;) (i32.const 1040) "!")
    (@producers
      (processed-by "wit-component" "0.262.0")
    )
  )
  (core instance $main (;0;) (instantiate $main))
  (alias core export $main "memory" (core memory $memory (;0;)))
  (type (;0;) (func (param "name" string) (result string)))
  (alias core export $main "patchbay:samples/greet#greet" (core func $patchbay:samples/greet#greet (;0;)))
  (alias core export $main "cabi_realloc" (core func $cabi_realloc (;1;)))
  (func $greet (;0;) (type 0) (canon lift (core func $patchbay:samples/greet#greet) (memory $memory) (realloc $cabi_realloc) string-encoding=utf8))
  (component $patchbay:samples/greet-shim-component (;0;)
    (type (;0;) (func (param "name" string) (result string)))
    (import "import-func-greet" (func (;0;) (type 0)))
    (type (;1;) (func (param "name" string) (result string)))
    (export (;1;) "greet" (func 0) (func (type 1)))
  )
  (instance $patchbay:samples/greet-shim-instance (;0;) (instantiate $patchbay:samples/greet-shim-component
      (with "import-func-greet" (func $greet))
    )
  )
  (export $patchbay:samples/greet (;1;) "patchbay:samples/greet" (instance $patchbay:samples/greet-shim-instance))
  (@producers
    (processed-by "wit-component" "0.262.0")
  )
)
