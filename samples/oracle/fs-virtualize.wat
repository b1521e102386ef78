(component
  (type $ty-patchbay:samples/files (;0;)
    (instance
      (type (;0;) (func (param "key" u32) (result u32)))
      (export (;0;) "read" (func (type 0)))
    )
  )
  (import "patchbay:samples/files" (instance $patchbay:samples/files (;0;) (type $ty-patchbay:samples/files)))
  (core module $main (;0;)
    (type (;0;) (func (param i32) (result i32)))
    (import "patchbay:samples/files" "read" (func $real-read (;0;) (type 0) (param i32) (result i32)))
    (export "patchbay:samples/files#read" (func 1))
    (func (;1;) (type 0) (param $k i32) (result i32)
      local.get $k
      call $real-read
      i32.const 1000
      i32.add
    )
    (@producers
      (processed-by "wit-component" "0.262.0")
    )
  )
  (alias export $patchbay:samples/files "read" (func $read (;0;)))
  (core func $read (;0;) (canon lower (func $read)))
  (core instance $patchbay:samples/files (;0;)
    (export "read" (func $read))
  )
  (core instance $main (;1;) (instantiate $main
      (with "patchbay:samples/files" (instance $patchbay:samples/files))
    )
  )
  (type (;1;) (func (param "key" u32) (result u32)))
  (alias core export $main "patchbay:samples/files#read" (core func $patchbay:samples/files#read (;1;)))
  (func $"#func1 read" (@name "read") (;1;) (type 1) (canon lift (core func $patchbay:samples/files#read)))
  (component $patchbay:samples/files-shim-component (;0;)
    (type (;0;) (func (param "key" u32) (result u32)))
    (import "import-func-read" (func (;0;) (type 0)))
    (type (;1;) (func (param "key" u32) (result u32)))
    (export (;1;) "read" (func 0) (func (type 1)))
  )
  (instance $patchbay:samples/files-shim-instance (;1;) (instantiate $patchbay:samples/files-shim-component
      (with "import-func-read" (func $"#func1 read"))
    )
  )
  (export $"#instance2 patchbay:samples/files" (@name "patchbay:samples/files") (;2;) "patchbay:samples/files" (instance $patchbay:samples/files-shim-instance))
  (@producers
    (processed-by "wit-component" "0.262.0")
  )
)
