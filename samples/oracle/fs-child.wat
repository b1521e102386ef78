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
    (type (;1;) (func (result i32)))
    (import "patchbay:samples/files" "read" (func $read (;0;) (type 0) (param i32) (result i32)))
    (export "run" (func 1))
    (func (;1;) (type 1) (result i32)
      i32.const 1
      call $read
      i32.const 2
      call $read
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
  (type (;1;) (func (result u32)))
  (alias core export $main "run" (core func $run (;1;)))
  (func $run (;1;) (type 1) (canon lift (core func $run)))
  (export $"#func2 run" (@name "run") (;2;) "run" (func $run))
  (@producers
    (processed-by "wit-component" "0.262.0")
  )
)
