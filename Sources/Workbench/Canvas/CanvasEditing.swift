#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine
import TerminalCore

/// Changes to the composition made from the canvas. Each user action is a
/// list of `GraphEdit`s applied all or nothing, recorded as one undo step
/// and saved at once.
extension WorkbenchApp {
    typealias NodeID = CompositionGraph.NodeID

    var canvasGraph: CompositionGraph { canvas.session.graph }

    var canvasLayout: CanvasLayout {
        CanvasLayout(graph: canvas.session.graph, positions: canvas.positions, folded: canvas.folded)
    }

    /// Applies `edits` as one undoable action. On a refusal nothing changes
    /// and the error (with its misfit, if a type did not fit) is returned.
    @discardableResult
    mutating func commit(_ edits: [GraphEdit], summary: String? = nil) -> CompositionError? {
        guard !edits.isEmpty else { return nil }
        var trial = canvas.session
        for e in edits {
            do { try trial.apply(e, load: SessionStore.readPackage) } catch { return error }
        }
        canvas.session = trial
        canvas.groups.append(edits.count)
        canvas.redoGroups = []
        status = summary ?? edits.map(\.summary).joined(separator: "; ")
        saveCanvasSession()
        return nil
    }

    mutating func saveCanvasSession() {
        guard let store = canvas.store else { return }
        do { try store.save(canvas.session, extras: canvas.extras) } catch {
            status = "the session could not be saved: \(error.description)"
        }
    }

    mutating func canvasUndo() {
        guard let n = canvas.groups.popLast() else { status = "nothing to undo"; return }
        var undone: [GraphEdit] = []
        for _ in 0..<n { if let e = canvas.session.undo() { undone.insert(e, at: 0) } }
        canvas.redoGroups.append(n)
        status = "undid: " + undone.map(\.summary).joined(separator: "; ")
        fixSelection()
        saveCanvasSession()
    }

    mutating func canvasRedo() {
        guard let n = canvas.redoGroups.popLast() else { status = "nothing to redo"; return }
        var redone: [GraphEdit] = []
        for _ in 0..<n { if let e = canvas.session.redo() { redone.append(e) } }
        canvas.groups.append(n)
        status = "redid: " + redone.map(\.summary).joined(separator: "; ")
        fixSelection()
        saveCanvasSession()
    }

    /// Shows a refusal: what was refused and the engine's explanation.
    mutating func refuse(_ title: String, _ error: CompositionError) {
        var lines = [error.message]
        if let m = error.misfit {
            lines.append("")
            lines += m.description.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        } else {
            lines += error.causes.map { "caused by: " + $0 }
        }
        lines += ["", "Nothing was changed."]
        canvas.overlay = .message(title: title, lines: lines)
        status = "refused: " + (error.misfit?.description.split(separator: "\n").first.map(String.init) ?? error.message)
    }

    // MARK: candidates

    /// The exports of other boxes that could go into `importName` of
    /// `target`: fitting ones first, then by how well the names match.
    func wireCandidates(target: NodeID, importName: String) -> [CanvasModel.Candidate] {
        let g = canvasGraph
        guard let expected = try? g.expectedType(of: target, argument: importName) else { return [] }
        let check = g.wireCheck
        var out: [CanvasModel.Candidate] = []
        func consider(_ source: NodeID, _ export: String?, _ found: EntityType, blocked: String?) {
            let bound = expected.substituting(expected.resourceBindings(to: found))
            let misfit = check.misfit(found: found, expected: bound).map {
                Misfit(path: [.import(importName)] + $0.path, expected: $0.expected, found: $0.found, notes: $0.notes)
            }
            let label = g.displayName(source) + (export.map { "." + $0 } ?? " (whole instance)")
            out.append(.init(source: source, export: export, label: label, misfit: misfit, blocked: blocked,
                             nameScore: Self.nameScore(export ?? g.displayName(source), importName)))
        }
        for sid in CanvasLayout.boxNodes(g) where sid != target {
            let cycle = (try? g.reaches(from: sid, to: target)) ?? false
            let blocked = cycle ? "\(g.displayName(sid)) already depends on \(g.displayName(target)): this wire would make a cycle" : nil
            guard let t = try? g.type(of: sid) else { continue }
            if case .instance(let it) = t, case .instantiation = (try? g.node(sid))?.kind {
                for e in it.exports { consider(sid, e.name.name, e.type, blocked: blocked) }
                if case .instance = expected { consider(sid, nil, t, blocked: blocked) }
            } else {
                consider(sid, nil, t, blocked: blocked)
            }
        }
        return out.sorted {
            ($0.fits ? 0 : 1, -$0.nameScore, $0.source.raw, $0.label) < ($1.fits ? 0 : 1, -$1.nameScore, $1.source.raw, $1.label)
        }
    }

    /// 3: the same name; 2: the same interface at another version; 1: the
    /// same last word (`…/ops` for `ops`); 0: nothing in common.
    static func nameScore(_ candidate: String, _ wanted: String) -> Int {
        if candidate == wanted { return 3 }
        if ImportName.unversioned(candidate) == ImportName.unversioned(wanted) { return 2 }
        func last(_ s: String) -> Substring {
            let u = ImportName.unversioned(s)
            return u.split(separator: "/").last ?? Substring(u)
        }
        return last(candidate) == last(wanted) ? 1 : 0
    }

    /// The node standing for `export` of `source`: an alias already in the
    /// graph, or the id the next `addAlias` will get (ids are never reused).
    func aliasNode(_ source: NodeID, _ export: String, pending: inout [GraphEdit], nextID: inout Int) -> Int {
        let g = canvasGraph
        for id in g.liveNodes {
            if case .alias(let s, let e) = (try? g.node(id))?.kind, s == source, e == export { return id.raw }
        }
        for (i, edit) in pending.enumerated() {
            if case .addAlias(let s, let e, _) = edit, s == source.raw, e == export {
                return g.nodes.count + pending[..<i].filter(Self.createsNode).count
            }
        }
        pending.append(.addAlias(source: source.raw, export: export, name: nil))
        let id = nextID
        nextID += 1
        return id
    }

    static func createsNode(_ e: GraphEdit) -> Bool {
        switch e {
        case .addAlias, .addImport, .addInstantiation: true
        default: false
        }
    }

    mutating func openCandidates() {
        guard let sel = canvas.selection, case .import(let name) = sel.port else {
            status = "select an import port (left side of a box) to wire it"
            return
        }
        let list = wireCandidates(target: sel.node, importName: name)
        if list.isEmpty {
            status = "no other instance to wire from: add one with a"
            return
        }
        canvas.overlay = .candidates(target: sel.node, importName: name, list: list, state: ListState(selected: 0))
    }

    /// Wires a chosen candidate, or shows why it cannot be.
    mutating func choose(_ c: CanvasModel.Candidate, target: NodeID, importName: String) {
        canvas.overlay = .none
        let g = canvasGraph
        let title = "Refused: \(c.label) → `\(importName)` of \(g.displayName(target))"
        if let b = c.blocked {
            refuse(title, CompositionError(.cycle, b))
            return
        }
        var edits: [GraphEdit] = []
        if g.nodes.indices.contains(target.raw), g.nodes[target.raw]?.arguments[importName] != nil {
            edits.append(.unsetArgument(target: target.raw, name: importName))
        }
        var next = g.nodes.count
        let src = c.export.map { aliasNode(c.source, $0, pending: &edits, nextID: &next) } ?? c.source.raw
        edits.append(.setArgument(target: target.raw, name: importName, source: src))
        if let e = commit(edits, summary: "wired \(c.label) into `\(importName)` of \(g.displayName(target))") {
            refuse(title, e)
        }
    }

    // MARK: other edits

    /// Unwires the selected import, unexports the selected export, or
    /// removes the selected box.
    mutating func canvasUnwire() {
        guard let sel = canvas.selection else { return }
        let g = canvasGraph
        switch sel.port {
        case .import(let name):
            guard let n = try? g.node(sel.node), let src = n.arguments[name] else { status = "`\(name)` is not wired"; return }
            var edits: [GraphEdit] = [.unsetArgument(target: sel.node.raw, name: name)]
            if isOnlyUse(src, byArgument: (sel.node, name)) { edits.append(.remove(node: src.raw)) }
            commit(edits, summary: "unwired `\(name)` of \(g.displayName(sel.node))")
        case .export(let name):
            let names = g.exports.filter { e in
                if case .alias(let s, let x)? = (try? g.node(e.node))?.kind { return s == sel.node && x == name }
                return false
            }.map(\.name)
            if names.isEmpty { status = "`\(name)` is not exported from the composite"; return }
            commit(names.map { .unexport(name: $0) }, summary: "removed export " + names.map { "`\($0)`" }.joined(separator: ", "))
        case .header:
            canvasRemove()
        }
    }

    /// Whether an alias node is used only by this one argument (so it can
    /// go when the wire goes).
    func isOnlyUse(_ node: NodeID, byArgument use: (NodeID, String)) -> Bool {
        let g = canvasGraph
        guard case .alias = (try? g.node(node))?.kind else { return false }
        if g.exports.contains(where: { $0.node == node }) { return false }
        for id in g.liveNodes {
            guard let n = try? g.node(id) else { continue }
            if case .alias(let s, _) = n.kind, s == node { return false }
            for (k, v) in n.arguments where v == node && !(id == use.0 && k == use.1) { return false }
        }
        return true
    }

    mutating func canvasRemove() {
        guard let sel = canvas.selection else { return }
        let name = canvasGraph.displayName(sel.node)
        commit([.remove(node: sel.node.raw)], summary: "removed \(name)")
        fixSelection()
    }

    /// Adds an instance of the library document at `index`, registering
    /// its package first if this is its first instance.
    mutating func addInstance(document index: Int) {
        guard index >= 0, index < documents.count else { return }
        let doc = documents[index]
        guard doc.isValid else { status = "\(doc.name) does not load: \(doc.diagnostics.first?.text ?? "")"; return }
        guard doc.isComponent else { status = "\(doc.name) is a core module, not a component: link or wrap it in the browser first"; return }
        // The canvas's packages are files (sessions and WAC refer to them by path).
        guard !doc.inMemory else { status = "\(doc.name) is in memory: write it to a file (save_document) before adding it"; return }
        let g = canvasGraph
        var edits: [GraphEdit] = []
        let stem = Self.kebab(PathNames.deletingExtension(doc.name))
        let key: String
        if let p = g.packages.first(where: { $0.path == doc.path }) {
            key = p.key
        } else {
            var name = "local:" + stem, n = 2
            while g.packages.contains(where: { $0.key == name }) { name = "local:\(stem)-\(n)"; n += 1 }
            edits.append(.registerPackage(name: name, version: nil, path: doc.path))
            key = name
        }
        var instance = stem, n = 2
        let taken = Set(g.liveNodes.compactMap { (try? g.node($0))?.name })
        while taken.contains(instance) { instance = "\(stem)-\(n)"; n += 1 }
        edits.append(.addInstantiation(package: key, name: instance))
        let id = NodeID(g.nodes.count)
        if let e = commit(edits, summary: "added instance \(instance) of \(doc.name)") {
            refuse("Cannot add \(doc.name)", e)
            return
        }
        canvas.selection = .init(node: id, port: .header)
        canvasScrollIntoView()
    }

    /// Kebab-case for package and instance names made from file names.
    static func kebab(_ s: String) -> String {
        var out = ""
        for c in s.lowercased() {
            if c.isASCII && (c.isLetter || c.isNumber) { out.append(c) } else if !out.hasSuffix("-") && !out.isEmpty { out.append("-") }
        }
        while out.hasSuffix("-") { out.removeLast() }
        if out.isEmpty || out.first?.isNumber == true { out = "c" + out }
        // Each word of a kebab name starts with a letter.
        return out.split(separator: "-").map { $0.first?.isNumber == true ? "n" + $0 : String($0) }.joined(separator: "-")
    }

    /// Wires each unwired import of `socket` that `plug` exports under the
    /// same name, as one action (`patchbay plug` on the canvas).
    mutating func plug(socket: NodeID, plug: NodeID) {
        canvas.overlay = .none
        let g = canvasGraph
        guard case .instantiation(let sp)? = (try? g.node(socket))?.kind, case .instantiation(let pp)? = (try? g.node(plug))?.kind,
              let sn = try? g.node(socket) else { return }
        let title = "Refused: plug \(g.displayName(plug)) into \(g.displayName(socket))"
        if (try? g.reaches(from: plug, to: socket)) ?? false {
            refuse(title, CompositionError(.cycle, "\(g.displayName(plug)) already depends on \(g.displayName(socket)): plugging would make a cycle"))
            return
        }
        var edits: [GraphEdit] = []
        var next = g.nodes.count
        var wired: [String] = []
        for imp in g.packages[sp].type.imports where sn.arguments[imp.name.name] == nil {
            guard g.packages[pp].export(named: imp.name.name) != nil else { continue }
            let a = aliasNode(plug, imp.name.name, pending: &edits, nextID: &next)
            edits.append(.setArgument(target: socket.raw, name: imp.name.name, source: a))
            wired.append(imp.name.name)
        }
        if wired.isEmpty {
            let imports = g.packages[sp].type.imports.map { "`\($0.name.name)`" }.joined(separator: ", ")
            let exports = g.packages[pp].type.exports.map { "`\($0.name.name)`" }.joined(separator: ", ")
            canvas.overlay = .message(title: "Nothing to plug", lines: [
                "no export of \(g.displayName(plug)) has the name of an unwired import of \(g.displayName(socket))",
                "\(g.displayName(socket)) imports " + (imports.isEmpty ? "nothing" : imports),
                "\(g.displayName(plug)) exports " + (exports.isEmpty ? "nothing" : exports),
            ])
            return
        }
        if let e = commit(edits, summary: "plugged \(g.displayName(plug)) into \(g.displayName(socket)): " + wired.map { "`\($0)`" }.joined(separator: ", ")) {
            refuse(title, e)
        }
    }

    /// Exports the selected port (or whole instance) under `name`.
    mutating func exportSelected(_ node: NodeID, _ port: CanvasModel.Port, as name: String) {
        let g = canvasGraph
        var edits: [GraphEdit] = []
        var next = g.nodes.count
        let src: Int
        switch port {
        case .export(let e): src = aliasNode(node, e, pending: &edits, nextID: &next)
        default: src = node.raw
        }
        edits.append(.export(node: src, name: name))
        if let e = commit(edits, summary: "exported `\(name)` from the composite") { refuse("Cannot export `\(name)`", e) }
    }

    /// A free export name close to `base`.
    func freeExportName(_ base: String) -> String {
        let taken = Set(canvasGraph.exports.map(\.name))
        if !taken.contains(base) { return base }
        var n = 2
        while taken.contains("\(base)-\(n)") { n += 1 }
        return "\(base)-\(n)"
    }

    // MARK: WAC

    /// Saves the composition as WAC source, atomically.
    mutating func saveWac(to path: String) {
        let g = canvasGraph
        let text: String
        do { text = try WacPrinter.print(g) } catch {
            refuse("Cannot write WAC", error)
            return
        }
        do {
            try AtomicFile.write(Array(text.utf8), to: path, protectedInputs: g.packages.compactMap(\.path))
        } catch {
            canvas.overlay = .message(title: "Cannot write \(path)", lines: [error.description])
            return
        }
        canvas.lastWac = path
        status = "saved \(PathNames.last(path)) (WAC, \(g.packages.count) packages)"
    }

    /// Opens a WAC file on the canvas as a new session: its packages join
    /// the library and each of its statements becomes an undoable edit.
    public mutating func openComposition(wacPath path: String) {
        guard let data = FileManager.default.contents(atPath: path) else {
            status = "cannot read \(path)"
            return
        }
        let edits: [GraphEdit]
        let source = String(decoding: data, as: UTF8.self)
        let deps = WacDependencies(source: source, path: path)
        do {
            edits = try WacEvaluator.edits(source: source, path: path) { (name: String, version: String?) throws(CompositionError) -> (bytes: [UInt8], path: String) in
                try deps.resolve(name, version)
            }
        } catch {
            showingCanvas = true
            canvas.overlay = .message(title: "Cannot open \(PathNames.last(path))", lines: error.description.split(separator: "\n").map(String.init))
            return
        }
        var session = CompositionSession()
        for e in edits {
            do { try session.apply(e, load: SessionStore.readPackage) } catch {
                showingCanvas = true
                refuse("Cannot open \(PathNames.last(path)): \(e.summary)", error)
                return
            }
        }
        canvas.session = session
        canvas.groups = Array(repeating: 1, count: edits.count)
        canvas.redoGroups = []
        canvas.positions = [:]
        canvas.folded = []
        canvas.selection = nil
        for p in session.graph.packages {
            if let pp = p.path, !documents.contains(where: { $0.path == pp }) { add(ComponentDocument.load(path: pp)) }
        }
        showingCanvas = true
        fixSelection()
        status = "opened \(PathNames.last(path)): \(CanvasLayout.boxNodes(session.graph).count) instances, \(edits.count) edits"
        saveCanvasSession()
    }

    // MARK: the composite

    /// Encodes the composite and writes it atomically, never over one of
    /// the components it was built from.
    mutating func writeComposite(to path: String) {
        let g = canvasGraph
        let bytes: [UInt8]
        do { bytes = try CompositionEncoder.encode(g, options: .init(importDependencies: canvas.importDependencies)) } catch {
            refuse("Cannot build the composite", error)
            return
        }
        do {
            try AtomicFile.write(bytes, to: path, protectedInputs: g.packages.compactMap(\.path))
        } catch {
            canvas.overlay = .message(title: "Cannot write \(path)", lines: [error.description])
            return
        }
        canvas.lastOutput = path
        status = "wrote \(PathNames.last(path)): \(bytes.count) bytes, validated, dependencies \(canvas.importDependencies ? "imported" : "embedded")"
    }

    /// The composite's WIT, then its structure (instances, aliases, canon).
    mutating func showCompositeView() {
        let g = canvasGraph
        let bytes: [UInt8]
        do { bytes = try CompositionEncoder.encode(g, options: .init(importDependencies: canvas.importDependencies)) } catch {
            refuse("Cannot build the composite", error)
            return
        }
        var lines = ["WIT of the composite (\(bytes.count) bytes)", ""]
        do {
            lines += try WitDecoder.witText(bytes: bytes).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        } catch {
            lines.append("the WIT could not be printed: \(error)")
        }
        lines += ["", "Structure", ""]
        if let component = try? ComponentDecoder.decode(bytes) {
            let resolved = try? TypeResolver.resolve(component)
            let text = TypeText(resourceNames: resolved?.resourceNames ?? [:])
            let report = InspectReport.build(component, types: resolved?.type, text: text,
                                             summaries: resolved?.moduleSummaries ?? [:])
            func walk(_ o: OutlineNode, _ depth: Int) {
                lines.append(String(repeating: "  ", count: depth) + o.title + (o.detail.map { ": " + $0 } ?? ""))
                for c in o.children { walk(c, depth + 1) }
            }
            for c in report.outline(title: "composite").children { walk(c, 0) }
        }
        canvas.overlay = .view(title: "Composite: WIT and structure (j/k scroll, esc closes)", lines: lines, scroll: 0)
    }
}
