(component
  (type $ty-patchbay:samples/name (;0;)
    (instance
      (type (;0;) (func (result string)))
      (export (;0;) "name" (func (type 0)))
    )
  )
  (import "patchbay:samples/name" (instance $patchbay:samples/name (;0;) (type $ty-patchbay:samples/name)))
  (core module $main (;0;)
    (type (;0;) (func (param i32)))
    (type (;1;) (func (param i32 i32 i32 i32) (result i32)))
    (type (;2;) (func (result i32)))
    (import "patchbay:samples/name" "name" (func $name (;0;) (type 0) (param i32)))
    (memory (;0;) 1)
    (global $heap (;0;) (mut i32) i32.const 4096)
    (export "memory" (memory 0))
    (export "cabi_realloc" (func $realloc))
    (export "greet" (func 2))
    (func $realloc (;1;) (type 1) (param $old i32) (param $oldsz i32) (param $align i32) (param $newsz i32) (result i32)
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
      local.get $p
    )
    (func (;2;) (type 2) (result i32)
      (local $p i32) (local $n i32) (local $out i32)
      i32.const 32
      call $name
      i32.const 32
      i32.load
      local.set $p
      i32.const 36
      i32.load
      local.set $n
      i32.const 0
      i32.const 0
      i32.const 1
      local.get $n
      i32.const 8
      i32.add
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
      local.get $n
      i32.const 8
      i32.add
      i32.store
      i32.const 16
    )
    (data (;0;) (i32.const 1024) "Hello, ")
    (data (;1;) (i32.const 1040) "!")
    (@producers
      (processed-by "wit-component" "0.262.0")
    )
  )
  (core module $wit-component-shim-module (;1;)
    (type (;0;) (func (param i32)))
    (table (;0;) 1 1 funcref)
    (export "0" (func $indirect-patchbay:samples/name-name))
    (export "$imports" (table 0))
    (func $indirect-patchbay:samples/name-name (;0;) (type 0) (param i32)
      local.get 0
      i32.const 0
      call_indirect (type 0)
    )
    (@producers
      (processed-by "wit-component" "0.262.0")
    )
  )
  (core instance $wit-component-shim-instance (;0;) (instantiate $wit-component-shim-module))
  (alias core export $wit-component-shim-instance "0" (core func $indirect-patchbay:samples/name-name (;0;)))
  (core instance $patchbay:samples/name (;1;)
    (export "name" (func $indirect-patchbay:samples/name-name))
  )
  (core instance $main (;2;) (instantiate $main
      (with "patchbay:samples/name" (instance $patchbay:samples/name))
    )
  )
  (alias core export $main "memory" (core memory $memory (;0;)))
  (core module $wit-component-fixup (;2;)
    (type (;0;) (func (param i32)))
    (import "actual" "0" (func $0 (;0;) (type 0) (param i32)))
    (import "shim" "$imports" (table (;0;) 1 1 funcref))
    (elem (;0;) (i32.const 0) func $0)
    (@producers
      (processed-by "wit-component" "0.262.0")
    )
  )
  (alias export $patchbay:samples/name "name" (func $name (;0;)))
  (alias core export $main "cabi_realloc" (core func $cabi_realloc (;1;)))
  (core func $"#core-func2 indirect-patchbay:samples/name-name" (@name "indirect-patchbay:samples/name-name") (;2;) (canon lower (func $name) (memory $memory) (realloc $cabi_realloc) string-encoding=utf8))
  (core instance $actual (;3;)
    (export "0" (func $"#core-func2 indirect-patchbay:samples/name-name"))
  )
  (core instance $fixup (;4;) (instantiate $wit-component-fixup
      (with "actual" (instance $actual))
      (with "shim" (instance $wit-component-shim-instance))
    )
  )
  (type (;1;) (func (result string)))
  (alias core export $main "greet" (core func $greet (;3;)))
  (func $greet (;1;) (type 1) (canon lift (core func $greet) (memory $memory) string-encoding=utf8))
  (export $"#func2 greet" (@name "greet") (;2;) "greet" (func $greet))
  (@producers
    (processed-by "wit-component" "0.262.0")
  )
)
