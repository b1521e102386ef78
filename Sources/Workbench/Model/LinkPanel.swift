#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine
import TerminalCore

/// The link panel: the open `dylink.0` libraries, of which the person
/// chooses some and their order, linked by the engine's `Linker` (the code
/// `patchbay link` runs) into a new document of the library.
///
/// The order matters: a symbol comes from the first library in the list that
/// defines it, so the panel shows the position of every chosen library.
public struct LinkPanel: Sendable {
    public struct Entry: Sendable, Hashable {
        /// Index of the document in the workbench's library.
        public var document: Int
        /// The name the library is linked under (what `needed` lists name).
        public var name: String
        public var chosen = false
        public var path: String
        public var needed: [String]
    }

    public enum Kind: Sendable { case error, note, command }
    public struct Line: Sendable, Equatable {
        public var kind: Kind
        public var text: String
    }

    /// In link order.
    public var entries: [Entry]
    public var state = ListState(selected: 0)
    public var stubMissingFunctions = false
    public var useBuiltInLibdl = false
    /// The last attempt's outcome (an error word for word as the CLI prints it).
    public var output: [Line] = []
    /// Set while the selected library's link name is being edited.
    public var renaming: TextInputState?

    public var chosen: [Entry] { entries.filter(\.chosen) }

    /// The position (1-based) of a chosen entry among the chosen ones.
    func position(of entry: Entry) -> Int? {
        guard entry.chosen else { return nil }
        return chosen.firstIndex(of: entry).map { $0 + 1 }
    }

    /// Every open core module with a `dylink.0` section, named as the
    /// other libraries' `needed` lists name it when its file name says
    /// which (`libc.wasm` is `libc.so` when a library needs `libc.so`),
    /// else by its file name, as `patchbay link` names an unnamed argument.
    init(documents: [ComponentDocument]) {
        let needed = documents.flatMap { $0.core?.dylink?.needed ?? [] }
        func stem(_ s: String) -> String { String(s.prefix { $0 != "." }) }
        entries = documents.enumerated().compactMap { i, d in
            guard let dl = d.core?.dylink else { return nil }
            let name = d.name != stem(d.name) ? (needed.first { stem($0) == stem(d.name) } ?? d.name) : d.name
            return Entry(document: i, name: name, path: d.displayPath, needed: dl.needed)
        }
        if entries.isEmpty {
            output = [Line(kind: .note, text: "no dylink.0 libraries are open: open them with `patchbay open FILE...` or o, then come back")]
        } else {
            output = [Line(kind: .note, text: "choose the libraries with space, in the order they should be searched, then enter")]
        }
    }

    /// The same link as a `patchbay link` command line.
    public func commandLine(output: String) -> String {
        var parts = ["patchbay", "link"]
        for e in chosen {
            let file = PathNames.last(e.path)
            parts.append(e.name == file ? e.path : "\(e.name)=\(e.path)")
        }
        if stubMissingFunctions { parts.append("--stub-missing-functions") }
        if useBuiltInLibdl { parts.append("--use-built-in-libdl") }
        parts += ["-o", output]
        return parts.joined(separator: " ")
    }

    mutating func toggle() {
        guard let i = state.selected, entries.indices.contains(i) else { return }
        entries[i].chosen.toggle()
    }

    /// Moves the selected library `step` places in the link order.
    mutating func reorder(_ step: Int) {
        guard let i = state.selected, entries.indices.contains(i) else { return }
        let j = i + step
        guard entries.indices.contains(j) else { return }
        entries.swapAt(i, j)
        state.select(j, count: entries.count)
    }
}

extension WorkbenchApp {
    /// The `link` action: the link panel over the open libraries.
    mutating func openLinkPanel() {
        linkPanel = LinkPanel(documents: documents)
        status = "link: \(linkPanel?.entries.count ?? 0) dylink.0 libraries open"
    }

    /// Space chooses, J/K reorder, s and d switch the options, n renames,
    /// Enter links, Esc closes (or leaves the name being edited).
    mutating func handleLinkPanel(_ key: Key) -> [Command] {
        guard var p = linkPanel else { return [] }
        if var input = p.renaming {
            switch key {
            case .enter:
                let name = input.text.trimmingBlanks()
                if !name.isEmpty, let i = p.state.selected, p.entries.indices.contains(i) { p.entries[i].name = name }
                p.renaming = nil
            case .esc: p.renaming = nil
            default: _ = input.handle(key); p.renaming = input
            }
            linkPanel = p
            return []
        }
        switch key {
        case .esc, .char("q"): linkPanel = nil; status = "link panel closed"; return []
        case .char("j"), .down: p.state.moveDown(count: p.entries.count)
        case .char("k"), .up: p.state.moveUp(count: p.entries.count)
        case .char(" "): p.toggle()
        case .char("J"): p.reorder(1)
        case .char("K"): p.reorder(-1)
        case .char("s"): p.stubMissingFunctions.toggle()
        case .char("d"): p.useBuiltInLibdl.toggle()
        case .char("n"):
            if let i = p.state.selected, p.entries.indices.contains(i) { p.renaming = TextInputState(text: p.entries[i].name) }
        case .enter:
            linkPanel = p
            linkChosen()
            return []
        default: break
        }
        linkPanel = p
        return []
    }

    /// Links the chosen libraries; on success the result opens as a new
    /// document and the panel closes, on failure the panel shows the
    /// linker's error as `patchbay link` prints it.
    mutating func linkChosen() {
        guard var p = linkPanel else { return }
        let chosen = p.chosen
        guard !chosen.isEmpty else {
            p.output = [LinkPanel.Line(kind: .error, text: "no library chosen: space chooses the one under the cursor")]
            linkPanel = p
            return
        }
        let name = freeName { "linked-\($0).wasm" }
        var libs: [Linker.Library] = []
        for e in chosen {
            guard e.document < documents.count, let bytes = documents[e.document].bytes() else {
                p.output = [LinkPanel.Line(kind: .error, text: "error: \(e.path): cannot read the file")]
                linkPanel = p
                return
            }
            libs.append(Linker.Library(name: e.name, bytes: bytes))
        }
        var options = Linker.Options()
        options.stubMissingFunctions = p.stubMissingFunctions
        options.useBuiltInLibdl = p.useBuiltInLibdl
        let command = p.commandLine(output: name)
        do {
            let bytes = try Linker.link(libs, options: options)
            let inputs = chosen.compactMap { $0.document < documents.count ? documents[$0.document].path : nil }
            openMade(.inMemory(bytes, name: name, origin: command, inputs: inputs))
            linkPanel = nil
            status = "linked \(chosen.map(\.name).joined(separator: ", ")) into \(name) (\(bytes.count) bytes, in memory)"
        } catch {
            // The error first (a small screen may cut what follows), then the command line that gives it.
            p.output = error.description.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
                    LinkPanel.Line(kind: .error, text: ($0.offset == 0 ? "error: " : "") + $0.element)
                } + [LinkPanel.Line(kind: .command, text: command)]
            linkPanel = p
            status = "link failed: the panel shows why"
        }
    }

    /// The `wrap` action: the selected core module with its world embedded
    /// becomes a component (what `patchbay new` does), opened as a new document.
    mutating func wrapSelected() {
        guard let i = selectedIndex else { status = "no document selected: nothing to wrap"; return }
        let doc = documents[i]
        guard doc.core?.hasWorld == true else {
            status = "\(doc.name) is not a core module with an embedded world (component-type): nothing to wrap"
            return
        }
        guard let bytes = doc.bytes() else { status = "\(doc.name): cannot read the file"; return }
        let stem = PathNames.deletingExtension(doc.name)
        let name = freeName { $0 == 1 ? "\(stem)-wrapped.wasm" : "\(stem)-wrapped-\($0).wasm" }
        do {
            let out = try ComponentWrapper.new(module: bytes)
            openMade(.inMemory(out, name: name, origin: "patchbay new \(doc.displayPath) -o \(name)", inputs: doc.inMemory ? [] : [doc.path]))
            status = "wrapped \(doc.name) into \(name) (\(out.count) bytes, in memory)"
        } catch {
            // Word for word what `patchbay new` prints.
            message = WorkbenchMessage(title: "Cannot wrap \(doc.name)", lines: ["error: \(doc.displayPath): \(error.description)"])
            status = "wrap failed"
        }
    }

    /// The first name `make(n)` (n = 1, 2, ...) that no open document has.
    func freeName(_ make: (Int) -> String) -> String {
        let taken = Set(documents.map(\.name))
        var n = 1
        while taken.contains(make(n)) { n += 1 }
        return make(n)
    }

    /// Adds a document made in the workbench and selects it in the library.
    mutating func openMade(_ doc: ComponentDocument) {
        add(doc)
        libraryState.select(documents.count - 1, count: documents.count)
        focus = .library
        selectDocument()
    }

    /// The `save_document` action: asks where to write the selected document made in the workbench.
    mutating func startSavePrompt() {
        guard let i = selectedIndex else { status = "no document selected"; return }
        guard documents[i].inMemory else { status = "\(documents[i].name) is already a file: \(documents[i].displayPath)"; return }
        savePrompt = SavePrompt(document: i, input: TextInputState(text: documents[i].name))
    }

    mutating func handleSavePrompt(_ key: Key) -> [Command] {
        guard var s = savePrompt else { return [] }
        switch key {
        case .esc: savePrompt = nil; status = "not written"
        case .enter:
            let path = s.input.text.trimmingBlanks()
            guard !path.isEmpty else { return [] }
            if FileManager.default.fileExists(atPath: path) && s.confirmed != path {
                // Replacing a file is never silent: a second Enter on the same path confirms it.
                s.confirmed = path
                s.problem = "\(path) exists: enter again to replace it, esc to keep it"
                savePrompt = s
                return []
            }
            writeDocument(s.document, to: path)
        default:
            _ = s.input.handle(key)
            s.confirmed = nil
            s.problem = nil
            savePrompt = s
        }
        return []
    }

    /// Writes atomically, never over a file any open document was read from
    /// (nor one the document was made from); the document then reads as that file.
    mutating func writeDocument(_ i: Int, to path: String) {
        guard documents.indices.contains(i), let bytes = documents[i].memoryBytes else { savePrompt = nil; return }
        let protected = documents.filter { !$0.inMemory }.map(\.path) + documents[i].inputs
        do {
            try AtomicFile.write(bytes, to: path, overwrite: true, protectedInputs: protected)
        } catch {
            savePrompt?.problem = error.description
            return
        }
        savePrompt = nil
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var doc = documents[i]
        doc.path = absolute
        doc.displayPath = DisplayPath.relative(absolute, to: pathBase)
        doc.memoryBytes = nil
        documents[i] = doc
        trees[i] = BrowserTree(doc, theme: theme)
        status = "wrote \(doc.displayPath): \(bytes.count) bytes"
    }
}

/// Where to write a document made in the workbench.
public struct SavePrompt: Sendable {
    public var document: Int
    public var input: TextInputState
    /// The existing path a second Enter replaces.
    public var confirmed: String?
    public var problem: String?
}

/// A message over the screen until the next key (a refusal, word for word).
public struct WorkbenchMessage: Sendable {
    public var title: String
    public var lines: [String]
}
