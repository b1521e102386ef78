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
        // Imports whose resources later imports share are declared as named
        // interfaces first, so the later ones can `use` them.
        let owners = try resourceOwners(graph, order)
        var usedLater = Set<CompositionGraph.NodeID>()
        for id in order {
            guard case .import(_, let t) = try graph.node(id).kind else { continue }
            for r in t.introducedResources { if let o = owners[r.id], o.node != id { usedLater.insert(o.node) } }
        }
        var declared: [CompositionGraph.NodeID: String] = [:]
        for id in order {
            let n = try graph.node(id)
            switch n.kind {
            case .import(let name, let type):
                let local = localName(id, n.name ?? name.split(separator: "/").last.map(String.init))
                locals[id] = escape(local)
                var uses: [Int: (iface: String, type: String)] = [:]
                for r in type.introducedResources {
                    if let o = owners[r.id], o.node != id, let iface = declared[o.node] { uses[r.id] = (iface, o.export) }
                }
                var text = try importType(name, type, graph, uses: uses)
                if text.hasPrefix("world {") || (text.hasPrefix("interface {") && usedLater.contains(id)) {
                    // Declared by name: a world cannot be written inline, and
                    // a later import `use`s this interface's resources.
                    let isWorld = text.hasPrefix("world {")
                    let declName = escape(localName(id, local + (isWorld ? "-world" : "-iface")))
                    out += (isWorld ? "world " : "interface ") + declName + String(text.dropFirst(isWorld ? "world".count : "interface".count)) + "\n"
                    declared[id] = declName
                    text = declName
                }
                out += "import \(escape(local)) as \(quote(name)): \(text);\n"
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

    /// Names a printed interface has given so far: named value types and
    /// resources, which later types refer to by name.
    struct Names {
        var values: [ValueType: String] = [:]
        var resources: [Int: String] = [:]
    }

    /// Resources an import of the composition introduces, with the node and
    /// export that introduce them: a later import that has them as its
    /// own exports `use`s them from that import's declared interface.
    static func resourceOwners(_ graph: CompositionGraph, _ order: [CompositionGraph.NodeID]) throws(CompositionError) -> [Int: (node: CompositionGraph.NodeID, export: String)] {
        var owners: [Int: (node: CompositionGraph.NodeID, export: String)] = [:]
        for id in order {
            guard case .import(_, .instance(let it)) = try graph.node(id).kind else { continue }
            for e in it.exports {
                if case .type(.resource(let r)) = e.type, owners[r.id] == nil { owners[r.id] = (id, e.name.name) }
            }
        }
        return owners
    }

    /// An import's type: by interface path when a registered package has
    /// an item of that name and type, else inline. `uses` gives, for
    /// resources an earlier import introduced, the declared interface and
    /// type name to `use` them from.
    static func importType(_ name: String, _ type: EntityType, _ graph: CompositionGraph, uses: [Int: (iface: String, type: String)] = [:]) throws(CompositionError) -> String {
        if name.contains("/") {
            for p in graph.packages {
                for e in p.type.exports + p.type.imports where e.name.name == name && graph.wireCheck.misfit(found: e.type, expected: type) == nil {
                    if ImportName.unversioned(name).hasPrefix(p.name + "/") { return name }
                }
            }
        }
        switch type {
        case .function(let f): return try funcText(f, name)
        case .instance(let it): return "interface {\n" + (try interfaceBody(it, name, uses: uses, indent: "    ")) + "}"
        case .component(let ct): return try worldBody(ct, name)
        default:
            throw CompositionError(.unsupported, "the import `\(name)` (\(type.sortName)) cannot be written in WAC")
        }
    }

    /// The items of an interface: `use`s of resources from elsewhere, type
    /// declarations, resources with their functions, then functions.
    static func interfaceBody(_ it: InstanceType, _ name: String, uses: [Int: (iface: String, type: String)], indent: String) throws(CompositionError) -> String {
        var names = Names()
        var body = ""
        var inResource = Set<String>()
        for e in it.exports {
            switch e.type {
            case .type(.value(let v)):
                body += indent + (try declaration(e.name.name, v, names, name)) + "\n"
                names.values[v] = e.name.name
            case .type(.resource(let r)):
                if let n = names.resources[r.id] {
                    body += indent + "type \(escape(e.name.name)) = \(escape(n));\n"
                } else if let u = uses[r.id] {
                    body += indent + "use \(escape(u.iface)).{\(escape(u.type))" + (u.type == e.name.name ? "" : " as \(escape(e.name.name))") + "};\n"
                    names.resources[r.id] = e.name.name
                } else {
                    names.resources[r.id] = e.name.name
                    var items: [String] = []
                    for f in it.exports {
                        guard case .function(let ft) = f.type else { continue }
                        let n = f.name.name
                        if n == "[constructor]\(e.name.name)" {
                            var params: [String] = []
                            for p in ft.params { params.append("\(escape(p.name)): \(try typeText(p.type, name, names))") }
                            items.append("constructor(\(params.joined(separator: ", ")));")
                        } else if n.hasPrefix("[method]\(e.name.name)."), ft.params.first?.type == .borrow(r) {
                            var f2 = ft
                            f2.params.removeFirst()
                            items.append("\(escape(String(n.dropFirst("[method]\(e.name.name).".count)))): \(try funcText(f2, name, names));")
                        } else if n.hasPrefix("[static]\(e.name.name).") {
                            items.append("\(escape(String(n.dropFirst("[static]\(e.name.name).".count)))): static \(try funcText(ft, name, names));")
                        } else { continue }
                        inResource.insert(n)
                    }
                    body += indent + "resource \(escape(e.name.name))" + (items.isEmpty ? ";\n" : " {\n" + items.map { indent + "    " + $0 + "\n" }.joined() + indent + "}\n")
                }
            case .function(let f):
                if inResource.contains(e.name.name) { continue }
                body += indent + "\(escape(e.name.name)): \(try funcText(f, name, names));\n"
            default:
                throw CompositionError(.unsupported, "the import `\(name)` cannot be written in WAC: its \(e.type.sortName) export `\(e.name.name)` has no inline WAC form")
            }
        }
        return body
    }

    /// A component type as a `world` body (the import then names the world).
    static func worldBody(_ ct: ComponentType, _ name: String) throws(CompositionError) -> String {
        var body = "world {\n"
        for (word, list) in [("import", ct.imports), ("export", ct.exports)] {
            for e in list {
                guard !e.name.name.contains(":") else {
                    throw CompositionError(.unsupported, "the import `\(name)` cannot be written in WAC: its world's \(word) `\(e.name.name)` is named by a package path")
                }
                switch e.type {
                case .function(let f): body += "    \(word) \(escape(e.name.name)): \(try funcText(f, name));\n"
                case .instance(let it): body += "    \(word) \(escape(e.name.name)): interface {\n" + (try interfaceBody(it, name, uses: [:], indent: "        ")) + "    };\n"
                default:
                    throw CompositionError(.unsupported, "the import `\(name)` cannot be written in WAC: its world's \(e.type.sortName) \(word) `\(e.name.name)` has no WAC form")
                }
            }
        }
        return body + "}"
    }

    static func funcText(_ f: FunctionType, _ name: String, _ names: Names = Names()) throws(CompositionError) -> String {
        var params: [String] = []
        for p in f.params { params.append("\(escape(p.name)): \(try typeText(p.type, name, names))") }
        var s = "func(\(params.joined(separator: ", ")))"
        if let r = f.result { s += " -> \(try typeText(r, name, names))" }
        return s
    }

    /// `record point { x: s32 }` and the like, as WAC declares types.
    static func declaration(_ typeName: String, _ v: ValueType, _ names: Names, _ name: String) throws(CompositionError) -> String {
        let n = escape(typeName)
        switch v {
        case .record(let fs):
            var out: [String] = []
            for f in fs { out.append("\(escape(f.name)): \(try typeText(f.type, name, names))") }
            return "record \(n) { \(out.joined(separator: ", ")) }"
        case .variant(let cs):
            var out: [String] = []
            for c in cs {
                if let t = c.type { out.append("\(escape(c.name))(\(try typeText(t, name, names)))") } else { out.append(escape(c.name)) }
            }
            return "variant \(n) { \(out.joined(separator: ", ")) }"
        case .enumeration(let cs): return "enum \(n) { \(cs.map(escape).joined(separator: ", ")) }"
        case .flags(let cs): return "flags \(n) { \(cs.map(escape).joined(separator: ", ")) }"
        default: return "type \(n) = \(try typeText(v, name, names));"
        }
    }

    static func typeText(_ t: ValueType, _ name: String, _ names: Names = Names()) throws(CompositionError) -> String {
        if let p = t.primitive, t != .errorContext { return p.witName }
        if let n = names.values[t] { return escape(n) }
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
        case .own(let r):
            guard let n = names.resources[r.id] else { break }
            return escape(n)
        case .borrow(let r):
            guard let n = names.resources[r.id] else { break }
            return "borrow<\(escape(n))>"
        default: break
        }
        throw CompositionError(.unsupported, "the import `\(name)` uses a type that WAC cannot write inline (\(TypeText().value(t)))")
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
