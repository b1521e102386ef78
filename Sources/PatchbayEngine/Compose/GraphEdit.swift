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

    /// Replays a session file. Edits that no longer apply (a package file
    /// changed or vanished) are skipped and reported, so a session is never
    /// lost entirely.
    public static func restore(_ bytes: [UInt8], load: (String) throws(CompositionError) -> [UInt8]) throws(CompositionError) -> (CompositionSession, [String]) {
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: Data(bytes)) } catch {
            throw CompositionError(.unsupported, "not a Patchbay session file: \(GraphScript.describe(error))")
        }
        guard file.format == "patchbay-session", file.version == 1 else {
            throw CompositionError(.unsupported, "unsupported session file format `\(file.format)` version \(file.version)")
        }
        var s = CompositionSession()
        var skipped: [String] = []
        for e in file.edits {
            do { try s.apply(e, load: load) } catch { skipped.append("\(e.summary): \(error.message)") }
        }
        return (s, skipped)
    }
}
