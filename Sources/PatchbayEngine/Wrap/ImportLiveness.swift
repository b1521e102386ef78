/// Which parts of a world's imported interfaces a module actually uses.
///
/// wit-component does not import a world's interfaces whole: an imported
/// instance type lists only the functions the module imports (in the
/// interface's order) and the types those functions, the world-level
/// types, the resource intrinsics and the exports reach (in the order they
/// are first reached, dependencies first); an interface left with nothing
/// is not imported at all. The component's world is read back from its
/// imports, so it shows exactly this pruned view.
///
/// The walk runs over the world's declarators (the binary form of the WIT
/// world), where a named type is a type export of an instance body and a
/// `use` is an outer alias to a top-level `alias export` of another
/// imported instance, so following indices reaches the same types as
/// following WIT type ids.
struct ImportLiveness {
    /// A world-level type slot.
    enum WorldType {
        case def(TypeDef.Kind)
        /// `alias export K "name"`.
        case alias(instance: Int, name: String)
        /// A world-level type import or export.
        case named
        case other
    }
    /// A type slot inside an imported instance type.
    enum BodyType {
        case def(TypeDef.Kind)
        case outer(UInt32)
        case export(name: ExternName, eq: UInt32?)
        case other
    }
    struct Body {
        var types: [BodyType] = []
        var exportIndex: [String: Int] = [:]
        /// Function exports in order: name and body type index.
        var funcs: [(name: ExternName, type: UInt32)] = []

        init(_ decls: [InstanceDecl]) {
            for d in decls {
                switch d {
                case .type(let t): types.append(.def(t.kind))
                case .alias(let a):
                    guard a.sort == .type else { continue }
                    if case .outer(1, let i) = a.target { types.append(.outer(i)) } else { types.append(.other) }
                case .export(_, let n, .type(let bound)):
                    exportIndex[n.name] = types.count
                    if case .eq(let i) = bound { types.append(.export(name: n, eq: i)) } else { types.append(.export(name: n, eq: nil)) }
                case .export(_, let n, .func_(let t)):
                    funcs.append((n, t))
                case .export, .coreType:
                    continue
                }
            }
        }
    }

    var worldTypes: [WorldType] = []
    /// World instance index → imported instance name (nil for exports and aliases).
    var worldInstances: [String?] = []
    var bodies: [String: Body] = [:]
    var rootFuncTypes: [String: UInt32] = [:]
    var rootTypeImports: [UInt32] = []
    var exportRoots: [ExportRoot] = []
    enum ExportRoot { case function(UInt32), instance([InstanceDecl]) }

    /// Live type export names per imported instance, in the order reached.
    private(set) var liveTypes: [String: [String]] = [:]
    private var liveSet: Set<String> = []
    private(set) var usedFuncs: [String: Set<String>] = [:]
    private(set) var usedRootFuncs: Set<String> = []
    private var visitedBody: Set<String> = []
    private var visitedWorld: Set<UInt32> = []

    init(decls: [ComponentDecl]) {
        var typeDefs: [Int: TypeDef.Kind] = [:]
        for d in decls {
            switch d {
            case .instance(.type(let t)):
                typeDefs[worldTypes.count] = t.kind
                worldTypes.append(.def(t.kind))
            case .instance(.alias(let a)):
                switch (a.sort, a.target) {
                case (.type, .instanceExport(let i, let n)): worldTypes.append(.alias(instance: Int(i), name: n))
                case (.type, _): worldTypes.append(.other)
                case (.instance, _): worldInstances.append(nil)
                default: continue
                }
            case .instance(.coreType):
                continue
            case .import(let imp):
                switch imp.type {
                case .instance(let t):
                    worldInstances.append(imp.name.name)
                    if case .instance(let body)? = typeDefs[Int(t)] { bodies[imp.name.name] = Body(body) }
                case .func_(let t): rootFuncTypes[imp.name.name] = t
                case .type(let bound):
                    if case .eq(let w) = bound { rootTypeImports.append(w) }
                    worldTypes.append(.named)
                default: continue
                }
            case .instance(.export(_, _, let type)):
                switch type {
                case .instance(let t):
                    worldInstances.append(nil)
                    if case .instance(let body)? = typeDefs[Int(t)] { exportRoots.append(.instance(body)) }
                case .func_(let t): exportRoots.append(.function(t))
                case .type: worldTypes.append(.named)
                default: continue
                }
            }
        }
    }

    /// Walks the roots in wit-component's order: world-level types, then
    /// the module's imports (grouped by module name, in first-use order),
    /// then the exports.
    mutating func compute(moduleImports: [(module: String, name: String)], resourceOf: (String, String) -> (instance: String?, name: String)?) {
        for w in rootTypeImports { visitWorld(w) }
        var order: [String] = []
        var byModule: [String: [String]] = [:]
        for i in moduleImports {
            if byModule[i.module] == nil { order.append(i.module) }
            byModule[i.module, default: []].append(i.name)
        }
        for m in order {
            for name in byModule[m] ?? [] {
                if let r = resourceOf(m, name) {
                    if let inst = r.instance { visitExport(inst, r.name) }
                    continue
                }
                if m == "$root" {
                    if let t = rootFuncTypes[name] { usedRootFuncs.insert(name); visitWorld(t) }
                    continue
                }
                guard let body = bodies[m], let f = body.funcs.first(where: { $0.name.name == name }) else { continue }
                usedFuncs[m, default: []].insert(name)
                // A static function's resource is live even when no
                // parameter or result mentions it.
                if let rest = name.stripping("[static]"), let dot = rest.firstIndex(of: ".") {
                    visitExport(m, String(rest[..<dot]))
                }
                visitBody(m, f.type)
            }
        }
        for e in exportRoots {
            switch e {
            case .function(let t): visitWorld(t)
            case .instance(let body):
                for d in body {
                    if case .alias(let a) = d, a.sort == .type, case .outer(1, let w) = a.target { visitWorld(w) }
                }
            }
        }
    }

    func isLive(_ instance: String, _ name: String) -> Bool { liveSet.contains(instance + "\u{0}" + name) }

    private mutating func visitExport(_ instance: String, _ name: String) {
        guard let i = bodies[instance]?.exportIndex[name] else { return }
        visitBody(instance, UInt32(i))
    }

    mutating func visitWorld(_ w: UInt32) {
        guard Int(w) < worldTypes.count, visitedWorld.insert(w).inserted else { return }
        switch worldTypes[Int(w)] {
        case .def(let kind):
            for r in kind.referencedTypes { visitWorld(r) }
        case .alias(let k, let name):
            guard k < worldInstances.count, let inst = worldInstances[k] else { return }
            visitExport(inst, name)
        case .named, .other:
            return
        }
    }

    mutating func visitBody(_ instance: String, _ i: UInt32) {
        guard let body = bodies[instance], Int(i) < body.types.count,
              visitedBody.insert(instance + "\u{0}\(i)").inserted else { return }
        switch body.types[Int(i)] {
        case .def(let kind):
            for r in kind.referencedTypes { visitBody(instance, r) }
        case .outer(let w):
            visitWorld(w)
        case .export(let name, let eq):
            if let eq { visitBody(instance, eq) }
            if liveSet.insert(instance + "\u{0}" + name.name).inserted { liveTypes[instance, default: []].append(name.name) }
        case .other:
            return
        }
    }
}

extension TypeDef.Kind {
    /// The type indices this definition refers to, in the order of its
    /// structure (an instance body's outer aliases count as references to
    /// the enclosing scope).
    var referencedTypes: [UInt32] {
        switch self {
        case .defined(let d): return d.referencedTypes
        case .function(let f):
            var out: [UInt32] = []
            for p in f.params { if case .index(let i) = p.type { out.append(i) } }
            if case .index(let i)? = f.result { out.append(i) }
            return out
        case .instance(let body):
            var out: [UInt32] = []
            for d in body { if case .alias(let a) = d, case .outer(1, let i) = a.target { out.append(i) } }
            return out
        case .component, .resource:
            return []
        }
    }
}

extension DefinedType {
    var referencedTypes: [UInt32] {
        func r(_ x: ValTypeRef?) -> [UInt32] { if case .index(let i)? = x { [i] } else { [] } }
        switch self {
        case .primitive, .flags, .enumeration: return []
        case .record(let fs): return fs.flatMap { r($0.type) }
        case .variant(let cs): return cs.flatMap { r($0.type) }
        case .list(let t), .fixedList(let t, _), .option(let t): return r(t)
        case .tuple(let ts): return ts.flatMap { r($0) }
        case .result(let ok, let err): return r(ok) + r(err)
        case .own(let i), .borrow(let i): return [i]
        case .stream(let t), .future(let t): return r(t)
        case .map(let k, let v): return r(k) + r(v)
        }
    }
}
