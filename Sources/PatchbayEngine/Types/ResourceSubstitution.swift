/// Replacing resource identities inside types: how instantiation plugs the
/// resources given as arguments into a component type's imports.
extension ValueType {
    public func substituting(_ map: [Int: ResourceID]) -> ValueType {
        if map.isEmpty { return self }
        switch self {
        case .own(let r): return .own(map[r.id] ?? r)
        case .borrow(let r): return .borrow(map[r.id] ?? r)
        case .record(let fs): return .record(fs.map { .init($0.name, $0.type.substituting(map)) })
        case .variant(let cs): return .variant(cs.map { .init($0.name, $0.type?.substituting(map)) })
        case .list(let t): return .list(t.substituting(map))
        case .fixedList(let t, let n): return .fixedList(t.substituting(map), n)
        case .tuple(let ts): return .tuple(ts.map { $0.substituting(map) })
        case .option(let t): return .option(t.substituting(map))
        case .result(let ok, let err): return .result(ok: ok?.substituting(map), err: err?.substituting(map))
        case .stream(let t): return .stream(t?.substituting(map))
        case .future(let t): return .future(t?.substituting(map))
        case .map(let k, let v): return .map(k.substituting(map), v.substituting(map))
        default: return self
        }
    }
}

extension FunctionType {
    public func substituting(_ map: [Int: ResourceID]) -> FunctionType {
        if map.isEmpty { return self }
        return FunctionType(isAsync: isAsync, params: params.map { .init($0.name, $0.type.substituting(map)) }, result: result?.substituting(map))
    }
}

extension ResolvedType {
    public func substituting(_ map: [Int: ResourceID]) -> ResolvedType {
        if map.isEmpty { return self }
        switch self {
        case .value(let v): return .value(v.substituting(map))
        case .function(let f): return .function(f.substituting(map))
        case .resource(let r): return .resource(map[r.id] ?? r)
        case .instance(let i): return .instance(i.substituting(map))
        case .component(let c): return .component(c.substituting(map))
        }
    }
}

extension EntityType {
    public func substituting(_ map: [Int: ResourceID]) -> EntityType {
        if map.isEmpty { return self }
        switch self {
        case .module: return self
        case .function(let f): return .function(f.substituting(map))
        case .value(let v): return .value(v.substituting(map))
        case .type(let t): return .type(t.substituting(map))
        case .instance(let i): return .instance(i.substituting(map))
        case .component(let c): return .component(c.substituting(map))
        }
    }
}

extension InstanceType {
    public func substituting(_ map: [Int: ResourceID]) -> InstanceType {
        InstanceType(exports: exports.map { NamedEntity(name: $0.name, type: $0.type.substituting(map)) })
    }
}

extension ComponentType {
    public func substituting(_ map: [Int: ResourceID]) -> ComponentType {
        ComponentType(imports: imports.map { NamedEntity(name: $0.name, type: $0.type.substituting(map)) },
                      exports: exports.map { NamedEntity(name: $0.name, type: $0.type.substituting(map)) })
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
