/// A composition under construction: registered packages, the nodes that
/// import, instantiate and alias, the arguments wired into each
/// instantiation, and the composite's exports.
///
/// Modelled on wac's composition graph. Every operation checks what it can
/// at once (names, kinds, types) and throws a `CompositionError` instead of
/// building something that cannot encode; changes go through `GraphEdit` so
/// undo, redo, session files and the CLI replay the same steps.
public struct CompositionGraph: Sendable {
    public struct NodeID: Hashable, Sendable, Comparable, CustomStringConvertible {
        public var raw: Int
        public init(_ raw: Int) { self.raw = raw }
        public static func < (a: NodeID, b: NodeID) -> Bool { a.raw < b.raw }
        public var description: String { "node \(raw)" }
    }

    public enum NodeKind: Sendable {
        /// An explicit import of the composite, with the type it asks for.
        case `import`(name: String, type: EntityType)
        /// A new instance of a registered package.
        case instantiation(package: Int)
        /// One export of an instance node.
        case alias(source: NodeID, export: String)
    }

    public struct Node: Sendable {
        public var kind: NodeKind
        /// A debug name (the name section) and how people refer to the node.
        public var name: String?
        /// Arguments of an instantiation, by import name.
        public var arguments: [String: NodeID] = [:]
        /// For an instantiation: the package's own resources, fresh for this node.
        var fresh: [Int: ResourceID] = [:]
    }

    public private(set) var packages: [CompositionPackage] = []
    /// Nodes by id; a removed node leaves nil so ids stay stable.
    public private(set) var nodes: [Node?] = []
    public private(set) var exports: [(name: String, node: NodeID)] = []
    /// Names and origins of resources, for explanations.
    public private(set) var resourceNames: [Int: String] = [:]
    public private(set) var resourceOrigins: [Int: String] = [:]
    var nextResource = 1

    public init() {}

    // MARK: queries

    public var liveNodes: [NodeID] { nodes.indices.filter { nodes[$0] != nil }.map(NodeID.init) }

    public func node(_ id: NodeID) throws(CompositionError) -> Node {
        guard id.raw >= 0, id.raw < nodes.count, let n = nodes[id.raw] else {
            throw CompositionError(.unknownNode, "there is no node \(id.raw) in the graph")
        }
        return n
    }

    public func package(named name: String, version: SemVer? = nil) -> Int? {
        packages.firstIndex { $0.name == name && (version == nil || $0.version == version) }
    }

    /// What a node stands for: the type its uses are checked against.
    public func type(of id: NodeID) throws(CompositionError) -> EntityType {
        try type(of: id, depth: 0)
    }

    func type(of id: NodeID, depth: Int) throws(CompositionError) -> EntityType {
        // Arguments can form a cycle before encoding refuses it.
        if depth > nodes.count { throw CompositionError(.cycle, "the graph contains a cycle and cannot be encoded") }
        let n = try node(id)
        switch n.kind {
        case .import(_, let t): return t
        case .instantiation(let p): return .instance(instanceType(n, packages[p], depth: depth))
        case .alias(let source, let name):
            guard case .instance(let it) = try type(of: source, depth: depth + 1), let e = it.export(named: name) else {
                throw CompositionError(.exportMissing, "instance does not have an export named `\(name)`")
            }
            return e.type
        }
    }

    /// The exports of an instantiation: the package's exports with the
    /// resources bound by its arguments and its own resources made fresh.
    func instanceType(_ n: Node, _ pkg: CompositionPackage, depth: Int = 0) -> InstanceType {
        let map = bindings(n, pkg, depth: depth)
        return InstanceType(exports: pkg.type.exports.map { NamedEntity(name: $0.name, type: $0.type.substituting(map), origin: $0.origin) })
    }

    /// Resource substitutions in force for an instantiation node.
    func bindings(_ n: Node, _ pkg: CompositionPackage, excluding: String? = nil, depth: Int = 0) -> [Int: ResourceID] {
        var map = n.fresh
        for imp in pkg.type.imports {
            guard imp.name.name != excluding, let src = n.arguments[imp.name.name],
                  let t = try? type(of: src, depth: depth + 1) else { continue }
            map.merge(ownBindings(pkg, imp, to: t)) { x, _ in x }
        }
        return map
    }

    /// What passing `found` as import `imp` would bind. Computed on the
    /// package's own type (before other arguments are substituted) and
    /// merged under the bindings already in force, so a resource that an
    /// earlier argument bound is never re-bound by a later one.
    func ownBindings(_ pkg: CompositionPackage, _ imp: NamedEntity, to found: EntityType) -> [Int: ResourceID] {
        imp.type.resourceBindings(to: found)
    }

    /// The type `found` must fit when passed as `name` to `node`: the
    /// import's type with every binding in force, this argument's included.
    func expectedType(of node: NodeID, argument name: String, given found: EntityType) throws(CompositionError) -> EntityType {
        let n = try self.node(node)
        guard case .instantiation(let p) = n.kind else { throw CompositionError(.notInstantiation, "the specified node is not an instantiation") }
        guard let imp = packages[p].import(named: name) else {
            throw CompositionError(.missingArgument, "argument name `\(name)` is not an import of package `\(packages[p].name)`")
        }
        var map = bindings(n, packages[p], excluding: name)
        map.merge(ownBindings(packages[p], imp, to: found)) { x, _ in x }
        return imp.type.substituting(map)
    }

    /// The type an instantiation's import asks for, given its other arguments.
    public func expectedType(of node: NodeID, argument name: String) throws(CompositionError) -> EntityType {
        let n = try self.node(node)
        guard case .instantiation(let p) = n.kind else { throw CompositionError(.notInstantiation, "the specified node is not an instantiation") }
        guard let imp = packages[p].import(named: name) else {
            throw CompositionError(.missingArgument, "argument name `\(name)` is not an import of package `\(packages[p].name)`")
        }
        return imp.type.substituting(bindings(n, packages[p], excluding: name))
    }

    /// The display name of a node: its debug name, else what it is.
    public func displayName(_ id: NodeID) -> String {
        guard let n = try? node(id) else { return "node \(id.raw)" }
        if let name = n.name { return name }
        switch n.kind {
        case .import(let name, _): return name
        case .instantiation(let p): return "\(packages[p].name) instance"
        case .alias(let s, let e): return "\(displayName(s)).\(e)"
        }
    }

    public var wireCheck: WireCheck {
        WireCheck(text: TypeText(resourceNames: resourceNames), origins: resourceOrigins)
    }

    // MARK: packages

    public mutating func register(name: String, version: SemVer? = nil, path: String? = nil, bytes: [UInt8]) throws(CompositionError) -> Int {
        let key = version.map { "\(name)@\($0)" } ?? name
        if packages.contains(where: { $0.key == key }) {
            throw CompositionError(.packageAlreadyRegistered, "package `\(key)` has already been registered in the graph")
        }
        let (pkg, names) = try CompositionPackage.load(name: name, version: version, path: path, bytes: bytes, firstResource: nextResource)
        nextResource += names.count
        resourceNames.merge(names) { a, _ in a }
        for imp in pkg.type.imports {
            for r in imp.type.introducedResources where resourceOrigins[r.id] == nil { resourceOrigins[r.id] = "imported by package `\(key)` through `\(imp.name.name)`" }
        }
        packages.append(pkg)
        return packages.count - 1
    }

    // MARK: nodes

    @discardableResult
    /// `sharing` lists resources the type re-exports from an earlier import
    /// (a WAC interface that `use`s them): they stay those resources.
    public mutating func addImport(name: String, type: EntityType, sharing: Set<Int> = []) throws(CompositionError) -> NodeID {
        do { _ = try ExternNames.parse(name, isExport: false, features: .all) } catch {
            throw CompositionError(.invalidName, "import name `\(name)` is not valid", causes: [error.message])
        }
        for case let n? in nodes {
            if case .import(let other, _) = n.kind, other == name {
                throw CompositionError(.importExists, "import name `\(name)` already exists in the graph")
            }
        }
        // An imported instance's resources are the composite's own imports.
        var map: [Int: ResourceID] = [:]
        for r in type.introducedResources where !sharing.contains(r.id) {
            let fresh = ResourceID(id: nextResource, name: r.name)
            nextResource += 1
            map[r.id] = fresh
            resourceNames[fresh.id] = resourceNames[r.id] ?? r.name
            resourceOrigins[fresh.id] = "imported by the composition through `\(name)`"
        }
        nodes.append(Node(kind: .import(name: name, type: type.substituting(map, keepingNames: true))))
        return NodeID(nodes.count - 1)
    }

    /// An import node typed like a package's export (how wac's graph tests
    /// and `plug` create imports).
    @discardableResult
    public mutating func addImport(name: String, package p: Int, export: String) throws(CompositionError) -> NodeID {
        guard p >= 0, p < packages.count else { throw CompositionError(.unknownPackage, "there is no package \(p)") }
        // An interface a package imports describes a type as well as one it exports.
        guard let e = packages[p].export(named: export) ?? packages[p].import(named: export) else {
            throw CompositionError(.exportMissing, "package `\(packages[p].name)` does not export `\(export)`")
        }
        // An exported function or instance *type* is imported as a value of that type.
        switch e.type {
        case .type(.function(let f)): return try addImport(name: name, type: .function(f))
        case .type(.instance(let i)): return try addImport(name: name, type: .instance(i))
        case .type(.component(let c)): return try addImport(name: name, type: .component(c))
        default: return try addImport(name: name, type: e.type)
        }
    }

    @discardableResult
    public mutating func addInstantiation(package p: Int, name: String? = nil) throws(CompositionError) -> NodeID {
        guard p >= 0, p < packages.count else { throw CompositionError(.unknownPackage, "there is no package \(p)") }
        var node = Node(kind: .instantiation(package: p), name: name)
        let id = NodeID(nodes.count)
        for r in packages[p].definedResources {
            let fresh = ResourceID(id: nextResource, name: r.name)
            nextResource += 1
            node.fresh[r.id] = fresh
            resourceNames[fresh.id] = resourceNames[r.id] ?? r.name
            resourceOrigins[fresh.id] = "defined by instance \(id.raw) of package `\(packages[p].key)`"
        }
        nodes.append(node)
        return id
    }

    @discardableResult
    public mutating func addAlias(source: NodeID, export: String, name: String? = nil) throws(CompositionError) -> NodeID {
        let t = try type(of: source)
        guard case .instance(let it) = t else {
            throw CompositionError(.notAnInstance, "expected source node to be an instance, but the node is a \(Self.sortWord(t))")
        }
        guard it.export(named: export) != nil else {
            throw CompositionError(.exportMissing, "instance does not have an export named `\(export)`")
        }
        nodes.append(Node(kind: .alias(source: source, export: export), name: name))
        return NodeID(nodes.count - 1)
    }

    static func sortWord(_ t: EntityType) -> String {
        switch t {
        case .function: "function"
        case .instance: "instance"
        case .component: "component"
        case .module: "module"
        case .value: "value"
        case .type: "type"
        }
    }

    public mutating func setName(_ id: NodeID, _ name: String?) throws(CompositionError) {
        _ = try node(id)
        nodes[id.raw]?.name = name
    }

    /// Removes a node, its outgoing wires and exports, and aliases of it.
    public mutating func remove(_ id: NodeID) throws(CompositionError) {
        _ = try node(id)
        for other in liveNodes {
            if case .alias(let s, _) = nodes[other.raw]?.kind, s == id { try remove(other) }
        }
        nodes[id.raw] = nil
        for i in nodes.indices {
            guard var n = nodes[i] else { continue }
            n.arguments = n.arguments.filter { $0.value != id }
            nodes[i] = n
        }
        exports.removeAll { $0.node == id }
    }

    // MARK: wiring

    /// Passes `source` as the argument `name` of instantiation `target`,
    /// after checking that it fits; a misfit is refused with its explanation.
    public mutating func setArgument(target: NodeID, name: String, source: NodeID) throws(CompositionError) {
        let n = try node(target)
        _ = try node(source)
        guard case .instantiation = n.kind else { throw CompositionError(.notInstantiation, "the specified node is not an instantiation") }
        let expected = try expectedType(of: target, argument: name)
        if n.arguments[name] != nil {
            throw CompositionError(.argumentAlreadySatisfied, "argument `\(name)` has already been passed to the instantiation")
        }
        let found = try type(of: source)
        let bound = try expectedType(of: target, argument: name, given: found)
        if let m = wireCheck.misfit(found: found, expected: bound) {
            let misfit = m.prefixed([.import(name)])
            throw CompositionError(.argumentMismatch, "mismatched instantiation argument `\(name)`", causes: [misfit.description], misfit: misfit)
        }
        nodes[target.raw]?.arguments[name] = source
        // Binding resources may change what other arguments must be.
        for (other, src) in nodes[target.raw]?.arguments ?? [:] where other != name {
            let got = try type(of: src)
            if let m = wireCheck.misfit(found: got, expected: try expectedType(of: target, argument: other, given: got)) {
                nodes[target.raw]?.arguments[name] = nil
                let misfit = m.prefixed([.import(other)])
                throw CompositionError(.argumentMismatch, "passing `\(name)` makes the argument `\(other)` no longer fit",
                                       causes: [misfit.description], misfit: misfit)
            }
        }
    }

    public mutating func unsetArgument(target: NodeID, name: String) throws(CompositionError) {
        _ = try node(target)
        nodes[target.raw]?.arguments[name] = nil
    }

    /// Whether `to` is among the nodes `from` depends on (or is `from`):
    /// wiring `from` into `to` would then make a cycle. The graph allows it
    /// (as wac does; encoding refuses), the workbench asks first.
    public func reaches(from: NodeID, to: NodeID) throws(CompositionError) -> Bool {
        var stack = [from], seen = Set<NodeID>()
        while let x = stack.popLast() {
            if x == to { return true }
            guard seen.insert(x).inserted else { continue }
            let n = try node(x)
            stack.append(contentsOf: n.arguments.values)
            if case .alias(let s, _) = n.kind { stack.append(s) }
        }
        return false
    }

    // MARK: exports

    public mutating func export(_ id: NodeID, as name: String) throws(CompositionError) {
        _ = try node(id)
        do { _ = try ExternNames.parse(name, isExport: true, features: .all) } catch {
            throw CompositionError(.invalidName, "export name `\(name)` is not valid", causes: [error.message])
        }
        if exports.contains(where: { $0.name == name }) {
            throw CompositionError(.exportExists, "an export with the name `\(name)` already exists")
        }
        exports.append((name, id))
    }

    public mutating func unexport(_ name: String) {
        exports.removeAll { $0.name == name }
    }
}
