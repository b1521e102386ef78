#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// wac's graph test format (`graph.json`): packages, nodes, arguments,
/// exports and names, applied in that order. Patchbay reads it so that a
/// composition can be given as data, and so wac's own test suite can be run
/// against this engine.
public struct GraphScript: Decodable, Sendable {
    public struct Package: Decodable, Sendable { public var name: String; public var version: String?; public var path: String }
    public struct Node: Decodable, Sendable {
        public var type: String
        public var name: String?
        public var package: Int?
        public var export: String?
        public var source: Int?
    }
    public struct Argument: Decodable, Sendable { public var source: Int; public var target: Int; public var name: String }
    public struct ExportEntry: Decodable, Sendable { public var node: Int; public var name: String }
    public struct Name: Decodable, Sendable { public var node: Int; public var name: String }

    public var packages: [Package]? = []
    public var nodes: [Node]? = []
    public var arguments: [Argument]? = []
    public var exports: [ExportEntry]? = []
    public var names: [Name]? = []

    /// A failed step: which step (as wac's tests word it) and why.
    public struct StepError: Error, Sendable, CustomStringConvertible {
        public var step: String
        public var error: CompositionError
        public var description: String { "\(step)\n  caused by: \(error.description.replacing("\n", with: "\n  "))" }
    }

    public static func parse(_ data: Data) throws(CompositionError) -> GraphScript {
        do { return try JSONDecoder().decode(GraphScript.self, from: data) } catch {
            throw CompositionError(.unsupported, "graph file is not valid: \(Self.describe(error))")
        }
    }

    static func describe(_ e: Error) -> String {
        switch e {
        case DecodingError.dataCorrupted(let c): return c.debugDescription + (c.underlyingError.map { ": \($0)" } ?? "")
        case DecodingError.keyNotFound(let k, let c): return "missing key `\(k.stringValue)` at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "\(c.debugDescription) at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return "\(e)"
        }
    }

    /// Builds the graph. `load` gives the bytes of a package path.
    public func build(load: (String) throws(CompositionError) -> [UInt8]) throws(StepError) -> CompositionGraph {
        var g = CompositionGraph()
        func step<T>(_ what: String, _ body: () throws(CompositionError) -> T) throws(StepError) -> T {
            do { return try body() } catch { throw StepError(step: what, error: error) }
        }
        var packageIDs: [Int] = []
        for p in packages ?? [] {
            let id = try step("failed to register package `\(p.path)`") { () throws(CompositionError) -> Int in
                var version: SemVer?
                if let v = p.version {
                    guard let s = SemVer(v) else { throw CompositionError(.invalidName, "`\(v)` is not a semantic version") }
                    version = s
                }
                return try g.register(name: p.name, version: version, path: p.path, bytes: try load(p.path))
            }
            packageIDs.append(id)
        }
        var nodeIDs: [CompositionGraph.NodeID] = []
        func nodeID(_ i: Int) throws(CompositionError) -> CompositionGraph.NodeID {
            guard i >= 0, i < nodeIDs.count else { throw CompositionError(.unknownNode, "there is no node \(i)") }
            return nodeIDs[i]
        }
        func packageID(_ i: Int?) throws(CompositionError) -> Int {
            guard let i, i >= 0, i < packageIDs.count else { throw CompositionError(.unknownPackage, "there is no package \(i.map(String.init) ?? "(missing)")") }
            return packageIDs[i]
        }
        for (i, n) in (nodes ?? []).enumerated() {
            let id = try step("failed to add \(n.type) node \(i)") { () throws(CompositionError) -> CompositionGraph.NodeID in
                switch n.type {
                case "import":
                    guard let name = n.name, let export = n.export else { throw CompositionError(.unsupported, "an import node needs `name` and `export`") }
                    return try g.addImport(name: name, package: try packageID(n.package), export: export)
                case "instantiation":
                    return try g.addInstantiation(package: try packageID(n.package))
                case "alias":
                    guard let s = n.source, let export = n.export else { throw CompositionError(.unsupported, "an alias node needs `source` and `export`") }
                    return try g.addAlias(source: try nodeID(s), export: export)
                default:
                    throw CompositionError(.unsupported, "unknown node type `\(n.type)`")
                }
            }
            nodeIDs.append(id)
        }
        for (i, a) in (arguments ?? []).enumerated() {
            try step("failed to add argument edge from source node \(a.source) to target node \(a.target) referenced in argument \(i)") { () throws(CompositionError) in
                try g.setArgument(target: try nodeID(a.target), name: a.name, source: try nodeID(a.source))
            }
        }
        for (i, e) in (exports ?? []).enumerated() {
            try step("failed to export node \(e.node) in export \(i)") { () throws(CompositionError) in
                try g.export(try nodeID(e.node), as: e.name)
            }
        }
        for (i, n) in (names ?? []).enumerated() {
            try step("failed to name node \(n.node) in name \(i)") { () throws(CompositionError) in
                try g.setName(try nodeID(n.node), n.name)
            }
        }
        return g
    }
}
