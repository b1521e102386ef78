import Foundation
import Testing

/// `patchbay new` run as a subprocess on wit-component test cases.
@Suite(.enabled(if: CLI.available, "the patchbay executable was not built"))
struct NewCLITests {
    static var witc: URL { WitCLITests.corpus.appendingPathComponent("components/witc") }
    static var hasCorpus: Bool { FileManager.default.fileExists(atPath: witc.appendingPathComponent("simple").path) }

    @Test(.enabled(if: hasCorpus, "corpus not found; set PATCHBAY_CORPUS"))
    func wrapsAModuleAndItsWorldReadsBack() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-new-\(UUID().uuidString).wasm")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try CLI.run(["new", Self.witc.appendingPathComponent("exports/build/module.wasm").path, "-o", out.path])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let wit = try CLI.run(["wit", out.path])
        #expect(wit.status == 0, "stderr: \(wit.stderr)")
        let want = try String(contentsOf: Self.witc.appendingPathComponent("exports/component.wit"), encoding: .utf8)
        #expect(wit.stdout == want)
    }

    @Test(.enabled(if: hasCorpus, "corpus not found; set PATCHBAY_CORPUS"))
    func aModuleThatDoesNotMatchItsWorldFailsWithExit1() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-new-\(UUID().uuidString).wasm")
        let r = try CLI.run(["new", Self.witc.appendingPathComponent("error-missing-export/build/module.wasm").path, "-o", out.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("failed to find export of interface `foo` function `a`"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func unsupportedOptionsAreRefusedClearly() throws {
        let r = try CLI.run(["new", CLI.sample("hello.core.wat"), "--adapt", "wasi_snapshot_preview1=a.wasm", "-o", "/tmp/never.wasm"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("not supported yet"))
        let usage = try CLI.run(["new", "-o", "/tmp/never.wasm"])
        #expect(usage.status == 2)
    }
}
