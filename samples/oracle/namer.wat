(component
  (core module $main (;0;)
    (type (;0;) (func (param i32 i32 i32 i32) (result i32)))
    (type (;1;) (func (result i32)))
    (memory (;0;) 1)
    (export "memory" (memory 0))
    (export "cabi_realloc" (func 0))
    (export "patchbay:samples/name#name" (func 1))
    (func (;0;) (type 0) (param i32 i32 i32 i32) (result i32)
      unreachable
    )
    (func (;1;) (type 1) (result i32)
      i32.const 16
      i32.const 1024
      i32.store
      i32.const 20
      i32.const 8
      i32.store
      i32.const 16
    )
    (data (;0;) (i32.const 1024) "Patchbay")
    (@producers
      (processed-by "wit-component" "0.262.0")
    )
  )
  (core instance $main (;0;) (instantiate $main))
  (alias core export $main "memory" (core memory $memory (;0;)))
  (type (;0;) (func (result string)))
  (alias core export $main "patchbay:samples/name#name" (core func $patchbay:samples/name#name (;0;)))
  (func $name (;0;) (type 0) (canon lift (core func $patchbay:samples/name#name) (memory $memory) string-encoding=utf8))
  (component $patchbay:samples/name-shim-component (;0;)
    (type (;0;) (func (result string)))
    (import "import-func-name" (func (;0;) (type 0)))
    (type (;1;) (func (result string)))
    (export (;1;) "name" (func 0) (func (type 1)))
  )
  (instance $patchbay:samples/name-shim-instance (;0;) (instantiate $patchbay:samples/name-shim-component
      (with "import-func-name" (func $name))
    )
  )
  (export $patchbay:samples/name (;1;) "patchbay:samples/name" (instance $patchbay:samples/name-shim-instance))
  (@producers
    (processed-by "wit-component" "0.262.0")
  )
)
