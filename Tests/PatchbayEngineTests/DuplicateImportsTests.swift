import Foundation
import Testing
@testable import PatchbayEngine

/// A module that imports one (module, name) pair several times: `new`,
/// `new --adapt` and `link` rename the later copies (`name [v2]`, ...) and
/// give each copy what the first gets. The modules below are written here;
/// the oracle embeds their worlds, validates the components and runs them
/// under wasmtime, where the host's functions return known numbers, so a
/// copy wired to the wrong function changes the result.
@Suite("duplicate imports")
struct DuplicateImportsTests {
    // MARK: the rewrite itself

    /// A module importing `m::f` three times and `m::f [v2]` in between.
    static func writerModule() -> [UInt8] {
        var w = CoreModuleWriter()
        let t = CoreFuncType(params: [], results: [])
        _ = w.importFunction("m", "f", t)
        _ = w.importFunction("m", "f [v2]", t)
        _ = w.importFunction("m", "f", t)
        _ = w.importFunction("other", "f", t)
        _ = w.importFunction("m", "f", t)
        w.addFunction(.init(type: t, body: [0x10, 0x02]))  // call 2
        w.exports.append(("run", .function, 5))
        return w.encode()
    }

    @Test("later copies are renamed `name [vN]` in place, skipping names already taken; other sections are copied")
    func renames() throws {
        let module = Self.writerModule()
        let (bytes, renamed) = try DuplicateImports.rename(module)
        // "f [v2]" is taken by the module's own import, so the copies are v3 and v4.
        #expect(renamed == [
            .init(module: "m", name: "f [v3]", original: "f"),
            .init(module: "m", name: "f [v4]", original: "f"),
        ])
        let type = try CoreModuleReader.summarize(bytes[...], offset: 0).type
        #expect(type.imports.map { "\($0.module)::\($0.name)" } == ["m::f", "m::f [v2]", "m::f [v3]", "other::f", "m::f [v4]"])
        #expect(type.exports.map(\.name) == ["run"])
        // Every section but the imports is byte for byte the same.
        let before = try ModuleSections(module).sections.filter { $0.id != 2 }.map { Array($0.bytes) }
        let after = try ModuleSections(bytes).sections.filter { $0.id != 2 }.map { Array($0.bytes) }
        #expect(before == after)
        // A module without repeats is returned as it is.
        let (same, none) = try DuplicateImports.rename(bytes)
        #expect(same == bytes && none.isEmpty)
    }

    @Test("a malformed import section is an error with its offset, not a crash")
    func malformed() {
        let module = Self.writerModule()
        guard let imports = try? ModuleSections(module).sections.first(where: { $0.id == 2 }) else {
            Issue.record("the test module has no import section"); return
        }
        // The last import's kind byte (before its type index) made unknown;
        // the module's section framing still holds.
        var cut = module
        cut[imports.offset + imports.bytes.count - 2] = 0x07
        do {
            _ = try DuplicateImports.rename(cut)
            Issue.record("accepted an import of kind 0x07")
        } catch {
            #expect(error.message.contains("import section"), "\(error.message)")
        }
    }

    // MARK: wrapped and run

    static let wit = """
    package test:dedup;
    interface host {
      get-c: func() -> u32;
    }
    world app {
      import get-a: func() -> u32;
      import get-b: func() -> u32;
      import host;
      export run: func() -> u32;
    }
    world adapter {}
    """

    /// The host: get-a → 3, get-b → 5, get-c → 7.
    static let host = """
    HOST = {
        "": {"get-a": lambda store: 3, "get-b": lambda store: 5},
        "test:dedup/host": {"get-c": lambda store: 7},
    }
    """

    /// `run` = a + 10·a' + 100·b + 1000·c + 10000·c' (+ 100000·(ten(1) + ten'(2))
    /// with the adapter), where primes are the repeated imports.
    static func app(adapted: Bool) -> String {
        """
        (module
          (import "$root" "get-a" (func $a1 (result i32)))
          (import "$root" "get-b" (func $b (result i32)))
          (import "test:dedup/host" "get-c" (func $c1 (result i32)))
          (import "$root" "get-a" (func $a2 (result i32)))
          (import "test:dedup/host" "get-c" (func $c2 (result i32)))
          \(adapted ? """
          (import "old" "ten" (func $t1 (param i32) (result i32)))
          (import "old" "hundred" (func $h (param i32) (result i32)))
          (import "old" "ten" (func $t2 (param i32) (result i32)))
          """ : "")
          (memory (export "memory") 1)
          (func (export "run") (result i32)
            (i32.add (call $a1) (i32.mul (call $a2) (i32.const 10)))
            (i32.add (i32.mul (call $b) (i32.const 100)))
            (i32.add (i32.mul (call $c1) (i32.const 1000)))
            (i32.add (i32.mul (call $c2) (i32.const 10000)))
            \(adapted ? "(i32.add (i32.mul (i32.add (call $t1 (i32.const 1)) (call $t2 (i32.const 2))) (i32.const 100000)))" : "")
            \(adapted ? "(i32.add (i32.mul (call $h (i32.const 0)) (i32.const 0)))" : ""))
        )
        """
    }

    /// ten(x) = x + 10, hundred(x) = x + 100.
    static let adapter = """
    (module
      (func (export "ten") (param i32) (result i32) (i32.add (local.get 0) (i32.const 10)))
      (func (export "hundred") (param i32) (result i32) (i32.add (local.get 0) (i32.const 100))))
    """

    /// The oracle's `component embed` of module `text` with world `world`.
    static func embed(_ text: String, world: String) throws -> [UInt8] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-dedup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try wit.write(to: dir.appendingPathComponent("app.wit"), atomically: true, encoding: .utf8)
        try text.write(to: dir.appendingPathComponent("m.wat"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("m.wasm")
        let r = try OracleTools.run(OracleTools.wasmTools, ["component", "embed", dir.appendingPathComponent("app.wit").path, "--world", world, dir.appendingPathComponent("m.wat").path, "-o", out.path])
        guard r.status == 0 else { throw WrapError("embed failed: \(r.output)") }
        return Array(try Data(contentsOf: out))
    }

    /// Validates `component` with the oracle and returns `run`'s result line.
    static func run(_ component: [UInt8]) throws -> String {
        let v = try OracleTools.validate(component)
        #expect(v.ok, "the oracle rejects it: \(v.message)")
        let url = OracleTools.temporaryFile("wasm")
        let hostURL = OracleTools.temporaryFile("py")
        try Data(component).write(to: url)
        try host.write(to: hostURL, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url); try? FileManager.default.removeItem(at: hostURL) }
        let r = try OracleTools.run(OracleTools.python, [Corpus.url("compose/run_case.py").path, url.path, "--host-py", hostURL.path, "run=[]"])
        return r.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static var runnable: Bool { OracleTools.enabled && Corpus.enabled }

    @Test("`new`: repeated world and interface imports each call their own function", .enabled(if: runnable, "needs the oracle and the corpus (run_case.py)"))
    func plainNew() throws {
        let module = try Self.embed(Self.app(adapted: false), world: "app")
        // 3 + 30 + 500 + 7000 + 70000
        #expect(try Self.run(try ComponentWrapper.new(module: module)) == #"{"call": "run", "args": [], "result": 77533}"#)
    }

    @Test("`new --adapt`: repeated imports of an adapter function each reach that function", .enabled(if: runnable, "needs the oracle and the corpus (run_case.py)"))
    func adapted() throws {
        let module = try Self.embed(Self.app(adapted: true), world: "app")
        let adapter = try Self.embed(Self.adapter, world: "adapter")
        let bytes = try ComponentWrapper.new(module: module, adapters: [.init(name: "old", bytes: adapter)])
        // 77533 + 100000 · (11 + 12)
        #expect(try Self.run(bytes) == #"{"call": "run", "args": [], "result": 2377533}"#)
    }

    @Test("`link`: a library's repeated imports each call their own function", .enabled(if: runnable, "needs the oracle and the corpus (run_case.py)"))
    func linked() throws {
        var text = Self.app(adapted: false)
        // A dynamic library: `dylink.0` and the shared memory from `env`.
        text = text.replacingOccurrences(of: "(module\n", with: "(module\n  (@dylink.0 (mem-info (memory 0 0)))\n  (import \"env\" \"memory\" (memory 1))\n")
        text = text.replacingOccurrences(of: "(memory (export \"memory\") 1)", with: "")
        let library = try Self.embed(text, world: "app")
        let bytes: [UInt8]
        do { bytes = try Linker.link([Linker.Library(name: "app", bytes: library)]) } catch {
            Issue.record("link refused: \(error)"); return
        }
        #expect(try Self.run(bytes) == #"{"call": "run", "args": [], "result": 77533}"#)
    }
}
