/// Replacing resource identities inside types: how instantiation plugs the
/// resources given as arguments into a component type's imports.
extension ResourceID {
    /// `self` replaced by `map`. When only renumbering (`keepingName`), the
    /// name it is spelled with here stays (a handle reached through
    /// `type y = x` stays spelled `y`); identity is the id alone, so only
    /// printing and encoding see the name.
    func substituted(_ map: [Int: ResourceID], keepingName: Bool) -> ResourceID {
        guard let to = map[id] else { return self }
        return keepingName && !name.isEmpty ? ResourceID(id: to.id, name: name) : to
    }
}

extension ValueType {
    public func substituting(_ map: [Int: ResourceID], keepingNames k: Bool = false) -> ValueType {
        if map.isEmpty { return self }
        switch self {
        case .own(let r): return .own(r.substituted(map, keepingName: k))
        case .borrow(let r): return .borrow(r.substituted(map, keepingName: k))
        case .record(let fs): return .record(fs.map { .init($0.name, $0.type.substituting(map, keepingNames: k)) })
        case .variant(let cs): return .variant(cs.map { .init($0.name, $0.type?.substituting(map, keepingNames: k)) })
        case .list(let t): return .list(t.substituting(map, keepingNames: k))
        case .fixedList(let t, let n): return .fixedList(t.substituting(map, keepingNames: k), n)
        case .tuple(let ts): return .tuple(ts.map { $0.substituting(map, keepingNames: k) })
        case .option(let t): return .option(t.substituting(map, keepingNames: k))
        case .result(let ok, let err): return .result(ok: ok?.substituting(map, keepingNames: k), err: err?.substituting(map, keepingNames: k))
        case .stream(let t): return .stream(t?.substituting(map, keepingNames: k))
        case .future(let t): return .future(t?.substituting(map, keepingNames: k))
        case .map(let key, let v): return .map(key.substituting(map, keepingNames: k), v.substituting(map, keepingNames: k))
        default: return self
        }
    }
}

extension FunctionType {
    public func substituting(_ map: [Int: ResourceID], keepingNames k: Bool = false) -> FunctionType {
        if map.isEmpty { return self }
        return FunctionType(isAsync: isAsync, params: params.map { .init($0.name, $0.type.substituting(map, keepingNames: k)) }, result: result?.substituting(map, keepingNames: k))
    }
}

extension ResolvedType {
    public func substituting(_ map: [Int: ResourceID], keepingNames k: Bool = false) -> ResolvedType {
        if map.isEmpty { return self }
        switch self {
        case .value(let v): return .value(v.substituting(map, keepingNames: k))
        case .function(let f): return .function(f.substituting(map, keepingNames: k))
        case .resource(let r): return .resource(r.substituted(map, keepingName: k))
        case .instance(let i): return .instance(i.substituting(map, keepingNames: k))
        case .component(let c): return .component(c.substituting(map, keepingNames: k))
        }
    }
}

extension EntityType {
    public func substituting(_ map: [Int: ResourceID], keepingNames k: Bool = false) -> EntityType {
        if map.isEmpty { return self }
        switch self {
        case .module: return self
        case .function(let f): return .function(f.substituting(map, keepingNames: k))
        case .value(let v): return .value(v.substituting(map, keepingNames: k))
        case .type(let t): return .type(t.substituting(map, keepingNames: k))
        case .instance(let i): return .instance(i.substituting(map, keepingNames: k))
        case .component(let c): return .component(c.substituting(map, keepingNames: k))
        }
    }
}

extension InstanceType {
    public func substituting(_ map: [Int: ResourceID], keepingNames k: Bool = false) -> InstanceType {
        InstanceType(exports: exports.map { NamedEntity(name: $0.name, type: $0.type.substituting(map, keepingNames: k), origin: $0.origin) })
    }
}

extension ComponentType {
    public func substituting(_ map: [Int: ResourceID], keepingNames k: Bool = false) -> ComponentType {
        ComponentType(imports: imports.map { NamedEntity(name: $0.name, type: $0.type.substituting(map, keepingNames: k), origin: $0.origin) },
                      exports: exports.map { NamedEntity(name: $0.name, type: $0.type.substituting(map, keepingNames: k), origin: $0.origin) })
    }
}

extension EntityType {
    /// Resources that this entity introduces at its top level: a type
    /// import/export of a resource, or the resource exports of an instance.
    public var introducedResources: [ResourceID] {
        switch self {
        case .type(.resource(let r)): return [r]
        case .instance(let i): return i.exports.flatMap(\.type.introducedResources)
        default: return []
        }
    }
}

extension EntityType {
    /// A map from the resources that this entity introduces (as a pattern,
    /// e.g. an import's type) to those in the same places of `actual`,
    /// matched by export name: what passing `actual` binds them to.
    public func resourceBindings(to actual: EntityType) -> [Int: ResourceID] {
        var map: [Int: ResourceID] = [:]
        switch (self, actual) {
        case (.type(.resource(let p)), .type(.resource(let a))):
            if p.id != a.id { map[p.id] = a }
        case (.instance(let p), .instance(let a)):
            for pe in p.exports {
                guard let ae = a.export(named: pe.name.name) else { continue }
                map.merge(pe.type.resourceBindings(to: ae.type)) { x, _ in x }
            }
        default: break
        }
        return map
    }
}
