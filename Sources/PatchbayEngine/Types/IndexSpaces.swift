/// The index spaces of one scope (a component, component type, instance
/// type or module type), each entry already resolved to its type.
public struct IndexSpaces: Sendable {
    public var coreFuncs: [CoreFuncType?] = []
    public var coreTables: [CoreEntityType] = []
    public var coreMemories: [CoreEntityType] = []
    public var coreGlobals: [CoreEntityType] = []
    public var coreTags: [CoreEntityType] = []
    public var coreTypes: [CoreTypeEntry] = []
    public var coreModules: [CoreModuleType] = []
    public var coreInstances: [CoreInstanceType] = []
    public var funcs: [FunctionType] = []
    public var values: [ValueType] = []
    public var types: [ResolvedType] = []
    public var components: [ComponentType] = []
    public var instances: [InstanceType] = []
    /// The scope's imports and exports in definition order.
    public var imports: [NamedEntity] = []
    public var exports: [NamedEntity] = []
    /// Provenance of type entries equal to a type an imported interface
    /// exports (a `use`), by type index; and the import name of each
    /// imported instance, by instance index. Sparse: most entries have none.
    public var typeOrigins: [Int: TypeOrigin] = [:]
    public var instanceNames: [Int: String] = [:]
    /// The same spaces with type identities, for the validator's named-type rule.
    var shapes = ShapeSpaces()

    public init() {}

    /// How many entries the index space of `sort` holds.
    public func count(_ sort: Sort) -> Int {
        switch sort {
        case .core(.func_): coreFuncs.count
        case .core(.table): coreTables.count
        case .core(.memory): coreMemories.count
        case .core(.global): coreGlobals.count
        case .core(.tag): coreTags.count
        case .core(.type): coreTypes.count
        case .core(.module): coreModules.count
        case .core(.instance): coreInstances.count
        case .func_: funcs.count
        case .value: values.count
        case .type: types.count
        case .component: components.count
        case .instance: instances.count
        }
    }

    /// The provenance of the type an extern type's `(eq i)` bound names.
    func origin(of t: ExternType) -> TypeOrigin? {
        if case .type(.eq(let i)) = t { return typeOrigins[Int(i)] }
        return nil
    }

    /// Adds an import, noting the name of an imported instance and the
    /// provenance of an imported type.
    mutating func addImport(_ e: NamedEntity) {
        imports.append(e)
        switch e.type {
        case .instance: instanceNames[instances.count] = e.name.name
        case .type(.value): typeOrigins[types.count] = e.origin ?? .parameter(e.name.name)
        case .type: if let o = e.origin { typeOrigins[types.count] = o }
        default: break
        }
        add(e.type)
    }

    /// Adds an entity (from an import, alias or export) to its index space.
    public mutating func add(_ e: EntityType) {
        switch e {
        case .module(let m): coreModules.append(m)
        case .function(let f): funcs.append(f)
        case .value(let v): values.append(v)
        case .type(let t): types.append(t)
        case .instance(let i): instances.append(i)
        case .component(let c): components.append(c)
        }
    }

    public mutating func addCore(_ e: CoreEntityType) {
        switch e {
        case .function(let f): coreFuncs.append(f)
        case .table: coreTables.append(e)
        case .memory: coreMemories.append(e)
        case .global: coreGlobals.append(e)
        case .tag: coreTags.append(e)
        }
    }

    /// The type of entry `index` of a component sort, or nil when out of bounds.
    public func entity(_ sort: Sort, _ index: UInt32) -> EntityType? {
        let i = Int(index)
        switch sort {
        case .func_: return i < funcs.count ? .function(funcs[i]) : nil
        case .value: return i < values.count ? .value(values[i]) : nil
        case .type: return i < types.count ? .type(types[i]) : nil
        case .component: return i < components.count ? .component(components[i]) : nil
        case .instance: return i < instances.count ? .instance(instances[i]) : nil
        case .core(.module): return i < coreModules.count ? .module(coreModules[i]) : nil
        case .core: return nil
        }
    }

    /// The type of entry `index` of a core sort (func, table, memory, global, tag).
    public func coreEntity(_ sort: CoreSort, _ index: UInt32) -> CoreEntityType? {
        let i = Int(index)
        switch sort {
        case .func_: return i < coreFuncs.count ? .function(coreFuncs[i]) : nil
        case .table: return i < coreTables.count ? coreTables[i] : nil
        case .memory: return i < coreMemories.count ? coreMemories[i] : nil
        case .global: return i < coreGlobals.count ? coreGlobals[i] : nil
        case .tag: return i < coreTags.count ? coreTags[i] : nil
        default: return nil
        }
    }
}
