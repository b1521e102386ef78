import Foundation
import Testing
import PatchbayEngine
import TerminalCore
@testable import Workbench

/// The composition canvas driven by key scripts on the compose corpus
/// (../shared/corpus/compose/cases, or $PATCHBAY_CORPUS), checking what a
/// person would see and the composite the canvas writes, with the oracle
/// wasm-tools and the corpus's behavioural check where they are installed.
struct CanvasTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let corpus: URL = {
        if let env = ProcessInfo.processInfo.environment["PATCHBAY_CORPUS"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }()
    static var hasCorpus: Bool { FileManager.default.fileExists(atPath: corpus.appendingPathComponent("compose/cases/scalars/consumer.wasm").path) }
    static let skipNote: Comment = "compose corpus not found at \(corpus.path); set PATCHBAY_CORPUS"

    /// The oracle tools, looked for where the project keeps them.
    static func oracle(_ tool: String) -> String? {
        let candidates = [packageRoot.appendingPathComponent(".oracle/venv/bin/\(tool)").path,
                          packageRoot.deletingLastPathComponent().appendingPathComponent("main/.oracle/venv/bin/\(tool)").path]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func casePath(_ c: String, _ file: String) -> String {
        corpus.appendingPathComponent("compose/cases/\(c)/\(file)").path
    }

    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pb-canvas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func run(_ app: inout WorkbenchApp, keys: String, width: Int = 120, height: Int = 32) throws -> String {
        var backend = TestBackend(width: width, height: height, keys: keys)
        try AppRunner.run(&app, on: &backend)
        return backend.text
    }

    /// Compares a screen with its golden file in CanvasGoldens/; with
    /// PATCHBAY_RECORD_GOLDENS=1 the golden is written instead.
    func golden(_ name: String, _ screen: String) throws {
        let url = Self.packageRoot.appendingPathComponent("Tests/WorkbenchTests/CanvasGoldens/\(name).txt")
        if ProcessInfo.processInfo.environment["PATCHBAY_RECORD_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(screen.utf8).write(to: url)
            return
        }
        let want = try String(contentsOf: url, encoding: .utf8)
        #expect(screen == want, "screen differs from \(url.lastPathComponent):\n\(screen)")
    }

    /// Keys that, on the library [consumer, provider], open the canvas, add
    /// both, select the consumer's import and open its candidate list.
    static let addBothAndWire = "ca<enter>a<down><enter><tab>jw"

    @Test func printScreens() throws {
        guard Self.hasCorpus else { print(Self.skipNote); return }
        var a = WorkbenchApp(paths: [Self.casePath("scalars", "consumer.wasm"), Self.casePath("scalars", "provider.wasm")])
        print(try run(&a, keys: "ca<enter>"))
        var b = WorkbenchApp(paths: [Self.casePath("scalars", "consumer.wasm"), Self.casePath("scalars", "provider.wasm")])
        print(try run(&b, keys: Self.addBothAndWire))
        print(try run(&b, keys: "<enter>jeeje<enter>"))
    }
}
