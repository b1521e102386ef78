import Foundation
import Testing

/// `patchbay render`: the workbench headless, as a subprocess.
@Suite(.enabled(if: CLI.available, "the patchbay executable was not built"))
struct RenderCLITests {
    static let goldens = CLI.packageRoot.appendingPathComponent("Tests/WorkbenchTests/Goldens")

    /// The golden's body (without its two `#` header lines), which its header's command line reproduces.
    func goldenBody(_ name: String) throws -> String {
        let text = try String(contentsOf: Self.goldens.appendingPathComponent(name + ".txt"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).drop { $0.hasPrefix("#") }.joined(separator: "\n")
    }

    @Test func styleMapOutputIsTheGoldenFormat() throws {
        // --colors truecolor: the goldens are recorded in true colour whatever NO_COLOR says here.
        let r = try CLI.run(["render", "--size", "80x24", "--keys", "jjjjjj<tab>jll", "--style-map", "--colors", "truecolor", "samples/"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout == (try goldenBody("function-80x24")))
    }

    @Test func plainTextShowsTheFunctionDetail() throws {
        let r = try CLI.run(["render", "--size", "160x40", "--keys", "<tab>jlljjjjjj", "samples/calculator.wasm"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("export eval: func(o: variant"), "\(r.stdout)")
        #expect(r.stdout.contains("lift  (export)   memory32  (param i32 i32 i32) (result i32)"), "\(r.stdout)")
        #expect(!r.stdout.contains("\u{1B}["), "plain text has no escapes")
        #expect(r.stdout.split(separator: "\n", omittingEmptySubsequences: false).count == 41, "40 rows and a final newline")
    }

    @Test func ansiOutputColoursTheScreen() throws {
        let r = try CLI.run(["render", "--size", "60x10", "--ansi", "--colors", "256", "samples/greeter.wasm"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 10)
        #expect(lines.allSatisfy { $0.hasPrefix("\u{1B}[0;") && $0.hasSuffix("\u{1B}[0m") })
        // 256 colours: indexed colours only, no 24-bit ones.
        #expect(r.stdout.contains(";38;5;"))
        #expect(!r.stdout.contains(";38;2;"))
    }

    @Test func resizeAndMouseEventsInTheScript() throws {
        // Click the second library row (calculator.wasm) at 100x30, then shrink to 40x12.
        let r = try CLI.run(["render", "--size", "100x30", "--keys", "<click 3,2><resize 40x12>", "samples/greeter.wasm", "samples/calculator.wasm"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 12)
        #expect(lines.allSatisfy { $0.count <= 40 })
        #expect(r.stdout.contains("calculator.wasm"))
        #expect(r.stdout.contains("1890 bytes"), "the clicked component is selected: \(r.stdout)")
    }

    @Test func badSizeIsAUsageError() throws {
        let r = try CLI.run(["render", "--size", "80by24"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--size: expected WIDTHxHEIGHT"), "\(r.stderr)")
        #expect(r.stderr.contains("found '80by24'"), "\(r.stderr)")
    }

    @Test func unknownKeyNameIsAUsageErrorWithItsColumn() throws {
        let r = try CLI.run(["render", "--keys", "jj<entr>q", "samples/greeter.wasm"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("key script column 3: unknown key <entr>"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func unclosedBracketIsAUsageError() throws {
        let r = try CLI.run(["render", "--keys", "/a<b", "samples/greeter.wasm"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("column 3: '<' without a closing '>'"), "\(r.stderr)")
    }

    @Test func missingFileShowsInTheDiagnosticsPane() throws {
        let r = try CLI.run(["render", "--size", "80x24", "no-such.wasm"])
        #expect(r.status == 0, "the workbench opens and says what is wrong: \(r.stderr)")
        #expect(r.stdout.contains("✗ no-such.wasm"))
        #expect(r.stdout.contains("error: cannot read the file"))
    }
}
