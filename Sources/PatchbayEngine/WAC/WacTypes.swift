/// Type declarations of a WAC document: value types, resources, interfaces
/// and worlds, resolved top-down (WAC requires a type to be declared before
/// it is used) into the engine's structural type model.
///
/// Resources declared in WAC get identities of their own, far above the
/// graph's, so a declared resource is never confused with a package's; an
/// import of a declared interface then makes them the composition's own.
enum WacNamed {
    case value(ValueType)
    case resource(ResourceID)
    case function(FunctionType)
    case interface(WacInterfaceDef)
    case world(WacWorldDef)

    var word: String {
        switch self {
        case .value: "a value type"
        case .resource: "a resource"
        case .function: "a function type"
        case .interface: "an interface"
        case .world: "a world"
        }
    }
}

/// A declared interface: its package path (`ns:pkg/name`, nil when
/// inline), its instance type, the types it exports by name (what `use`
/// can take), and the resources it declares itself (not `use`d).
struct WacInterfaceDef {
    var id: String?
    var type: InstanceType
    var types: [String: WacNamed]
    var defined: Set<Int>
    /// Interfaces whose types this one `use`s (and theirs), first to last:
    /// a world that imports this one imports them too, as WIT does.
    var uses: [(id: String, type: InstanceType)] = []
}

struct WacWorldDef {
    var id: String
    var type: ComponentType
}

extension WacEvaluator {
    /// The first identity given to a WAC-declared resource: far above any
    /// the graph hands out, so substitutions never mix the two.
    static let firstDeclaredResource = 1 << 40

    var documentPackage: String { packageName }

    /// `ns:pkg/name@version` for an item declared in this document.
    func declaredID(_ name: String) -> String {
        "\(packageName)/\(name)" + (packageVersion.map { "@\($0)" } ?? "")
    }

    mutating func newResource(_ name: String) -> ResourceID {
        let r = ResourceID(id: nextDeclaredResource, name: name)
        nextDeclaredResource += 1
        return r
    }

    // MARK: value types

    func value(_ t: WacTypeExpr, _ scope: [String: WacNamed], _ p: WacPos) throws(WacError) -> ValueType {
        func v(_ t: WacTypeExpr) throws(WacError) -> ValueType { try value(t, scope, p) }
        switch t {
        case .primitive(let prim): return prim.valueType
        case .tuple(let ts): var out: [ValueType] = []; for x in ts { out.append(try v(x)) }; return .tuple(out)
        case .list(let x): return .list(try v(x))
        case .option(let x): return .option(try v(x))
        case .result(let ok, let err):
            return .result(ok: try ok.map { (x: WacTypeExpr) throws(WacError) in try v(x) }, err: try err.map { (x: WacTypeExpr) throws(WacError) in try v(x) })
        case .borrow(let n, let bp):
            guard let d = scope[n] ?? types[n] else { throw fail(bp, "`\(n)` is not a declared type") }
            guard case .resource(let r) = d else { throw fail(bp, "`borrow<\(n)>` needs a resource, and `\(n)` is \(d.word)") }
            return .borrow(r)
        case .named(let n, let np):
            guard let d = scope[n] ?? types[n] else { throw fail(np, "`\(n)` is not a declared type") }
            switch d {
            case .value(let x): return x
            case .resource(let r): return .own(r)
            default: throw fail(np, "`\(n)` is \(d.word), not a value type")
            }
        }
    }

    func function(_ f: WacFuncType, _ scope: [String: WacNamed], _ outer: WacPos, self selfType: ValueType? = nil) throws(WacError) -> FunctionType {
        let p = f.pos.line > 0 ? f.pos : outer
        var params: [ValueType.Field] = []
        if let selfType { params.append(.init("self", selfType)) }
        for x in f.params {
            guard !params.contains(where: { $0.name == x.name }) else { throw fail(p, "duplicate parameter `\(x.name)`") }
            params.append(.init(x.name, try value(x.type, scope, p)))
        }
        let result = try f.result.map { (t: WacTypeExpr) throws(WacError) in try value(t, scope, p) }
        if let result, Self.containsBorrow(result) { throw fail(p, "a function cannot return a borrowed handle (`borrow<...>`)") }
        return FunctionType(params: params, result: result)
    }

    static func containsBorrow(_ t: ValueType) -> Bool {
        switch t {
        case .borrow: true
        case .list(let x), .option(let x), .fixedList(let x, _): containsBorrow(x)
        case .tuple(let ts): ts.contains(where: containsBorrow)
        case .record(let fs): fs.contains { containsBorrow($0.type) }
        case .variant(let cs): cs.contains { $0.type.map(containsBorrow) ?? false }
        case .result(let ok, let err): (ok.map(containsBorrow) ?? false) || (err.map(containsBorrow) ?? false)
        default: false
        }
    }

    /// A `record`, `variant`, `enum`, `flags` or `type` declaration.
    func typeDecl(_ d: WacTypeDecl, _ scope: [String: WacNamed]) throws(WacError) -> WacNamed {
        let p = Self.pos(d)
        func unique(_ names: [String], _ what: String) throws(WacError) {
            var seen = Set<String>()
            for n in names where !seen.insert(n).inserted { throw fail(p, "duplicate \(what) `\(n)`") }
            if names.isEmpty { throw fail(p, "`\(d.name)` must have at least one \(what)") }
        }
        switch d {
        case .record(_, let fs, _):
            try unique(fs.map(\.name), "field")
            var out: [ValueType.Field] = []
            for f in fs { out.append(.init(f.name, try value(f.type, scope, p))) }
            return .value(.record(out))
        case .variant(_, let cs, _):
            try unique(cs.map(\.name), "case")
            var out: [ValueType.Case] = []
            for c in cs { out.append(.init(c.name, try c.type.map { (x: WacTypeExpr) throws(WacError) in try value(x, scope, p) })) }
            return .value(.variant(out))
        case .enumeration(_, let ns, _): try unique(ns, "case"); return .value(.enumeration(ns))
        case .flags(_, let ns, _): try unique(ns, "flag"); return .value(.flags(ns))
        case .alias(_, let x, _):
            // `type r2 = r` for a resource names the same resource.
            if case .named(let n, _) = x, case .resource(let r)? = scope[n] ?? types[n] { return .resource(r) }
            return .value(try value(x, scope, p))
        case .funcAlias(_, let f, _): return .function(try function(f, scope, p))
        }
    }

    // MARK: resources

    /// The resource's type export and its constructor, methods and static
    /// functions, named as the component model names them.
    mutating func resource(_ r: WacResourceDecl, _ scope: inout [String: WacNamed]) throws(WacError) -> (ResourceID, [NamedEntity]) {
        let rid = newResource(r.name)
        scope[r.name] = .resource(rid)
        var out = [NamedEntity(name: ExternName(r.name), type: .type(.resource(rid)))]
        var seen = Set<String>()
        for item in r.items {
            switch item {
            case .constructor(let params, let p):
                guard seen.insert("[constructor]").inserted else { throw fail(p, "resource `\(r.name)` has more than one constructor") }
                let f = try function(WacFuncType(params: params, result: nil, pos: p), scope, p)
                out.append(NamedEntity(name: ExternName("[constructor]\(r.name)"), type: .function(FunctionType(params: f.params, result: .own(rid)))))
            case .method(let m, let isStatic, let ft, let p):
                guard seen.insert(m).inserted else { throw fail(p, "resource `\(r.name)` has more than one function named `\(m)`") }
                let f = try function(ft, scope, p, self: isStatic ? nil : .borrow(rid))
                out.append(NamedEntity(name: ExternName("[\(isStatic ? "static" : "method")]\(r.name).\(m)"), type: .function(f)))
            }
        }
        return (rid, out)
    }

    // MARK: use

    /// The interface a `use` (or a world item) names: a declared one, by
    /// local name or by this document's package path, or one in a package.
    mutating func interfaceDef(_ path: String, isPackagePath: Bool, _ p: WacPos) throws(WacError) -> WacInterfaceDef {
        var local = path
        if isPackagePath {
            let unversioned = ImportName.unversioned(path)
            guard let slash = unversioned.firstIndex(of: "/") else { throw fail(p, "`\(path)` is not an interface path") }
            if String(unversioned[..<slash]) == packageName {
                local = String(unversioned[unversioned.index(after: slash)...])
            } else {
                let found = try interfaceType(path, p)
                let it: InstanceType
                switch found.type {
                case .instance(let x), .type(.instance(let x)): it = x
                default: throw fail(p, "`\(path)` is a \(found.type.sortName), not an interface")
                }
                var names: [String: WacNamed] = [:]
                for e in it.exports {
                    switch e.type {
                    case .type(.value(let v)): names[e.name.name] = .value(v)
                    case .type(.resource(let r)): names[e.name.name] = .resource(r)
                    default: break
                    }
                }
                return WacInterfaceDef(id: found.item, type: it, types: names, defined: [], uses: [])
            }
        }
        guard let d = types[local] else { throw fail(p, "`\(local)` is not a declared interface") }
        guard case .interface(let i) = d else { throw fail(p, "`\(local)` is \(d.word), not an interface") }
        return i
    }

    /// The types a `use` brings in, under their local names.
    mutating func use(_ u: WacUse, _ scope: [String: WacNamed]) throws(WacError) -> (source: WacInterfaceDef, items: [(name: String, type: WacNamed, pos: WacPos)]) {
        let src = try interfaceDef(u.path, isPackagePath: u.isPackagePath, u.pos)
        var out: [(name: String, type: WacNamed, pos: WacPos)] = []
        for item in u.items {
            guard let t = src.types[item.name] else {
                throw fail(item.pos, "interface `\(u.path)` has no type named `\(item.name)`",
                           causes: src.types.isEmpty ? ["it declares no types"] : ["it has " + src.types.keys.sorted().map { "`\($0)`" }.joined(separator: ", ")])
            }
            let local = item.as ?? item.name
            guard scope[local] == nil, !out.contains(where: { $0.name == local }) else { throw fail(item.pos, "`\(local)` is already defined") }
            out.append((local, t, item.pos))
        }
        return (src, out)
    }

    static func typeEntity(_ t: WacNamed) -> EntityType? {
        switch t {
        case .value(let v): .type(.value(v))
        case .resource(let r): .type(.resource(r))
        default: nil
        }
    }

    // MARK: interfaces

    mutating func interface(_ items: [WacInterfaceItem], id: String?, _ p: WacPos) throws(WacError) -> WacInterfaceDef {
        var scope: [String: WacNamed] = [:]
        var exports: [NamedEntity] = []
        var typeNames: [String: WacNamed] = [:]
        var defined = Set<Int>()
        var uses: [(id: String, type: InstanceType)] = []
        func exportName(_ n: String, _ at: WacPos) throws(WacError) {
            guard !exports.contains(where: { $0.name.name == n }), scope[n] == nil else { throw fail(at, "`\(n)` is already defined in this interface") }
        }
        for item in items {
            switch item {
            case .use(let u):
                let (src, used) = try use(u, scope)
                for x in src.uses + (src.id.map { [($0, src.type)] } ?? []) where !uses.contains(where: { $0.id == x.id }) { uses.append(x) }
                for x in used {
                    try exportName(x.name, x.pos)
                    scope[x.name] = x.type
                    typeNames[x.name] = x.type
                    if let e = Self.typeEntity(x.type) { exports.append(NamedEntity(name: ExternName(x.name), type: e)) }
                }
            case .type(let d):
                try exportName(d.name, Self.pos(d))
                let t = try typeDecl(d, scope)
                scope[d.name] = t
                if let e = Self.typeEntity(t) { exports.append(NamedEntity(name: ExternName(d.name), type: e)); typeNames[d.name] = t }
            case .resource(let r):
                try exportName(r.name, r.pos)
                let (rid, entities) = try resource(r, &scope)
                defined.insert(rid.id)
                typeNames[r.name] = .resource(rid)
                exports += entities
            case .function(let n, let f):
                try exportName(n, f.pos.line > 0 ? f.pos : p)
                exports.append(NamedEntity(name: ExternName(n), type: .function(try function(f, scope, p))))
            case .functionNamed(let n, let alias, let ap):
                try exportName(n, ap)
                guard let d = scope[alias] ?? types[alias] else { throw fail(ap, "`\(alias)` is not a declared type") }
                guard case .function(let f) = d else { throw fail(ap, "`\(alias)` is \(d.word), not a function type") }
                exports.append(NamedEntity(name: ExternName(n), type: .function(f)))
            }
        }
        return WacInterfaceDef(id: id, type: InstanceType(exports: exports), types: typeNames, defined: defined, uses: uses)
    }

    // MARK: worlds

    mutating func world(_ items: [WacWorldItem], id: String, _ p: WacPos) throws(WacError) -> WacWorldDef {
        var scope: [String: WacNamed] = [:]
        var imports: [NamedEntity] = []
        var exports: [NamedEntity] = []
        func add(_ e: NamedEntity, export: Bool, _ at: WacPos) throws(WacError) {
            let list = export ? exports : imports
            if let old = list.first(where: { $0.name.name == e.name.name }) {
                // The same interface reached twice (a `use` and an import) is one import.
                if e.name.name.contains(":"), old.type == e.type { return }
                throw fail(at, "the world already \(export ? "exports" : "imports") `\(e.name.name)`")
            }
            if export { exports.append(e) } else { imports.append(e) }
        }
        for item in items {
            switch item {
            case .use(let u):
                let (src, used) = try use(u, scope)
                // A world that uses an interface's types imports that interface.
                for x in src.uses + (src.id.map { [($0, src.type)] } ?? []) { try add(NamedEntity(name: ExternName(x.id), type: .instance(x.type)), export: false, u.pos) }
                for x in used {
                    scope[x.name] = x.type
                    if let e = Self.typeEntity(x.type) { try add(NamedEntity(name: ExternName(x.name), type: e), export: false, x.pos) }
                }
            case .type(let d):
                guard scope[d.name] == nil else { throw fail(Self.pos(d), "`\(d.name)` is already defined in this world") }
                let t = try typeDecl(d, scope)
                scope[d.name] = t
                if let e = Self.typeEntity(t) { try add(NamedEntity(name: ExternName(d.name), type: e), export: false, Self.pos(d)) }
            case .resource(let r):
                guard scope[r.name] == nil else { throw fail(r.pos, "`\(r.name)` is already defined in this world") }
                for e in try resource(r, &scope).1 { try add(e, export: false, r.pos) }
            case .import(let path):
                let (name, e, uses, at) = try worldItem(path, scope)
                for x in uses { try add(NamedEntity(name: ExternName(x.id), type: .instance(x.type)), export: false, at) }
                try add(NamedEntity(name: ExternName(name), type: e), export: false, at)
            case .export(let path):
                let (name, e, uses, at) = try worldItem(path, scope)
                // What an exported interface uses is imported, unless exported too.
                for x in uses where !exports.contains(where: { $0.name.name == x.id }) {
                    try add(NamedEntity(name: ExternName(x.id), type: .instance(x.type)), export: false, at)
                }
                try add(NamedEntity(name: ExternName(name), type: e), export: true, at)
            case .include(let ref, let with, let at):
                let included = try worldDef(ref, at)
                var renamed = Set<String>()
                func rename(_ n: String) -> String {
                    guard let r = with.first(where: { $0.from == n }) else { return n }
                    renamed.insert(n)
                    return r.to
                }
                for e in included.type.imports { try add(NamedEntity(name: ExternName(rename(e.name.name)), type: e.type), export: false, at) }
                for e in included.type.exports { try add(NamedEntity(name: ExternName(rename(e.name.name)), type: e.type), export: true, at) }
                if let missing = with.first(where: { !renamed.contains($0.from) }) {
                    throw fail(at, "world `\(ref)` has no import or export named `\(missing.from)` to rename")
                }
            }
        }
        return WacWorldDef(id: id, type: ComponentType(imports: imports, exports: exports))
    }

    /// A world's `import`/`export` item: its name and type.
    mutating func worldItem(_ path: WacWorldItemPath, _ scope: [String: WacNamed]) throws(WacError) -> (String, EntityType, [(id: String, type: InstanceType)], WacPos) {
        switch path {
        case .named(let n, let t, let p):
            let x = try externType(t, scope, p)
            return (n, x.type, x.uses, p)
        case .path(let s, let p):
            let i = try interfaceDef(s, isPackagePath: true, p)
            return (i.id ?? s, .instance(i.type), i.uses, p)
        case .id(let n, let p):
            let i = try interfaceDef(n, isPackagePath: false, p)
            return (i.id ?? n, .instance(i.type), i.uses, p)
        }
    }

    /// The world `ref` names: declared here (by name or by this document's
    /// package path), or a component type a package exports under that path.
    mutating func worldDef(_ ref: String, _ p: WacPos) throws(WacError) -> WacWorldDef {
        var local = ref
        if ref.contains(":") {
            let unversioned = ImportName.unversioned(ref)
            guard let slash = unversioned.firstIndex(of: "/") else { throw fail(p, "`\(ref)` is not a world path") }
            if String(unversioned[..<slash]) == packageName {
                local = String(unversioned[unversioned.index(after: slash)...])
            } else {
                let found = try interfaceType(ref, p)
                switch found.type {
                case .component(let ct), .type(.component(let ct)): return WacWorldDef(id: found.item, type: ct)
                default: throw fail(p, "`\(ref)` is a \(found.type.sortName), not a world")
                }
            }
        }
        guard let d = types[local] else { throw fail(p, "`\(local)` is not a declared world") }
        guard case .world(let w) = d else { throw fail(p, "`\(local)` is \(d.word), not a world") }
        return w
    }

    /// An import's or world item's type: inline, a declared name, or a path.
    /// `defined` lists the resources the type declares itself.
    mutating func externType(_ t: WacImportType, _ scope: [String: WacNamed], _ p: WacPos) throws(WacError) -> (type: EntityType, id: String?, defined: Set<Int>, uses: [(id: String, type: InstanceType)]) {
        switch t {
        case .function(let f): return (.function(try function(f, scope, p)), nil, [], [])
        case .interface(let items):
            let i = try interface(items, id: nil, p)
            return (.instance(i.type), nil, i.defined, i.uses)
        case .named(let n, let np):
            guard let d = scope[n] ?? types[n] else { throw fail(np, "`\(n)` is not a declared interface, world or function type") }
            switch d {
            case .interface(let i): return (.instance(i.type), i.id, i.defined, i.uses)
            case .world(let w): return (.component(w.type), w.id, [], [])
            case .function(let f): return (.function(f), nil, [], [])
            default: throw fail(np, "`\(n)` is \(d.word); an import needs an interface, a world or a function type")
            }
        case .path(let s, let pp):
            let i = try interfaceDef(s, isPackagePath: true, pp)
            return (.instance(i.type), i.id, i.defined, i.uses)
        }
    }
}
