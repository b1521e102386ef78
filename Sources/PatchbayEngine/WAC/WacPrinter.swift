#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Writes a composition graph as WAC text that wac (and Patchbay) read
/// back into the same graph: each node a `let`, instantiations with
/// arguments named by string, `...` where imports are left to the
/// composition, then the exports.
public enum WacPrinter {
    public static func print(_ graph: CompositionGraph, package: String = "composition:composed") throws(CompositionError) -> String {
        let order = try CompositePlan.topologicalOrder(graph)
        var out = "package \(package);\n"
        if !graph.packages.isEmpty {
            // Where each package is, in the `NAME=PATH` form `--dep` takes;
            // Patchbay reads these lines back, wac ignores them as comments.
            out += "\n"
            // Absolute, since the WAC file may be saved anywhere.
            for p in graph.packages {
                let path = p.path.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? "deps/\(p.name.replacing(":", with: "/")).wasm"
                out += "// patchbay-dep \(p.key)=\(path)\n"
            }
        }
        var locals: [CompositionGraph.NodeID: String] = [:]
        var used = Set<String>()
        func localName(_ id: CompositionGraph.NodeID, _ preferred: String?) -> String {
            var base = preferred.map(sanitize) ?? "n\(id.raw)"
            if base.isEmpty { base = "n\(id.raw)" }
            var name = base, k = 2
            while used.contains(name) { name = "\(base)\(k)"; k += 1 }
            used.insert(name)
            return name
        }
        out += "\n"
        for id in order {
            let n = try graph.node(id)
            switch n.kind {
            case .import(let name, let type):
                let local = localName(id, n.name ?? name.split(separator: "/").last.map(String.init))
                locals[id] = escape(local)
                out += "import \(escape(local)) as \(quote(name)): \(try importType(name, type, graph));\n"
            case .instantiation(let p):
                let local = localName(id, n.name ?? graph.packages[p].name.split(separator: ":").last.map(String.init))
                locals[id] = escape(local)
                var args: [String] = []
                for imp in graph.packages[p].type.imports {
                    guard let src = n.arguments[imp.name.name], let l = locals[src] else { continue }
                    args.append("\(quote(imp.name.name)): \(l)")
                }
                if args.count < graph.packages[p].type.imports.count { args.append("...") }
                out += "let \(locals[id]!) = new \(graph.packages[p].key) " + (args.isEmpty ? "{}" : "{ \(args.joined(separator: ", ")) }") + ";\n"
            case .alias(let source, let export):
                // An unnamed alias is written where it is used, `x["name"]`;
                // a named one gets its own `let`, keeping its name.
                let access = "\(locals[source] ?? "?")[\(quote(export))]"
                guard let name = n.name else { locals[id] = access; continue }
                let local = localName(id, name)
                locals[id] = escape(local)
                out += "let \(escape(local)) = \(access);\n"
            }
        }
        if !graph.exports.isEmpty { out += "\n" }
        for (name, id) in graph.exports {
            out += "export \(locals[id] ?? "?") as \(quote(name));\n"
        }
        return out
    }

    static let keywords: Set<String> = ["import", "with", "type", "tuple", "list", "option", "result", "borrow", "resource", "variant", "record", "flags", "enum", "func", "static", "constructor", "u8", "s8", "u16", "s16", "u32", "s32", "u64", "s64", "f32", "f64", "char", "bool", "string", "interface", "world", "export", "new", "let", "use", "include", "as", "package", "targets"]

    static func escape(_ id: String) -> String { keywords.contains(id) ? "%" + id : id }

    static func quote(_ s: String) -> String { "\"\(s)\"" }

    /// A kebab-case identifier made from any name.
    public static func sanitize(_ s: String) -> String {
        var out = ""
        var lastDash = true
        for c in s.lowercased().unicodeScalars {
            if ("a"..."z").contains(c) || (("0"..."9").contains(c) && !lastDash) { out.unicodeScalars.append(c); lastDash = false }
            else if !lastDash { out += "-"; lastDash = true }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }

    /// An import's type: by interface path when a registered package has
    /// an item of that name and type, else inline.
    static func importType(_ name: String, _ type: EntityType, _ graph: CompositionGraph) throws(CompositionError) -> String {
        if name.contains("/") {
            for p in graph.packages {
                for e in p.type.exports + p.type.imports where e.name.name == name && graph.wireCheck.misfit(found: e.type, expected: type) == nil {
                    if ImportName.unversioned(name).hasPrefix(p.name + "/") { return name }
                }
            }
        }
        switch type {
        case .function(let f): return try funcText(f, name)
        case .instance(let it):
            // Named types first become declarations; functions then refer to them by name.
            var names: [ValueType: String] = [:]
            var body = "interface {\n"
            for e in it.exports {
                switch e.type {
                case .type(.value(let v)):
                    body += "    \(try declaration(e.name.name, v, names, name))\n"
                    names[v] = e.name.name
                case .function(let f):
                    body += "    \(escape(e.name.name)): \(try funcText(f, name, names));\n"
                default:
                    throw CompositionError(.unsupported, "the import `\(name)` cannot be written in WAC: its \(e.type.sortName) export `\(e.name.name)` has no inline WAC form")
                }
            }
            return body + "}"
        default:
            throw CompositionError(.unsupported, "the import `\(name)` (\(type.sortName)) cannot be written in WAC")
        }
    }

    static func funcText(_ f: FunctionType, _ name: String, _ names: [ValueType: String] = [:]) throws(CompositionError) -> String {
        var params: [String] = []
        for p in f.params { params.append("\(escape(p.name)): \(try typeText(p.type, name, names))") }
        var s = "func(\(params.joined(separator: ", ")))"
        if let r = f.result { s += " -> \(try typeText(r, name, names))" }
        return s
    }

    /// `record point { x: s32 }` and the like, as WAC declares types.
    static func declaration(_ typeName: String, _ v: ValueType, _ names: [ValueType: String], _ name: String) throws(CompositionError) -> String {
        let n = escape(typeName)
        switch v {
        case .record(let fs):
            var out: [String] = []
            for f in fs { out.append("\(escape(f.name)): \(try typeText(f.type, name, names))") }
            return "record \(n) { \(out.joined(separator: ", ")) }"
        case .variant(let cs):
            var out: [String] = []
            for c in cs { out.append(c.type == nil ? escape(c.name) : "\(escape(c.name))(\(try typeText(c.type!, name, names)))") }
            return "variant \(n) { \(out.joined(separator: ", ")) }"
        case .enumeration(let cs): return "enum \(n) { \(cs.map(escape).joined(separator: ", ")) }"
        case .flags(let cs): return "flags \(n) { \(cs.map(escape).joined(separator: ", ")) }"
        default: return "type \(n) = \(try typeText(v, name, names));"
        }
    }

    static func typeText(_ t: ValueType, _ name: String, _ names: [ValueType: String] = [:]) throws(CompositionError) -> String {
        if let p = t.primitive, t != .errorContext { return p.witName }
        if let n = names[t] { return escape(n) }
        switch t {
        case .list(let e): return "list<\(try typeText(e, name, names))>"
        case .option(let e): return "option<\(try typeText(e, name, names))>"
        case .tuple(let ts): var out: [String] = []; for x in ts { out.append(try typeText(x, name, names)) }; return "tuple<\(out.joined(separator: ", "))>"
        case .result(let ok, let err):
            switch (ok, err) {
            case (nil, nil): return "result"
            case (let o?, nil): return "result<\(try typeText(o, name, names))>"
            case (nil, let e?): return "result<_, \(try typeText(e, name, names))>"
            case (let o?, let e?): return "result<\(try typeText(o, name, names)), \(try typeText(e, name, names))>"
            }
        default:
            throw CompositionError(.unsupported, "the import `\(name)` uses a named type that WAC cannot write inline")
        }
    }
}

extension CompositionGraph {
    /// The graph's structure, independent of node ids and names: each export
    /// and each explicit import as the expression that produces it. Two
    /// graphs that build the same composite give the same text.
    public func structureText() throws(CompositionError) -> String {
        var memo: [NodeID: String] = [:]
        func expr(_ id: NodeID, _ depth: Int) throws(CompositionError) -> String {
            if let m = memo[id] { return m }
            if depth > nodes.count { throw CompositionError(.cycle, "the graph contains a cycle") }
            let n = try node(id)
            let s: String
            switch n.kind {
            case .import(let name, let type): s = "import(\(name): \(wireCheck.text.entity(type)))"
            case .alias(let src, let e): s = "\(try expr(src, depth + 1))[\(e)]"
            case .instantiation(let p):
                var args: [String] = []
                for (k, v) in n.arguments.sorted(by: { $0.key < $1.key }) { args.append("\(k)=\(try expr(v, depth + 1))") }
                s = "new \(packages[p].key){\(args.joined(separator: ", "))}"
            }
            memo[id] = s
            return s
        }
        var lines: [String] = []
        for id in liveNodes { if case .import = try node(id).kind { lines.append(try expr(id, 0)) } }
        for (name, id) in exports.sorted(by: { $0.name < $1.name }) { lines.append("export \(name) = \(try expr(id, 0))") }
        return lines.joined(separator: "\n")
    }
}
