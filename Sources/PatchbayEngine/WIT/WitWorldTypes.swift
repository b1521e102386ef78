/// A WIT world as a component type in the resolved model: what a component
/// that implements the world imports and exports, so that it can be
/// compared with a real component's type by the composition engine's checks.
///
/// The shape follows how wit-component encodes a world: an interface becomes
/// an instance type that exports its types (by name) and its functions
/// (resource functions under their mangled names); world-level functions and
/// types become top-level imports and exports. Resources get identities of
/// their own, negative so they can never collide with the positive ones the
/// `TypeResolver` mints for a component. A `use`d resource keeps its
/// identity wherever it appears, because `use` is a reference, not a copy.
public struct WitWorldTypes {
    public let document: WitDocument

    /// Names of the world's resources by id, for explanations.
    public private(set) var resourceNames: [Int: String] = [:]
    /// Where each of the world's resources is defined, for explanations.
    public private(set) var resourceOrigins: [Int: String] = [:]
    /// The resources the world's exports define (and a component exporting
    /// the world must define); all others are imported or world-level.
    public private(set) var exportedResources: Set<Int> = []

    /// Interfaces the world exports: their resources are the component's
    /// own (exported) definitions, distinct from an import of the same
    /// interface.
    private var exportedInterfaces: Set<WitInterfaceID> = []

    public init(document: WitDocument) { self.document = document }

    /// The component type of `world`.
    public mutating func componentType(of world: WitWorldID) throws(WitError) -> ComponentType {
        let w = document[world]
        exportedInterfaces = []
        for (_, item) in w.exports { if case .interface(let id, _, _, _) = item { exportedInterfaces.insert(id) } }
        var imports: [NamedEntity] = []
        for (key, item) in w.imports {
            imports.append(NamedEntity(name: ExternName(name(key, item)), type: try entity(item, exported: false)))
        }
        var exports: [NamedEntity] = []
        for (key, item) in w.exports {
            exports.append(NamedEntity(name: ExternName(name(key, item)), type: try entity(item, exported: true)))
        }
        return ComponentType(imports: imports, exports: exports)
    }

    /// `ns:pkg/iface@1.0.0` for an interface of a package.
    public func qualifiedName(_ id: WitInterfaceID) -> String? {
        let i = document[id]
        guard let n = i.name, let p = i.package, p.index < document.packages.count else { return nil }
        let pn = document[p].name
        return "\(pn.namespace):\(pn.name)/\(n)" + (pn.version.map { "@\($0)" } ?? "")
    }

    func name(_ key: WitWorldKey, _ item: WitWorldItem) -> String {
        switch key {
        case .name(let n): return n
        case .interface(let id): return qualifiedName(id) ?? document[id].name ?? "interface"
        }
    }

    mutating func entity(_ item: WitWorldItem, exported: Bool) throws(WitError) -> EntityType {
        switch item {
        case .interface(let id, _, _, _):
            return .instance(try instance(id, exported: exported))
        case .function(let f):
            return .function(try function(f, exported: exported))
        case .type(let t):
            return .type(try resolved(t, exported: exported))
        }
    }

    mutating func instance(_ id: WitInterfaceID, exported: Bool) throws(WitError) -> InstanceType {
        let i = document[id]
        var exports: [NamedEntity] = []
        for (n, t) in i.types {
            exports.append(NamedEntity(name: ExternName(n), type: .type(try resolved(t, exported: exported))))
        }
        for f in i.functions {
            exports.append(NamedEntity(name: ExternName(f.name), type: .function(try function(f, exported: exported))))
        }
        return InstanceType(exports: exports)
    }

    mutating func function(_ f: WitFunction, exported: Bool) throws(WitError) -> FunctionType {
        var params: [ValueType.Field] = []
        for p in f.params { params.append(.init(p.name, try value(p.type, exported: exported))) }
        var result: ValueType?
        if let r = f.result { result = try value(r, exported: exported) }
        return FunctionType(isAsync: f.isAsync, params: params, result: result)
    }

    /// What a named type stands for: a resource (by identity) or a value type.
    mutating func resolved(_ id: WitTypeID, exported: Bool) throws(WitError) -> ResolvedType {
        let target = try dealias(id)
        if case .resource = document[target].kind { return .resource(resource(target, exported: exported)) }
        return .value(try value(.id(id), exported: exported))
    }

    /// Follows `type a = b` and `use` to the defining type.
    func dealias(_ id: WitTypeID) throws(WitError) -> WitTypeID {
        var cur = id
        var steps = 0
        while true {
            guard cur.index >= 0, cur.index < document.types.count else { throw WitError("type id \(cur.index) out of range") }
            guard case .alias(.id(let next)) = document[cur].kind else { return cur }
            cur = next
            steps += 1
            // A valid document has no alias cycles; a damaged one must not hang.
            if steps > document.types.count { throw WitError("type `\(document[id].name ?? "?")` is an alias of itself") }
        }
    }

    /// The identity of a resource definition. A resource owned by an
    /// interface the world exports is the exported one; every other
    /// resource (imported interfaces, world-level types) is imported.
    mutating func resource(_ id: WitTypeID, exported: Bool) -> ResourceID {
        var exportSide = false
        var origin = "defined by the world"
        if case .interface(let owner) = document[id].owner {
            exportSide = exported && exportedInterfaces.contains(owner)
            let iname = qualifiedName(owner) ?? document[owner].name ?? "an inline interface"
            origin = exportSide ? "defined by the world's export `\(iname)`" : "defined by the world's import `\(iname)`"
        }
        let rid = exportSide ? -2 * (id.index + 1) : -2 * (id.index + 1) + 1
        let name = document[id].name ?? ""
        resourceNames[rid] = name
        resourceOrigins[rid] = origin
        if exportSide { exportedResources.insert(rid) }
        return ResourceID(id: rid, name: name)
    }

    mutating func value(_ t: WitType, exported: Bool) throws(WitError) -> ValueType {
        switch t {
        case .bool: return .bool
        case .u8: return .u8
        case .u16: return .u16
        case .u32: return .u32
        case .u64: return .u64
        case .s8: return .s8
        case .s16: return .s16
        case .s32: return .s32
        case .s64: return .s64
        case .f32: return .f32
        case .f64: return .f64
        case .char: return .char
        case .string: return .string
        case .errorContext: return .errorContext
        case .id(let raw):
            let id = try dealias(raw)
            switch document[id].kind {
            case .record(let fs):
                var out: [ValueType.Field] = []
                for f in fs { out.append(.init(f.name, try value(f.type, exported: exported))) }
                return .record(out)
            case .variant(let cs):
                var out: [ValueType.Case] = []
                for c in cs { out.append(.init(c.name, try c.type.map { (x) throws(WitError) in try value(x, exported: exported) })) }
                return .variant(out)
            case .enumeration(let cs): return .enumeration(cs.map(\.name))
            case .flags(let cs): return .flags(cs.map(\.name))
            case .resource:
                // A bare resource in value position is an owned handle.
                return .own(resource(id, exported: exported))
            case .handle(.own(let r)): return .own(resource(try dealias(r), exported: exported))
            case .handle(.borrow(let r)): return .borrow(resource(try dealias(r), exported: exported))
            case .tuple(let ts):
                var out: [ValueType] = []
                for x in ts { out.append(try value(x, exported: exported)) }
                return .tuple(out)
            case .option(let x): return .option(try value(x, exported: exported))
            case .result(let ok, let err):
                return .result(ok: try ok.map { (x) throws(WitError) in try value(x, exported: exported) },
                               err: try err.map { (x) throws(WitError) in try value(x, exported: exported) })
            case .list(let x): return .list(try value(x, exported: exported))
            case .fixedList(let x, let n): return .fixedList(try value(x, exported: exported), n)
            case .map(let k, let v): return .map(try value(k, exported: exported), try value(v, exported: exported))
            case .future(let x): return .future(try x.map { (y) throws(WitError) in try value(y, exported: exported) })
            case .stream(let x): return .stream(try x.map { (y) throws(WitError) in try value(y, exported: exported) })
            case .alias(let x): return try value(x, exported: exported)
            }
        }
    }
}

extension WitWorldTypes {
    /// Every named type of the document, resolved: what the ABI calculator
    /// lets a type expression refer to when a WIT file is given beside it.
    /// Names are the types' own (`point`), in document order.
    public mutating func namedTypes() throws(WitError) -> [(name: String, type: ResolvedType)] {
        var out: [(String, ResolvedType)] = []
        for i in document.types.indices {
            guard let n = document.types[i].name else { continue }
            out.append((n, try resolved(WitTypeID(index: i), exported: false)))
        }
        return out
    }
}
