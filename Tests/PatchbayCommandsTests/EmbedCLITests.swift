import Foundation
import Testing

/// `patchbay embed`, `patchbay new --from-world` and `patchbay wit` on WIT
/// packages encoded as wasm, run as a subprocess. The expected worlds are
/// the oracle's prints of the real components of the composition cases
/// (`compose/cases/resources/{provider,consumer}.wit`), built from the same
/// WIT the placeholders are made from.
@Suite(.enabled(if: CLI.available, "the patchbay executable was not built"))
struct EmbedCLITests {
    static var cases: URL { WitCLITests.corpus.appendingPathComponent("compose/cases") }
    static var hasCorpus: Bool { FileManager.default.fileExists(atPath: cases.appendingPathComponent("resources/resources.wit").path) }
    static var resourcesWit: String { cases.appendingPathComponent("resources/resources.wit").path }

    static func temp(_ ext: String = "wasm") -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-embed-\(UUID().uuidString).\(ext)")
    }

    static var oracle: URL? {
        // $PATCHBAY_ORACLE_DIR is the venv's bin folder (as .ci/run sets it), or the venv itself.
        let dir = ProcessInfo.processInfo.environment["PATCHBAY_ORACLE_DIR"].map { URL(fileURLWithPath: $0) }
            ?? CLI.packageRoot.appendingPathComponent(".oracle/venv/bin")
        for exe in [dir.appendingPathComponent("wasm-tools"), dir.appendingPathComponent("bin/wasm-tools")]
        where FileManager.default.isExecutableFile(atPath: exe.path) { return exe }
        return nil
    }

    static func runOracle(_ args: [String]) throws -> Int32 {
        guard let exe = oracle else { return -1 }
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    @Test(.enabled(if: hasCorpus, "corpus not found; set PATCHBAY_CORPUS"))
    func placeholderComponentsReadBackAsTheRealComponentsWorlds() throws {
        for world in ["provider", "consumer"] {
            let out = Self.temp()
            defer { try? FileManager.default.removeItem(at: out) }
            let r = try CLI.run(["new", "--from-world", Self.resourcesWit, "--world", world, "-o", out.path])
            #expect(r.status == 0, "stderr: \(r.stderr)")
            let wit = try CLI.run(["wit", out.path])
            let want = try String(contentsOf: Self.cases.appendingPathComponent("resources/\(world).wit"), encoding: .utf8)
            #expect(wit.stdout == want, "\(world)")
            if Self.oracle != nil { #expect(try Self.runOracle(["validate", out.path]) == 0, "\(world) does not validate") }
        }
    }

    @Test(.enabled(if: hasCorpus, "corpus not found; set PATCHBAY_CORPUS"))
    func embedDummyThenNewIsTheSameAsNewFromWorld() throws {
        let module = Self.temp(), viaEmbed = Self.temp(), direct = Self.temp()
        defer { for u in [module, viaEmbed, direct] { try? FileManager.default.removeItem(at: u) } }
        let e = try CLI.run(["embed", Self.resourcesWit, "--dummy", "--world", "consumer", "-o", module.path])
        #expect(e.status == 0, "stderr: \(e.stderr)")
        let n = try CLI.run(["new", module.path, "-o", viaEmbed.path])
        #expect(n.status == 0, "stderr: \(n.stderr)")
        let d = try CLI.run(["new", "--from-world", Self.resourcesWit, "--world", "consumer", "-o", direct.path])
        #expect(d.status == 0, "stderr: \(d.stderr)")
        #expect(try Data(contentsOf: viaEmbed) == Data(contentsOf: direct))
        // The oracle makes the same placeholder module, byte for byte.
        if Self.oracle != nil {
            let theirs = Self.temp()
            defer { try? FileManager.default.removeItem(at: theirs) }
            #expect(try Self.runOracle(["component", "embed", "--dummy-names", "legacy", Self.resourcesWit, "--world", "consumer", "-o", theirs.path]) == 0)
            #expect(try Data(contentsOf: theirs) == Data(contentsOf: module))
        }
    }

    @Test(.enabled(if: hasCorpus, "corpus not found; set PATCHBAY_CORPUS"))
    func embedAppendsTheSectionToAnExistingModule() throws {
        // The smallest valid core module: the header alone.
        let module = Self.temp(), out = Self.temp(), payload = Self.temp()
        defer { for u in [module, out, payload] { try? FileManager.default.removeItem(at: u) } }
        try Data([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]).write(to: module)
        let r = try CLI.run(["embed", Self.resourcesWit, module.path, "--world", "provider", "-o", out.path])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let p = try CLI.run(["embed", Self.resourcesWit, "--only-custom", "--world", "provider", "-o", payload.path])
        #expect(p.status == 0, "stderr: \(p.stderr)")
        let bytes = [UInt8](try Data(contentsOf: out)), section = [UInt8](try Data(contentsOf: payload))
        let name = Array("component-type".utf8)
        #expect(bytes.starts(with: [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x00]))
        #expect(bytes.suffix(section.count + name.count + 1) == ArraySlice([UInt8(name.count)] + name + section))
        if Self.oracle != nil {
            let theirs = Self.temp()
            defer { try? FileManager.default.removeItem(at: theirs) }
            #expect(try Self.runOracle(["component", "embed", Self.resourcesWit, module.path, "--world", "provider", "-o", theirs.path]) == 0)
            #expect(try Data(contentsOf: theirs) == Data(contentsOf: out))
        }
    }

    @Test(.enabled(if: hasCorpus, "corpus not found; set PATCHBAY_CORPUS"))
    func witPackagesEncodedAsWasmPrintLikeTheirText() throws {
        let pkg = Self.temp()
        defer { try? FileManager.default.removeItem(at: pkg) }
        let w = try CLI.run(["wit", Self.resourcesWit, "--wasm", "-o", pkg.path])
        #expect(w.status == 0, "stderr: \(w.stderr)")
        let fromBinary = try CLI.run(["wit", pkg.path])
        let fromText = try CLI.run(["wit", Self.resourcesWit])
        #expect(fromBinary.status == 0, "stderr: \(fromBinary.stderr)")
        #expect(fromBinary.stdout == fromText.stdout)
        // The encoded package is a valid source for embed and new too.
        let out = Self.temp()
        defer { try? FileManager.default.removeItem(at: out) }
        let n = try CLI.run(["new", "--from-world", pkg.path, "--world", "provider", "-o", out.path])
        #expect(n.status == 0, "stderr: \(n.stderr)")
        if Self.oracle != nil {
            let theirs = Self.temp()
            defer { try? FileManager.default.removeItem(at: theirs) }
            #expect(try Self.runOracle(["component", "wit", "--wasm", Self.resourcesWit, "-o", theirs.path]) == 0)
            #expect(try Data(contentsOf: theirs) == Data(contentsOf: pkg))
        }
    }

    @Test(.enabled(if: hasCorpus, "corpus not found; set PATCHBAY_CORPUS"))
    func badInputsFailClearly() throws {
        let out = Self.temp()
        defer { try? FileManager.default.removeItem(at: out) }
        // Two worlds and none chosen.
        let none = try CLI.run(["embed", Self.resourcesWit, "--dummy", "-o", out.path])
        #expect(none.status == 1)
        #expect(none.stderr.contains("multiple worlds found in package `test:res`"))
        // A world that does not exist.
        let missing = try CLI.run(["new", "--from-world", Self.resourcesWit, "--world", "nope", "-o", out.path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("world `nope` not found in package `test:res` (its worlds: provider, consumer)"))
        // A component where a core module is expected.
        let comp = try CLI.run(["embed", Self.resourcesWit, Self.cases.appendingPathComponent("resources/provider.wasm").path, "--world", "provider", "-o", out.path])
        #expect(comp.status == 1)
        #expect(comp.stderr.contains("not a core WebAssembly module"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        // Usage mistakes.
        #expect(try CLI.run(["embed", Self.resourcesWit, "-o", out.path]).status == 2)
        #expect(try CLI.run(["embed", Self.resourcesWit, "m.wasm", "--dummy", "-o", out.path]).status == 2)
        #expect(try CLI.run(["embed", "/nonexistent.wit", "--dummy", "-o", out.path]).status == 2)
        #expect(try CLI.run(["wit", Self.resourcesWit, "--wasm"]).status == 2)
    }
}
