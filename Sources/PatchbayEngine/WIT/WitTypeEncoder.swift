/// Turns WIT types, functions and interfaces into component-model type
/// declarators, inside one component type (a world, or the wrapper of an
/// interface) and, nested in it, one instance type at a time.
///
/// The order and sharing of the declarators follow wit-component, because
/// the encoding is only worth having if other tools read it back the same
/// way and produce the same bytes:
/// - a type is defined the first time something mentions it, its parts
///   before it; a named type is then exported (`(eq i)`), and later uses
///   refer to the export;
/// - anonymous types with the same structure are defined once per scope,
///   and so are function types with the same signature;
/// - a type owned by another interface is reached through an alias of that
///   interface's instance (imported or exported earlier in the component
///   type), re-aliased into the instance type with an outer alias.
struct WitTypeEncoder {
    let doc: WitDocument

    /// The component type being built (a world, or an interface wrapper).
    var outer: [ComponentDecl] = []
    var outerTypes: UInt32 = 0
    /// The instance type being built inside it, if any.
    var instance: [InstanceDecl]?
    var instanceTypes: UInt32 = 0

    struct Maps {
        var idToIndex: [WitTypeID: UInt32] = [:]
        var defToIndex: [WitTypeDefKind: UInt32] = [:]
        var funcTypes: [FuncKey: UInt32] = [:]
    }

    struct FuncKey: Hashable {
        var isAsync: Bool
        var params: [WitParam]
        var result: WitType?
    }

    var maps = Maps()
    private var savedMaps: Maps?
    /// Instance index (in the component type) of each interface so far.
    var importMap: [WitInterfaceID: UInt32] = [:]
    /// Outer aliases already made for types of other interfaces.
    var outerTypeMap: [WitTypeID: UInt32] = [:]
    var instances: UInt32 = 0
    /// World-level types are imports of the world, not exports.
    var importTypes = false
    /// The interface whose types are being defined (nil at world level).
    var interface: WitInterfaceID?

    init(doc: WitDocument) { self.doc = doc }

    // MARK: scopes

    mutating func pushInstance() {
        savedMaps = maps
        maps = Maps()
        instance = []
        instanceTypes = 0
    }

    mutating func popInstance() -> [InstanceDecl] {
        maps = savedMaps ?? Maps()
        savedMaps = nil
        let decls = instance ?? []
        instance = nil
        return decls
    }

    /// Adds a type definition to the current scope and returns its index.
    mutating func define(_ kind: TypeDef.Kind) -> UInt32 {
        if instance != nil {
            instance!.append(.type(TypeDef(kind)))
            instanceTypes += 1
            return instanceTypes - 1
        }
        outer.append(.instance(.type(TypeDef(kind))))
        outerTypes += 1
        return outerTypes - 1
    }

    /// Adds an instance type to the outer scope.
    mutating func defineOuterInstance(_ decls: [InstanceDecl]) -> UInt32 {
        outer.append(.instance(.type(TypeDef(.instance(decls)))))
        outerTypes += 1
        return outerTypes - 1
    }

    static func externName(_ name: String, externalId: String?, implements: String? = nil) -> ExternName {
        var attrs: [ExternName.Attribute] = []
        if let implements { attrs.append(.implements(implements)) }
        if let externalId { attrs.append(.externalId(externalId)) }
        return ExternName(name, kind: attrs.isEmpty ? 0x00 : 0x02, attributes: attrs)
    }

    mutating func exportType(_ index: UInt32, _ name: ExternName) -> UInt32 {
        declareType(name, .eq(index))
    }

    mutating func exportResource(_ name: ExternName) -> UInt32 {
        declareType(name, .subResource)
    }

    private mutating func declareType(_ name: ExternName, _ bound: TypeBound) -> UInt32 {
        if instance != nil {
            instance!.append(.export(offset: 0, name: name, type: .type(bound)))
            instanceTypes += 1
            return instanceTypes - 1
        }
        if importTypes {
            outer.append(.import(Import(name: name, type: .type(bound))))
        } else {
            outer.append(.instance(.export(offset: 0, name: name, type: .type(bound))))
        }
        outerTypes += 1
        return outerTypes - 1
    }

    /// A type of another interface, aliased from that interface's instance.
    mutating func importType(_ owner: WitInterfaceID, _ id: WitTypeID) throws(WitError) -> UInt32 {
        guard let inst = importMap[owner] else {
            throw WitError("type `\(doc[id].name ?? "?")` comes from interface `\(doc[owner].name ?? "?")`, which the world does not import or export before using it")
        }
        let outerIndex: UInt32
        if let i = outerTypeMap[id] {
            outerIndex = i
        } else {
            outer.append(.instance(.alias(Alias(sort: .type, target: .instanceExport(instance: inst, name: doc[id].name ?? "")))))
            outerTypes += 1
            outerIndex = outerTypes - 1
            outerTypeMap[id] = outerIndex
        }
        guard instance != nil else { return outerIndex }
        instance!.append(.alias(Alias(sort: .type, target: .outer(count: 1, index: outerIndex))))
        instanceTypes += 1
        return instanceTypes - 1
    }

    // MARK: types

    func lookup(_ id: WitTypeID) -> UInt32? {
        if let i = maps.idToIndex[id] { return i }
        if doc[id].name == nil, let i = maps.defToIndex[doc[id].kind] { return i }
        return nil
    }

    mutating func remember(_ id: WitTypeID, _ index: UInt32) {
        maps.idToIndex[id] = index
        if doc[id].name == nil { maps.defToIndex[doc[id].kind] = index }
    }

    mutating func valType(_ t: WitType) throws(WitError) -> ValTypeRef {
        switch t {
        case .bool: return .primitive(.bool)
        case .u8: return .primitive(.u8)
        case .u16: return .primitive(.u16)
        case .u32: return .primitive(.u32)
        case .u64: return .primitive(.u64)
        case .s8: return .primitive(.s8)
        case .s16: return .primitive(.s16)
        case .s32: return .primitive(.s32)
        case .s64: return .primitive(.s64)
        case .f32: return .primitive(.f32)
        case .f64: return .primitive(.f64)
        case .char: return .primitive(.char)
        case .string: return .primitive(.string)
        case .errorContext: return .primitive(.errorContext)
        case .id(let id): return try typeID(id)
        }
    }

    private mutating func optional(_ t: WitType?) throws(WitError) -> ValTypeRef? {
        guard let t else { return nil }
        return try valType(t)
    }

    private mutating func typeID(_ id: WitTypeID) throws(WitError) -> ValTypeRef {
        guard id.index >= 0, id.index < doc.types.count else { throw WitError("type #\(id.index) does not exist") }
        if let i = lookup(id) { return .index(i) }
        let ty = doc[id]
        if case .interface(let owner) = ty.owner, owner != interface {
            let i = try importType(owner, id)
            remember(id, i)
            return .index(i)
        }
        var encoded: ValTypeRef
        switch ty.kind {
        case .record(let fields):
            var out: [LabeledType] = []
            for f in fields { out.append(LabeledType(f.name, try valType(f.type))) }
            encoded = .index(define(.defined(.record(out))))
        case .tuple(let ts):
            var out: [ValTypeRef] = []
            for t in ts { out.append(try valType(t)) }
            encoded = .index(define(.defined(.tuple(out))))
        case .flags(let names):
            encoded = .index(define(.defined(.flags(names.map(\.name)))))
        case .variant(let cases):
            var out: [VariantCase] = []
            for c in cases { out.append(VariantCase(c.name, try optional(c.type))) }
            encoded = .index(define(.defined(.variant(out))))
        case .option(let t):
            let v = try valType(t)
            encoded = .index(define(.defined(.option(v))))
        case .result(let ok, let err):
            let o = try optional(ok), e = try optional(err)
            encoded = .index(define(.defined(.result(ok: o, err: e))))
        case .enumeration(let names):
            encoded = .index(define(.defined(.enumeration(names.map(\.name)))))
        case .list(let t):
            let v = try valType(t)
            encoded = .index(define(.defined(.list(v))))
        case .map(let k, let v):
            let kk = try valType(k), vv = try valType(v)
            encoded = .index(define(.defined(.map(kk, vv))))
        case .fixedList(let t, let n):
            let v = try valType(t)
            encoded = .index(define(.defined(.fixedList(v, n))))
        case .alias(let t):
            encoded = try valType(t)
        case .future(let t):
            let v = try optional(t)
            encoded = .index(define(.defined(.future(v))))
        case .stream(let t):
            let v = try optional(t)
            encoded = .index(define(.defined(.stream(v))))
        case .resource:
            guard let name = ty.name else { throw WitError("a resource has no name") }
            let i = exportResource(Self.externName(name, externalId: ty.externalId))
            maps.idToIndex[id] = i
            return .index(i)
        case .handle(.own(let r)), .handle(.borrow(let r)):
            guard case .index(let ri) = try typeID(r) else { throw WitError("a handle does not point at a resource") }
            if case .handle(.own) = ty.kind {
                encoded = .index(define(.defined(.own(ri))))
            } else {
                encoded = .index(define(.defined(.borrow(ri))))
            }
        }
        if let name = ty.name {
            let index: UInt32
            switch encoded {
            case .index(let i): index = i
            case .primitive(let p): index = define(.defined(.primitive(p)))
            }
            encoded = .index(exportType(index, Self.externName(name, externalId: ty.externalId)))
        }
        if case .index(let i) = encoded { remember(id, i) }
        return encoded
    }

    mutating func funcType(_ f: WitFunction) throws(WitError) -> UInt32 {
        let key = FuncKey(isAsync: f.isAsync, params: f.params, result: f.result)
        if let i = maps.funcTypes[key] { return i }
        var params: [LabeledType] = []
        for p in f.params { params.append(LabeledType(p.name, try valType(p.type))) }
        let result = try optional(f.result)
        let i = define(.function(FuncTypeDef(isAsync: f.isAsync, params: params, result: result)))
        maps.funcTypes[key] = i
        return i
    }

    // MARK: interfaces

    /// Defines `iface` as an instance type in the outer scope: its types in
    /// order, then its functions (those of resources first, in the order of
    /// their resources, then the freestanding ones, as the printed form
    /// lists them).
    mutating func instanceType(_ iface: WitInterfaceID) throws(WitError) -> UInt32 {
        pushInstance()
        let it = doc[iface]
        var order: [WitTypeID: Int] = [:]
        for (i, t) in it.types.enumerated() {
            _ = try valType(.id(t.id))
            if order[t.id] == nil { order[t.id] = i }
        }
        let keyed = it.functions.enumerated().map { (n, f) -> (Int, Int, WitFunction) in
            let k = f.kind.resource.flatMap { order[$0] } ?? it.types.count
            return (k, n, f)
        }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        for (_, _, f) in keyed {
            let t = try funcType(f)
            instance!.append(.export(offset: 0, name: Self.externName(f.name, externalId: f.externalId), type: .func_(type: t)))
        }
        let decls = popInstance()
        let idx = defineOuterInstance(decls)
        importMap[iface] = instances
        instances += 1
        return idx
    }
}
