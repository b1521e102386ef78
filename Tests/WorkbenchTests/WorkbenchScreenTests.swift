import Foundation
import Testing
import TerminalCore
@testable import Workbench

/// The workbench driven by key scripts on a test backend, asserting what a
/// person would see on the screen.
struct WorkbenchScreenTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples")

    func app(_ names: [String]) -> WorkbenchApp {
        WorkbenchApp(paths: names.map { Self.samples.appendingPathComponent($0).path })
    }

    func run(_ app: inout WorkbenchApp, keys: String, width: Int = 120, height: Int = 36) throws -> String {
        var backend = TestBackend(width: width, height: height, keys: keys)
        try AppRunner.run(&app, on: &backend)
        return backend.text
    }

    @Test func libraryListsComponentsWithValidity() throws {
        var a = app(["greeter.wasm", "calculator.wasm"])
        let screen = try run(&a, keys: "")
        #expect(screen.contains("✓ greeter.wasm"))
        #expect(screen.contains("✓ calculator.wasm"))
        #expect(screen.contains("Browser: greeter.wasm"))
        #expect(screen.contains("export patchbay:samples/greet: instance"))
    }

    @Test func selectingAFunctionShowsSignatureAndLayout() throws {
        var a = app(["calculator.wasm"])
        // `exports` starts selected: to the browser, down to the instance, unfold it, step in, then down to `eval`.
        let screen = try run(&a, keys: "<tab>jlljjjjjj", height: 60)
        #expect(screen.contains("export eval: func(o: variant"), "\(screen)")
        #expect(screen.contains("layout of param o"), "\(screen)")
        #expect(screen.contains("b       4     8  payload"), "\(screen)")
    }

    @Test func filterKeepsMatchingRows() throws {
        var a = app(["calculator.wasm"])
        let screen = try run(&a, keys: "/mul<enter>")
        #expect(screen.contains("export mul: func(a: s32, b: s32) -> s32"))
        #expect(!screen.contains("export add: func"))
    }

    @Test func brokenFileShowsItsErrorAndTheRestWorks() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pb-wb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("broken.wasm")
        try Data([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x07, 0x05, 0x01]).write(to: bad)
        var a = WorkbenchApp(paths: [bad.path, Self.samples.appendingPathComponent("greeter.wasm").path])
        let first = try run(&a, keys: "")
        #expect(first.contains("✗ broken.wasm"))
        #expect(first.contains("error: "), "\(first)")
        #expect(first.contains("(at offset 0x"), "\(first)")
        var b = a
        let second = try run(&b, keys: "j")
        #expect(second.contains("Browser: greeter.wasm"))
    }

    @Test func helpOverlayComesFromTheActionTable() throws {
        var a = app(["greeter.wasm"])
        let screen = try run(&a, keys: "?")
        #expect(screen.contains("Help (any key closes)"))
        #expect(screen.contains("Open a component with the file picker"))
    }
}
