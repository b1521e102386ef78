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

    /// The oracle's cases for both options: the world reads back as the
    /// oracle's, the built-in libdl provides `dlopen`, and the shims use
    /// `return_call_ref`.
    @Test(.enabled(if: hasCorpus, "corpus not found; set PATCHBAY_CORPUS"))
    func builtInLibdlAndReturnCallRef() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-link-\(UUID().uuidString).wasm")
        defer { try? FileManager.default.removeItem(at: out) }
        let dl = Self.witc.appendingPathComponent("link-dl-openable-builtin-libdl")
        var r = try CLI.run(["link", "--dl-openable", "foo=" + dl.appendingPathComponent("build/dlopen-lib-foo.wasm").path,
                             "libc.so=" + dl.appendingPathComponent("build/lib-c.wasm").path,
                             "--stub-missing-functions", "--use-built-in-libdl", "-o", out.path])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(try CLI.run(["wit", out.path]).stdout == String(contentsOf: dl.appendingPathComponent("component.wit"), encoding: .utf8))
        var text = try CLI.run(["print", out.path]).stdout
        #expect(text.contains("(export \"dlsym\""), "no libdl.so in the output")
        #expect(text.contains("\"dlopen\" (core func"), "foo's dlopen is not taken from an instance's export")

        let rc = Self.witc.appendingPathComponent("return-call-ref-link")
        r = try CLI.run(["link", "c=" + rc.appendingPathComponent("build/lib-c.wasm").path, "foo=" + rc.appendingPathComponent("build/lib-foo.wasm").path,
                         "--return-call-ref", "-o", out.path])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(try CLI.run(["wit", out.path]).stdout == String(contentsOf: rc.appendingPathComponent("component.wit"), encoding: .utf8))
        text = try CLI.run(["print", out.path]).stdout
        #expect(text.contains("return_call_ref"))
        #expect(!text.contains("call_indirect"), "a shim still calls through the table")

        let usage = try CLI.run(["link"])
        #expect(usage.status == 2)
    }
}
