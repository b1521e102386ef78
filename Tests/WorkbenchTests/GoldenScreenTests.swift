import Foundation
import Testing
import TerminalCore
@testable import Workbench

/// Whole screens compared with golden files in Tests/WorkbenchTests/Goldens:
/// a key script runs through the real runner on a test backend at 80×24 and
/// at a tiny 40×12, and the final screen (text, then a map of the cells'
/// styles with its legend) must equal the file. The same body is what
/// `patchbay render --style-map` prints for the same inputs and keys.
///
/// To re-record after an intended change: PATCHBAY_RECORD_GOLDENS=1 swift test
/// --filter GoldenScreenTests, then read every changed golden (git diff) before committing.
struct GoldenScreenTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
    static let samples = packageRoot.appendingPathComponent("samples")
    static var recording: Bool { ProcessInfo.processInfo.environment["PATCHBAY_RECORD_GOLDENS"] == "1" }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var what: String
        /// Inputs relative to the samples folder ("." is the folder itself).
        var inputs: [String]
        var keys: String
        var theme = "dark"
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "opening", what: "the opening screen on samples/", inputs: ["."], keys: ""),
        // calculator, greeter... : down to greeter.wasm, into the browser, down to the instance, unfold it, step onto `greet`.
        Case(name: "function", what: "greeter's greet selected: WIT type and core signatures", inputs: ["."], keys: "jjjjjj<tab>jll"),
        Case(name: "function-layout", what: "greet's detail scrolled to the bottom (G): the layout of its string result",
             inputs: ["."], keys: "jjjjjj<tab>jll<tab>G"),
        Case(name: "record-layout", what: "calculator's operands record type and its layout", inputs: ["calculator.wasm"], keys: "<tab>jll"),
        Case(name: "help", what: "the help overlay", inputs: ["."], keys: "?"),
        Case(name: "filter-typing", what: "typing a filter on calculator: only matching rows, the cursor in the filter line",
             inputs: ["calculator.wasm"], keys: "/mul"),
        Case(name: "filter", what: "the filter confirmed with Enter, then down to the matching function mul", inputs: ["calculator.wasm"], keys: "/mul<enter>jjj"),
        Case(name: "theme-light", what: "t switches from dark to light: same text, light colours", inputs: ["greeter.wasm"], keys: "t"),
        // The seed's dylink.0 libraries: what a core module is, the link panel, a link error, the linked result.
        Case(name: "core-module", what: "a dylink.0 core module (the seed's libzip) selected: what can be done with it",
             inputs: seedLibs, keys: "j"),
        Case(name: "link-panel", what: "b opens the link panel; libc.so, libzip.so and zipper chosen in that order", inputs: seedLibs,
             keys: "b<space>j<space>j<space>"),
        Case(name: "link-error", what: "libzip and zipper without libc: the linker's error as patchbay link prints it", inputs: seedLibs,
             keys: "bj<space>j<space><enter>"),
        Case(name: "linked", what: "the link made: linked-1.wasm opens in the library and the browser", inputs: seedLibs,
             keys: "b<space>j<space>j<space><enter>"),
    ]

    static let seedLibs = ["seed/build/libc.wasm", "seed/build/libzip.wasm", "seed/build/zipper.wasm"]

    static let sizes: [(Int, Int)] = [(80, 24), (40, 12)]

    /// Runs `keys` on a workbench over `paths` and returns the golden text.
    func screen(paths: [String], keys: String, theme: String, width: Int, height: Int, base: String) throws -> String {
        let themeDirs = [Self.packageRoot.appendingPathComponent("themes").path]
        let themes = ["dark", "light", "high-contrast"].map { Theme.load(named: $0, searchPaths: themeDirs).theme }
        let chosen = themes.first { $0.name == theme } ?? .builtinDefault
        var app = WorkbenchApp(paths: paths, theme: chosen, themes: themes, pathBase: base)
        var backend = TestBackend(width: width, height: height, events: try EventScript.parse(keys))
        try AppRunner.run(&app, on: &backend)
        // Applying diffs must give the same screen as drawing the state afresh.
        var fresh = CellBuffer(width: width, height: height)
        app.render(into: &fresh)
        #expect(fresh.snapshot(styles: true) == backend.screen.snapshot(styles: true), "the diffed screen differs from a full redraw")
        return backend.screen.snapshot(styles: true)
    }

    func header(_ what: String, keys: String, theme: String, width: Int, height: Int, inputs: String) -> String {
        "# \(what)\n# patchbay render --size \(width)x\(height) --theme \(theme) --keys '\(keys)' --style-map \(inputs)\n"
    }

    /// Compares with (or, when recording, writes) Goldens/NAME.txt; a
    /// mismatch reports the first differing lines side by side.
    func check(_ name: String, _ actual: String) throws {
        let url = Self.goldens.appendingPathComponent(name + ".txt")
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.goldens, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url, options: .atomic)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("no golden \(url.lastPathComponent); record it with PATCHBAY_RECORD_GOLDENS=1 swift test --filter GoldenScreenTests")
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != actual else { return }
        Issue.record(Comment(rawValue: "screen differs from \(url.lastPathComponent):\n" + Self.diff(expected: expected, actual: actual)
            + "\n(re-record with PATCHBAY_RECORD_GOLDENS=1 if the change is intended, then read the new golden)"))
    }

    /// The first few differing lines, numbered, expected above actual.
    static func diff(expected: String, actual: String, limit: Int = 6) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        var shown = 0
        for i in 0..<max(e.count, a.count) where shown < limit {
            let el = i < e.count ? String(e[i]) : "<no line>"
            let al = i < a.count ? String(a[i]) : "<no line>"
            if el == al { continue }
            let n = String(i + 1)
            let number = String(repeating: " ", count: max(0, 3 - n.count)) + n
            out.append("line \(number) expected: \(el)")
            out.append("line \(number) actual:   \(al)")
            shown += 1
        }
        if e.count != a.count { out.append("(\(e.count) lines expected, \(a.count) found)") }
        return out.joined(separator: "\n")
    }

    @Test(arguments: cases)
    func sampleScreens(_ c: Case) throws {
        let paths = c.inputs.map { $0 == "." ? Self.samples.path : Self.samples.appendingPathComponent($0).path }
        // Folders contribute their .wasm files in name order, as `open` does.
        let files = paths.flatMap { p -> [String] in
            guard p == Self.samples.path else { return [p] }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: p)) ?? []
            return names.filter { $0.hasSuffix(".wasm") }.sorted().map { p + "/" + $0 }
        }
        let inputs = c.inputs.map { $0 == "." ? "samples/" : "samples/" + $0 }.joined(separator: " ")
        for (w, h) in Self.sizes {
            let text = try screen(paths: files, keys: c.keys, theme: c.theme, width: w, height: h, base: Self.packageRoot.path)
            try check("\(c.name)-\(w)x\(h)", header(c.what, keys: c.keys, theme: c.theme, width: w, height: h, inputs: inputs) + text)
        }
    }

    /// A component cut short (calculator.wasm truncated to 1000 of its 1890
    /// bytes) beside an intact one: the broken one shows its decode error with
    /// the offset, and the intact one can still be browsed.
    @Test func invalidFileShowsItsDiagnostics() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pb-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let whole = try Data(contentsOf: Self.samples.appendingPathComponent("calculator.wasm"))
        try #require(whole.count > 1000)
        try whole.prefix(1000).write(to: dir.appendingPathComponent("broken.wasm"))
        try Data(contentsOf: Self.samples.appendingPathComponent("greeter.wasm")).write(to: dir.appendingPathComponent("greeter.wasm"))
        let files = ["broken.wasm", "greeter.wasm"].map { dir.appendingPathComponent($0).path }
        for (w, h) in Self.sizes {
            // Focus the diagnostics pane (three tabs) and select the error.
            for (name, keys) in [("invalid", "<tab><tab><tab>j"), ("invalid-then-valid", "j")] {
                let text = try screen(paths: files, keys: keys, theme: "dark", width: w, height: h, base: dir.path)
                let what = name == "invalid" ? "calculator.wasm cut to 1000 bytes: its decode error in the diagnostics pane"
                                             : "after the broken file, the intact greeter.wasm still browses"
                try check("\(name)-\(w)x\(h)", header(what, keys: keys, theme: "dark", width: w, height: h, inputs: "broken.wasm greeter.wasm") + text)
            }
        }
    }

    @Test func diffNamesTheFirstDifferingLines() {
        let d = Self.diff(expected: "a\nb\nc", actual: "a\nB\nc\nd")
        #expect(d.contains("line   2 expected: b"))
        #expect(d.contains("line   2 actual:   B"))
        #expect(d.contains("line   4 expected: <no line>"))
        #expect(d.contains("(3 lines expected, 4 found)"))
    }
}
