/// What the composite will import and in which order its nodes are
/// defined: the part of encoding that can fail for reasons a person can fix
/// (cycles, conflicting implicit imports), worked out before any byte is
/// written.
public struct CompositePlan: Sendable {
    /// An import of the composite that no argument satisfies.
    public struct ImplicitImport: Sendable {
        public var name: String
        public var type: EntityType
        /// Which instantiations need it, under which of their import names.
        public var users: [(node: CompositionGraph.NodeID, importName: String)]
    }

    /// Nodes in an order where every node comes after what it uses.
    public var order: [CompositionGraph.NodeID]
    public var implicitImports: [ImplicitImport]
    /// Resources of merged imports mapped onto the one kept.
    public var unified: [Int: ResourceID]
    /// For an explicit import whose type `use`s types of another interface
    /// the composite imports implicitly: those imports (indices into
    /// `implicitImports`), to be written before it.
    public var dependencies: [CompositionGraph.NodeID: [Int]] = [:]

    public init(_ graph: CompositionGraph) throws(CompositionError) {
        order = try Self.topologicalOrder(graph)
        implicitImports = []
        unified = [:]
        var byKey: [String: Int] = [:]
        var explicit = Set<String>()
        for id in order {
            if case .import(let name, _) = try graph.node(id).kind { explicit.insert(ImportName.compatibilityKey(name)) }
        }
        for id in order {
            let n = try graph.node(id)
            guard case .instantiation(let p) = n.kind else { continue }
            let pkg = graph.packages[p]
            let map = graph.bindings(n, pkg)
            for imp in pkg.type.imports where n.arguments[imp.name.name] == nil {
                let key = ImportName.compatibilityKey(imp.name.name)
                if explicit.contains(key) {
                    throw CompositionError(.implicitImportConflict, "an instantiation of package `\(pkg.key)` implicitly imports an item named `\(imp.name.name)`, but it conflicts with an explicit import of the same name")
                }
                var t = imp.type.substituting(map).substituting(unified)
                if let at = byKey[key] {
                    var kept = implicitImports[at]
                    // The same interface imported twice is one import; its
                    // resources are the same resources.
                    let binds = t.resourceBindings(to: kept.type)
                    unified.merge(binds) { a, _ in a }
                    t = t.substituting(binds)
                    kept.type = try Self.merge(kept.type, t, name: imp.name.name, check: graph.wireCheck)
                    if let a = ImportName.version(kept.name), let b = ImportName.version(imp.name.name), b > a { kept.name = imp.name.name }
                    kept.users.append((id, imp.name.name))
                    implicitImports[at] = kept
                } else {
                    byKey[key] = implicitImports.count
                    implicitImports.append(ImplicitImport(name: imp.name.name, type: t, users: [(id, imp.name.name)]))
                }
            }
        }
        try addUsedInterfaces(graph, byKey: &byKey, explicit: explicit)
    }

    /// An explicit import whose interface `use`s types of another interface
    /// needs that interface imported too (as wac and wit-component do): its
    /// used exports join the implicit import of that name, or make one.
    mutating func addUsedInterfaces(_ graph: CompositionGraph, byKey: inout [String: Int], explicit: Set<String>) throws(CompositionError) {
        for id in order {
            guard case .import(let name, .instance(let it)) = try graph.node(id).kind else { continue }
            var used: [(interface: String, exports: [NamedEntity])] = []
            for e in it.exports {
                guard let o = e.origin, !o.isParameter, ImportName.compatibilityKey(o.interface) != ImportName.compatibilityKey(name) else { continue }
                let export = NamedEntity(name: ExternName(o.name), type: e.type)
                if let at = used.firstIndex(where: { $0.interface == o.interface }) {
                    if !used[at].exports.contains(where: { $0.name.name == o.name }) { used[at].exports.append(export) }
                } else {
                    used.append((o.interface, [export]))
                }
            }
            for (interface, exports) in used {
                let key = ImportName.compatibilityKey(interface)
                // An interface imported explicitly is aliased from that import.
                if explicit.contains(key) { continue }
                var t = EntityType.instance(InstanceType(exports: exports))
                if let at = byKey[key] {
                    var kept = implicitImports[at]
                    let binds = t.resourceBindings(to: kept.type)
                    unified.merge(binds) { a, _ in a }
                    t = t.substituting(binds)
                    kept.type = try Self.merge(kept.type, t, name: interface, check: graph.wireCheck)
                    implicitImports[at] = kept
                    dependencies[id, default: []].append(at)
                } else {
                    byKey[key] = implicitImports.count
                    dependencies[id, default: []].append(implicitImports.count)
                    implicitImports.append(ImplicitImport(name: interface, type: t, users: []))
                }
            }
        }
    }

    /// Depth-first post-order from each node in id order: deterministic,
    /// and a node's arguments and alias source always come first.
    static func topologicalOrder(_ graph: CompositionGraph) throws(CompositionError) -> [CompositionGraph.NodeID] {
        var state: [CompositionGraph.NodeID: Bool] = [:] // false: on the stack, true: done
        var out: [CompositionGraph.NodeID] = []
        func deps(_ id: CompositionGraph.NodeID) throws(CompositionError) -> [CompositionGraph.NodeID] {
            let n = try graph.node(id)
            var d: [CompositionGraph.NodeID] = []
            if case .alias(let s, _) = n.kind { d.append(s) }
            if case .instantiation(let p) = n.kind {
                for imp in graph.packages[p].type.imports { if let s = n.arguments[imp.name.name] { d.append(s) } }
            }
            return d
        }
        for root in graph.liveNodes {
            if state[root] == true { continue }
            // An explicit stack: composition graphs can be deep.
            var stack: [(CompositionGraph.NodeID, [CompositionGraph.NodeID])] = []
            state[root] = false
            stack.append((root, try deps(root)))
            while !stack.isEmpty {
                if let next = stack[stack.count - 1].1.popLast() {
                    switch state[next] {
                    case .some(false): throw CompositionError(.cycle, "the graph contains a cycle and cannot be encoded")
                    case .some(true): continue
                    case .none:
                        state[next] = false
                        stack.append((next, try deps(next).reversed()))
                    }
                } else {
                    let (done, _) = stack.removeLast()
                    state[done] = true
                    out.append(done)
                }
            }
        }
        return out
    }

    /// Two types asked for under one import name become one: instances
    /// take the union of their exports, and where both have an export, one
    /// must fit the other (the narrower one is kept, it satisfies both).
    static func merge(_ a: EntityType, _ b: EntityType, name: String, check: WireCheck) throws(CompositionError) -> EntityType {
        func conflict(_ detail: [String]) -> CompositionError {
            CompositionError(.typeAggregation, "failed to merge the type definition for implicit import `\(name)` due to conflicting types", causes: detail)
        }
        switch (a, b) {
        case (.instance(let ia), .instance(let ib)):
            var exports = ia.exports
            for eb in ib.exports {
                guard let i = exports.firstIndex(where: { $0.name.name == eb.name.name }) else { exports.append(eb); continue }
                let ea = exports[i]
                if check.misfit(found: ea.type, expected: eb.type) == nil { continue }
                if check.misfit(found: eb.type, expected: ea.type) == nil { exports[i] = eb; continue }
                if case .instance = ea.type, case .instance = eb.type {
                    exports[i].type = try merge(ea.type, eb.type, name: name, check: check)
                    continue
                }
                // As wac words it: the later import's type is what was expected.
                let why = check.misfit(found: ea.type, expected: eb.type).map(\.description) ?? ""
                throw conflict(["mismatched type for export `\(eb.name.name)`", why])
            }
            return .instance(InstanceType(exports: exports))
        default:
            if check.misfit(found: a, expected: b) == nil { return a }
            if check.misfit(found: b, expected: a) == nil { return b }
            throw conflict([check.misfit(found: a, expected: b).map(\.description) ?? "the types differ"])
        }
    }
}
