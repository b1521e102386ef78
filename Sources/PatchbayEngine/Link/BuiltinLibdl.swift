import WAT

/// The `libdl.so` that `--use-built-in-libdl` links in: `dlopen`, `dlsym`,
/// `dlclose` and `dlerror` over the lookup table the linker writes
/// (`DlopenTable`, found through `GOT.mem.__wasm_libdl_libraries`).
/// Nothing is loaded at run time: `dlopen` finds one of the dl-openable
/// libraries already linked in, `dlsym` one of its exports (a function's
/// table slot, or a global's address).
///
/// It is written here as text and assembled when asked for; it needs nothing
/// from a libc (unlike wit-component's, which takes `strlen` and `memcmp`
/// from `libc.so`), so it links with any set of libraries. Its data, at its
/// `__memory_base`: the pending error (a pointer, 0 for none), then the
/// error messages.
enum BuiltinLibdl {
    static let name = "libdl.so"

    static let messages = [
        "handle": "invalid library handle",
        "library": "library not found",
        "symbol": "symbol not found",
        "flags": "dlopen flags other than RTLD_LAZY, RTLD_NOW and RTLD_GLOBAL are not supported",
        "special": "dlsym with RTLD_DEFAULT or RTLD_NEXT is not supported",
    ]

    /// The library: a core module with a `dylink.0` section.
    static func module() throws(LinkError) -> [UInt8] {
        // The error cell, then each message NUL-terminated.
        var data: [UInt8] = [0, 0, 0, 0]
        var offsets: [String: Int] = [:]
        for key in messages.keys.sorted() {
            offsets[key] = data.count
            data += Array(messages[key, default: ""].utf8) + [0]
        }
        func off(_ key: String) -> Int { offsets[key] ?? 0 }
        let escaped = data.map { "\\" + String($0, radix: 16).leftPadded(2) }.joined()
        // `flags` may only hold RTLD_LAZY (1), RTLD_NOW (2) and RTLD_GLOBAL (256).
        let text = """
        (module
          (import "env" "memory" (memory 0))
          (import "env" "__memory_base" (global $base i32))
          (import "GOT.mem" "__wasm_libdl_libraries" (global $libraries (mut i32)))
          ;; Records the message at `msg` (an offset in this library's data) for dlerror.
          (func $fail (param $msg i32) (result i32)
            (i32.store (global.get $base) (i32.add (global.get $base) (local.get $msg)))
            (i32.const 0))
          (func $strlen (param $p i32) (result i32) (local $n i32)
            (block $done (loop $next
              (br_if $done (i32.eqz (i32.load8_u (i32.add (local.get $p) (local.get $n)))))
              (local.set $n (i32.add (local.get $n) (i32.const 1)))
              (br $next)))
            (local.get $n))
          ;; Byte-wise order of two names, as the table is sorted: <0, 0 or >0.
          (func $compare (param $a i32) (param $alen i32) (param $b i32) (param $blen i32) (result i32)
            (local $i i32) (local $min i32) (local $x i32) (local $y i32)
            (local.set $min (select (local.get $alen) (local.get $blen) (i32.lt_u (local.get $alen) (local.get $blen))))
            (block $done (loop $next
              (br_if $done (i32.ge_u (local.get $i) (local.get $min)))
              (local.set $x (i32.load8_u (i32.add (local.get $a) (local.get $i))))
              (local.set $y (i32.load8_u (i32.add (local.get $b) (local.get $i))))
              (if (i32.ne (local.get $x) (local.get $y)) (then (return (i32.sub (local.get $x) (local.get $y)))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $next)))
            (i32.sub (i32.gt_u (local.get $alen) (local.get $blen)) (i32.lt_u (local.get $alen) (local.get $blen))))
          ;; Binary search of `count` rows of `stride` bytes that start with
          ;; {name_len, name_ptr}: the row named `key` (a C string), or 0.
          (func $find (param $rows i32) (param $count i32) (param $stride i32) (param $key i32) (result i32)
            (local $len i32) (local $lo i32) (local $hi i32) (local $mid i32) (local $row i32) (local $c i32)
            (local.set $len (call $strlen (local.get $key)))
            (local.set $hi (local.get $count))
            (block $done (loop $next
              (br_if $done (i32.ge_u (local.get $lo) (local.get $hi)))
              (local.set $mid (i32.add (local.get $lo) (i32.shr_u (i32.sub (local.get $hi) (local.get $lo)) (i32.const 1))))
              (local.set $row (i32.add (local.get $rows) (i32.mul (local.get $mid) (local.get $stride))))
              (local.set $c (call $compare (i32.load offset=4 (local.get $row)) (i32.load (local.get $row)) (local.get $key) (local.get $len)))
              (if (i32.eqz (local.get $c)) (then (return (local.get $row))))
              (if (i32.lt_s (local.get $c) (i32.const 0))
                (then (local.set $lo (i32.add (local.get $mid) (i32.const 1))))
                (else (local.set $hi (local.get $mid))))
              (br $next)))
            (i32.const 0))
          ;; A handle is the address of one of the 16-byte library rows.
          (func $valid (param $h i32) (result i32) (local $first i32) (local $delta i32)
            (local.set $first (i32.load offset=4 (global.get $libraries)))
            (if (i32.lt_u (local.get $h) (local.get $first)) (then (return (i32.const 0))))
            (local.set $delta (i32.sub (local.get $h) (local.get $first)))
            (i32.and
              (i32.lt_u (i32.shr_u (local.get $delta) (i32.const 4)) (i32.load (global.get $libraries)))
              (i32.eqz (i32.and (local.get $delta) (i32.const 15)))))
          (func (export "dlopen") (param $name i32) (param $flags i32) (result i32) (local $lib i32)
            (if (i32.and (local.get $flags) (i32.const -260))
              (then (return (call $fail (i32.const \(off("flags")))))))
            (local.set $lib (call $find (i32.load offset=4 (global.get $libraries)) (i32.load (global.get $libraries)) (i32.const 16) (local.get $name)))
            (if (i32.eqz (local.get $lib)) (then (return (call $fail (i32.const \(off("library")))))))
            (local.get $lib))
          (func (export "dlsym") (param $h i32) (param $name i32) (result i32) (local $sym i32)
            (if (i32.or (i32.eqz (local.get $h)) (i32.eq (local.get $h) (i32.const -1)))
              (then (return (call $fail (i32.const \(off("special")))))))
            (if (i32.eqz (call $valid (local.get $h))) (then (return (call $fail (i32.const \(off("handle")))))))
            (local.set $sym (call $find (i32.load offset=12 (local.get $h)) (i32.load offset=8 (local.get $h)) (i32.const 12) (local.get $name)))
            (if (i32.eqz (local.get $sym)) (then (return (call $fail (i32.const \(off("symbol")))))))
            (i32.load offset=8 (local.get $sym)))
          (func (export "dlclose") (param $h i32) (result i32)
            (if (result i32) (call $valid (local.get $h))
              (then (i32.const 0))
              (else (drop (call $fail (i32.const \(off("handle"))))) (i32.const -1))))
          (func (export "dlerror") (result i32) (local $e i32)
            (local.set $e (i32.load (global.get $base)))
            (i32.store (global.get $base) (i32.const 0))
            (local.get $e))
          (data (global.get $base) "\(escaped)"))
        """
        let body: [UInt8]
        do { body = try wat2wasm(text, features: .all) } catch {
            throw LinkError("the built-in libdl does not assemble: \(error)")
        }
        // dylink.0 with one mem-info subsection: data size, 2^2 alignment, no table.
        var info = ByteWriter()
        info.u32(UInt32(data.count)); info.u32(2); info.u32(0); info.u32(0)
        var payload = ByteWriter()
        payload.name("dylink.0")
        payload.byte(1); payload.u32(UInt32(info.bytes.count)); payload.append(info.bytes)
        var section = ByteWriter()
        section.byte(0); section.u32(UInt32(payload.bytes.count)); section.append(payload.bytes)
        // `dylink.0` must be the module's first section.
        return Array(body.prefix(8)) + section.bytes + Array(body.dropFirst(8))
    }
}

private extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
