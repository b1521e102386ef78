import Foundation
import Testing

/// `patchbay wit` on WIT text (files, package directories with deps/) and
/// on components, run as a subprocess.
@Suite(.enabled(if: CLI.available, "the patchbay executable was not built"))
struct WitCLITests {
    static var corpus: URL {
        if let env = ProcessInfo.processInfo.environment["PATCHBAY_CORPUS"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return CLI.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }

    static var hasCorpus: Bool { FileManager.default.fileExists(atPath: corpus.appendingPathComponent("wit/ui").path) }

    @Test(.enabled(if: hasCorpus, "corpus not found; set PATCHBAY_CORPUS"))
    func packageDirectoryWithDepsPrintsLikeTheOracle() throws {
        let r = try CLI.run(["wit", Self.corpus.appendingPathComponent("wit/ui/foreign-deps").path])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let want = try String(contentsOf: Self.corpus.appendingPathComponent("wit/expected-print/foreign-deps.wit"), encoding: .utf8)
        #expect(r.stdout == want)
    }

    @Test(.enabled(if: hasCorpus, "corpus not found; set PATCHBAY_CORPUS"))
    func featuresEnableUnstableItems() throws {
        let file = Self.corpus.appendingPathComponent("wit/ui/feature-gates.wit").path
        let plain = try CLI.run(["wit", file])
        #expect(plain.status == 0)
        #expect(!plain.stdout.contains("@unstable"))
        let active = try CLI.run(["wit", "--features", "active", file])
        #expect(active.status == 0)
        #expect(active.stdout.contains("@unstable(feature = active)"))
        let all = try CLI.run(["wit", "--all-features", file])
        #expect(all.status == 0)
        #expect(all.stdout.components(separatedBy: "@unstable").count >= active.stdout.components(separatedBy: "@unstable").count)
    }

    @Test func syntaxErrorsNameFileLineAndColumn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-wit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.wit")
        try "package a:b;\n\ninterface i {\n  f: func(x: u32;\n}\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["wit", file.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("expected ')', found ';'"), "\(r.stderr)")
        #expect(r.stderr.contains("--> \(file.path):4:17"), "\(r.stderr)")
        #expect(r.stderr.contains("    4 |   f: func(x: u32;\n      |                 ^"), "\(r.stderr)")
    }

    @Test func componentsStillPrintTheirWorld() throws {
        let r = try CLI.run(["wit", CLI.sample("app.wasm")])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.hasPrefix("package root:component;\n"))
        let feat = try CLI.run(["wit", "--features", "x", CLI.sample("app.wasm")])
        #expect(feat.status == 2)
    }
}
