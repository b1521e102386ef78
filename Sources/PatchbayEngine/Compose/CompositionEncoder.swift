/// Turns a composition graph into a component binary.
///
/// The output is deterministic: imports in the order the plan found them,
/// packages embedded (or imported) at their first instantiation, nodes in
/// dependency order, exports last, then a name section with the nodes'
/// names. Types are written from the resolved model by `TypeScope`, so the
/// composite's imports say exactly what its instances need, with resources
/// kept as the same resources.
public struct CompositionEncoder {
    public struct Options: Sendable {
        /// Embed each package's component (the default) or import it by
        /// reference under a dependency name.
        public var importDependencies = false
        /// Check the output with Patchbay's validator before returning it.
        public var validate = true
        public init(importDependencies: Bool = false, validate: Bool = true) {
            self.importDependencies = importDependencies; self.validate = validate
        }
    }

    public static func encode(_ graph: CompositionGraph, options: Options = Options()) throws(CompositionError) -> [UInt8] {
        let pieces = try encodePieces(graph, options: options)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
        for p in pieces { bytes.append(contentsOf: p) }
        return bytes
    }

    /// The composite as pieces to write one after another (see
    /// `ComponentEncoder.encodePieces`): embedded packages are written
    /// straight from the bytes they were loaded from.
    public static func encodePieces(_ graph: CompositionGraph, options: Options = Options()) throws(CompositionError) -> [ArraySlice<UInt8>] {
        let component = try build(graph, options: options)
        if options.validate {
            // The model is checked, not a decoding of the bytes: those would
            // be a second copy of every embedded package, and the encoder is
            // the decoder's exact mirror (tested on the corpus). The
            // packages' core code was checked when they were loaded; their
            // modules are the same bytes, so they are trusted here.
            let trusted = graph.packages.reduce(into: Set<CoreModuleKey>()) { $0.formUnion($1.validatedModules) }
            if let problem = Validator.validate(component, trusting: trusted).diagnostics.first(where: \.isError) {
                throw CompositionError(.unsupported, "the encoded composite does not validate; this is a bug in Patchbay", causes: [problem.description])
            }
        }
        return ComponentEncoder.encodePieces(component)
    }

    public static func build(_ graph: CompositionGraph, options: Options = Options()) throws(CompositionError) -> Component {
        let plan = try CompositePlan(graph)
        let state = CompositionEncoderState(graph: graph, plan: plan, options: options)
        try state.run()
        return Component(sections: state.sections)
    }
}

/// The mutable side of one encoding run: sections written so far and the
/// index spaces they define.
final class CompositionEncoderState {
    let graph: CompositionGraph
    let plan: CompositePlan
    let options: CompositionEncoder.Options
    var sections: [Section] = []
    var counts: [Sort: UInt32] = [:]
    lazy var scope: TypeScope = {
        let s = TypeScope(kind: .top, parent: nil, unified: plan.unified)
        s.top = self
        return s
    }()
    var nodeIndex: [CompositionGraph.NodeID: SortIndex] = [:]
    var implicitIndex: [Int: SortIndex] = [:]
    var packageIndex: [Int: UInt32] = [:]
    /// Types that instances export, reachable with an alias when first needed.
    var pendingResources: [Int: (instance: UInt32, path: [String])] = [:]
    var pendingNamed: [ValueType: [(name: String, instance: UInt32, path: [String])]] = [:]
    var names: [Sort: [UInt32: String]] = [:]

    init(graph: CompositionGraph, plan: CompositePlan, options: CompositionEncoder.Options) {
        self.graph = graph; self.plan = plan; self.options = options
    }

    // MARK: sections

    /// Appends to the last section when it has the same kind, so the output
    /// groups consecutive items the way other encoders do.
    func append(_ content: Section.Content) {
        if let last = sections.last {
            switch (last.content, content) {
            case (.types(let a), .types(let b)): sections[sections.count - 1] = Section(.types(a + b)); return
            case (.aliases(let a), .aliases(let b)): sections[sections.count - 1] = Section(.aliases(a + b)); return
            case (.imports(let a), .imports(let b)): sections[sections.count - 1] = Section(.imports(a + b)); return
            case (.instances(let a), .instances(let b)): sections[sections.count - 1] = Section(.instances(a + b)); return
            case (.exports(let a), .exports(let b)): sections[sections.count - 1] = Section(.exports(a + b)); return
            default: break
            }
        }
        sections.append(Section(content))
    }

    func next(_ sort: Sort) -> UInt32 {
        let i = counts[sort, default: 0]
        counts[sort] = i + 1
        return i
    }

    func addType(_ def: TypeDef) -> UInt32 {
        append(.types([def]))
        return next(.type)
    }

    func addAlias(_ a: Alias) -> UInt32 {
        append(.aliases([a]))
        return next(a.sort)
    }

    // MARK: types exported by instances

    /// Notes the types an instance at `index` exports, to alias on demand.
    func register(instance index: UInt32, _ t: InstanceType, path: [String] = []) {
        for e in t.exports {
            switch e.type {
            case .type(.resource(let r)):
                let id = plan.unified[r.id]?.id ?? r.id
                if pendingResources[id] == nil && scope.resources[id] == nil { pendingResources[id] = (index, path + [e.name.name]) }
            case .type(.value(let v)):
                pendingNamed[v, default: []].append((e.name.name, index, path + [e.name.name]))
            case .instance(let inner):
                register(instance: index, inner, path: path + [e.name.name])
            default: break
            }
        }
    }

    /// An alias of the type at `path` inside instance `index`.
    func aliasType(instance index: UInt32, path: [String]) -> UInt32 {
        var inst = index
        for step in path.dropLast() {
            inst = addAlias(Alias(sort: .instance, target: .instanceExport(instance: inst, name: step)))
        }
        return addAlias(Alias(sort: .type, target: .instanceExport(instance: inst, name: path.last!)))
    }

    func materializeResource(_ id: Int) throws(CompositionError) -> UInt32? {
        guard let p = pendingResources.removeValue(forKey: id) else { return nil }
        return aliasType(instance: p.instance, path: p.path)
    }

    func materializeNamed(_ v: ValueType, name: String?) throws(CompositionError) -> UInt32? {
        guard let list = pendingNamed[v], let hit = list.last(where: { name == nil || $0.name == name }) else { return nil }
        return aliasType(instance: hit.instance, path: hit.path)
    }

    // MARK: the run

    func run() throws(CompositionError) {
        var emittedImplicit = Set<Int>()
        var usersOf: [CompositionGraph.NodeID: [(String, Int)]] = [:]
        for (i, imp) in plan.implicitImports.enumerated() {
            for u in imp.users { usersOf[u.node, default: []].append((u.importName, i)) }
        }
        for id in plan.order {
            let node = try graph.node(id)
            switch node.kind {
            case .import(let name, let type):
                // Interfaces this import `use`s types from come first, so
                // its type can alias them (a `use`, not a copy).
                for i in plan.dependencies[id] ?? [] where !emittedImplicit.contains(i) {
                    emittedImplicit.insert(i)
                    implicitIndex[i] = try emitImport(plan.implicitImports[i].name, plan.implicitImports[i].type)
                }
                nodeIndex[id] = try emitImport(name, type)
            case .instantiation(let p):
                for (_, i) in usersOf[id] ?? [] where !emittedImplicit.contains(i) {
                    emittedImplicit.insert(i)
                    implicitIndex[i] = try emitImport(plan.implicitImports[i].name, plan.implicitImports[i].type)
                }
                let component = try componentIndex(p)
                var args: [ComponentInstance.Arg] = []
                for imp in graph.packages[p].type.imports {
                    if let src = node.arguments[imp.name.name] {
                        guard let item = nodeIndex[src] else { throw CompositionError(.cycle, "the graph contains a cycle and cannot be encoded") }
                        args.append(.init(name: imp.name.name, item: item))
                    } else if let i = (usersOf[id] ?? []).first(where: { $0.0 == imp.name.name })?.1, let item = implicitIndex[i] {
                        args.append(.init(name: imp.name.name, item: item))
                    }
                }
                append(.instances([ComponentInstance(.instantiate(component: component, args: args))]))
                let index = next(.instance)
                nodeIndex[id] = SortIndex(.instance, index)
                if case .instance(let t) = try graph.type(of: id) { register(instance: index, t) }
            case .alias(let source, let export):
                guard let src = nodeIndex[source], src.sort == .instance else {
                    throw CompositionError(.notAnInstance, "expected source node to be an instance")
                }
                let t = try graph.type(of: id)
                let sort = Self.sort(of: t)
                let index = addAlias(Alias(sort: sort, target: .instanceExport(instance: src.index, name: export)))
                nodeIndex[id] = SortIndex(sort, index)
                if case .instance(let it) = t { register(instance: index, it) }
            }
            if let name = node.name, let at = nodeIndex[id] { names[at.sort, default: [:]][at.index] = name }
        }
        for (name, id) in graph.exports {
            guard let item = nodeIndex[id] else { throw CompositionError(.unknownNode, "export `\(name)` refers to a removed node") }
            append(.exports([Export(name: ExternName(name), item: item)]))
            _ = next(item.sort)
        }
        if !names.isEmpty { sections.append(Section(.custom(CustomSection(name: "component-name", payload: ArraySlice(NameSectionWriter.encode(names)))))) }
    }

    /// `test:foo@1.0.0` → `test-foo-1-0-0`: a kebab-case label naming the package.
    static func dependencyLabel(_ key: String) -> String {
        var out = ""
        for c in key.lowercased().unicodeScalars {
            if ("a"..."z").contains(c) || ("0"..."9").contains(c) { out.unicodeScalars.append(c) }
            else if !out.hasSuffix("-") { out += "-" }
        }
        while out.hasSuffix("-") { out.removeLast() }
        if let f = out.unicodeScalars.first, !("a"..."z").contains(f) { out = "dep-" + out }
        return out.isEmpty ? "dependency" : out
    }

    static func sort(of t: EntityType) -> Sort {
        switch t {
        case .function: .func_
        case .instance: .instance
        case .component: .component
        case .module: .core(.module)
        case .value: .value
        case .type: .type
        }
    }

    /// Imports `type` under `name` at the top level and notes what it provides.
    func emitImport(_ name: String, _ type: EntityType) throws(CompositionError) -> SortIndex {
        let extern: ExternType
        switch type {
        case .function(let f): extern = .func_(type: try scope.function(f))
        case .instance(let it):
            let inner = TypeScope(kind: .instance, parent: scope, unified: plan.unified)
            for x in it.exports { try inner.declareExport(x.name.name, x.type, origin: x.origin) }
            extern = .instance(type: scope.add(.instance(inner.decls)))
        case .component(let ct): extern = .component(type: try scope.componentType(ct))
        case .type(.resource(let r)):
            // A resource already known here (a `use` at world level) is the
            // same resource again, not a new one.
            if let known = try scope.resourceIndex(r) { extern = .type(.eq(known)) } else { extern = .type(.subResource) }
        case .type(.value(let v)): extern = .type(.eq(try scope.add(.defined(scope.defined(v)))))
        case .type(.function(let f)): extern = .type(.eq(try scope.function(f)))
        case .type(.instance(let it)): extern = .type(.eq(try scope.instanceType(it)))
        case .type(.component(let ct)): extern = .type(.eq(try scope.componentType(ct)))
        default: throw CompositionError(.unsupported, "cannot import the \(type.sortName) `\(name)` in a composite")
        }
        append(.imports([Import(name: ExternName(name), type: extern)]))
        let index = next(extern.sort)
        switch type {
        case .instance(let it): register(instance: index, it)
        case .type(.resource(let r)):
            let id = plan.unified[r.id]?.id ?? r.id
            scope.resources[id] = index
            scope.resourceAliases[id, default: [:]][name] = index
            scope.typeCount = counts[.type, default: 0]
        case .type(.value(let v)): scope.named[v, default: []].append((name, index)); scope.typeCount = counts[.type, default: 0]
        default: break
        }
        return SortIndex(extern.sort, index)
    }

    /// The component index of package `p`, embedding or importing it first.
    func componentIndex(_ p: Int) throws(CompositionError) -> UInt32 {
        if let i = packageIndex[p] { return i }
        let pkg = graph.packages[p]
        if options.importDependencies {
            let t = try scope.componentType(pkg.type)
            // Dependency names (`unlocked-dep=<..>`) left the spec; a plain
            // label made from the package key is what validators accept now.
            append(.imports([Import(name: ExternName(Self.dependencyLabel(pkg.key)), type: .component(type: t))]))
        } else {
            var embedded = pkg.component
            embedded.verbatim = ArraySlice(pkg.bytes)
            append(.component(embedded))
        }
        let i = next(.component)
        packageIndex[p] = i
        names[.component, default: [:]][i] = pkg.key
        return i
    }
}
