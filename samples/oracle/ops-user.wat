(component
  (type $ty-patchbay:samples/ops (;0;)
    (instance
      (type (;0;) (func (param "a" s32) (param "b" s32) (result s32)))
      (export (;0;) "add" (func (type 0)))
    )
  )
  (import "patchbay:samples/ops" (instance $patchbay:samples/ops (;0;) (type $ty-patchbay:samples/ops)))
  (core module $main (;0;)
    (type (;0;) (func (param i32 i32) (result i32)))
    (type (;1;) (func (result i32)))
    (import "patchbay:samples/ops" "add" (func $add (;0;) (type 0) (param i32 i32) (result i32)))
    (export "run" (func 1))
    (func (;1;) (type 1) (result i32)
      i32.const 40
      i32.const 2
      call $add
    )
    (@producers
      (processed-by "wit-component" "0.262.0")
    )
  )
  (alias export $patchbay:samples/ops "add" (func $add (;0;)))
  (core func $add (;0;) (canon lower (func $add)))
  (core instance $patchbay:samples/ops (;0;)
    (export "add" (func $add))
  )
  (core instance $main (;1;) (instantiate $main
      (with "patchbay:samples/ops" (instance $patchbay:samples/ops))
    )
  )
  (type (;1;) (func (result s32)))
  (alias core export $main "run" (core func $run (;1;)))
  (func $run (;1;) (type 1) (canon lift (core func $run)))
  (export $"#func2 run" (@name "run") (;2;) "run" (func $run))
  (@producers
    (processed-by "wit-component" "0.262.0")
  )
)
