;; The application library: `run` calls libcounter's `next` (an env import
;; the linker resolves) and reads the counter through its GOT.mem address.
(module
  (@dylink.0
    (mem-info (memory 0 2))
    (needed "libcounter.so"))
  (import "env" "memory" (memory 1))
  (import "env" "next" (func $next (result i32)))
  (import "GOT.mem" "counter" (global $counter (mut i32)))
  (func (export "run") (result i32)
    (drop (call $next))
    (i32.add (call $next) (i32.load (global.get $counter)))))
