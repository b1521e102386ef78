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

    func run(_ app: inout WorkbenchApp, keys: String, width: Int = 160, height: Int = 36) throws -> String {
        var backend = TestBackend(width: width, height: height, keys: keys)
        try AppRunner.run(&app, on: &backend)
        return backend.text
    }

    /// The tour and the link view are named actions: in the help overlay
    /// (generated from the action table) and rebindable like the others.
    @Test func tourAndLinkViewAreActions() throws {
        var a = app(["greeter.wasm"])
        let help = try run(&a, keys: "?", width: 100, height: 50)
        #expect(help.contains("Start the guided tour of the forms of linking"), "\(help)")
        #expect(help.contains("Show the link view of a shared-everything"), "\(help)")
        var b = app(["greeter.wasm"])
        let notLinked = try run(&b, keys: "L", width: 100, height: 30)
        #expect(notLinked.contains("greeter.wasm is not a shared-everything link: no link view"), "\(notLinked)")
        #expect(WorkbenchActions.registry.actions.contains { $0.name == WorkbenchActions.linkView })
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
        // Tall enough for the whole table (37 rows since link, wrap and save_document joined it).
        let screen = try run(&a, keys: "?", height: 40)
        #expect(screen.contains("Help (any key closes)"))
        #expect(screen.contains("Open a component with the file picker"))
    }

    func run(_ app: inout WorkbenchApp, script: String, width: Int = 100, height: Int = 30) throws -> String {
        var backend = TestBackend(width: width, height: height, events: try EventScript.parse(script))
        try AppRunner.run(&app, on: &backend)
        return backend.text
    }

    @Test func mouseClickSelectsAndASecondClickUnfolds() throws {
        var a = app(["greeter.wasm", "calculator.wasm"])
        // At 100x30 the library is 20 wide; its second row is y=2. The browser starts at x=20.
        _ = try run(&a, script: "<click 3,2>")
        #expect(a.focus == .library)
        #expect(a.selectedIndex == 1)
        // Browser rows: y=1 exports, y=2 the calc instance (folded).
        _ = try run(&a, script: "<click 25,2>")
        #expect(a.focus == .browser)
        let screen = try run(&a, script: "<click 25,2>")
        #expect(screen.contains("▾ export patchbay:samples/calc:"), "\(screen)")
        #expect(screen.contains("export operands: type recor"), "\(screen)")
        #expect(screen.contains("instance with 7 exports"), "\(screen)")
        // Click on `add` (y=6) shows its detail.
        let detail = try run(&a, script: "<click 25,6>")
        #expect(detail.contains("func(a: s32, b: s32) -> s32"), "\(detail)")
        #expect(detail.contains("flat params : i32 i32 (2;"), "\(detail)")
    }

    @Test func wheelScrollsThePaneUnderThePointer() throws {
        var a = app(["calculator.wasm"])
        _ = try run(&a, script: "<tab>jllj")   // `operands` selected: its detail has a layout
        _ = try run(&a, script: "<wheeldown 70,5>")
        #expect(a.focus == .detail)
        #expect(a.detailScroll == 3)
    }

    @Test func scrollingBackUpMovesTheSelectionNotTheView() throws {
        // A long tree: all of app-with-calculator unfolded. Going down a page and
        // one row back up must leave the view where it was (the offset is kept).
        var a = app(["calculator.wasm"])
        _ = try run(&a, script: "/e<enter>", width: 80, height: 16)
        _ = try run(&a, script: "jjjjjjjjjjjjjjjj", width: 80, height: 16)
        let offset = a.treeState.offset
        #expect(offset > 0)
        _ = try run(&a, script: "k", width: 80, height: 16)
        #expect(a.treeState.offset == offset)
    }

    @Test func narrowScreensShowTheFocusedListBesideTheDetail() throws {
        var a = app(["greeter.wasm"])
        let library = try run(&a, script: "", width: 40, height: 12)
        #expect(library.contains("Library"))
        #expect(!library.contains("Browser"))
        let browser = try run(&a, script: "<tab>", width: 40, height: 12)
        #expect(browser.contains("Browser"))
        #expect(!browser.contains("Library"))
        #expect(browser.contains("Detail"))
    }

    @Test func detailScrollsSidewaysWithMarkers() throws {
        var a = app(["greeter.wasm"])
        let before = try run(&a, script: "<tab>jll<tab>", width: 80, height: 24)
        #expect(before.contains("(param›"), "\(before)")
        let after = try run(&a, script: "llll", width: 80, height: 24)
        #expect(a.detailHScroll == 32)
        #expect(after.contains("‹"), "\(after)")
        #expect(after.contains("(result i32)"), "\(after)")
    }
}
