import Foundation
import Testing

/// `patchbay link` run as a subprocess on wit-component's linking cases.
@Suite(.enabled(if: CLI.available, "the patchbay executable was not built"))
struct LinkCLITests {
    static var witc: URL { WitCLITests.corpus.appendingPathComponent("link/witc") }
    static var hasCorpus: Bool { FileManager.default.fileExists(atPath: witc.appendingPathComponent("link").path) }

    @Test(.enabled(if: hasCorpus, "corpus not found; set PATCHBAY_CORPUS"))
    func linksLibrariesAndTheWorldReadsBack() throws {
        let dir = Self.witc.appendingPathComponent("link")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-link-\(UUID().uuidString).wasm")
        defer { try? FileManager.default.removeItem(at: out) }
        let libs = ["bar", "c", "foo", "unused"].map { "\($0)=" + dir.appendingPathComponent("build/lib-\($0).wasm").path }
        let r = try CLI.run(["link"] + libs + ["-o", out.path])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let wit = try CLI.run(["wit", out.path])
        let want = try String(contentsOf: dir.appendingPathComponent("component.wit"), encoding: .utf8)
        #expect(wit.stdout == want)
    }

    @Test(.enabled(if: hasCorpus, "corpus not found; set PATCHBAY_CORPUS"))
    func aMissingNeededLibraryFailsWithExit1() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-link-\(UUID().uuidString).wasm")
        let lib = Self.witc.appendingPathComponent("error-link-missing-needed/build/lib-foo.wasm").path
        let r = try CLI.run(["link", "foo=\(lib)", "-o", out.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("missing libraries:\n\tfoo needs bar"), "stderr: \(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func builtInLibdlIsRefusedClearly() throws {
        let r = try CLI.run(["link", "--use-built-in-libdl", "-o", "/tmp/never.wasm"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("not supported yet"))
        let usage = try CLI.run(["link"])
        #expect(usage.status == 2)
    }
}
