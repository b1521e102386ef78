/// Plugging: the exports of plug components satisfy the imports of a
/// socket component that have the same names, and the socket's exports
/// become the composite's exports (`wac plug`, `wasm-tools compose`).
///
/// Beyond wac: with `transitive`, the plugs' own imports are plugged from
/// the other plugs too, each plug instantiated once and shared; and when a
/// name matches but the type does not, or nothing matches at all, the error
/// says what was compared and why each candidate did not fit.
public enum Plug {
    public struct Input: Sendable {
        public var name: String
        public var path: String?
        public var bytes: [UInt8]
        public init(name: String, path: String? = nil, bytes: [UInt8]) { self.name = name; self.path = path; self.bytes = bytes }
    }

    /// What plugging did, for people: which import got which export.
    public struct Report: Sendable {
        public var wires: [(consumer: String, importName: String, plug: String)] = []
        public var leftAsImports: [String] = []
    }

    public static func build(socket: Input, plugs: [Input], transitive: Bool = false) throws(CompositionError) -> (CompositionGraph, Report) {
        var g = CompositionGraph()
        var report = Report()
        let socketPkg = try g.register(name: socket.name, path: socket.path, bytes: socket.bytes)
        var plugPkgs: [Int] = []
        for p in plugs { plugPkgs.append(try g.register(name: p.name, path: p.path, bytes: p.bytes)) }
        let socketNode = try g.addInstantiation(package: socketPkg, name: WacPrinter.sanitize(socket.name))
        var plugNodes: [Int: CompositionGraph.NodeID] = [:]
        var matchedAny = false

        /// Wires every import of `consumer` (an instance of `pkg`) that a
        /// plug other than `skip` exports.
        func wire(_ consumer: CompositionGraph.NodeID, _ pkg: Int, skip: Int?, depth: Int) throws(CompositionError) {
            for imp in g.packages[pkg].type.imports {
                guard let (p, export) = plugPkgs.lazy.filter({ $0 != skip }).compactMap({ (p: Int) -> (Int, NamedEntity)? in
                    g.packages[p].export(named: imp.name.name).map { (p, $0) }
                }).first else { continue }
                let plugNode: CompositionGraph.NodeID
                if let n = plugNodes[p] {
                    plugNode = n
                } else {
                    plugNode = try g.addInstantiation(package: p, name: WacPrinter.sanitize(g.packages[p].name))
                    plugNodes[p] = plugNode
                    // A plug's imports are plugged only when asked, and
                    // never by the socket (that would be a cycle).
                    if transitive { try wire(plugNode, p, skip: p, depth: depth + 1) }
                }
                let alias = try g.addAlias(source: plugNode, export: export.name.name)
                do {
                    try g.setArgument(target: consumer, name: imp.name.name, source: alias)
                } catch {
                    var e = error
                    e.message = "the export `\(export.name.name)` of plug `\(g.packages[p].name)` does not fit the import of `\(g.packages[pkg].name)` with the same name"
                    throw e
                }
                matchedAny = true
                report.wires.append((g.packages[pkg].name, imp.name.name, g.packages[p].name))
            }
        }
        try wire(socketNode, socketPkg, skip: nil, depth: 0)
        if !matchedAny {
            throw CompositionError(.unsatisfied, "no plug export matches an import of the socket `\(socket.name)`",
                                   causes: nothingMatched(g, socketPkg, plugPkgs))
        }
        for exp in g.packages[socketPkg].type.exports {
            let a = try g.addAlias(source: socketNode, export: exp.name.name)
            try g.export(a, as: exp.name.name)
        }
        if let plan = try? CompositePlan(g) { report.leftAsImports = plan.implicitImports.map(\.name) }
        return (g, report)
    }

    /// Why nothing matched: every import beside the plug exports that come
    /// closest (same name at another version, or the same functions).
    static func nothingMatched(_ g: CompositionGraph, _ socket: Int, _ plugs: [Int]) -> [String] {
        let imports = g.packages[socket].type.imports
        var lines: [String] = []
        lines.append("the socket imports " + (imports.isEmpty ? "nothing" : imports.map { "`\($0.name.name)`" }.joined(separator: ", ")))
        for p in plugs {
            let exports = g.packages[p].type.exports
            lines.append("plug `\(g.packages[p].name)` exports " + (exports.isEmpty ? "nothing" : exports.map { "`\($0.name.name)`" }.joined(separator: ", ")))
        }
        for imp in imports {
            for p in plugs {
                for exp in g.packages[p].type.exports where exp.name.name != imp.name.name {
                    if ImportName.unversioned(exp.name.name) == ImportName.unversioned(imp.name.name) {
                        lines.append("`\(imp.name.name)` and `\(exp.name.name)` of plug `\(g.packages[p].name)` name the same interface at different versions; names must match exactly")
                    } else if g.wireCheck.misfit(found: exp.type, expected: imp.type) == nil {
                        lines.append("`\(exp.name.name)` of plug `\(g.packages[p].name)` has the type `\(imp.name.name)` asks for but another name")
                    }
                }
            }
        }
        return lines
    }
}
