/// Resolves the names inside one package: the files of a directory (or one
/// file, or one nested `package a:b { }` block) become a
/// `WitUnresolvedPackage`. References to other packages stay placeholders
/// until `WitResolveState` joins packages.
///
/// The order in which things are allocated here is the order they print in
/// (interfaces in dependency order, types of an interface `use`s first then
/// definitions in dependency order), so it follows wit-parser's rules.
struct WitResolver {
    private var packageName: (name: WitPackageName, span: WitSpan)?
    private var packageDocs = WitDocs()
    private var declLists: [[WitAST.Item]] = []

    private var pkg: WitUnresolvedPackage?
    private var types: [WitRType] = []
    private var interfaces: [WitRInterface] = []
    private var worlds: [WitRWorld] = []
    private var anonTypes: [WitTypeDefKind: WitTypeID] = [:]
    private var curAstIndex = 0
    /// Per file: the top-level names in scope (including `use`d ones).
    private var astItems: [[String: WitAstItemRef]] = []
    /// Interfaces and worlds of the whole package.
    private var packageItems: [String: WitAstItemRef] = [:]
    /// Per interface: its names (types, and functions for error messages).
    private var interfaceTypes: [WitOrderedMap<String, (item: TypeOrItem, span: WitSpan)>] = []
    private var foreignDeps = WitOrderedMap<WitPackageName, WitOrderedMap<String, (item: WitAstItemRef, stabilities: [WitStability])>>()
    private var foreignInterfaces: Set<Int> = []
    private var typeLookup = WitOrderedMap<String, (item: TypeOrItem, span: WitSpan)>()
    private var foreignDepSpans: [WitSpan] = []
    private var requiredResourceTypes: [(WitTypeID, WitSpan)] = []

    enum TypeOrItem {
        case type(WitTypeID)
        case item(String)
    }

    init() {}

    // MARK: files in, package out

    mutating func push(_ file: WitAST.PackageFile) throws(WitDiagnostic) {
        if let cur = file.packageName {
            let name = cur.resolved
            if let prev = packageName, prev.name != name {
                throw WitDiagnostic(cur.span, "package identifier `\(name)` does not match previous package name of `\(prev.name)`")
            }
            packageName = (name, cur.span)
            let docs = Self.docs(cur.docs)
            if docs.contents != nil {
                if packageDocs.contents != nil {
                    throw WitDiagnostic(cur.docs.span, "found doc comments on multiple 'package' items")
                }
                packageDocs = docs
            }
        }
        for item in file.items {
            if case .package(let p) = item {
                throw WitDiagnostic(p.packageName?.span ?? .unknown, "nested packages must be placed at the top-level")
            }
        }
        declLists.append(file.items)
    }

    mutating func resolve() throws(WitDiagnostic) -> WitUnresolvedPackage {
        guard let (name, nameSpan) = packageName else {
            throw WitDiagnostic(.unknown, "no `package` header was found in any WIT file for this package")
        }
        let lists = declLists
        populateForeignDeps(lists)
        let (ifaceOrder, worldOrder) = try populateAstItems(lists)
        try populateForeignTypes(lists)

        var ifaceAst: [WitInterfaceID: (WitAST.Interface, Int)] = [:]
        var worldAst: [WitWorldID: (WitAST.World, Int)] = [:]
        for (i, list) in lists.enumerated() {
            for item in list {
                switch item {
                case .interface(let iface):
                    if case .interface(let id)? = astItems[i][iface.name.name] { ifaceAst[id] = (iface, i) }
                case .world(let w):
                    if case .world(let id)? = astItems[i][w.name.name] { worldAst[id] = (w, i) }
                case .use, .package:
                    break
                }
            }
        }
        for id in ifaceOrder {
            guard let (iface, i) = ifaceAst[id] else { continue }
            curAstIndex = i
            try resolveInterface(id, iface.items, iface.docs, iface.attributes)
        }
        for id in worldOrder {
            guard let (world, i) = worldAst[id] else { continue }
            curAstIndex = i
            try resolveWorld(id, world)
        }
        return WitUnresolvedPackage(
            name: name, nameSpan: nameSpan, docs: packageDocs, types: types, interfaces: interfaces,
            worlds: worlds, foreignDeps: foreignDeps, foreignDepSpans: foreignDepSpans,
            requiredResourceTypes: requiredResourceTypes)
    }

    // MARK: paths

    /// One `use`/`include`/import path and where it appears.
    struct PathUse {
        /// The interface (for `use`) or world (for `include`) it belongs to,
        /// nil inside worlds and at the top level.
        var owner: WitAST.Ident?
        var attributes: [WitAST.Attribute]
        var path: WitAST.UsePath
        var names: [(name: WitAST.Ident, asName: WitAST.Ident?)]?
        var isWorld: Bool
    }

    /// Every path of a file, in wit-parser's visiting order: in worlds the
    /// `use`s and `include`s in place, then imports, then exports (which
    /// keeps the order packages are discovered, and so printed, stable).
    static func paths(_ items: [WitAST.Item]) -> [PathUse] {
        var out: [PathUse] = []
        func visitExtern(_ e: WitAST.Extern) {
            switch e.kind {
            case .interface(_, let items):
                for case .use(let u) in items {
                    out.append(PathUse(owner: nil, attributes: u.attributes, path: u.from, names: u.names, isWorld: false))
                }
            case .path(let p), .namedPath(_, let p):
                out.append(PathUse(owner: nil, attributes: e.attributes, path: p, names: nil, isWorld: false))
            case .function:
                break
            }
        }
        for item in items {
            switch item {
            case .world(let w):
                var imports: [WitAST.Extern] = [], exports: [WitAST.Extern] = []
                for wi in w.items {
                    switch wi {
                    case .use(let u):
                        out.append(PathUse(owner: nil, attributes: u.attributes, path: u.from, names: u.names, isWorld: false))
                    case .include(let inc):
                        out.append(PathUse(owner: w.name, attributes: inc.attributes, path: inc.from, names: nil, isWorld: true))
                    case .type: break
                    case .import(let e): imports.append(e)
                    case .export(let e): exports.append(e)
                    }
                }
                imports.forEach(visitExtern)
                exports.forEach(visitExtern)
            case .interface(let i):
                for case .use(let u) in i.items {
                    out.append(PathUse(owner: i.name, attributes: u.attributes, path: u.from, names: u.names, isWorld: false))
                }
            case .use(let u):
                out.append(PathUse(owner: nil, attributes: u.attributes, path: u.path, names: nil, isWorld: false))
            case .package(let p):
                out += paths(p.items)
            }
        }
        return out
    }

    private mutating func populateForeignDeps(_ lists: [[WitAST.Item]]) {
        for list in lists {
            for p in Self.paths(list) {
                guard case .package(let id, let name) = p.path else { continue }
                let stability = (try? Self.stability(p.attributes)) ?? .unknown
                let pname = id.resolved
                if !foreignDeps.contains(pname) {
                    foreignDepSpans.append(id.span)
                    foreignDeps.insert(pname, WitOrderedMap())
                }
                var deps = foreignDeps[pname] ?? WitOrderedMap()
                if var entry = deps[name.name] {
                    entry.stabilities.append(stability)
                    deps.insert(name.name, entry)
                } else {
                    let item: WitAstItemRef = p.isWorld ? .world(allocWorld(name.span)) : .interface(allocInterface(name.span))
                    if case .interface(let i) = item { foreignInterfaces.insert(i.index) }
                    deps.insert(name.name, (item, [stability]))
                }
                foreignDeps.insert(pname, deps)
            }
        }
    }

    private mutating func allocInterface(_ span: WitSpan) -> WitInterfaceID {
        interfaceTypes.append(WitOrderedMap())
        interfaces.append(WitRInterface(span: span))
        return WitInterfaceID(index: interfaces.count - 1)
    }

    private mutating func allocWorld(_ span: WitSpan) -> WitWorldID {
        worlds.append(WitRWorld(name: "", span: span))
        return WitWorldID(index: worlds.count - 1)
    }

    private mutating func allocType(_ t: WitRType) -> WitTypeID {
        types.append(t)
        return WitTypeID(index: types.count - 1)
    }

    /// Creates every interface and world of the package in dependency
    /// order and builds each file's name table.
    private mutating func populateAstItems(_ lists: [[WitAST.Item]]) throws(WitDiagnostic) -> ([WitInterfaceID], [WitWorldID]) {
        var pkgItems: [String: WitSpan] = [:]
        var isInterface: [String: Bool] = [:]
        var order = WitOrderedMap<String, [WitAST.Ident]>()
        for list in lists {
            for item in list {
                let name: WitAST.Ident
                switch item {
                case .interface(let i): name = i.name; isInterface[name.name] = true
                case .world(let w): name = w.name; isInterface[name.name] = false
                default: continue
                }
                if pkgItems[name.name] != nil { throw WitDiagnostic(name.span, "duplicate item named `\(name.name)`") }
                pkgItems[name.name] = name.span
                order.insert(name.name, [])
            }
        }

        enum Source { case foreign, local(WitAST.Ident) }
        for list in lists {
            var ns: [String: Source] = [:]
            for item in list {
                let name: WitAST.Ident, src: Source
                switch item {
                case .use(let u):
                    name = u.asName ?? u.path.name
                    if case .id(let id) = u.path { src = .local(id) } else { src = .foreign }
                case .interface(let i): name = i.name; src = .local(i.name)
                case .world(let w): name = w.name; src = .local(w.name)
                case .package: continue
                }
                if ns[name.name] != nil { throw WitDiagnostic(name.span, "duplicate name `\(name.name)` in this file") }
                ns[name.name] = src
            }
            for p in Self.paths(list) {
                guard let owner = p.owner, case .id(let used) = p.path else { continue }
                switch ns[used.name] {
                case .foreign?:
                    continue
                case .local(let id)?:
                    order.update(owner.name) { $0.append(id) }
                case nil:
                    guard pkgItems[used.name] != nil else {
                        throw WitDiagnostic(used.span, "interface or world `\(used.name)` does not exist")
                    }
                    order.update(owner.name) { $0.append(used) }
                }
            }
        }

        let sorted = try Self.toposort(kind: "interface or world", order)
        var ids: [String: WitAstItemRef] = [:]
        var ifaceOrder: [WitInterfaceID] = [], worldOrder: [WitWorldID] = []
        for name in sorted {
            let span = pkgItems[name] ?? .unknown
            if isInterface[name] == true {
                let id = allocInterface(span)
                interfaces[id.index].name = name
                ids[name] = .interface(id)
                ifaceOrder.append(id)
            } else {
                let id = allocWorld(span)
                worlds[id.index].name = name
                ids[name] = .world(id)
                worldOrder.append(id)
            }
        }
        for list in lists {
            var items: [String: WitAstItemRef] = [:]
            for item in list {
                switch item {
                case .use(let u):
                    if !u.attributes.isEmpty { throw WitDiagnostic(u.span, "attributes not allowed on top-level use") }
                    let name = u.asName ?? u.path.name
                    switch u.path {
                    case .id(let id):
                        guard let ref = ids[id.name] else {
                            throw WitDiagnostic(id.span, "interface or world `\(id.name)` does not exist")
                        }
                        items[name.name] = ref
                    case .package(let p, let n):
                        if let ref = foreignDeps[p.resolved]?[n.name]?.item { items[name.name] = ref }
                    }
                case .interface(let i):
                    if let ref = ids[i.name.name] { items[i.name.name] = ref; packageItems[i.name.name] = ref }
                case .world(let w):
                    if let ref = ids[w.name.name] { items[w.name.name] = ref; packageItems[w.name.name] = ref }
                case .package:
                    break
                }
            }
            astItems.append(items)
        }
        return (ifaceOrder, worldOrder)
    }

    /// Placeholder types for every name `use`d from another package.
    private mutating func populateForeignTypes(_ lists: [[WitAST.Item]]) throws(WitDiagnostic) {
        for (i, list) in lists.enumerated() {
            curAstIndex = i
            for p in Self.paths(list) {
                guard let names = p.names else { continue }
                let stability = try Self.stability(p.attributes)
                let externalId = try Self.externalId(p.attributes)
                let (item, name, span) = try resolveAstItemPath(p.path)
                let iface = try extractInterface(item, name, span)
                guard foreignInterfaces.contains(iface.index) else { continue }
                for n in names where !interfaceTypes[iface.index].contains(n.name.name) {
                    let id = allocType(WitRType(name: n.name.name, kind: nil, owner: .interface(iface),
                                                stability: stability, span: n.name.span, externalId: externalId))
                    interfaceTypes[iface.index].insert(n.name.name, (.type(id), n.name.span))
                    interfaces[iface.index].types.insert(n.name.name, id)
                }
            }
        }
    }

    // MARK: worlds

    private mutating func resolveWorld(_ worldID: WitWorldID, _ world: WitAST.World) throws(WitDiagnostic) {
        worlds[worldID.index].docs = Self.docs(world.docs)
        worlds[worldID.index].stability = try Self.stability(world.attributes)

        var typeItems: [TypeItem] = []
        for item in world.items {
            switch item {
            case .use(let u): typeItems.append(.use(u))
            case .type(let t): typeItems.append(.def(t))
            default: break
            }
        }
        try resolveTypes(owner: .world(worldID), typeItems)

        for case .include(let inc) in world.items {
            let stability = try Self.stability(inc.attributes)
            let (item, name, span) = try resolveAstItemPath(inc.from)
            let target = try extractWorld(item, name, span)
            worlds[worldID.index].includes.append(WitRInclude(
                stability: stability, world: target, names: inc.names.map { ($0.name.name, $0.asName.name) }, span: span))
        }

        for (name, entry) in typeLookup.pairs {
            guard case .type(let id) = entry.item else { continue }
            if worlds[worldID.index].imports.insert(.name(name), .type(id, span: entry.span)) != nil {
                throw WitDiagnostic(entry.span, "import `\(name)` conflicts with prior import of same name")
            }
        }

        var imported: Set<WitInterfaceID> = [], exported: Set<WitInterfaceID> = []
        for item in world.items {
            let ext: WitAST.Extern, isImport: Bool
            switch item {
            case .import(let e): ext = e; isImport = true
            case .export(let e): ext = e; isImport = false
            case .type(let t):
                if case .resource(let funcs, _) = t.type {
                    for f in funcs {
                        let rf = try resolveResourceFunc(f, t.name)
                        worlds[worldID.index].imports.insert(.name(rf.function.name), .function(rf))
                    }
                }
                continue
            case .use, .include:
                continue
            }
            let desc = isImport ? "import" : "export"
            let worldItem = try resolveWorldItem(ext.docs, ext.attributes, ext.kind)
            let key: WitWorldKey
            switch ext.kind {
            case .interface(let n, _): key = .name(n.name)
            case .function:
                guard case .function(let f) = worldItem else { continue }
                key = .name(f.function.name)
            case .path(let p):
                let (item, name, span) = try resolveAstItemPath(p)
                key = .interface(try extractInterface(item, name, span))
            case .namedPath(let n, _): key = .name(n.name)
            }
            if case .interface(let id) = key {
                let fresh = isImport ? imported.insert(id).inserted : exported.insert(id).inserted
                if !fresh { throw WitDiagnostic(ext.kind.span, "interface cannot be \(desc)ed more than once") }
            }
            let prev = isImport ? worlds[worldID.index].imports.insert(key, worldItem)
                                : worlds[worldID.index].exports.insert(key, worldItem)
            if let prev {
                let n: String
                if case .name(let s) = key { n = s } else { n = "" }
                throw WitDiagnostic(ext.kind.span, "\(desc) `\(n)` conflicts with prior \(prev.kindName) of same name")
            }
        }
        typeLookup.removeAll()
    }

    private mutating func resolveWorldItem(_ docs: WitAST.Docs, _ attrs: [WitAST.Attribute], _ kind: WitAST.ExternKind) throws(WitDiagnostic) -> WitRWorldItem {
        switch kind {
        case .interface(let name, let items):
            let prev = typeLookup
            typeLookup.removeAll()
            let id = allocInterface(name.span)
            try resolveInterface(id, items, docs, attrs)
            typeLookup = prev
            return .interface(id, stability: interfaces[id.index].stability, docs: WitDocs(),
                              externalId: try Self.externalId(attrs), span: name.span)
        case .path(let path):
            let stability = try Self.stability(attrs)
            let externalId = try Self.externalId(attrs)
            let (item, name, span) = try resolveAstItemPath(path)
            let id = try extractInterface(item, name, span)
            return .interface(id, stability: stability, docs: Self.docs(docs), externalId: externalId, span: span)
        case .namedPath(let label, let path):
            let stability = try Self.stability(attrs)
            let externalId = try Self.externalId(attrs)
            let (item, name, span) = try resolveAstItemPath(path)
            let id = try extractInterface(item, name, span)
            return .interface(id, stability: stability, docs: Self.docs(docs), externalId: externalId, span: label.span)
        case .function(let name, let f):
            return .function(try resolveFunction(docs, attrs, name.name, name.span, f, .freestanding))
        }
    }

    // MARK: interfaces

    private mutating func resolveInterface(_ id: WitInterfaceID, _ items: [WitAST.InterfaceItem],
                                           _ docs: WitAST.Docs, _ attrs: [WitAST.Attribute]) throws(WitDiagnostic) {
        interfaces[id.index].docs = Self.docs(docs)
        interfaces[id.index].stability = try Self.stability(attrs)
        var typeItems: [TypeItem] = []
        for item in items {
            switch item {
            case .use(let u): typeItems.append(.use(u))
            case .typeDef(let t): typeItems.append(.def(t))
            case .function: break
            }
        }
        try resolveTypes(owner: .interface(id), typeItems)
        for (name, entry) in typeLookup.pairs {
            if case .type(let t) = entry.item { interfaces[id.index].types.insert(name, t) }
        }
        var funcs: [WitRFunction] = []
        for item in items {
            switch item {
            case .function(let f):
                try defineName(f.name, .item("function"))
                funcs.append(try resolveFunction(f.docs, f.attributes, f.name.name, f.name.span, f.function, .freestanding))
            case .typeDef(let t):
                if case .resource(let rfs, _) = t.type {
                    for rf in rfs { funcs.append(try resolveResourceFunc(rf, t.name)) }
                }
            case .use:
                break
            }
        }
        for f in funcs { interfaces[id.index].functions.insert(f.function.name, f) }
        interfaceTypes[id.index] = typeLookup
        typeLookup.removeAll()
    }

    enum TypeItem {
        case use(WitAST.Use)
        case def(WitAST.TypeDef)
    }

    /// `use`s first (they only bring names in), then definitions in
    /// dependency order, which also rejects cycles and unknown names.
    private mutating func resolveTypes(owner: WitTypeOwner, _ items: [TypeItem]) throws(WitDiagnostic) {
        for case .use(let u) in items { try resolveUse(owner: owner, u) }
        var deps = WitOrderedMap<String, [WitAST.Ident]>()
        var defs: [String: WitAST.TypeDef?] = [:]
        for item in items {
            switch item {
            case .def(let t):
                if defs[t.name.name] != nil {
                    throw WitDiagnostic(t.name.span, "name `\(t.name.name)` is defined more than once")
                }
                defs[t.name.name] = .some(t)
                var d: [WitAST.Ident] = []
                Self.collectDeps(t.type, &d)
                deps.insert(t.name.name, d)
            case .use(let u):
                for n in u.names {
                    let name = n.asName ?? n.name
                    deps.insert(name.name, [])
                    defs[name.name] = .some(nil)
                }
            }
        }
        let order: [String]
        do {
            order = try Self.toposort(kind: "type", deps)
        } catch {
            var e = error
            for (old, new) in [("float32", "f32"), ("float64", "f64")] where e.message == "type `\(old)` does not exist" {
                e.message += "\nthe `\(old)` type has been renamed to `\(new)` and is no longer accepted, but the `WIT_REQUIRE_F32_F64=0` environment variable can be used to temporarily disable this error"
            }
            throw e
        }
        for name in order {
            guard case .some(.some(let def)) = defs.removeValue(forKey: name) else { continue }
            let docs = Self.docs(def.docs)
            let stability = try Self.stability(def.attributes)
            let externalId = try Self.externalId(def.attributes)
            let kind = try resolveTypeDef(def.type, stability)
            var fieldSpans: [WitSpan] = []
            if case .record(let fields, _) = def.type { fieldSpans = fields.map(\.name.span) }
            let id = allocType(WitRType(name: def.name.name, kind: kind, owner: owner, docs: docs,
                                        stability: stability, span: def.name.span, externalId: externalId,
                                        fieldSpans: fieldSpans))
            try defineName(def.name, .type(id))
        }
    }

    private mutating func resolveUse(owner: WitTypeOwner, _ u: WitAST.Use) throws(WitDiagnostic) {
        let (item, name, span) = try resolveAstItemPath(u.from)
        let from = try extractInterface(item, name, span)
        let stability = try Self.stability(u.attributes)
        let externalId = try Self.externalId(u.attributes)
        for n in u.names {
            let target: WitTypeID
            switch interfaceTypes[from.index][n.name.name]?.item {
            case .type(let id)?: target = id
            case .item(let s)?: throw WitDiagnostic(n.name.span, "cannot import \(s) `\(n.name.name)`")
            case nil: throw WitDiagnostic(n.name.span, "name `\(n.name.name)` does not exist")
            }
            let local = n.asName ?? n.name
            let id = allocType(WitRType(name: local.name, kind: .alias(.id(target)), owner: owner,
                                        stability: stability, span: n.name.span, externalId: externalId))
            try defineName(local, .type(id))
        }
    }

    private mutating func defineName(_ name: WitAST.Ident, _ item: TypeOrItem) throws(WitDiagnostic) {
        if typeLookup.insert(name.name, (item, name.span)) != nil {
            throw WitDiagnostic(name.span, "name `\(name.name)` is defined more than once")
        }
    }

    private func resolveAstItemPath(_ path: WitAST.UsePath) throws(WitDiagnostic) -> (WitAstItemRef, String, WitSpan) {
        switch path {
        case .id(let id):
            if let item = astItems[curAstIndex][id.name] ?? packageItems[id.name] { return (item, id.name, id.span) }
            throw WitDiagnostic(id.span, "interface or world `\(id.name)` does not exist")
        case .package(let p, let n):
            guard let item = foreignDeps[p.resolved]?[n.name]?.item else {
                throw WitDiagnostic(n.span, "interface or world `\(n.name)` does not exist")
            }
            return (item, n.name, n.span)
        }
    }

    private func extractInterface(_ item: WitAstItemRef, _ name: String, _ span: WitSpan) throws(WitDiagnostic) -> WitInterfaceID {
        switch item {
        case .interface(let id): return id
        case .world: throw WitDiagnostic(span, "name `\(name)` is defined as a world, not an interface")
        }
    }

    private func extractWorld(_ item: WitAstItemRef, _ name: String, _ span: WitSpan) throws(WitDiagnostic) -> WitWorldID {
        switch item {
        case .world(let id): return id
        case .interface: throw WitDiagnostic(span, "name `\(name)` is defined as an interface, not a world")
        }
    }

    // MARK: functions

    private mutating func resolveResourceFunc(_ rf: WitAST.ResourceFunc, _ resource: WitAST.Ident) throws(WitDiagnostic) -> WitRFunction {
        guard case .type(let rid)? = typeLookup[resource.name]?.item else {
            throw WitDiagnostic(resource.span, "type `\(resource.name)` does not exist")
        }
        let f = rf.function
        let name: String, kind: WitFunctionKind
        switch rf.kind {
        case .method: name = "[method]\(resource.name).\(f.name.name)"; kind = .method(rid)
        case .static: name = "[static]\(resource.name).\(f.name.name)"; kind = .static(rid)
        case .constructor: name = "[constructor]\(resource.name)"; kind = .constructor(rid)
        }
        return try resolveFunction(f.docs, f.attributes, name, f.name.span, f.function, kind)
    }

    private mutating func resolveFunction(_ docs: WitAST.Docs, _ attrs: [WitAST.Attribute], _ name: String, _ nameSpan: WitSpan,
                                          _ f: WitAST.Func, _ kind: WitFunctionKind) throws(WitDiagnostic) -> WitRFunction {
        let docs = Self.docs(docs)
        let stability = try Self.stability(attrs)
        let externalId = try Self.externalId(attrs)
        var params: [WitParam] = []
        if case .method(let rid) = kind {
            let k = WitTypeDefKind.handle(.borrow(rid))
            let t = anonTypeDef(k, stability: findStability(k, .unknown), span: f.span)
            params.append(WitParam(name: "self", type: t))
        }
        for (pname, ptype) in f.params {
            if params.contains(where: { $0.name == pname.name }) {
                throw WitDiagnostic(pname.span, "param `\(pname.name)` is defined more than once")
            }
            params.append(WitParam(name: pname.name, type: try resolveType(ptype, .unknown)))
        }
        var result: WitType?
        if case .constructor(let rid) = kind {
            if let r = f.result {
                result = try resolveConstructorResult(rid, r)
            } else {
                result = .id(rid)
            }
        } else if let r = f.result {
            result = try resolveType(r, .unknown)
        }
        return WitRFunction(function: WitFunction(name: name, kind: kind, isAsync: f.isAsync, params: params, result: result,
                                                  docs: docs, stability: stability, externalId: externalId),
                            span: nameSpan)
    }

    private mutating func resolveConstructorResult(_ rid: WitTypeID, _ ast: WitAST.TypeExpr) throws(WitDiagnostic) -> WitType {
        let result = try resolveType(ast, .unknown)
        guard case .id(let id) = result, case .result(let ok, _)? = types[id.index].kind else {
            throw WitDiagnostic(ast.span, "if a constructor return type is declared it must be a `result`")
        }
        if case .id(let okID)? = ok, okID == rid { return result }
        var okSpan = ast.span
        if case .result(let okAst?, _, _) = ast { okSpan = okAst.span }
        throw WitDiagnostic(okSpan, "the `ok` type must be the resource being constructed")
    }

    // MARK: types

    private mutating func resolveTypeDef(_ ty: WitAST.TypeExpr, _ stability: WitStability) throws(WitDiagnostic) -> WitTypeDefKind {
        switch ty {
        case .primitive(let p, _):
            return .alias(p.type)
        case .name(let n):
            return .alias(.id(try resolveTypeName(n)))
        case .list(let t, _):
            return .list(try resolveType(t, stability))
        case .map(let k, let v, let span):
            let kt = try resolveType(k, stability)
            let vt = try resolveType(v, stability)
            switch kt {
            case .bool, .u8, .u16, .u32, .u64, .s8, .s16, .s32, .s64, .char, .string: break
            default:
                throw WitDiagnostic(span, "invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string")
            }
            return .map(kt, vt)
        case .fixedList(let t, let n, _):
            return .fixedList(try resolveType(t, stability), n)
        case .own(let r):
            return .handle(.own(try validateResource(r)))
        case .borrow(let r):
            return .handle(.borrow(try validateResource(r)))
        case .resource(let funcs, _):
            var ctors = 0
            var names: Set<String> = []
            for f in funcs {
                switch f.kind {
                case .method, .static:
                    if !names.insert(f.function.name.name).inserted {
                        throw WitDiagnostic(f.function.name.span, "duplicate function name `\(f.function.name.name)`")
                    }
                case .constructor:
                    ctors += 1
                    if ctors > 1 { throw WitDiagnostic(f.function.name.span, "duplicate constructors") }
                }
            }
            return .resource
        case .record(let fields, _):
            var out: [WitField] = []
            for f in fields {
                out.append(WitField(name: f.name.name, type: try resolveType(f.type, stability), docs: Self.docs(f.docs)))
            }
            return .record(out)
        case .flags(let flags, _):
            return .flags(flags.map { WitNamedCase(name: $0.name.name, docs: Self.docs($0.docs)) })
        case .tuple(let ts, _):
            var out: [WitType] = []
            for t in ts { out.append(try resolveType(t, stability)) }
            return .tuple(out)
        case .variant(let cases, let span):
            if cases.isEmpty { throw WitDiagnostic(span, "empty variant") }
            var out: [WitCase] = []
            for c in cases {
                let t: WitType? = if let ct = c.type { try resolveType(ct, stability) } else { nil }
                out.append(WitCase(name: c.name.name, type: t, docs: Self.docs(c.docs)))
            }
            return .variant(out)
        case .enumeration(let cases, let span):
            if cases.isEmpty { throw WitDiagnostic(span, "empty enum") }
            return .enumeration(cases.map { WitNamedCase(name: $0.name.name, docs: Self.docs($0.docs)) })
        case .option(let t, _):
            return .option(try resolveType(t, stability))
        case .result(let ok, let err, _):
            let o: WitType? = if let ok { try resolveType(ok, stability) } else { nil }
            let e: WitType? = if let err { try resolveType(err, stability) } else { nil }
            return .result(ok: o, err: e)
        case .future(let t, _):
            return .future(t == nil ? nil : try resolveType(t!, stability))
        case .stream(let t, _):
            return .stream(t == nil ? nil : try resolveType(t!, stability))
        }
    }

    private func resolveTypeName(_ n: WitAST.Ident) throws(WitDiagnostic) -> WitTypeID {
        switch typeLookup[n.name]?.item {
        case .type(let id)?: return id
        case .item(let s)?: throw WitDiagnostic(n.span, "cannot use \(s) `\(n.name)` as a type")
        case nil: throw WitDiagnostic(n.span, "name `\(n.name)` does not exist")
        }
    }

    private mutating func validateResource(_ n: WitAST.Ident) throws(WitDiagnostic) -> WitTypeID {
        let id = try resolveTypeName(n)
        var cur = id
        var steps = 0
        while steps <= types.count {
            steps += 1
            switch types[cur.index].kind {
            case .resource?: return id
            case .alias(.id(let next))?: cur = next
            case nil:
                requiredResourceTypes.append((cur, n.span))
                return id
            default:
                throw WitDiagnostic(n.span, "type `\(n.name)` used in a handle must be a resource")
            }
        }
        throw WitDiagnostic(n.span, "type `\(n.name)` used in a handle must be a resource")
    }

    /// Anonymous types inherit the gate of the first gated type they
    /// mention (`option<t>` is only there when `t` is).
    private func findStability(_ kind: WitTypeDefKind, _ stability: WitStability) -> WitStability {
        guard stability.isUnknown else { return stability }
        func inType(_ t: WitType?) -> WitStability? {
            guard case .id(let id)? = t else { return nil }
            let s = types[id.index].stability
            return s.isUnknown ? nil : s
        }
        let found: WitStability?
        switch kind {
        case .alias(let t): found = inType(t)
        case .handle(.own(let id)), .handle(.borrow(let id)): found = inType(.id(id))
        case .tuple(let ts): found = ts.lazy.compactMap { inType($0) }.first
        case .list(let t), .fixedList(let t, _), .option(let t): found = inType(t)
        case .map(let k, let v): found = inType(k) ?? inType(v)
        case .future(let t), .stream(let t): found = inType(t)
        case .result(let ok, let err): found = inType(ok) ?? inType(err)
        case .resource, .variant, .record, .flags, .enumeration: found = nil
        }
        return found ?? .unknown
    }

    private mutating func resolveType(_ ty: WitAST.TypeExpr, _ stability: WitStability) throws(WitDiagnostic) -> WitType {
        let kind = try resolveTypeDef(ty, stability)
        return anonTypeDef(kind, stability: findStability(kind, stability), span: ty.span)
    }

    /// One anonymous type per distinct shape; `own<r>` is just `r` here
    /// (joining packages turns resource references into handles).
    private mutating func anonTypeDef(_ kind: WitTypeDefKind, stability: WitStability, span: WitSpan) -> WitType {
        switch kind {
        case .alias(let t): return t
        case .handle(.own(let r)): return .id(r)
        default: break
        }
        if let id = anonTypes[kind] { return .id(id) }
        let id = allocType(WitRType(name: nil, kind: kind, owner: .none, stability: stability, span: span))
        anonTypes[kind] = id
        return .id(id)
    }

    static func collectDeps(_ ty: WitAST.TypeExpr, _ deps: inout [WitAST.Ident]) {
        switch ty {
        case .primitive, .flags, .enumeration, .resource: break
        case .name(let n), .own(let n), .borrow(let n): deps.append(n)
        case .record(let fields, _): for f in fields { collectDeps(f.type, &deps) }
        case .tuple(let ts, _): for t in ts { collectDeps(t, &deps) }
        case .variant(let cases, _): for c in cases { if let t = c.type { collectDeps(t, &deps) } }
        case .option(let t, _), .list(let t, _), .fixedList(let t, _, _): collectDeps(t, &deps)
        case .map(let k, let v, _): collectDeps(k, &deps); collectDeps(v, &deps)
        case .result(let ok, let err, _):
            if let ok { collectDeps(ok, &deps) }
            if let err { collectDeps(err, &deps) }
        case .future(let t, _), .stream(let t, _): if let t { collectDeps(t, &deps) }
        }
    }

    /// Dependency order; among the ready items the earliest declared comes
    /// first, so independent items keep their source order.
    static func toposort(kind: String, _ deps: WitOrderedMap<String, [WitAST.Ident]>) throws(WitDiagnostic) -> [String] {
        let n = deps.count
        var remaining = [Int](repeating: 0, count: n)
        var reverse = [[Int]](repeating: [], count: n)
        for (i, edges) in deps.values.enumerated() {
            remaining[i] = edges.count
            for e in edges {
                guard let j = deps.position(of: e.name) else {
                    throw WitDiagnostic(e.span, "\(kind) `\(e.name)` does not exist")
                }
                reverse[j].append(i)
            }
        }
        var heap = MinHeap()
        for i in 0..<n where remaining[i] == 0 { heap.push(i) }
        var order: [String] = []
        while let i = heap.pop() {
            order.append(deps.keys[i])
            for j in reverse[i] {
                remaining[j] -= 1
                if remaining[j] == 0 { heap.push(j) }
            }
            reverse[i] = []
        }
        if order.count == n { return order }
        for (i, edges) in deps.values.enumerated() where remaining[i] != 0 {
            for e in edges {
                if let j = deps.position(of: e.name), remaining[j] != 0 {
                    throw WitDiagnostic(e.span, "\(kind) `\(e.name)` depends on itself")
                }
            }
        }
        throw WitDiagnostic(.unknown, "\(kind) dependency cycle")
    }

    struct MinHeap {
        var items: [Int] = []
        mutating func push(_ x: Int) {
            items.append(x)
            var i = items.count - 1
            while i > 0 {
                let p = (i - 1) / 2
                if items[p] <= items[i] { break }
                items.swapAt(p, i)
                i = p
            }
        }
        mutating func pop() -> Int? {
            guard let top = items.first else { return nil }
            let last = items.removeLast()
            if !items.isEmpty {
                items[0] = last
                var i = 0
                while true {
                    let l = 2 * i + 1, r = l + 1
                    var m = i
                    if l < items.count && items[l] < items[m] { m = l }
                    if r < items.count && items[r] < items[m] { m = r }
                    if m == i { break }
                    items.swapAt(i, m)
                    i = m
                }
            }
            return top
        }
    }

    // MARK: docs and attributes

    /// Comment text without its markers, the common indentation removed,
    /// lines joined with `\n` (wit-parser's normalisation).
    static func docs(_ d: WitAST.Docs) -> WitDocs {
        var lines: [Substring] = []
        for c in d.comments {
            var body: Substring
            if c.hasPrefix("/**") {
                body = c.dropFirst(3)
                if body.hasSuffix("*/") { body = body.dropLast(2) }
            } else {
                body = Substring(c).drop { $0 == "/" }
            }
            while let last = body.unicodeScalars.last, last.properties.isWhitespace { body = body.dropLast() }
            lines.append(body)
        }
        let minWS = lines.filter { !$0.isEmpty }.map { l in l.utf8.prefix { $0 == 0x20 || $0 == 0x09 || $0 == 0x0a || $0 == 0x0d || $0 == 0x0c }.count }.min() ?? 0
        if minWS > 0 {
            let pattern = String(repeating: " ", count: minWS)
            lines = lines.map { $0.hasPrefix(pattern) ? $0.dropFirst(minWS) : $0 }
        }
        guard !lines.isEmpty else { return WitDocs() }
        var out = ""
        for l in lines {
            if l.isEmpty {
                out += "\n"
            } else {
                for part in l.split(separator: "\n", omittingEmptySubsequences: false) {
                    out += part.hasSuffix("\r") ? part.dropLast() : part
                    out += "\n"
                }
            }
        }
        while out.hasSuffix("\n") { out.removeLast() }
        return WitDocs(out)
    }

    static func stability(_ attrs: [WitAST.Attribute]) throws(WitDiagnostic) -> WitStability {
        var since: String?, sinceSpan = WitSpan.unknown
        var deprecated: String?, deprecatedSpan = WitSpan.unknown
        var unstable: String?
        for a in attrs {
            switch a {
            case .since(let span, let v):
                if since != nil { throw WitDiagnostic(span, "cannot specify @since twice") }
                since = v; sinceSpan = span
            case .deprecated(let span, let v):
                if deprecated != nil { throw WitDiagnostic(span, "cannot specify @deprecated twice") }
                deprecated = v; deprecatedSpan = span
            case .unstable(let span, let f):
                if unstable != nil { throw WitDiagnostic(span, "cannot specify @unstable twice") }
                unstable = f.name
            case .externalId:
                break
            }
        }
        switch (since, deprecated, unstable) {
        case (let s?, let d, nil): return .stable(since: s, deprecated: d)
        case (nil, let d, let f?): return .unstable(feature: f, deprecated: d)
        case (.some, _, .some): throw WitDiagnostic(sinceSpan, "cannot specify both @since and @unstable")
        case (nil, .some, nil): throw WitDiagnostic(deprecatedSpan, "cannot specify both @deprecated without @since or @unstable")
        case (nil, nil, nil): return .unknown
        }
    }

    static func externalId(_ attrs: [WitAST.Attribute]) throws(WitDiagnostic) -> String? {
        var out: String?
        for case .externalId(let span, let id) in attrs {
            if out != nil { throw WitDiagnostic(span, "cannot specify @external-id twice") }
            out = id
        }
        return out
    }
}
