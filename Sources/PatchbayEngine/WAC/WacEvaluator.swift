/// Evaluates a WAC document into a composition graph, with wac's rules for
/// inferring argument and export names. Packages come from a resolver
/// (`--dep`, then `deps/<namespace>/<package>.wasm`, as wac finds them).
public struct WacEvaluator {
    /// Finds a package's bytes: its name (`ns:pkg`), its version if given.
    public typealias Resolver = (String, String?) throws(CompositionError) -> (bytes: [UInt8], path: String)

    struct Value {
        var node: CompositionGraph.NodeID
        /// The interface path an imported instance stands for.
        var path: String?
        /// The import or export name this value was reached by.
        var name: String?
    }

    public private(set) var graph = CompositionGraph()
    /// The same steps as graph edits, for the workbench's session and undo.
    var edits: [GraphEdit] = []
    /// Why the steps cannot all be edits (an import with an inline type).
    var notAnEdit: (WacPos, String)?
    var locals: [String: Value] = [:]
    /// Declared types, interfaces and worlds by name.
    var types: [String: WacNamed] = [:]
    var aliases: [String: CompositionGraph.NodeID] = [:]
    /// The document's package (`ns:pkg`) and version: declared interfaces
    /// and worlds are `ns:pkg/name@version`.
    var packageName = ""
    var packageVersion: String?
    var nextDeclaredResource = WacEvaluator.firstDeclaredResource
    /// Declared resources that an import made the composition's own: a later
    /// interface that `use`s them refers to the same resources.
    var importedResources: [Int: ResourceID] = [:]
    let resolve: Resolver
    let source: String
    let path: String

    public static func evaluate(_ doc: WacDocument, source: String, path: String, resolve: @escaping Resolver) throws(WacError) -> CompositionGraph {
        var e = WacEvaluator(resolve: resolve, source: source, path: path)
        try e.run(doc)
        return e.graph
    }

    mutating func run(_ doc: WacDocument) throws(WacError) {
        packageName = doc.package
        packageVersion = doc.packageVersion
        for s in doc.statements { try statement(s) }
        if let t = doc.targets { try checkTargets(t, doc.targetsPos ?? WacPos(line: 1, column: 1)) }
    }

    /// The WAC text as the edits that build its graph: how the workbench
    /// opens a WAC file as an undoable session.
    public static func edits(source: String, path: String, resolve: @escaping Resolver) throws(WacError) -> [GraphEdit] {
        let doc = try WacParser.parse(source, path: path)
        var e = WacEvaluator(resolve: resolve, source: source, path: path)
        try e.run(doc)
        if let (p, why) = e.notAnEdit { throw e.fail(p, "this composition cannot be opened as a session: \(why)") }
        return e.edits
    }

    /// Parses and evaluates WAC text.
    public static func compose(source: String, path: String, resolve: @escaping Resolver) throws(WacError) -> CompositionGraph {
        try evaluate(try WacParser.parse(source, path: path), source: source, path: path, resolve: resolve)
    }

    init(resolve: @escaping Resolver, source: String, path: String) {
        self.resolve = resolve; self.source = source; self.path = path
    }

    func fail(_ p: WacPos, _ message: String, causes: [String] = []) -> WacError {
        WacError.at(source, path: path, line: p.line, column: p.column, message, causes: causes)
    }

    func wrap(_ p: WacPos, _ e: CompositionError) -> WacError {
        fail(p, e.message, causes: e.causes)
    }

    // MARK: statements

    mutating func statement(_ s: WacStatement) throws(WacError) {
        switch s {
        case .type(let d):
            let p = Self.pos(d)
            guard types[d.name] == nil, locals[d.name] == nil else { throw fail(p, "`\(d.name)` is already defined") }
            types[d.name] = try typeDecl(d, [:])
        case .interface(let name, let items, let p):
            guard types[name] == nil, locals[name] == nil else { throw fail(p, "`\(name)` is already defined") }
            types[name] = .interface(try interface(items, id: declaredID(name), p))
        case .world(let name, let items, let p):
            guard types[name] == nil, locals[name] == nil else { throw fail(p, "`\(name)` is already defined") }
            types[name] = .world(try world(items, id: declaredID(name), p))
        case .import(let local, let asName, let t, let p):
            guard locals[local] == nil else { throw fail(p, "`\(local)` is already defined") }
            var importName = asName ?? local
            var ifacePath: String?
            var type: EntityType
            var source: (package: String, item: String)?
            var defined = Set<Int>()
            if case .path(let ip, let pp) = t, !isLocalPath(ip) {
                let found = try interfaceType(ip, pp)
                type = found.type
                source = (found.package, found.item)
                ifacePath = ip
                importName = asName ?? ip
            } else {
                let found = try externType(t, [:], p)
                type = found.type
                defined = found.defined
                // As wac names it: a declared interface or world by its package path.
                if let id = found.id { importName = asName ?? id; ifacePath = id }
            }
            // Resources this type `use`s from an interface imported earlier
            // are that import's resources; its own are made fresh.
            let used = importedResources.filter { !defined.contains($0.key) }
            type = type.substituting(used)
            do {
                let node = try graph.addImport(name: importName, type: type, sharing: Set(used.values.map(\.id)))
                if let source {
                    edits.append(.addImport(name: importName, package: source.package, export: source.item))
                } else if notAnEdit == nil {
                    notAnEdit = (p, "the import `\(importName)` has an inline type")
                }
                let made = type.resourceBindings(to: try graph.type(of: node))
                for (k, v) in made where k >= Self.firstDeclaredResource && importedResources[k] == nil { importedResources[k] = v }
                try graph.setName(node, local)
                edits.append(.rename(node: node.raw, name: local))
                locals[local] = Value(node: node, path: ifacePath, name: importName)
            } catch { throw wrap(p, error) }
        case .let(let name, let e, let p):
            guard locals[name] == nil else { throw fail(p, "`\(name)` is already defined") }
            let v = try expr(e)
            if (try? graph.node(v.node))?.name == nil, (try? graph.setName(v.node, name)) != nil {
                edits.append(.rename(node: v.node.raw, name: name))
            }
            locals[name] = v
        case .export(let e, let asName, let spread, let p):
            let v = try expr(e)
            do throws(CompositionError) {
                if spread {
                    guard case .instance(let it) = try graph.type(of: v.node) else { throw CompositionError(.notAnInstance, "only an instance's exports can be spread") }
                    var any = false
                    for x in it.exports where !graph.exports.contains(where: { $0.name == x.name.name }) {
                        let a = try alias(v.node, x.name.name)
                        try graph.export(a, as: x.name.name)
                        edits.append(.export(node: a.raw, name: x.name.name))
                        any = true
                    }
                    if !any && it.exports.isEmpty { throw CompositionError(.exportMissing, "the instance has no exports to spread") }
                } else {
                    guard let name = asName ?? v.name else {
                        throw CompositionError(.invalidName, "this export needs a name: add `as NAME`")
                    }
                    try graph.export(v.node, as: name)
                    edits.append(.export(node: v.node.raw, name: name))
                }
            } catch { throw wrap(p, error) }
        }
    }

    /// Whether a package path names something declared in this document.
    func isLocalPath(_ ip: String) -> Bool {
        let u = ImportName.unversioned(ip)
        guard let slash = u.firstIndex(of: "/") else { return false }
        return String(u[..<slash]) == packageName
    }

    static func pos(_ d: WacTypeDecl) -> WacPos {
        switch d {
        case .record(_, _, let p), .variant(_, _, let p), .enumeration(_, _, let p), .flags(_, _, let p), .alias(_, _, let p), .funcAlias(_, _, let p): p
        }
    }

    // MARK: packages

    /// The package registered for `name` (`ns:pkg`), loading it on first use.
    mutating func package(_ name: String, _ version: String?, _ p: WacPos) throws(WacError) -> Int {
        let key = version.map { "\(name)@\($0)" } ?? name
        if let i = graph.packages.firstIndex(where: { $0.key == key }) { return i }
        do {
            let (bytes, file) = try resolve(name, version)
            let i = try graph.register(name: name, version: version.flatMap(SemVer.init), path: file, bytes: bytes)
            edits.append(.registerPackage(name: name, version: version, path: file))
            return i
        } catch { throw wrap(p, error) }
    }

    /// The type of interface `ns:pkg/iface[@v]`: an import or export of that
    /// name in the package `ns:pkg` (with the package's key and the item's name).
    mutating func interfaceType(_ ip: String, _ p: WacPos) throws(WacError) -> (type: EntityType, package: String, item: String) {
        let unversioned = ImportName.unversioned(ip)
        guard let slash = unversioned.firstIndex(of: "/") else { throw fail(p, "`\(ip)` is not an interface path") }
        let pkgName = String(unversioned[..<slash])
        let version = ImportName.version(ip).map(\.description)
        let pi = try package(pkgName, version, p)
        let pkg = graph.packages[pi]
        for e in pkg.type.exports + pkg.type.imports where e.name.name == ip || ImportName.unversioned(e.name.name) == unversioned {
            return (e.type, pkg.key, e.name.name)
        }
        throw fail(p, "package `\(pkg.key)` has no interface `\(ip)`",
                   causes: ["it has " + (pkg.type.imports + pkg.type.exports).map { "`\($0.name.name)`" }.joined(separator: ", ")])
    }

    // MARK: expressions

    mutating func alias(_ source: CompositionGraph.NodeID, _ export: String) throws(CompositionError) -> CompositionGraph.NodeID {
        let key = "\(source.raw)/\(export)"
        if let a = aliases[key] { return a }
        let a = try graph.addAlias(source: source, export: export)
        edits.append(.addAlias(source: source.raw, export: export, name: nil))
        aliases[key] = a
        return a
    }

    /// The name `short` stands for among `names`: the one name whose last
    /// path segment (without version) is `short`, if exactly one; else `short`.
    static func infer(_ short: String, in names: [String]) -> String {
        let hits = names.filter { n in
            guard n.contains("/") else { return false }
            return ImportName.unversioned(n).split(separator: "/").last.map(String.init) == short
        }
        return hits.count == 1 ? hits[0] : short
    }

    mutating func expr(_ e: WacExpr) throws(WacError) -> Value {
        switch e {
        case .name(let n, let p):
            guard let v = locals[n] else { throw fail(p, "`\(n)` is not defined") }
            return v
        case .access(let base, let name, let p):
            let v = try expr(base)
            do throws(CompositionError) {
                guard case .instance(let it) = try graph.type(of: v.node) else {
                    throw CompositionError(.notAnInstance, "only an instance's exports can be accessed, and this is a \(CompositionGraph.sortWord(try graph.type(of: v.node)))")
                }
                let export = Self.infer(name, in: it.exports.map(\.name.name))
                guard it.export(named: export) != nil else {
                    throw CompositionError(.exportMissing, "the instance has no export named `\(export)`",
                                           causes: ["it exports " + it.exports.map { "`\($0.name.name)`" }.joined(separator: ", ")])
                }
                return Value(node: try alias(v.node, export), path: export.contains(":") ? export : nil, name: export)
            } catch { throw wrap(p, error) }
        case .namedAccess(let base, let name, let p):
            let v = try expr(base)
            do throws(CompositionError) {
                guard case .instance(let it) = try graph.type(of: v.node), it.export(named: name) != nil else {
                    throw CompositionError(.exportMissing, "the instance has no export named `\(name)`")
                }
                return Value(node: try alias(v.node, name), path: name.contains(":") ? name : nil, name: name)
            } catch { throw wrap(p, error) }
        case .new(let pkgName, let version, let args, let ellipsis, let p):
            let pi = try package(pkgName, version, p)
            let node: CompositionGraph.NodeID
            do { node = try graph.addInstantiation(package: pi) } catch { throw wrap(p, error) }
            edits.append(.addInstantiation(package: graph.packages[pi].key, name: nil))
            let imports = graph.packages[pi].type.imports.map(\.name.name)
            var set = Set<String>()
            for a in args {
                switch a {
                case .inferred(let n, let ap):
                    guard let v = locals[n] else { throw fail(ap, "`\(n)` is not defined") }
                    var name = n
                    if let path = v.path, imports.contains(path) { name = path }
                    else if let vn = v.name, imports.contains(vn) { name = vn }
                    else { name = Self.infer(n, in: imports) }
                    try wire(node, name, v, ap, &set)
                case .named(let n, let quoted, let e, let ap):
                    let v = try expr(e)
                    try wire(node, quoted ? n : Self.infer(n, in: imports), v, ap, &set)
                case .spread: break
                }
            }
            for case .spread(let n, let ap) in args {
                guard let v = locals[n] else { throw fail(ap, "`\(n)` is not defined") }
                guard case .instance(let it) = try? graph.type(of: v.node) else { throw fail(ap, "only an instance can be spread, and `\(n)` is not one") }
                var matched = false
                for x in it.exports where imports.contains(x.name.name) && !set.contains(x.name.name) {
                    let a: CompositionGraph.NodeID
                    do { a = try alias(v.node, x.name.name) } catch { throw wrap(ap, error) }
                    try wire(node, x.name.name, Value(node: a, name: x.name.name), ap, &set)
                    matched = true
                }
                if !matched { throw fail(ap, "the spread instance `\(n)` has no export matching an unsatisfied argument of `\(pkgName)`") }
            }
            if !ellipsis, let missing = imports.first(where: { !set.contains($0) }) {
                throw fail(p, "missing instantiation argument `\(missing)` for package `\(pkgName)`",
                           causes: ["add it as an argument, or end the arguments with `...` to import it into the composition"])
            }
            return Value(node: node)
        }
    }

    mutating func wire(_ node: CompositionGraph.NodeID, _ name: String, _ v: Value, _ at: WacPos, _ set: inout Set<String>) throws(WacError) {
        guard !set.contains(name) else { throw fail(at, "argument `\(name)` is given twice") }
        do { try graph.setArgument(target: node, name: name, source: v.node) } catch { throw wrap(at, error) }
        edits.append(.setArgument(target: node.raw, name: name, source: v.node.raw))
        set.insert(name)
    }
}
