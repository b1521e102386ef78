import Foundation
import Testing

/// `patchbay compose` and `patchbay plug` as a user runs them, on the
/// bundled samples; the composites are run with the oracle (wasmtime from
/// Python) where it is installed.
@Suite(.enabled(if: CLI.available, "patchbay binary not built"))
struct ComposeCLITests {
    static let oracleBin: URL = {
        // $PATCHBAY_ORACLE_DIR is the venv's bin folder (as .ci/run sets it), or the venv itself.
        if let env = ProcessInfo.processInfo.environment["PATCHBAY_ORACLE_DIR"], !env.isEmpty {
            let dir = URL(fileURLWithPath: env), nested = dir.appendingPathComponent("bin")
            return FileManager.default.fileExists(atPath: nested.appendingPathComponent("wasm-tools").path) ? nested : dir
        }
        return CLI.packageRoot.appendingPathComponent(".oracle/venv/bin")
    }()
    static let corpus: URL = {
        if let env = ProcessInfo.processInfo.environment["PATCHBAY_CORPUS"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return CLI.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }()
    static var canRun: Bool {
        FileManager.default.isExecutableFile(atPath: oracleBin.appendingPathComponent("python3").path)
            && FileManager.default.fileExists(atPath: corpus.appendingPathComponent("compose/run_case.py").path)
    }

    /// A fresh file path `name` in its own temporary folder.
    static func temp(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    /// One call through run_case.py; its JSON line.
    static func call(_ wasm: String, _ spec: String) throws -> String {
        let p = Process()
        p.executableURL = oracleBin.appendingPathComponent("python3")
        p.arguments = [corpus.appendingPathComponent("compose/run_case.py").path, wasm, spec]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let d = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: d, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func greeterAndNameComposeFromWac() throws {
        let out = Self.temp("hello.wasm")
        let r = try CLI.run(["compose", CLI.sample("hello.wac"), "-o", out, "--wit"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("export greet: func() -> string;"))
        #expect(!r.stdout.contains("import "), "the composite should be closed:\n\(r.stdout)")
        if Self.canRun {
            #expect(try Self.call(out, "greet=[]") == #"{"call": "greet", "args": [], "result": "Hello, Patchbay!"}"#)
        }
    }

    /// Link-time virtualization: the child sees only the virtualized store;
    /// the parent's own import goes to the virtualizer.
    @Test func virtualizationParentKeepsItsImport() throws {
        let parent = Self.temp("parent.wasm"), closed = Self.temp("closed.wasm"), wac = Self.temp("parent.wac")
        let r = try CLI.run(["compose", CLI.sample("fs-parent.wac"), "-o", parent, "--wit", "--emit-wac", wac])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("import patchbay:samples/files;"))
        let text = try String(contentsOfFile: wac, encoding: .utf8)
        #expect(text.contains(#"let child = new patchbay:fs-child { "patchbay:samples/files": virtual["patchbay:samples/files"] };"#), "\(text)")
        let p = try CLI.run(["plug", parent, "--plug", CLI.sample("fs-real.wasm"), "-o", closed, "-v"])
        #expect(p.status == 0, "\(p.stderr)")
        #expect(p.stdout == "socket:parent: `patchbay:samples/files` ← plug:fs-real\n")
        if Self.canRun {
            // (1*10 + 1000) + (2*10 + 1000): every read went through the virtualizer.
            #expect(try Self.call(closed, "run=[]") == #"{"call": "run", "args": [], "result": 2030}"#)
        }
    }

    @Test func plugRefusesTheMismatchedSamplesWithTheReason() throws {
        let r = try CLI.run(["plug", CLI.sample("ops-user.wasm"), "--plug", CLI.sample("ops-s64.wasm"), "-o", Self.temp("x.wasm")])
        #expect(r.status == 1)
        #expect(r.stderr.contains("import `patchbay:samples/ops` → func `add` → param `a`: expected s32, found s64"), "\(r.stderr)")
    }

    @Test func wacErrorsPointAtLineAndColumn() throws {
        let wac = Self.temp("bad.wac")
        try "package a:b;\nlet x = new patchbay:app { calc: nothing };\n".write(toFile: wac, atomically: true, encoding: .utf8)
        let r = try CLI.run(["compose", wac, "-o", Self.temp("x.wasm"), "--dep", "patchbay:app=\(CLI.sample("app.wasm"))"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad.wac:2:34: `nothing` is not defined"), "\(r.stderr)")
        #expect(r.stderr.contains("2 | let x = new patchbay:app { calc: nothing };\n" + String(repeating: " ", count: 4 + 33) + "^"), "\(r.stderr)")
    }

    /// Packages imported by reference, under plain labels (the spec has no
    /// dependency names any more): the composite validates.
    @Test func importDependenciesByReference() throws {
        let out = Self.temp("hello-ref.wasm")
        let r = try CLI.run(["compose", CLI.sample("hello.wac"), "-o", out, "--import-dependencies"])
        #expect(r.status == 0, "\(r.stderr)")
        let v = try CLI.run(["validate", out])
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        let wt = Self.oracleBin.appendingPathComponent("wasm-tools")
        if FileManager.default.isExecutableFile(atPath: wt.path) {
            let p = Process()
            p.executableURL = wt
            p.arguments = ["validate", out]
            try p.run(); p.waitUntilExit()
            #expect(p.terminationStatus == 0, "the oracle rejects the composite with imported dependencies")
        }
        let inspect = try CLI.run(["inspect", out])
        #expect(inspect.stdout.contains("import patchbay-namer: component"), "\(inspect.stdout)")
    }

    /// The wac graph cases that once gave an invalid composite or could not
    /// encode a function type export with imported packages.
    @Test(arguments: ["nested-use-type", "simple", "use-type-by-id-import"])
    func graphWithImportedDependencies(_ name: String) throws {
        let graph = Self.corpus.appendingPathComponent("compose/wac-graph/\(name)/graph.json")
        guard FileManager.default.fileExists(atPath: graph.path) else { print("skipped: no corpus at \(Self.corpus.path)"); return }
        let out = Self.temp("\(name).wasm")
        let r = try CLI.run(["compose", "--graph", graph.path, "--import-dependencies", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let wt = Self.oracleBin.appendingPathComponent("wasm-tools")
        if FileManager.default.isExecutableFile(atPath: wt.path) {
            let p = Process()
            p.executableURL = wt
            p.arguments = ["validate", "--features=all", out]
            try p.run(); p.waitUntilExit()
            #expect(p.terminationStatus == 0, "the oracle rejects \(name) with imported dependencies")
        }
    }

    @Test func composeNeedsAnInput() throws {
        let r = try CLI.run(["compose", "-o", Self.temp("x.wasm")])
        #expect(r.status == 2)
    }
}
