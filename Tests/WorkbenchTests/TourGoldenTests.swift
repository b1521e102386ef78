import Foundation
import Testing
import TerminalCore
@testable import Workbench

/// The guided tour and the link view, as whole screens compared with golden
/// files in Tests/WorkbenchTests/TourGoldens (same format and recording
/// convention as GoldenScreenTests: PATCHBAY_RECORD_GOLDENS=1).
struct TourGoldenTests {
    static let packageRoot = GoldenScreenTests.packageRoot
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("TourGoldens")
    static let samples = GoldenScreenTests.samples

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var inputs: [String]
        var keys: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "tour-1-shared-nothing", inputs: ["."], keys: "T"),
        Case(name: "tour-2-virtualization", inputs: ["."], keys: "Tn"),
        Case(name: "tour-3-shared-everything", inputs: ["."], keys: "Tnn"),
        Case(name: "tour-4-plugin-loader", inputs: ["."], keys: "Tnnn"),
        Case(name: "tour-back", inputs: ["."], keys: "Tnnnpp"),
        // The link view of the linked sample: L on the component in the browser.
        Case(name: "link-view", inputs: ["link/counter-app.wasm"], keys: "L"),
        Case(name: "link-browser", inputs: ["link/counter-app.wasm"], keys: "<tab>jjl"),
    ]

    static let sizes: [(Int, Int)] = [(100, 30), (80, 24)]

    func screen(_ c: Case, width: Int, height: Int) throws -> String {
        let themeDirs = [Self.packageRoot.appendingPathComponent("themes").path]
        let theme = Theme.load(named: "dark", searchPaths: themeDirs).theme
        let paths = c.inputs.map { Self.samples.appendingPathComponent($0).path }
        var app = WorkbenchApp(paths: paths, theme: theme, themes: [theme], pathBase: Self.samples.path)
        app.samplesDir = Self.samples.path
        var backend = TestBackend(width: width, height: height, events: try EventScript.parse(c.keys))
        try AppRunner.run(&app, on: &backend)
        var fresh = CellBuffer(width: width, height: height)
        app.render(into: &fresh)
        #expect(fresh.snapshot(styles: true) == backend.screen.snapshot(styles: true), "the diffed screen differs from a full redraw")
        return backend.screen.snapshot(styles: true)
    }

    @Test("tour and link view goldens", arguments: cases)
    func golden(_ c: Case) throws {
        for (w, h) in Self.sizes {
            let got = try screen(c, width: w, height: h)
            let file = Self.goldens.appendingPathComponent("\(c.name)-\(w)x\(h).txt")
            if GoldenScreenTests.recording {
                try FileManager.default.createDirectory(at: Self.goldens, withIntermediateDirectories: true)
                try got.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            let want = try String(contentsOf: file, encoding: .utf8)
            #expect(got == want, "\(c.name) at \(w)x\(h) differs from \(file.lastPathComponent)")
        }
    }

    @Test("the tour's steps load their real artefacts")
    func artefactsLoad() throws {
        var app = WorkbenchApp(paths: [], pathBase: Self.samples.path)
        app.size = Size(width: 100, height: 30)
        app.startTour(.forms(samples: Self.samples.path))
        let tour = try #require(app.tour)
        #expect(tour.steps.count == 4)
        for k in 0..<tour.steps.count {
            app.tour?.index = k
            app.prepareTourStep()
            let t = try #require(app.tour)
            #expect(t.problem == nil, "step \(k + 1): \(t.problem ?? "")")
            if case .composition = t.steps[k].artefact {
                // The composition really is on the scratch canvas.
                let s = try #require(t.scratch.first)
                #expect(s.canvasGraph.liveNodes.count >= 2, "step \(k + 1)")
            } else {
                #expect(!t.lines.isEmpty, "step \(k + 1)")
            }
        }
        // Leaving the tour returns to the workbench as it was.
        _ = app.update(.key(.char("q")))
        #expect(app.tour == nil && !app.showingCanvas)
    }
}
