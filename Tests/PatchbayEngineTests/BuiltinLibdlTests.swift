import Foundation
import Testing
@testable import PatchbayEngine

/// `link --use-built-in-libdl`: Patchbay's own libdl.so, run under wasmtime.
/// Two small libraries (text below, embedded with the oracle): `plugin` is
/// dl-openable and has a function `seven` and a global `answer` whose data
/// holds 42; `app` finds both through `dlopen`/`dlsym` and checks the
/// error paths. The expected values follow from the libraries' text, not
/// from Patchbay.
@Suite("built-in libdl", .enabled(if: OracleTools.enabled && Corpus.enabled, "needs the oracle (wasm-tools, python with wasmtime) and the corpus (run_case.py)"))
struct BuiltinLibdlTests {
    static let wit = """
    package test:dl;
    world plugin {}
    world app {
      export answer: func() -> s32;
      export seven: func() -> s32;
      export errors: func() -> s32;
    }
    """

    static let plugin = #"""
    (module
      (@dylink.0 (mem-info (memory 4 2)))
      (import "env" "memory" (memory 0))
      (import "env" "__memory_base" (global $base i32))
      (func (export "seven") (result i32) i32.const 7)
      (global (export "answer") i32 (i32.const 0))
      (data (global.get $base) "\2a\00\00\00"))
    """#

    static let app = #"""
    (module
      (@dylink.0 (mem-info (memory 32 0)))
      (import "env" "memory" (memory 0))
      (import "env" "__indirect_function_table" (table 0 funcref))
      (import "env" "__memory_base" (global $base i32))
      (import "env" "dlopen" (func $dlopen (param i32 i32) (result i32)))
      (import "env" "dlsym" (func $dlsym (param i32 i32) (result i32)))
      (import "env" "dlerror" (func $dlerror (result i32)))
      (import "env" "dlclose" (func $dlclose (param i32) (result i32)))
      (type $thunk (func (result i32)))
      (func $at (param i32) (result i32) (i32.add (global.get $base) (local.get 0)))
      (func $plugin (result i32) (call $dlopen (call $at (i32.const 0)) (i32.const 2)))
      (func (export "answer") (result i32)
        (i32.load (call $dlsym (call $plugin) (call $at (i32.const 7)))))
      (func (export "seven") (result i32)
        (call_indirect (type $thunk) (call $dlsym (call $plugin) (call $at (i32.const 14)))))
      ;; one bit per check that behaves as dlopen/dlsym should
      (func (export "errors") (result i32) (local $bits i32) (local $h i32)
        (if (i32.eqz (call $dlopen (call $at (i32.const 20)) (i32.const 2))) (then (local.set $bits (i32.or (local.get $bits) (i32.const 1)))))
        (if (i32.ne (call $dlerror) (i32.const 0)) (then (local.set $bits (i32.or (local.get $bits) (i32.const 2)))))
        (if (i32.eqz (call $dlerror)) (then (local.set $bits (i32.or (local.get $bits) (i32.const 4)))))
        (local.set $h (call $plugin))
        (if (i32.eqz (call $dlsym (local.get $h) (call $at (i32.const 25)))) (then (local.set $bits (i32.or (local.get $bits) (i32.const 8)))))
        (if (i32.eqz (call $dlclose (local.get $h))) (then (local.set $bits (i32.or (local.get $bits) (i32.const 16)))))
        (if (i32.eq (call $dlclose (i32.add (local.get $h) (i32.const 4))) (i32.const -1)) (then (local.set $bits (i32.or (local.get $bits) (i32.const 32)))))
        (if (i32.eqz (call $dlopen (call $at (i32.const 0)) (i32.const 4096))) (then (local.set $bits (i32.or (local.get $bits) (i32.const 64)))))
        (local.get $bits))
      (data (global.get $base) "plugin\00answer\00seven\00nope\00nosuch\00"))
    """#

    /// The oracle's `component embed` of `text` (core module text with `@dylink.0`).
    static func embed(_ text: String, world: String) throws -> [UInt8] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-libdl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try wit.write(to: dir.appendingPathComponent("dl.wit"), atomically: true, encoding: .utf8)
        try text.write(to: dir.appendingPathComponent("lib.wat"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("lib.wasm")
        let r = try OracleTools.run(OracleTools.wasmTools, ["component", "embed", dir.appendingPathComponent("dl.wit").path, "--world", world, dir.appendingPathComponent("lib.wat").path, "-o", out.path])
        guard r.status == 0 else { throw LinkError("embed failed: \(r.output)") }
        return Array(try Data(contentsOf: out))
    }

    @Test("dlopen and dlsym find a dl-openable library's function and global; errors are reported and cleared")
    func runs() throws {
        var options = Linker.Options()
        options.useBuiltInLibdl = true
        let bytes = try Linker.link([
            Linker.Library(name: "app", bytes: try Self.embed(Self.app, world: "app")),
            Linker.Library(name: "plugin", bytes: try Self.embed(Self.plugin, world: "plugin"), dlOpenable: true),
        ], options: options)
        let v = try OracleTools.validate(bytes)
        #expect(v.ok, "\(v.message)")
        let url = OracleTools.temporaryFile("wasm")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let r = try OracleTools.run(OracleTools.python, [Corpus.url("compose/run_case.py").path, url.path, "--trap-imports", "answer=[]", "seven=[]", "errors=[]"])
        // errors = 127: all seven checks in `app` hold (unknown library → 0;
        // dlerror set, then cleared; unknown symbol → 0; dlclose of a handle
        // → 0, of a non-handle → -1; unsupported flags → 0).
        #expect(r.output.trimmingCharacters(in: .whitespacesAndNewlines) == """
        {"call": "answer", "args": [], "result": 42}
        {"call": "seven", "args": [], "result": 7}
        {"call": "errors", "args": [], "result": 127}
        """, "\(r.output)")
    }

    @Test("the built-in libdl is a dynamic library that needs nothing else")
    func standsAlone() throws {
        let lib = try LinkLibrary(name: BuiltinLibdl.name, bytes: try BuiltinLibdl.module(), dlOpenable: false)
        #expect(lib.dylink.needed.isEmpty)
        #expect(lib.envFunctions.isEmpty)
        #expect(Set(lib.exports.map(\.name)) == ["dlopen", "dlsym", "dlclose", "dlerror"])
        #expect(lib.dylink.memorySize > 4)
        // A library named libdl.so next to the built-in one is refused clearly.
        var options = Linker.Options()
        options.useBuiltInLibdl = true
        #expect(throws: LinkError.self) { _ = try Linker.link([Linker.Library(name: "libdl.so", bytes: try BuiltinLibdl.module())], options: options) }
    }
}
