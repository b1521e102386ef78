(component
  (core module $main (;0;)
    (type (;0;) (func (param i64 i64) (result i64)))
    (export "patchbay:samples/ops#add" (func 0))
    (func (;0;) (type 0) (param i64 i64) (result i64)
      local.get 0
      local.get 1
      i64.add
    )
    (@producers
      (processed-by "wit-component" "0.262.0")
    )
  )
  (core instance $main (;0;) (instantiate $main))
  (type (;0;) (func (param "a" s64) (param "b" s64) (result s64)))
  (alias core export $main "patchbay:samples/ops#add" (core func $patchbay:samples/ops#add (;0;)))
  (func $add (;0;) (type 0) (canon lift (core func $patchbay:samples/ops#add)))
  (component $patchbay:samples/ops-shim-component (;0;)
    (type (;0;) (func (param "a" s64) (param "b" s64) (result s64)))
    (import "import-func-add" (func (;0;) (type 0)))
    (type (;1;) (func (param "a" s64) (param "b" s64) (result s64)))
    (export (;1;) "add" (func 0) (func (type 1)))
  )
  (instance $patchbay:samples/ops-shim-instance (;0;) (instantiate $patchbay:samples/ops-shim-component
      (with "import-func-add" (func $add))
    )
  )
  (export $patchbay:samples/ops (;1;) "patchbay:samples/ops" (instance $patchbay:samples/ops-shim-instance))
  (@producers
    (processed-by "wit-component" "0.262.0")
  )
)
