import Foundation
import Testing
import TerminalCore
@testable import Workbench

/// The call panel: an export called with WAVE arguments through the
/// runtime, from the browser (a golden of samples/app-with-calculator.wasm,
/// whose run() wasmtime gives as 1030) and from the canvas (the scalars
/// composition of the compose corpus, against its expected.jsonl).
struct CallPanelTests {
    @Test func calculatorAppGolden() throws {
        let g = GoldenScreenTests()
        let file = GoldenScreenTests.samples.appendingPathComponent("app-with-calculator.wasm").path
        // Into the browser, down onto `export run`, R opens the panel, enter calls run().
        let keys = "<tab>jR<enter>"
        for (w, h) in GoldenScreenTests.sizes {
            let text = try g.screen(paths: [file], keys: keys, theme: "dark", width: w, height: h, base: GoldenScreenTests.packageRoot.path)
            try g.check("call-panel-\(w)x\(h)", g.header("the call panel after calling run() on app-with-calculator.wasm: the result and the trace",
                                                        keys: keys, theme: "dark", width: w, height: h, inputs: "samples/app-with-calculator.wasm") + text)
        }
        var app = WorkbenchApp(paths: [file])
        var backend = TestBackend(width: 100, height: 40, keys: keys)
        try AppRunner.run(&app, on: &backend)
        let p = try #require(app.callPanel)
        #expect(p.function == "run")
        #expect(p.output.contains(.init(kind: .result, text: "= 1030")), "\(p.output)")
        // The app calls the calculator's add(2, 3) across the composite: lowered, then lifted.
        #expect(p.output.contains { $0.kind == .trace && $0.text.contains("→ patchbay:samples/calc#add(2, 3)  [lower: called from") })
        #expect(p.output.contains { $0.kind == .trace && $0.text.contains("← run = 1030  [lift]  core: (i32 1030)") })
        #expect(backend.text.contains("= 1030"))
    }

    @Test func scrollingArgumentErrorsAndClosing() throws {
        let file = GoldenScreenTests.samples.appendingPathComponent("app-with-calculator.wasm").path
        var app = WorkbenchApp(paths: [file])
        var backend = TestBackend(width: 60, height: 12, keys: "<tab>jR<enter><pgdn><down>")
        try AppRunner.run(&app, on: &backend)
        let p = try #require(app.callPanel)
        let rows = app.callPanelOutputLines(p).count
        #expect(rows > app.callPanelOutputHeight, "the trace should not fit 12 rows")
        #expect(p.scroll == min(app.callPanelOutputHeight, rows - app.callPanelOutputHeight))
        // A wrong argument count is reported with its column, nothing is called.
        backend = TestBackend(width: 60, height: 12, keys: "1<enter>")
        try AppRunner.run(&app, on: &backend)
        #expect(app.callPanel?.output.last?.text.hasPrefix("arguments: column 1: expected 0 arguments") == true, "\(app.callPanel?.output ?? [])")
        backend = TestBackend(width: 60, height: 12, keys: "<esc>")
        try AppRunner.run(&app, on: &backend)
        #expect(app.callPanel == nil)
    }

    @Test func compositeOnTheCanvas() throws {
        guard CanvasTests.hasCorpus else { print(CanvasTests.skipNote); return }
        var a = WorkbenchApp(paths: ["consumer.wasm", "provider.wasm"].map { CanvasTests.casePath("scalars", $0) })
        // Add both, wire the consumer's import, export run and dist (the selection ends on dist), R opens the panel on dist.
        let screen = try CanvasTests().run(&a, keys: CanvasTests.addBothAndWire + "<enter>je<enter>je<enter>R3.0, 4.0<enter>", width: 100, height: 30)
        let p = try #require(a.callPanel)
        #expect(p.source == "the composite")
        #expect(p.functions == ["run", "dist"])
        // compose/cases/scalars/expected.jsonl: dist(3.0, 4.0) = 5.0, run(5) = 30.
        #expect(p.output.contains(.init(kind: .result, text: "= 5.0")), "\(p.output)")
        #expect(screen.contains("= 5.0"))
        _ = try CanvasTests().run(&a, keys: "<tab>5<enter>", width: 100, height: 30)
        let q = try #require(a.callPanel)
        #expect(q.function == "run")
        #expect(q.output.contains(.init(kind: .result, text: "= 30")), "\(q.output)")
        #expect(q.output.contains { $0.text.contains("→ test:math/ops#add(5, 10)  [lift into") })
    }
}
