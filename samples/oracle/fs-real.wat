(component
  (core module $main (;0;)
    (type (;0;) (func (param i32) (result i32)))
    (export "patchbay:samples/files#read" (func 0))
    (func (;0;) (type 0) (param $k i32) (result i32)
      local.get $k
      i32.const 10
      i32.mul
    )
    (@producers
      (processed-by "wit-component" "0.262.0")
    )
  )
  (core instance $main (;0;) (instantiate $main))
  (type (;0;) (func (param "key" u32) (result u32)))
  (alias core export $main "patchbay:samples/files#read" (core func $patchbay:samples/files#read (;0;)))
  (func $read (;0;) (type 0) (canon lift (core func $patchbay:samples/files#read)))
  (component $patchbay:samples/files-shim-component (;0;)
    (type (;0;) (func (param "key" u32) (result u32)))
    (import "import-func-read" (func (;0;) (type 0)))
    (type (;1;) (func (param "key" u32) (result u32)))
    (export (;1;) "read" (func 0) (func (type 1)))
  )
  (instance $patchbay:samples/files-shim-instance (;0;) (instantiate $patchbay:samples/files-shim-component
      (with "import-func-read" (func $read))
    )
  )
  (export $patchbay:samples/files (;1;) "patchbay:samples/files" (instance $patchbay:samples/files-shim-instance))
  (@producers
    (processed-by "wit-component" "0.262.0")
  )
)
