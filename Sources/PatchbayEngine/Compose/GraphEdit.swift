#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One change to a composition, as a value. The workbench's undo and
/// redo, session files, WAC export and the CLI all go through edits, so a
/// composition built by hand can be replayed exactly.
///
/// Nodes are referred to by their id (ids are never reused, so a replay
/// gives the same ids); packages by their key (`name` or `name@version`).
public enum GraphEdit: Sendable, Codable, Hashable {
    case registerPackage(name: String, version: String?, path: String)
    /// An import typed like `export` of `package`.
    case addImport(name: String, package: String, export: String)
    case addInstantiation(package: String, name: String?)
    case addAlias(source: Int, export: String, name: String?)
    case setArgument(target: Int, name: String, source: Int)
    case unsetArgument(target: Int, name: String)
    case export(node: Int, name: String)
    case unexport(name: String)
    case rename(node: Int, name: String?)
    case remove(node: Int)

    /// A short description for an undo menu or a log.
    public var summary: String {
        switch self {
        case .registerPackage(let n, let v, let p): "add package \(n)\(v.map { "@\($0)" } ?? "") from \(p)"
        case .addImport(let n, let p, let e): "import `\(n)` typed like \(p)'s `\(e)`"
        case .addInstantiation(let p, let n): "instantiate \(p)" + (n.map { " as \($0)" } ?? "")
        case .addAlias(let s, let e, _): "take `\(e)` from node \(s)"
        case .setArgument(let t, let n, let s): "wire node \(s) into `\(n)` of node \(t)"
        case .unsetArgument(let t, let n): "unwire `\(n)` of node \(t)"
        case .export(let n, let name): "export node \(n) as `\(name)`"
        case .unexport(let name): "remove export `\(name)`"
        case .rename(let n, let name): "rename node \(n) to \(name ?? "(no name)")"
        case .remove(let n): "remove node \(n)"
        }
    }

    /// Whether applying this edit adds a node (it gets the next id).
    public var createsNode: Bool {
        switch self {
        case .addImport, .addInstantiation, .addAlias: true
        default: false
        }
    }

    /// The nodes this edit refers to.
    public var nodeReferences: [Int] {
        switch self {
        case .addAlias(let s, _, _): [s]
        case .setArgument(let t, _, let s): [t, s]
        case .unsetArgument(let t, _), .export(let t, _), .rename(let t, _), .remove(let t): [t]
        default: []
        }
    }

    /// The same edit with its node ids mapped; nil when one has no image.
    public func remappingNodes(_ map: (Int) -> Int?) -> GraphEdit? {
        switch self {
        case .addAlias(let s, let e, let n): map(s).map { .addAlias(source: $0, export: e, name: n) }
        case .setArgument(let t, let n, let s):
            if let t2 = map(t), let s2 = map(s) { .setArgument(target: t2, name: n, source: s2) } else { nil }
        case .unsetArgument(let t, let n): map(t).map { .unsetArgument(target: $0, name: n) }
        case .export(let t, let n): map(t).map { .export(node: $0, name: n) }
        case .rename(let t, let n): map(t).map { .rename(node: $0, name: n) }
        case .remove(let t): map(t).map { .remove(node: $0) }
        default: self
        }
    }
}

extension CompositionGraph {
    /// Applies one edit. `load` reads a package's bytes from its path.
    public mutating func apply(_ edit: GraphEdit, load: (String) throws(CompositionError) -> [UInt8]) throws(CompositionError) {
        func pkg(_ key: String) throws(CompositionError) -> Int {
            guard let i = packages.firstIndex(where: { $0.key == key || $0.name == key }) else {
                throw CompositionError(.unknownPackage, "no package `\(key)` is registered")
            }
            return i
        }
        switch edit {
        case .registerPackage(let name, let version, let path):
            var v: SemVer?
            if let version {
                guard let s = SemVer(version) else { throw CompositionError(.invalidName, "`\(version)` is not a semantic version") }
                v = s
            }
            _ = try register(name: name, version: v, path: path, bytes: try load(path))
        case .addImport(let name, let p, let export): _ = try addImport(name: name, package: try pkg(p), export: export)
        case .addInstantiation(let p, let name): _ = try addInstantiation(package: try pkg(p), name: name)
        case .addAlias(let source, let export, let name): _ = try addAlias(source: NodeID(source), export: export, name: name)
        case .setArgument(let t, let name, let s): try setArgument(target: NodeID(t), name: name, source: NodeID(s))
        case .unsetArgument(let t, let name): try unsetArgument(target: NodeID(t), name: name)
        case .export(let n, let name): try export(NodeID(n), as: name)
        case .unexport(let name): unexport(name)
        case .rename(let n, let name): try setName(NodeID(n), name)
        case .remove(let n): try remove(NodeID(n))
        }
    }
}

/// A composition with its history: the edits that built it, undo and
/// redo, and saving to and restoring from a session file.
public struct CompositionSession: Sendable {
    public private(set) var graph = CompositionGraph()
    public private(set) var edits: [GraphEdit] = []
    /// Graph states before each edit: undo restores one. Graphs are values
    /// that share their storage, so a snapshot costs little.
    var before: [CompositionGraph] = []
    var redoStack: [(GraphEdit, CompositionGraph)] = []

    public init() {}

    public var canUndo: Bool { !edits.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }

    /// Applies `edit`; on error the session is unchanged.
    public mutating func apply(_ edit: GraphEdit, load: (String) throws(CompositionError) -> [UInt8]) throws(CompositionError) {
        var g = graph
        try g.apply(edit, load: load)
        before.append(graph)
        edits.append(edit)
        graph = g
        redoStack.removeAll()
    }

    @discardableResult
    public mutating func undo() -> GraphEdit? {
        guard let edit = edits.popLast(), let prev = before.popLast() else { return nil }
        redoStack.append((edit, graph))
        graph = prev
        return edit
    }

    @discardableResult
    public mutating func redo() -> GraphEdit? {
        guard let (edit, next) = redoStack.popLast() else { return nil }
        before.append(graph)
        edits.append(edit)
        graph = next
        return edit
    }

    // MARK: session files

    struct File: Codable {
        var format: String
        var version: Int
        var edits: [GraphEdit]
    }

    /// The session as JSON: the edits, which replay to the same graph.
    public func encoded() -> [UInt8] {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        return Array((try? enc.encode(File(format: "patchbay-session", version: 1, edits: edits))) ?? Data())
    }

    /// `replay` without the id map.
    public static func restore(_ bytes: [UInt8], load: (String) throws(CompositionError) -> [UInt8]) throws(CompositionError) -> (CompositionSession, [String]) {
        let r = try replay(bytes, load: load)
        return (r.session, r.skipped)
    }

    /// What a replay gives back.
    public struct Replay: Sendable {
        public var session: CompositionSession
        /// Edits that no longer apply, each with why.
        public var skipped: [String]
        /// Node ids of the saved session → ids in the restored graph (for
        /// anything else keyed by node id, such as canvas positions). A
        /// node whose edit was skipped has no entry.
        public var nodeIDs: [Int: Int]
    }

    /// Replays a session file. Edits that no longer apply (a package file
    /// changed or vanished) are skipped and reported, so a session is never
    /// lost entirely. The saved edits name nodes by the ids they had; when
    /// a node-adding edit is skipped the graph's ids move down, so each
    /// saved id is mapped to the node its edit made in this replay, and an
    /// edit about a node that was not restored is skipped too, never
    /// applied to whatever node now has that id.
    public static func replay(_ bytes: [UInt8], load: (String) throws(CompositionError) -> [UInt8]) throws(CompositionError) -> Replay {
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: Data(bytes)) } catch {
            throw CompositionError(.unsupported, "not a Patchbay session file: \(GraphScript.describe(error))")
        }
        guard file.format == "patchbay-session", file.version == 1 else {
            throw CompositionError(.unsupported, "unsupported session file format `\(file.format)` version \(file.version)")
        }
        var s = CompositionSession()
        var skipped: [String] = []
        var ids: [Int: Int] = [:]
        // A session starts empty and ids are never reused, so the n-th
        // node-adding edit of the saved history made node n.
        var saved = 0
        for e in file.edits {
            let made = e.createsNode ? saved : nil
            if e.createsNode { saved += 1 }
            guard let mapped = e.remappingNodes({ ids[$0] }) else {
                let lost = e.nodeReferences.filter { ids[$0] == nil }.map(String.init).joined(separator: ", ")
                skipped.append("\(e.summary): node \(lost) was not restored")
                continue
            }
            do {
                try s.apply(mapped, load: load)
                if let made { ids[made] = s.graph.nodes.count - 1 }
            } catch { skipped.append("\(e.summary): \(error.message)") }
        }
        return Replay(session: s, skipped: skipped, nodeIDs: ids)
    }
}
