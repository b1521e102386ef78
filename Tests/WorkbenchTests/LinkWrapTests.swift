import Foundation
import Testing
import PatchbayEngine
import TerminalCore
@testable import Workbench

/// Linking and wrapping in the workbench, driven by key scripts on real
/// inputs: the seed's dylink.0 libraries (samples/seed/build) and modules of
/// the wit-component corpus. The results must be what `patchbay link` and
/// `patchbay new` make from the same inputs, byte for byte.
struct LinkWrapTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seed = packageRoot.appendingPathComponent("samples/seed/build")
    static func seedPath(_ n: String) -> String { seed.appendingPathComponent(n + ".wasm").path }

    /// The corpus as the engine tests find it ($PATCHBAY_CORPUS or ../shared/corpus).
    static let corpus: URL = {
        if let env = ProcessInfo.processInfo.environment["PATCHBAY_CORPUS"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }()
    static var corpusAvailable: Bool { FileManager.default.fileExists(atPath: corpus.appendingPathComponent("README.md").path) }

    /// The built CLI, to compare with what a person gets from the command line.
    static var cli: URL? {
        let u = packageRoot.appendingPathComponent(".build/debug/patchbay")
        return FileManager.default.isExecutableFile(atPath: u.path) ? u : nil
    }

    static func runCLI(_ args: [String]) throws -> (status: Int32, stderr: String) {
        guard let bin = cli else { throw CocoaError(.fileNoSuchFile) }
        let p = Process()
        p.executableURL = bin
        p.arguments = args
        p.currentDirectoryURL = packageRoot
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: e, as: UTF8.self))
    }

    func seedApp() -> WorkbenchApp {
        WorkbenchApp(paths: ["libc", "libzip", "zipper"].map(Self.seedPath), pathBase: Self.packageRoot.path)
    }

    @discardableResult
    func run(_ app: inout WorkbenchApp, _ keys: String, width: Int = 120, height: Int = 36) throws -> String {
        var backend = TestBackend(width: width, height: height, events: try EventScript.parse(keys))
        try AppRunner.run(&app, on: &backend)
        return backend.text
    }

    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pb-wblink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The seed's zipper: libc.so, libzip.so and the main module chosen in
    /// that order, linked, opened as linked-1.wasm; its bytes equal the
    /// engine's and the CLI's for the command line the workbench shows, it
    /// has the link view, and its `compress` runs in the call panel.
    @Test func linksTheSeedLikeTheCLI() throws {
        var app = seedApp()
        try run(&app, "b")
        let panel = try #require(app.linkPanel)
        #expect(panel.entries.map(\.name) == ["libc.so", "libzip.so", "zipper.wasm"])
        try run(&app, "<space>j<space>j<space><enter>")
        #expect(app.linkPanel == nil)
        let doc = try #require(app.documents.last)
        #expect(doc.name == "linked-1.wasm")
        #expect(doc.inMemory && doc.isComponent && doc.isValid)
        #expect(app.selectedIndex == app.documents.count - 1)
        let made = try #require(doc.memoryBytes)

        let engine = try Linker.link([Linker.Library(name: "libc.so", bytes: try #require(FileBytes.read(Self.seedPath("libc")))),
                                      Linker.Library(name: "libzip.so", bytes: try #require(FileBytes.read(Self.seedPath("libzip")))),
                                      Linker.Library(name: "zipper.wasm", bytes: try #require(FileBytes.read(Self.seedPath("zipper"))))])
        #expect(made == engine)
        let command = "patchbay link libc.so=samples/seed/build/libc.wasm libzip.so=samples/seed/build/libzip.wasm samples/seed/build/zipper.wasm -o linked-1.wasm"
        #expect(doc.origin == command)
        if Self.cli != nil {
            // The command line the workbench shows, run as it reads (to a temporary output).
            let dir = try tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            let out = dir.appendingPathComponent("zipper.wasm").path
            var args = command.split(separator: " ").map(String.init).dropFirst()
            args.removeLast()
            let r = try Self.runCLI(Array(args) + [out])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(FileBytes.read(out) == made, "the workbench's link differs from patchbay link's output")
        } else {
            print("patchbay binary not built: compared with the engine's Linker only")
        }
        #expect(doc.report?.linked?.libraries.map(\.name) == ["libc.so", "libzip.so", "zipper.wasm"])

        var view = app
        let screen = try run(&view, "L")
        #expect(screen.contains("linked-1.wasm: 3 libraries, one memory, one table"), "\(screen)")
        #expect(screen.contains("zip ────▶ libzip.so"), "\(screen)")

        // compress([1, 1, 1, 2, 2]) = runs of (count, byte), through the call panel.
        let called = try run(&app, "<tab>R[1, 1, 1, 2, 2]<enter>")
        #expect(called.contains("= [3, 1, 2, 2]"), "\(called)")
    }

    /// A library without the one it needs: the panel shows the linker's
    /// error as `patchbay link` prints it, and nothing is added.
    @Test func linkErrorIsShownWordForWord() throws {
        var app = seedApp()
        let screen = try run(&app, "bj<space>j<space><enter>")
        let panel = try #require(app.linkPanel)
        #expect(app.documents.count == 3)
        let errors = panel.output.filter { $0.kind == .error }.map(\.text)
        #expect(errors == ["error: missing libraries:", "\tlibzip.so needs libc.so", "\tzipper.wasm needs libc.so"])
        #expect(panel.output.last?.text == "patchbay link libzip.so=samples/seed/build/libzip.wasm samples/seed/build/zipper.wasm -o linked-1.wasm")
        #expect(screen.contains("    libzip.so needs libc.so"), "\(screen)")
        if Self.cli != nil {
            let r = try Self.runCLI(["link", "libzip.so=samples/seed/build/libzip.wasm", "samples/seed/build/zipper.wasm", "-o", "/dev/null"])
            #expect(r.status == 1)
            #expect(r.stderr == errors.joined(separator: "\n") + "\n")
        }
        // Nothing chosen is said so; Esc closes.
        var empty = seedApp()
        try run(&empty, "b<enter>")
        #expect(empty.linkPanel?.output.map(\.text) == ["no library chosen: space chooses the one under the cursor"])
        try run(&empty, "<esc>")
        #expect(empty.linkPanel == nil)
    }

    /// J/K change the link order, s and d the options, n the name a library
    /// links as; the command line follows.
    @Test func orderOptionsAndNames() throws {
        var app = seedApp()
        try run(&app, "b<space>j<space>Ksdjn" + String(repeating: "<backspace>", count: 7) + "libz2.so<enter>")
        let p = try #require(app.linkPanel)
        #expect(p.entries.map(\.name) == ["libzip.so", "libz2.so", "zipper.wasm"])
        #expect(p.chosen.map(\.name) == ["libzip.so", "libz2.so"])
        #expect(p.commandLine(output: "o.wasm") == "patchbay link libzip.so=samples/seed/build/libzip.wasm libz2.so=samples/seed/build/libc.wasm --stub-missing-functions --use-built-in-libdl -o o.wasm")
    }

    /// The result is written atomically; never over an input, and over an
    /// existing file only after a second Enter.
    @Test func writesTheResult() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var app = seedApp()
        try run(&app, "b<space>j<space>j<space><enter>")
        let i = app.documents.count - 1
        let bytes = try #require(app.documents[i].memoryBytes)

        _ = app.perform(WorkbenchActions.saveDocument)
        app.savePrompt?.input = TextInputState(text: Self.seedPath("libc"))
        _ = app.update(.key(.enter))
        _ = app.update(.key(.enter))
        #expect(app.savePrompt?.problem?.contains("refusing to overwrite the input file") == true, "\(app.savePrompt?.problem ?? "")")
        #expect(FileBytes.read(Self.seedPath("libc"))?.count == 490)

        let existing = dir.appendingPathComponent("zipper.wasm").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: existing))
        app.savePrompt?.input = TextInputState(text: existing)
        _ = app.update(.key(.enter))
        #expect(app.savePrompt?.problem == "\(existing) exists: enter again to replace it, esc to keep it")
        #expect(FileBytes.read(existing) == Array("old".utf8))
        _ = app.update(.key(.enter))
        #expect(app.savePrompt == nil)
        #expect(FileBytes.read(existing) == bytes)
        #expect(!app.documents[i].inMemory && app.documents[i].path == existing)
    }

    /// A corpus module with its world embedded, wrapped with w, equals
    /// `ComponentWrapper.new`'s output; a module that does not fit its
    /// world shows `patchbay new`'s error.
    @Test(.enabled(if: corpusAvailable, "corpus not found: set PATCHBAY_CORPUS"))
    func wrapsLikeNew() throws {
        for name in ["exports", "export-resource", "import-export"] {
            let module = Self.corpus.appendingPathComponent("components/witc/\(name)/build/module.wasm").path
            var app = WorkbenchApp(paths: [module], pathBase: Self.corpus.path)
            #expect(app.documents[0].core?.hasWorld == true)
            try run(&app, "w")
            #expect(app.documents.count == 2, "\(name): \(app.status)")
            let doc = try #require(app.documents.last)
            #expect(doc.name == "module-wrapped.wasm")
            #expect(doc.isComponent && doc.isValid, "\(name): \(doc.diagnostics)")
            #expect(doc.memoryBytes == (try ComponentWrapper.new(module: try #require(FileBytes.read(module)))), "\(name)")
            #expect(doc.origin == "patchbay new components/witc/\(name)/build/module.wasm -o module-wrapped.wasm")
        }
        let bad = Self.corpus.appendingPathComponent("components/witc/error-missing-export/build/module.wasm").path
        var app = WorkbenchApp(paths: [bad], pathBase: Self.corpus.path)
        let screen = try run(&app, "w", width: 160)
        let expected = try String(contentsOf: Self.corpus.appendingPathComponent("components/witc/error-missing-export/expected-error.txt"), encoding: .utf8)
        #expect(app.message?.lines == ["error: components/witc/error-missing-export/build/module.wasm: " + expected])
        #expect(screen.contains("failed to find export of interface `foo` function `a`"), "\(screen)")
        #expect(app.documents.count == 1)
        try run(&app, "x")
        #expect(app.message == nil)
    }

    /// Wrapping a component, or linking with nothing to link, changes nothing and says why.
    @Test func refusalsSayWhy() throws {
        var app = WorkbenchApp(paths: [Self.packageRoot.appendingPathComponent("samples/greeter.wasm").path], pathBase: Self.packageRoot.path)
        let s = try run(&app, "w")
        #expect(s.contains("greeter.wasm is not a core module with an embedded world"), "\(s)")
        try run(&app, "b")
        #expect(app.linkPanel?.entries.isEmpty == true)
        #expect(app.linkPanel?.output.first?.text.hasPrefix("no dylink.0 libraries are open") == true)
        #expect(WorkbenchActions.registry.actions.contains { $0.name == WorkbenchActions.link })
        let help = try run(&app, "<esc>?", width: 100, height: 50)
        #expect(help.contains("Link open dylink.0 libraries into a component"), "\(help)")
    }
}
