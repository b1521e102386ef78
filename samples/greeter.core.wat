;; Core module for the greeter sample (wrapped by `component embed` + `component new`).
;; greet(name) = "Hello, " ++ name ++ "!"
(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))

  ;; bump allocator; never frees (enough for a sample)
  (func $realloc (export "cabi_realloc")
        (param $old i32) (param $oldsz i32) (param $align i32) (param $newsz i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $newsz)))
    (block $ok
      (br_if $ok (i32.le_u (global.get $heap) (i32.shl (memory.size) (i32.const 16))))
      (drop (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $heap) (i32.shl (memory.size) (i32.const 16)))
                                             (i32.const 16))
                                  (i32.const 1)))))
    (if (local.get $old)
      (then (memory.copy (local.get $p) (local.get $old)
              (select (local.get $oldsz) (local.get $newsz) (i32.lt_u (local.get $oldsz) (local.get $newsz))))))
    (local.get $p))

  (data (i32.const 1024) "Hello, ")   ;; 7 bytes
  (data (i32.const 1040) "!")         ;; 1 byte

  ;; lifted as greet: func(name: string) -> string
  ;; params: (ptr, len) of the name; result: pointer to a (ptr, len) pair at 16
  (func (export "patchbay:samples/greet#greet") (param $p i32) (param $n i32) (result i32)
    (local $out i32) (local $total i32)
    (local.set $total (i32.add (local.get $n) (i32.const 8)))
    (local.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $total)))
    (memory.copy (local.get $out) (i32.const 1024) (i32.const 7))
    (memory.copy (i32.add (local.get $out) (i32.const 7)) (local.get $p) (local.get $n))
    (memory.copy (i32.add (local.get $out) (i32.add (local.get $n) (i32.const 7))) (i32.const 1040) (i32.const 1))
    (i32.store (i32.const 16) (local.get $out))
    (i32.store (i32.const 20) (local.get $total))
    (i32.const 16))
)
