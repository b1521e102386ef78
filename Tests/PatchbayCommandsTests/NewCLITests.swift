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

    @Test(.enabled(if: hasCorpus, "corpus not found; set PATCHBAY_CORPUS"))
    func adaptsWithAPreview1StyleAdapterAndItsWorldReadsBack() throws {
        let dir = Self.witc.appendingPathComponent("adapt-preview1")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-new-\(UUID().uuidString).wasm")
        defer { try? FileManager.default.removeItem(at: out) }
        let adapter = dir.appendingPathComponent("build/adapt-wasi-snapshot-preview1.wasm").path
        let r = try CLI.run(["new", dir.appendingPathComponent("build/module.wasm").path, "--adapt", "wasi-snapshot-preview1=\(adapter)", "-o", out.path])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let wit = try CLI.run(["wit", out.path])
        let want = try String(contentsOf: dir.appendingPathComponent("component.wit"), encoding: .utf8)
        #expect(wit.stdout == want)
    }

    @Test(.enabled(if: hasCorpus, "corpus not found; set PATCHBAY_CORPUS"))
    func anAdapterThatNeedsAMissingMemoryFailsWithExit1() throws {
        let dir = Self.witc.appendingPathComponent("error-adapt-missing-memory")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-new-\(UUID().uuidString).wasm")
        let r = try CLI.run(["new", dir.appendingPathComponent("build/module.wasm").path, "--adapt", "old=\(dir.appendingPathComponent("build/adapt-old.wasm").path)", "-o", out.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("module does not export a memory named `memory`"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func badAdapterArgumentsAreUsageErrors() throws {
        let noEquals = try CLI.run(["new", CLI.sample("hello.core.wat"), "--adapt", "a.wasm", "-o", "/tmp/never.wasm"])
        #expect(noEquals.status == 2)
        #expect(noEquals.stderr.contains("NAME=ADAPTER.wasm"))
        let withWorld = try CLI.run(["new", "--from-world", CLI.sample("hello.wit"), "--realloc-via-memory-grow", "-o", "/tmp/never.wasm"])
        #expect(withWorld.status == 2)
        let usage = try CLI.run(["new", "-o", "/tmp/never.wasm"])
        #expect(usage.status == 2)
    }
}
