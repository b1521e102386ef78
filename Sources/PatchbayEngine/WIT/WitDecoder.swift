/// Turns a component binary into the WIT world it implements: the world
/// `root` of package `root:component`, with foreign packages for every
/// interface imported or exported by its `ns:pkg/iface` name.
///
/// This follows wit-parser's decoding rules so that printing the result
/// matches `wasm-tools component wit`: types are identified by the
/// validator's identities (see `TypeSpace`), a type export whose bound leads
/// back to an already decoded type becomes an alias (printed as `use` across
/// interfaces), and foreign interfaces only hold what the component mentions.
public struct WitDecoder {
    var space: TypeSpace
    var doc = WitDocument()
    private var typeMap: [TypeKey: WitTypeID] = [:]
    /// Resources by owner and name, to attach `[method]r.m` functions.
    private var resources: [WitTypeOwner: [String: WitTypeID]] = [:]
    private var foreign: [PendingPackage] = []
    private var foreignIndex: [String: Int] = [:]
    private var ifaceToPackage: [WitInterfaceID: Int] = [:]
    var namedInterfaces: [String: WitInterfaceID] = [:]
    /// Name lookups into each interface's ordered `types`/`functions`.
    private var ifaceTypeNames: [WitInterfaceID: [String: WitTypeID]] = [:]
    private var ifaceFuncNames: [WitInterfaceID: Set<String>] = [:]
    /// Interfaces of the main package (named interfaces defined here).
    private var mainInterfaces: [(name: String, id: WitInterfaceID)] = []

    private struct PendingPackage {
        var name: WitPackageName
        var interfaces: [(name: String, id: WitInterfaceID)] = []
        var byName: [String: WitInterfaceID] = [:]
    }

    init(space: TypeSpace) { self.space = space }

    /// Decodes the component in `bytes` and returns its world as a document
    /// with the id of the main package (`root:component`).
    public static func decode(bytes: [UInt8]) throws(WitError) -> (document: WitDocument, main: WitPackageID) {
        let component: Component
        do {
            component = try ComponentDecoder.decode(bytes)
        } catch {
            throw WitError("\(error)")
        }
        return try decode(component)
    }

    /// Decodes an already parsed component.
    public static func decode(_ component: Component) throws(WitError) -> (document: WitDocument, main: WitPackageID) {
        var checker = ComponentTypeChecker()
        try checker.check(component)
        var d = WitDecoder(space: checker.space)
        // A WIT package encoded as wasm exports only component types; it
        // decodes to the package itself rather than a component's world.
        if d.isPackage(checker.externs) { return try d.decodePackage(checker.externs, component) }
        return try d.decodeComponent(checker.externs)
    }

    /// Convenience: the WIT text `wasm-tools component wit` prints for `bytes`.
    public static func witText(bytes: [UInt8]) throws(WitError) -> String {
        let (doc, main) = try decode(bytes: bytes)
        return try WitPrinter.print(doc, main: main)
    }

    // MARK: the world

    private mutating func decodeComponent(_ externs: [ComponentTypeChecker.Extern]) throws(WitError) -> (document: WitDocument, main: WitPackageID) {
        let world = doc.add(WitWorld(name: "root"))
        let owner = WitTypeOwner.world(world)
        for ext in externs {
            let name = ext.item.name
            if ext.isImport {
                switch ext.item.entity {
                case .instance:
                    let entry: (WitWorldKey, WitWorldItem)
                    do { entry = try decodeWorldInstance(name, ext.item) } catch { throw error.context("failed to decode WIT from import `\(name)`") }
                    doc[world].imports.append(entry)
                case .function:
                    let f: WitFunction
                    do { f = try convertFunction(name, ext.item, owner) } catch { throw error.context("failed to decode function from import `\(name)`") }
                    doc[world].imports.append((.name(name), .function(f)))
                case .type:
                    let t: WitTypeID
                    do { t = try registerTypeExport(name, ext.item, owner) } catch { throw error.context("failed to decode type from export `\(name)`") }
                    doc[world].imports.append((.name(name), .type(t)))
                default:
                    continue
                }
            } else {
                switch ext.item.entity {
                case .function:
                    let f: WitFunction
                    do { f = try convertFunction(name, ext.item, owner) } catch { throw error.context("failed to decode function from export `\(name)`") }
                    doc[world].exports.append((.name(name), .function(f)))
                case .instance:
                    let entry: (WitWorldKey, WitWorldItem)
                    do { entry = try decodeWorldInstance(name, ext.item) } catch { throw error.context("failed to decode WIT from export `\(name)`") }
                    doc[world].exports.append(entry)
                default:
                    throw WitError("component export `\(name)` was not a function or instance")
                }
            }
        }
        let main = try finish(mainName: WitPackageName(namespace: "root", name: "component"), worlds: [("root", world)])
        return (doc, main)
    }

    /// An instance import or export: a reference to a foreign interface (by
    /// interface name or `implements`), or an inline interface (plain name).
    mutating func decodeWorldInstance(_ name: String, _ item: SpaceItem) throws(WitError) -> (WitWorldKey, WitWorldItem) {
        let key: WitWorldKey
        let id: WitInterfaceID
        if let impl = item.implements {
            id = try registerImport(impl, item)
            key = .name(name)
        } else if case .interface = ExternNameKind(name) {
            id = try registerImport(name, item)
            key = .interface(id)
        } else {
            (key, id) = try registerInterface(name, item)
        }
        return (key, .interface(id, externalId: item.externalId))
    }

    // MARK: interfaces

    /// Fills in a foreign (or already defined local) interface from an
    /// instance type, adding only the types and functions not seen before.
    mutating func registerImport(_ name: String, _ item: SpaceItem) throws(WitError) -> WitInterfaceID {
        guard case .instance(let ik) = item.entity, let inst = space.instanceType(ik) else {
            throw WitError("import `\(name)` is not an instance")
        }
        let isLocal: Bool
        let iface: WitInterfaceID
        if let id = namedInterfaces[name] {
            isLocal = true; iface = id
        } else {
            isLocal = false; iface = try extractDepInterface(name, item)
        }
        let owner = WitTypeOwner.interface(iface)
        for exp in inst.exports {
            switch exp.entity {
            case .type(let referenced, let created):
                if let existing = ifaceTypeNames[iface]?[exp.name] {
                    if case .defined = referenced.kind, let def = space.definedType(referenced) {
                        try registerDefined(existing, def)
                    }
                    typeMap[created] = existing
                } else {
                    if isLocal { throw WitError("instance type export `\(exp.name)` not defined in interface") }
                    let id = try registerTypeExport(exp.name, exp, owner)
                    doc[iface].types.append((exp.name, id))
                    ifaceTypeNames[iface, default: [:]][exp.name] = id
                }
            case .function:
                if ifaceFuncNames[iface]?.contains(exp.name) == true { continue }
                if isLocal { throw WitError("instance function export `\(exp.name)` not defined in interface") }
                let f = try convertFunction(exp.name, exp, owner)
                doc[iface].functions.append(f)
                ifaceFuncNames[iface, default: []].insert(exp.name)
            default:
                throw WitError("instance type export `\(exp.name)` is not a type")
            }
        }
        return iface
    }

    private mutating func extractDepInterface(_ nameString: String, _ item: SpaceItem) throws(WitError) -> WitInterfaceID {
        guard case .interface(let name) = ExternNameKind(nameString) else {
            throw WitError("package name is not a valid id: \(nameString)")
        }
        let pkgName = name.packageName(versionSuffix: item.versionSuffix)
        let key = pkgName.description
        let pIndex: Int
        if let i = foreignIndex[key] {
            pIndex = i
        } else {
            pIndex = foreign.count
            foreign.append(PendingPackage(name: pkgName))
            foreignIndex[key] = pIndex
        }
        let iface: WitInterfaceID
        if let id = foreign[pIndex].byName[name.interface] {
            iface = id
        } else {
            iface = doc.add(WitInterface(name: name.interface))
            foreign[pIndex].byName[name.interface] = iface
            foreign[pIndex].interfaces.append((name.interface, iface))
        }
        ifaceToPackage[iface] = pIndex
        return iface
    }

    /// Defines a complete interface from an instance type: anonymous for a
    /// plain name, or a member of the main package for an interface name.
    mutating func registerInterface(_ name: String, _ item: SpaceItem) throws(WitError) -> (WitWorldKey, WitInterfaceID) {
        guard case .instance(let ik) = item.entity, let inst = space.instanceType(ik) else {
            throw WitError("`\(name)` is not an instance")
        }
        if namedInterfaces[name] != nil {
            let id = try registerImport(name, item)
            return (.interface(id), id)
        }
        let interfaceName: String?
        switch ExternNameKind(name) {
        case .interface(let n): interfaceName = n.interface
        case .label: interfaceName = nil
        default: throw WitError("cannot extract item name from: \(name)")
        }
        let id = doc.add(WitInterface(name: interfaceName))
        let owner = WitTypeOwner.interface(id)
        var typeNames: [String: WitTypeID] = [:]
        var funcNames: Set<String> = []
        for exp in inst.exports {
            switch exp.entity {
            case .type:
                let t: WitTypeID
                do { t = try registerTypeExport(exp.name, exp, owner) } catch { throw error.context("failed to register type export '\(exp.name)'") }
                doc[id].types.append((exp.name, t))
                typeNames[exp.name] = t
            case .function:
                let f: WitFunction
                do { f = try convertFunction(exp.name, exp, owner) } catch { throw error.context("failed to convert function '\(exp.name)'") }
                doc[id].functions.append(f)
                funcNames.insert(exp.name)
            default:
                throw WitError("instance type export `\(exp.name)` is not a type or function")
            }
        }
        ifaceTypeNames[id] = typeNames
        ifaceFuncNames[id] = funcNames
        if let interfaceName {
            mainInterfaces.append((interfaceName, id))
            namedInterfaces[name] = id
            return (.interface(id), id)
        }
        return (.name(name), id)
    }

    // MARK: types

    /// The type definition `t` that `key` (or anything it aliases) already
    /// decoded to, if any: the test for `use`.
    private func findAlias(_ key: TypeKey) -> WitTypeID? {
        var cur = key
        while true {
            if let hit = typeMap[cur] { return hit }
            guard let next = space.peelAlias(cur) else { return nil }
            cur = next
        }
    }

    mutating func registerTypeExport(_ name: String, _ item: SpaceItem, _ owner: WitTypeOwner) throws(WitError) -> WitTypeID {
        guard case .type(let referenced, let created) = item.entity else {
            throw WitError("`\(name)` is not a type")
        }
        let kind: WitTypeDefKind
        if let prev = findAlias(referenced) {
            kind = .alias(.id(prev))
        } else {
            switch referenced.kind {
            case .defined:
                guard let def = space.definedType(referenced) else { throw WitError("unknown type for `\(name)`") }
                do { kind = try convertDefined(def) } catch { throw error.context("failed to convert unaliased type") }
            case .resource:
                kind = .resource
            default:
                throw WitError("type export `\(name)` is not a value type or resource")
            }
        }
        let id = doc.add(WitTypeDef(name: name, kind: kind, owner: owner, externalId: item.externalId))
        if case .resource = kind {
            resources[owner, default: [:]][name] = id
        }
        if typeMap[created] != nil {
            throw WitError("cannot represent this component in WIT: the type `\(name)` appears more than once (for example, when an imported instance is re-exported under a new name)")
        }
        typeMap[created] = id
        return id
    }

    mutating func convertFunction(_ name: String, _ item: SpaceItem, _ owner: WitTypeOwner) throws(WitError) -> WitFunction {
        guard case .function(let fk) = item.entity, let ft = space.funcType(fk) else {
            throw WitError("`\(name)` is not a function")
        }
        var params: [WitParam] = []
        params.reserveCapacity(ft.params.count)
        do {
            for p in ft.params { params.append(WitParam(name: p.name, type: try convertValType(p.type))) }
        } catch { throw error.context("failed to convert params") }
        var result: WitType? = nil
        if let r = ft.result {
            do { result = try convertValType(r) } catch { throw error.context("failed to convert anonymous result type") }
        }
        let kind: WitFunctionKind
        var isAsync = ft.isAsync
        func resource(_ r: String) throws(WitError) -> WitTypeID {
            guard let id = resources[owner]?[r] else { throw WitError("resource `\(r)` of function `\(name)` is not defined") }
            return id
        }
        switch ExternNameKind(name) {
        case .label: kind = .freestanding
        case .constructor(let r): kind = .constructor(try resource(r)); isAsync = false
        case .method(let r, _): kind = .method(try resource(r))
        case .static(let r, _): kind = .static(try resource(r))
        case .interface, .other: throw WitError("`\(name)` is not a valid function name")
        }
        return WitFunction(name: name, kind: kind, isAsync: isAsync, params: params, result: result, externalId: item.externalId)
    }

    private mutating func convertValType(_ t: SpaceValType) throws(WitError) -> WitType {
        switch t {
        case .primitive(let p): return Self.primitive(p)
        case .type(let key):
            if let hit = typeMap[key] { return .id(hit) }
            guard let def = space.definedType(key) else { throw WitError("unknown value type") }
            let kind = try convertDefined(def)
            switch kind {
            case .record: throw WitError("unexpected unnamed type of kind 'record'")
            case .variant: throw WitError("unexpected unnamed type of kind 'variant'")
            case .enumeration: throw WitError("unexpected unnamed type of kind 'enum'")
            case .flags: throw WitError("unexpected unnamed type of kind 'flags'")
            case .resource: throw WitError("unexpected unnamed type of kind 'resource'")
            default: break
            }
            let id = doc.add(WitTypeDef(name: nil, kind: kind, owner: .none))
            typeMap[key] = id
            return .id(id)
        }
    }

    private mutating func optValType(_ t: SpaceValType?) throws(WitError) -> WitType? {
        guard let t else { return nil }
        return try convertValType(t)
    }

    private mutating func convertDefined(_ d: SpaceDefined) throws(WitError) -> WitTypeDefKind {
        switch d {
        case .primitive(let p): return .alias(Self.primitive(p))
        case .list(let t): return .list(try convertValType(t))
        case .map(let k, let v): return .map(try convertValType(k), try convertValType(v))
        case .fixedList(let t, let n): return .fixedList(try convertValType(t), n)
        case .tuple(let ts):
            var out: [WitType] = []
            for t in ts { out.append(try convertValType(t)) }
            return .tuple(out)
        case .option(let t): return .option(try convertValType(t))
        case .result(let ok, let err): return .result(ok: try optValType(ok), err: try optValType(err))
        case .record(let fs):
            var out: [WitField] = []
            for f in fs {
                do { out.append(WitField(name: f.name, type: try convertValType(f.type))) } catch {
                    throw error.context("failed to convert record field '\(f.name)'")
                }
            }
            return .record(out)
        case .variant(let cs):
            var out: [WitCase] = []
            for c in cs { out.append(WitCase(name: c.name, type: try optValType(c.type))) }
            return .variant(out)
        case .flags(let names): return .flags(names.map { WitNamedCase(name: $0) })
        case .enumeration(let names): return .enumeration(names.map { WitNamedCase(name: $0) })
        case .own(let r):
            guard let id = typeMap[r] else { throw WitError("handle refers to a resource unknown to WIT") }
            return .handle(.own(id))
        case .borrow(let r):
            guard let id = typeMap[r] else { throw WitError("handle refers to a resource unknown to WIT") }
            return .handle(.borrow(id))
        case .future(let t): return .future(try optValType(t))
        case .stream(let t): return .stream(try optValType(t))
        }
    }

    static func primitive(_ p: PrimitiveType) -> WitType {
        switch p {
        case .bool: .bool
        case .s8: .s8
        case .u8: .u8
        case .s16: .s16
        case .u16: .u16
        case .s32: .s32
        case .u32: .u32
        case .s64: .s64
        case .u64: .u64
        case .f32: .f32
        case .f64: .f64
        case .char: .char
        case .string: .string
        case .errorContext: .errorContext
        }
    }

    // MARK: unifying a re-declared type with its first definition

    /// Walks a binary type against the WIT type it was unified with,
    /// recording the identities of its anonymous parts, so later uses of the
    /// same anonymous types map to the same definitions.
    private mutating func registerDefined(_ id: WitTypeID, _ def: SpaceDefined) throws(WitError) {
        let kind = doc[id].kind
        if case .alias(.id) = kind { return }
        switch (def, kind) {
        case (.primitive, _), (.flags, _), (.enumeration, _), (.own, _), (.borrow, _):
            return
        case (.list(let a), .list(let b)), (.option(let a), .option(let b)):
            try registerVal(a, b)
        case (.fixedList(let a, let n), .fixedList(let b, let m)) where n == m:
            try registerVal(a, b)
        case (.map(let k1, let v1), .map(let k2, let v2)):
            try registerVal(k1, k2); try registerVal(v1, v2)
        case (.tuple(let a), .tuple(let b)):
            guard a.count == b.count else { throw WitError("mismatched number of tuple fields") }
            for (x, y) in zip(a, b) { try registerVal(x, y) }
        case (.result(let ok1, let err1), .result(let ok2, let err2)):
            try registerOpt(ok1, ok2, "result")
            try registerOpt(err1, err2, "result")
        case (.record(let fs), .record(let gs)):
            guard fs.count == gs.count else { throw WitError("mismatched number of record fields") }
            for (f, g) in zip(fs, gs) {
                guard f.name == g.name else { throw WitError("mismatched field order") }
                try registerVal(f.type, g.type)
            }
        case (.variant(let cs), .variant(let ds)):
            guard cs.count == ds.count else { throw WitError("mismatched number of variant cases") }
            for (c, d) in zip(cs, ds) {
                guard c.name == d.name else { throw WitError("mismatched case order") }
                try registerOpt(c.type, d.type, "case type")
            }
        case (.future(let a), .future(let b)), (.stream(let a), .stream(let b)):
            try registerOpt(a, b, "payload")
        default:
            throw WitError("type structure does not match its previous definition")
        }
    }

    private mutating func registerOpt(_ a: SpaceValType?, _ b: WitType?, _ what: String) throws(WitError) {
        switch (a, b) {
        case (let a?, let b?): try registerVal(a, b)
        case (nil, nil): return
        default: throw WitError("disagreement on \(what) structure")
        }
    }

    private mutating func registerVal(_ wasm: SpaceValType, _ wit: WitType) throws(WitError) {
        guard case .type(let key) = wasm else { return }
        guard case .id(let witID) = wit else { throw WitError("expected id-based type") }
        if typeMap.updateValue(witID, forKey: key) == nil, let def = space.definedType(key) {
            try registerDefined(witID, def)
        }
    }

    // MARK: packages

    /// Places foreign packages in dependency order (a package after the ones
    /// its `use`s point into), then the main package, and records which
    /// package every interface belongs to.
    mutating func finish(mainName: WitPackageName, worlds: [(String, WitWorldID)]) throws(WitError) -> WitPackageID {
        var order: [Int] = []
        var visited = Set<Int>()
        for i in foreign.indices { visit(i, &order, &visited) }
        for i in order {
            let p = foreign[i]
            let pid = doc.add(WitPackage(name: p.name, interfaces: p.interfaces))
            for (_, iid) in p.interfaces { doc[iid].package = pid }
        }
        let main = doc.add(WitPackage(name: mainName, interfaces: mainInterfaces, worlds: worlds.map { (name: $0.0, id: $0.1) }))
        for (_, iid) in mainInterfaces { doc[iid].package = main }
        for (_, wid) in worlds {
            doc[wid].package = main
            for (key, item) in doc[wid].imports + doc[wid].exports {
                if case .name = key, case .interface(let iid, _, _, _) = item, doc[iid].name == nil {
                    doc[iid].package = main
                }
            }
        }
        return main
    }

    private func visit(_ idx: Int, _ order: inout [Int], _ visited: inout Set<Int>) {
        if visited.contains(idx) { return }
        visited.insert(idx)
        for (_, iid) in foreign[idx].interfaces {
            for (_, tid) in doc[iid].types {
                let ty = doc[tid]
                guard case .alias(.id(let dep)) = ty.kind else { continue }
                let other = doc[dep]
                guard other.owner != ty.owner, case .interface(let depIface) = other.owner,
                      let depIdx = ifaceToPackage[depIface], depIdx != idx else { continue }
                visit(depIdx, &order, &visited)
            }
        }
        order.append(idx)
    }
}
