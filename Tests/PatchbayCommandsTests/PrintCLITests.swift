import Foundation
import Testing

/// `patchbay print` run as a subprocess, against the oracle's prints of the
/// samples (samples/oracle/NAME.wat, written by `wasm-tools print`).
@Suite(.enabled(if: CLI.available, "the patchbay executable was not built"))
struct PrintCLITests {
    static let samples = ["app", "calculator", "fs-child", "fs-real", "fs-virtualize", "greeter", "hello", "namer", "ops-s64", "ops-user"]

    @Test(arguments: samples)
    func printsSamplesLikeTheOracle(name: String) throws {
        let r = try CLI.run(["print", CLI.sample("\(name).wasm")])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stderr.isEmpty)
        let want = try String(contentsOfFile: CLI.sample("oracle/\(name).wat"), encoding: .utf8)
        #expect(r.stdout == want)
    }

    @Test func skeletonLeavesOutCode() throws {
        let full = try CLI.run(["print", CLI.sample("greeter.wasm")])
        let r = try CLI.run(["print", "--skeleton", CLI.sample("greeter.wasm")])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        // Same definitions, but every core function body is `...` on its
        // line (core module items are indented two levels).
        let funcs = r.stdout.split(separator: "\n").filter { $0.hasPrefix("    (func ") }
        #expect(!funcs.isEmpty)
        for f in funcs { #expect(f.hasSuffix(" ...)"), "\(f)") }
        #expect(!r.stdout.contains("local.get"))
        #expect(full.stdout.contains("local.get"))
        #expect(r.stdout.hasPrefix("(component\n"))
        #expect(r.stdout.split(separator: "\n").count < full.stdout.split(separator: "\n").count)
    }

    @Test func badInputIsAnErrorWithAnOffset() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-print-\(UUID().uuidString).wasm")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: CLI.sample("greeter.wasm")))
        try bytes.prefix(40).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let r = try CLI.run(["print", url.path])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("error: ") && r.stderr.contains("offset"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)

        let missing = try CLI.run(["print", "/nonexistent/x.wasm"])
        #expect(missing.status == 2)
        let usage = try CLI.run(["print"])
        #expect(usage.status == 2)
    }
}
