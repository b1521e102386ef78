import Foundation
import Testing

/// `patchbay parse` and `.wat` inputs, run as a subprocess.
@Suite(.enabled(if: CLI.available, "the patchbay executable was not built"))
struct ParseCLITests {
    static func temp(_ ext: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-parse-\(UUID().uuidString).\(ext)")
    }

    /// The oracle's print of a sample parses, and printing the result gives
    /// that text again.
    @Test(arguments: ["app", "calculator", "fs-child", "fs-real", "fs-virtualize", "greeter", "hello", "namer", "ops-s64", "ops-user"])
    func parsedSamplesPrintBackTheSameText(name: String) throws {
        let out = Self.temp("wasm")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try CLI.run(["parse", CLI.sample("oracle/\(name).wat"), "-o", out.path])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let printed = try CLI.run(["print", out.path])
        #expect(printed.stdout == (try String(contentsOfFile: CLI.sample("oracle/\(name).wat"), encoding: .utf8)))
    }

    @Test func watIsAcceptedWhereAComponentIs() throws {
        let wat = CLI.sample("oracle/app.wat")
        let inspect = try CLI.run(["inspect", wat])
        #expect(inspect.status == 0, "stderr: \(inspect.stderr)")
        let binary = try CLI.run(["inspect", CLI.sample("app.wasm")])
        // Same imports and exports (sizes and custom section order differ:
        // wit-component's binaries do not come back byte for byte from text,
        // with wasm-tools either).
        func interface(_ s: String) -> [Substring] { Array(s.split(separator: "\n").dropFirst().prefix { !$0.hasPrefix("  core modules") }) }
        #expect(!interface(inspect.stdout).isEmpty)
        #expect(interface(inspect.stdout) == interface(binary.stdout))
        let wit = try CLI.run(["wit", wat])
        #expect(wit.status == 0)
        #expect(wit.stdout == (try String(contentsOfFile: CLI.sample("oracle/app.wit"), encoding: .utf8)))
        let validate = try CLI.run(["validate", wat])
        #expect(validate.status == 0, "stderr: \(validate.stderr)")
    }

    @Test func textErrorsHaveLineAndColumn() throws {
        let bad = Self.temp("wat")
        defer { try? FileManager.default.removeItem(at: bad) }
        try "(component\n  (import \"f\" (func $f))\n  (export \"g\" (func $nope)))\n".write(to: bad, atomically: true, encoding: .utf8)
        let r = try CLI.run(["parse", bad.path, "-o", Self.temp("wasm").path])
        #expect(r.status == 1)
        #expect(r.stderr == "error: \(bad.path):3:21: unknown func: failed to find name `$nope`\n")
        let inspect = try CLI.run(["inspect", bad.path])
        #expect(inspect.status == 1)
        #expect(inspect.stderr.contains(":3:21: unknown func"))
        let usage = try CLI.run(["parse", bad.path])
        #expect(usage.status == 2)
    }
}
