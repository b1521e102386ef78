/// Resolves a decoded component: walks its definitions in order, building
/// the index spaces of every scope with each entry's full type, so that
/// every import and export gets its complete type.
///
/// Resolution checks what it must to give types (index bounds, sorts, the
/// kind of type an index names) and reports the first failure with its
/// offset. The remaining rules of the component model are checked by the
/// validator, which runs on top of these spaces.
public final class TypeResolver {
    /// Scopes from the outermost (index 0) to the current one.
    var scopes: [IndexSpaces] = []
    var nextResource = 0
    /// Resources declared with `(sub resource)` inside instance and
    /// component *types*: placeholders that each use of the type replaces.
    var abstractResources = Set<Int>()
    /// How many instance or component type declarations enclose the current one.
    var declDepth = 0
    /// A readable name for each resource id, from the first import or export naming it.
    public private(set) var resourceNames: [Int: String] = [:]
    /// Summaries of the core modules met, by their file offset.
    public private(set) var moduleSummaries: [Int: CoreModuleReader.Summary] = [:]
    /// Summaries made by an earlier resolution of the same decoded file,
    /// by module offset (offsets tell the modules of one file apart).
    var knownSummaries: [Int: CoreModuleReader.Summary] = [:]
    /// Set while validating: the checks of `Validation/` run at each
    /// definition, against the index spaces as they are at that point.
    var validation: ValidationContext?

    public init() {}

    /// The result of resolving a whole component.
    public struct Result: Sendable {
        public var type: ComponentType
        public var spaces: IndexSpaces
        public var resourceNames: [Int: String]
        /// The summary of every core module met, by the module's offset,
        /// so reports need not read the modules again.
        public var moduleSummaries: [Int: CoreModuleReader.Summary] = [:]
    }

    /// Resolves a component and returns its type and top-level spaces.
    /// `summaries` are core module summaries already made for modules of
    /// the same decoded file (by module offset), used instead of reading
    /// those modules again.
    public static func resolve(_ component: Component, summaries: [Int: CoreModuleReader.Summary] = [:]) throws(ValidationError) -> Result {
        let r = TypeResolver()
        r.knownSummaries = summaries
        return r.result(try r.resolveComponentBody(component))
    }

    /// The result of a finished resolution of a component body.
    func result(_ spaces: IndexSpaces) -> Result {
        Result(type: ComponentType(imports: spaces.imports, exports: spaces.exports), spaces: spaces,
               resourceNames: resourceNames, moduleSummaries: moduleSummaries)
    }

    var cur: IndexSpaces {
        get { scopes[scopes.count - 1] }
        _modify { yield &scopes[scopes.count - 1] }
    }

    func fresh(_ name: String) -> ResourceID {
        nextResource += 1
        if !name.isEmpty { resourceNames[nextResource] = name }
        return ResourceID(id: nextResource, name: name)
    }

    func name(_ r: ResourceID, _ n: String) {
        if resourceNames[r.id] == nil { resourceNames[r.id] = n }
    }

    /// Resolves the sections of `component` in a fresh scope, popping it after.
    func resolveComponentBody(_ component: Component) throws(ValidationError) -> IndexSpaces {
        scopes.append(IndexSpaces())
        defer { scopes.removeLast() }
        validation?.bodies.append(.init())
        validation?.bodyScopes.insert(scopes.count - 1)
        defer {
            validation?.bodies.removeLast()
            validation?.bodyScopes.remove(scopes.count - 1)
        }
        for section in component.sections {
            try resolve(section)
        }
        try finishBody()
        return cur
    }

    func resolve(_ section: Section) throws(ValidationError) {
        switch section.content {
        case .custom: break
        case .coreModule(let m):
            let summary: CoreModuleReader.Summary
            if let known = knownSummaries[m.offset] {
                summary = known
            } else {
                do { summary = try CoreModuleReader.summarize(m.bytes, offset: m.offset) } catch {
                    throw ValidationError(error.message, at: error.offset)
                }
            }
            moduleSummaries[m.offset] = summary
            try validateCoreModule(m, summary)
            cur.coreModules.append(summary.type)
        case .coreInstances(let list):
            for i in list {
                try validateCoreInstance(i)
                cur.coreInstances.append(try coreInstanceType(i))
            }
        case .coreTypes(let list):
            for t in list { try addCoreType(t, offset: section.offset) }
        case .component(let c):
            let spaces = try resolveComponentBody(c)
            cur.components.append(ComponentType(imports: spaces.imports, exports: spaces.exports))
            if validation != nil { shapes.components.append(ComponentShape(imports: spaces.shapes.imports, exports: spaces.shapes.exports)) }
        case .instances(let list):
            for i in list {
                try validateInstance(i)
                cur.instances.append(try instanceType(i))
                if validation != nil { shapes.instances.append(instanceShape(i)) }
            }
        case .aliases(let list):
            for a in list { try validateAlias(a); try addAlias(a); noteAlias(a) }
        case .types(let list):
            for t in list {
                if case .resource(let rep, let dtor) = t.kind { try validateResource(rep: rep, destructor: dtor, at: t.offset) }
                let r = try resolveTypeDef(t)
                if case .resource(let rep, _) = t.kind, case .resource(let id) = r { validation?.body.localResources[id.id] = rep }
                cur.types.append(r)
            }
        case .canons(let list):
            for c in list {
                let given = try validateCanon(c)
                try addCanon(c)
                if let given, !c.definesComponentFunction { cur.coreFuncs[cur.coreFuncs.count - 1] = given }
            }
        case .start(let s):
            try validateStart(s)
            guard Int(s.function) < cur.funcs.count else {
                throw ValidationError("start function index \(s.function) is out of bounds (\(cur.funcs.count) functions)", at: s.offset)
            }
            if let r = cur.funcs[Int(s.function)].result {
                cur.values.append(r)
                if validation != nil { shapes.values.append(.open) }
            }
        case .imports(let list):
            for i in list {
                let t = try entityType(i.type, name: i.name.name, at: i.offset)
                try validateImport(i, entity: t)
                if validation != nil {
                    let s = shape(of: i.type)
                    try checkNamedTypes(s, isImport: true, sortName: t.sortName, at: i.offset)
                    shapes.add(s)
                    shapes.imports.append(NamedShape(name: i.name.name, shape: s))
                }
                cur.addImport(NamedEntity(name: i.name, type: t, origin: cur.origin(of: i.type)))
            }
        case .exports(let list):
            for e in list { try addExport(e) }
        case .values(let list):
            for v in list {
                try validateValueDef(v)
                cur.values.append(try valueType(v.type, at: v.offset))
                if validation != nil { shapes.values.append(shapes.value(v.type)) }
            }
        }
    }

    // MARK: exports

    func addExport(_ e: Export) throws(ValidationError) {
        guard var t = cur.entity(e.item.sort, e.item.index) else {
            let s = { if case .core(let cs) = e.item.sort { cs.name } else { e.item.sort.name } }()
            throw ValidationError("unknown \(s) \(e.item.index): \(s) index out of bounds (\(cur.count(e.item.sort)) defined) in export `\(e.name.name)`", at: e.offset)
        }
        if let ascribed = e.type, case .type = ascribed {
            // A type export keeps the identity of what it exports.
        } else if let ascribed = e.type {
            let a = try entityType(ascribed, name: e.name.name, at: e.offset, mintResources: false)
            t = a.substituting(a.resourceBindings(to: t))
        }
        if validation != nil, let ascribed = e.type, ascribed.sort != .type, let actual = cur.entity(e.item.sort, e.item.index) {
            do { try Subtyping.check(actual, isSubtypeOf: t) } catch {
                throw ValidationError("ascribed type of export is not compatible with item's type: \(error.message)", at: e.offset)
            }
        }
        try validateExport(e, entity: t)
        if validation != nil {
            var s = shapes.entity(e.item.sort, e.item.index)
            if let ascribed = e.type {
                s = shape(of: ascribed)
            } else if case .type(let created, let referenced) = s {
                s = .type(created: created.renewed(freshTypeId), referenced: referenced)
            }
            try checkNamedTypes(s, isImport: false, sortName: t.sortName, at: e.offset)
            shapes.add(s)
            shapes.exports.append(NamedShape(name: e.name.name, shape: s))
        }
        if case .type(.resource(let r)) = t { name(r, e.name.name) }
        let origin = e.item.sort == .type ? cur.typeOrigins[Int(e.item.index)] : nil
        if let origin { cur.typeOrigins[cur.types.count] = origin }
        cur.exports.append(NamedEntity(name: e.name, type: t, origin: origin))
        cur.add(t)
    }

    // MARK: instances

    func coreInstanceType(_ i: CoreInstance) throws(ValidationError) -> CoreInstanceType {
        switch i.expr {
        case .instantiate(let module, _):
            guard Int(module) < cur.coreModules.count else {
                throw ValidationError("module index \(module) is out of bounds (\(cur.coreModules.count) modules)", at: i.offset)
            }
            return CoreInstanceType(exports: cur.coreModules[Int(module)].exports)
        case .fromExports(let items):
            var exports: [CoreExportType] = []
            for e in items {
                guard let t = cur.coreEntity(e.item.sort, e.item.index) else {
                    throw ValidationError("core \(e.item.sort.name) index \(e.item.index) is out of bounds in instance export `\(e.name)`", at: i.offset)
                }
                exports.append(CoreExportType(name: e.name, type: t))
            }
            return CoreInstanceType(exports: exports)
        }
    }

    func instanceType(_ i: ComponentInstance) throws(ValidationError) -> InstanceType {
        switch i.expr {
        case .instantiate(let c, let args):
            guard Int(c) < cur.components.count else {
                throw ValidationError("component index \(c) is out of bounds (\(cur.components.count) components)", at: i.offset)
            }
            let ct = cur.components[Int(c)]
            var map: [Int: ResourceID] = [:]
            for imp in ct.imports {
                guard let arg = args.first(where: { $0.name == imp.name.name }),
                      let given = cur.entity(arg.item.sort, arg.item.index) else { continue }
                map.merge(imp.type.resourceBindings(to: given)) { x, _ in x }
            }
            // Resources that the instantiated component defines are new for each instance.
            for exp in ct.exports {
                for r in exp.type.introducedResources where map[r.id] == nil && !isImported(r, ct) {
                    map[r.id] = fresh(resourceNames[r.id] ?? r.name)
                }
            }
            // A type the component re-exports from a type import is, in the
            // instance, the argument's type: it keeps the argument's origin.
            var given: [String: TypeOrigin] = [:]
            for arg in args where arg.item.sort == .type {
                if let o = cur.typeOrigins[Int(arg.item.index)] { given[arg.name] = o }
            }
            return InstanceType(exports: ct.exports.map {
                let origin = $0.origin.flatMap { $0.isParameter ? given[$0.name] : $0 }
                return NamedEntity(name: $0.name, type: $0.type.substituting(map), origin: origin)
            })
        case .fromExports(let items):
            var exports: [NamedEntity] = []
            for e in items {
                guard let t = cur.entity(e.item.sort, e.item.index) else {
                    throw ValidationError("\(e.item.sort.name) index \(e.item.index) is out of bounds in instance export `\(e.name.name)`", at: i.offset)
                }
                let origin = e.item.sort == .type ? cur.typeOrigins[Int(e.item.index)] : nil
                exports.append(NamedEntity(name: e.name, type: t, origin: origin))
            }
            return InstanceType(exports: exports)
        }
    }

    func isImported(_ r: ResourceID, _ ct: ComponentType) -> Bool {
        ct.imports.contains { $0.type.introducedResources.contains(r) }
    }

    // MARK: aliases

    func addAlias(_ a: Alias) throws(ValidationError) {
        switch a.target {
        case .instanceExport(let inst, let name):
            guard Int(inst) < cur.instances.count else {
                throw ValidationError("instance index \(inst) is out of bounds (\(cur.instances.count) instances) in alias of `\(name)`", at: a.offset)
            }
            guard let e = cur.instances[Int(inst)].export(named: name) else {
                throw ValidationError("instance \(inst) has no export named `\(name)`", at: a.offset)
            }
            guard e.type.sortName == sortName(a.sort) else {
                throw ValidationError("export `\(name)` for instance \(inst) is not a \(sortName(a.sort)) (it is a \(e.type.sortName))", at: a.offset)
            }
            if case .type = e.type, let o = e.origin ?? cur.instanceNames[Int(inst)].map({ TypeOrigin(interface: $0, name: name) }) {
                cur.typeOrigins[cur.types.count] = o
            }
            cur.add(e.type)
            if validation != nil {
                let s = Int(inst) < shapes.instances.count ? shapes.instances[Int(inst)].first { $0.name == name }?.shape : nil
                shapes.add(s ?? .placeholder(e.type))
            }
        case .coreInstanceExport(let inst, let name):
            guard Int(inst) < cur.coreInstances.count else {
                throw ValidationError("core instance index \(inst) is out of bounds (\(cur.coreInstances.count) core instances) in alias of `\(name)`", at: a.offset)
            }
            guard let e = cur.coreInstances[Int(inst)].export(named: name) else {
                throw ValidationError("core instance \(inst) has no export named `\(name)`", at: a.offset)
            }
            guard case .core(let s) = a.sort, e.type.sort == s else {
                throw ValidationError("export `\(name)` for core instance \(inst) is not a \({ if case .core(let cs) = a.sort { cs.name } else { a.sort.name } }()) (it is a core \(e.type.sort.name))", at: a.offset)
            }
            cur.addCore(e.type)
        case .outer(let count, let index):
            guard Int(count) < scopes.count else {
                throw ValidationError("outer alias count \(count) is too large: only \(scopes.count - 1) enclosing scopes", at: a.offset)
            }
            let target = scopes[scopes.count - 1 - Int(count)]
            let i = Int(index)
            switch a.sort {
            case .type:
                guard i < target.types.count else { throw outOfBounds("type", index, target.types.count, a.offset) }
                try validateOuterTypeAlias(target.types[i], count: count, at: a.offset)
                if let o = target.typeOrigins[i] { cur.typeOrigins[cur.types.count] = o }
                cur.types.append(target.types[i])
                if validation != nil { shapes.types.append(target.shapes.type(index)) }
            case .component:
                guard i < target.components.count else { throw outOfBounds("component", index, target.components.count, a.offset) }
                cur.components.append(target.components[i])
                if validation != nil { shapes.components.append(i < target.shapes.components.count ? target.shapes.components[i] : ComponentShape()) }
            case .core(.type):
                guard i < target.coreTypes.count else { throw outOfBounds("core type", index, target.coreTypes.count, a.offset) }
                cur.coreTypes.append(target.coreTypes[i])
            case .core(.module):
                guard i < target.coreModules.count else { throw outOfBounds("module", index, target.coreModules.count, a.offset) }
                cur.coreModules.append(target.coreModules[i])
            default:
                throw ValidationError("outer aliases of \(a.sort.name) are not allowed", at: a.offset)
            }
        }
    }

    func sortName(_ s: Sort) -> String {
        switch s {
        case .core(.module): "module"
        case .func_: "func"
        case .value: "value"
        case .type: "type"
        case .instance: "instance"
        case .component: "component"
        case .core: "core"
        }
    }

    func outOfBounds(_ what: String, _ index: UInt32, _ count: Int, _ offset: Int) -> ValidationError {
        ValidationError("unknown \(what) \(index): \(what) index out of bounds (\(count) defined)", at: offset)
    }

    // MARK: canon

    func addCanon(_ c: Canon) throws(ValidationError) {
        switch c.kind {
        case .lift(_, _, let t):
            guard Int(t) < cur.types.count else { throw outOfBounds("type", t, cur.types.count, c.offset) }
            guard case .function(let f) = cur.types[Int(t)] else {
                throw ValidationError("canon lift type index \(t) is not a function type", at: c.offset)
            }
            cur.funcs.append(f)
            if validation != nil { shapes.funcs.append(shapes.type(t).members) }
        case .lower(let f, let opts):
            guard Int(f) < cur.funcs.count else { throw outOfBounds("function", f, cur.funcs.count, c.offset) }
            cur.coreFuncs.append(TypeResolver.loweredSignature(cur.funcs[Int(f)], options: opts, memories: cur.coreMemories))
        case .resourceNew, .resourceRep:
            cur.coreFuncs.append(CoreFuncType(params: [.i32], results: [.i32]))
        case .resourceDrop:
            cur.coreFuncs.append(CoreFuncType(params: [.i32], results: []))
        default:
            cur.coreFuncs.append(nil)
        }
    }
}

extension TypeResolver {
    /// The core signature a `canon lower` produces, by the Canonical ABI;
    /// nil when the function type is not valid for the ABI. Spilled
    /// parameters and the return pointer are addresses in the `memory`
    /// option's memory, so they are i64 when that memory is 64-bit.
    static func loweredSignature(_ f: FunctionType, options: [CanonOption], memories: [CoreEntityType]) -> CoreFuncType? {
        let isAsync = options.contains(.async)
        var memory64 = false
        for case .memory(let m) in options where Int(m) < memories.count {
            if case .memory(let l) = memories[Int(m)] { memory64 = l.is64 }
        }
        let abi = SignatureOptions(memory64: memory64, isAsync: isAsync)
        guard let sig = try? CanonicalABI.coreSignature(of: f, context: .lower, options: abi) else { return nil }
        return CoreFuncType(params: sig.params.map(\.coreValType), results: sig.results.map(\.coreValType))
    }
}

extension CoreValueType {
    var coreValType: CoreValType {
        switch self {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        }
    }
}
