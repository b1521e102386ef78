;; Core module for ops-s64: add on i64.
(module
  (func (export "patchbay:samples/ops#add") (param i64 i64) (result i64)
    (i64.add (local.get 0) (local.get 1)))
)
