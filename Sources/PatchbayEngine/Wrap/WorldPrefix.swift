/// Writes a world's import side into the top level of a new component.
///
/// The world's declarators already say everything the component's imports
/// must say (instance types with their names, `use` aliases, world-level
/// types), so they are written out as they are, with indices renumbered,
/// but pruned as wit-component prunes them (`ImportLiveness`): an imported
/// instance type keeps only the used functions and the live types, the
/// types first in the order they became live; world-level types and used
/// world-level functions follow all interfaces. Top-level types are written
/// when something first needs them.
/// Export declarators are not copied: exports are built from the module.
/// What an export of the world stands for is remembered so that later
/// references to it (an exported interface using another one's type) can be
/// resolved once that export exists.
struct WorldPrefix {
    enum TypeSlot {
        case top(UInt32)
        /// A world type definition not written yet.
        case pending(TypeDef.Kind)
        /// `alias export K "name"` of an imported instance, not written yet.
        case pendingAlias(worldInstance: Int, name: String)
        /// `alias export K "name"` where world instance K is an export.
        case exportAlias(worldInstance: Int, name: String)
        case unavailable
    }
    enum InstanceSlot {
        case top(UInt32)
        case export(name: String)
        /// An imported instance the module uses nothing of.
        case pruned
    }

    var types: [TypeSlot] = []
    var instances: [InstanceSlot] = []
    var funcs: [UInt32?] = []
    /// World type index → the definition (for reading instance-type bodies).
    var typeKinds: [Int: TypeDef.Kind] = [:]
    /// Top-level instance index of each imported instance, by import name.
    var importedInstances: [String: UInt32] = [:]
    /// Top-level type index of each world-level type import, by name.
    var importedTypes: [String: UInt32] = [:]
    var importedFuncs: [String: UInt32] = [:]
    /// World instance type index of every exported instance, by export name.
    var exportInstanceTypes: [String: UInt32] = [:]
    var exportFuncTypes: [String: UInt32] = [:]
    private var sink = SectionSink()

    mutating func copy(_ decls: [ComponentDecl], live: ImportLiveness, into sink: SectionSink) throws(WrapError) {
        self.sink = sink
        var instanceImports: [(slot: Int, imp: Import, type: UInt32)] = []
        var typeImports: [(slot: Int, imp: Import)] = []
        var funcImports: [(slot: Int, imp: Import, type: UInt32)] = []
        for d in decls {
            switch d {
            case .instance(.type(let def)):
                typeKinds[types.count] = def.kind
                types.append(.pending(def.kind))
            case .instance(.alias(let a)):
                guard case .instanceExport(let inst, let name) = a.target, Int(inst) < instances.count else {
                    switch a.sort {
                    case .type: types.append(.unavailable)
                    case .func_: funcs.append(nil)
                    case .instance: instances.append(.pruned)
                    default: break
                    }
                    continue
                }
                switch (instances[Int(inst)], a.sort) {
                case (.export, .type): types.append(.exportAlias(worldInstance: Int(inst), name: name))
                case (_, .type): types.append(.pendingAlias(worldInstance: Int(inst), name: name))
                case (_, .func_): funcs.append(nil)
                case (_, .instance): instances.append(.pruned)
                default: throw WrapError("unsupported alias of a \(a.sort.name) in the world")
                }
            case .instance(.coreType):
                continue
            case .import(let imp):
                switch imp.type {
                case .instance(let t):
                    instanceImports.append((instances.count, imp, t)); instances.append(.pruned)
                case .func_(let t):
                    funcImports.append((funcs.count, imp, t)); funcs.append(nil)
                case .type(.eq), .type(.subResource):
                    typeImports.append((types.count, imp)); types.append(.unavailable)
                default:
                    throw WrapError("the world imports `\(imp.name.name)` as a \(imp.type.sort.name), which is not supported")
                }
            case .instance(.export(_, let name, let type)):
                switch type {
                case .instance(let t):
                    instances.append(.export(name: name.name))
                    exportInstanceTypes[name.name] = t
                case .func_(let t):
                    funcs.append(nil)
                    exportFuncTypes[name.name] = t
                case .type:
                    types.append(.unavailable)
                default:
                    throw WrapError("the world exports `\(name.name)` as a \(type.sort.name), which a component made from a module cannot provide")
                }
            }
        }
        // Interfaces first, then world-level types, then used world-level
        // functions, as wit-component writes them.
        for (slot, imp, t) in instanceImports {
            guard case .instance(let decls)? = typeKinds[Int(t)] else {
                throw WrapError("the world's import `\(imp.name.name)` refers to type \(t), which is not an instance type")
            }
            let body = try prunedBody(ImportLiveness.Body(decls), instance: imp.name.name, live: live)
            if body.isEmpty { continue }
            let ty = sink.addType(.instance(body))
            let i = sink.addImport(imp.name, .instance(type: ty))
            instances[slot] = .top(i)
            importedInstances[imp.name.name] = i
        }
        for (slot, imp) in typeImports {
            let i: UInt32
            if case .type(.eq(let t)) = imp.type {
                i = sink.addImport(imp.name, .type(.eq(try materialize(t))))
            } else {
                i = sink.addImport(imp.name, .type(.subResource))
            }
            types[slot] = .top(i)
            importedTypes[imp.name.name] = i
        }
        for (slot, imp, t) in funcImports where live.usedRootFuncs.contains(imp.name.name) {
            let i = sink.addImport(imp.name, .func_(type: try materialize(t)))
            funcs[slot] = i
            importedFuncs[imp.name.name] = i
        }
    }

    /// An imported instance's body with only its live types (in the order
    /// they became live, each after what it refers to) and used functions.
    private mutating func prunedBody(_ body: ImportLiveness.Body, instance: String, live: ImportLiveness) throws(WrapError) -> [InstanceDecl] {
        var out: [InstanceDecl] = []
        var map: [UInt32: UInt32] = [:]
        var count: UInt32 = 0
        func emit(_ i: UInt32) throws(WrapError) -> UInt32 {
            if let m = map[i] { return m }
            guard Int(i) < body.types.count else { throw WrapError("the world's interface `\(instance)` refers to type \(i), which it does not define") }
            switch body.types[Int(i)] {
            case .def(let kind):
                for r in kind.referencedTypes { _ = try emit(r) }
                guard let k = Self.remap(kind, { map[$0] }) else { throw WrapError("the world's interface `\(instance)` has a type that cannot be copied") }
                out.append(.type(TypeDef(k)))
            case .outer(let w):
                out.append(.alias(Alias(sort: .type, target: .outer(count: 1, index: try materialize(w)))))
            case .export(let name, let eq):
                if let eq {
                    out.append(.export(offset: 0, name: name, type: .type(.eq(try emit(eq)))))
                } else {
                    out.append(.export(offset: 0, name: name, type: .type(.subResource)))
                }
            case .other:
                throw WrapError("the world's interface `\(instance)` has a type that cannot be copied")
            }
            map[i] = count
            count += 1
            return count - 1
        }
        for name in live.liveTypes[instance] ?? [] {
            if let i = body.exportIndex[name] { _ = try emit(UInt32(i)) }
        }
        let used = live.usedFuncs[instance] ?? []
        for f in body.funcs where used.contains(f.name.name) {
            out.append(.export(offset: 0, name: f.name, type: .func_(type: try emit(f.type))))
        }
        return out
    }

    /// The top-level index of world type `w`, writing it (and what it
    /// refers to) on first use.
    mutating func materialize(_ w: UInt32) throws(WrapError) -> UInt32 {
        guard Int(w) < types.count else { throw WrapError("the world refers to type \(w), which it does not define") }
        switch types[Int(w)] {
        case .top(let i): return i
        case .pending(let kind):
            for r in kind.referencedTypes { _ = try materialize(r) }
            guard let k = remap(kind) else { throw WrapError("the world's type \(w) cannot be written at top level") }
            let i = sink.addType(k)
            types[Int(w)] = .top(i)
            return i
        case .pendingAlias(let k, let name):
            guard k < instances.count, case .top(let inst) = instances[k] else {
                throw WrapError("the world uses `\(name)` of an interface the module does not use")
            }
            let i = sink.addAlias(Alias(sort: .type, target: .instanceExport(instance: inst, name: name)))
            types[Int(w)] = .top(i)
            return i
        case .exportAlias, .unavailable:
            throw WrapError("the world refers to type \(w) in a way that is not supported")
        }
    }

    func mapIndex(_ i: UInt32) -> UInt32? {
        guard Int(i) < types.count, case .top(let t) = types[Int(i)] else { return nil }
        return t
    }

    func remap(_ kind: TypeDef.Kind) -> TypeDef.Kind? {
        Self.remap(kind) { mapIndex($0) }
    }

    /// The definition with its indices replaced through `map`; nil when it
    /// refers to something `map` does not know.
    static func remap(_ kind: TypeDef.Kind, _ map: (UInt32) -> UInt32?) -> TypeDef.Kind? {
        func r(_ x: ValTypeRef) -> ValTypeRef? {
            switch x {
            case .primitive: return x
            case .index(let i): return map(i).map { .index($0) }
            }
        }
        switch kind {
        case .defined(let d): return remapDefined(d, r, map).map { .defined($0) }
        case .function(let f):
            var params: [LabeledType] = []
            for p in f.params { guard let t = r(p.type) else { return nil }; params.append(LabeledType(p.name, t)) }
            var result: ValTypeRef?
            if let x = f.result { guard let t = r(x) else { return nil }; result = t }
            return .function(FuncTypeDef(isAsync: f.isAsync, params: params, result: result))
        case .instance(let body):
            var out: [InstanceDecl] = []
            for d in body {
                if case .alias(let a) = d, case .outer(let count, let index) = a.target {
                    guard count == 1, let t = map(index) else { return nil }
                    out.append(.alias(Alias(sort: a.sort, target: .outer(count: 1, index: t))))
                } else {
                    out.append(d)
                }
            }
            return .instance(out)
        case .component, .resource:
            return nil
        }
    }

    private static func remapDefined(_ d: DefinedType, _ r: (ValTypeRef) -> ValTypeRef?, _ map: (UInt32) -> UInt32?) -> DefinedType? {
        func o(_ x: ValTypeRef?) -> ValTypeRef?? { guard let x else { return .some(nil) }; return r(x).map { .some($0) } }
        switch d {
        case .primitive: return d
        case .record(let fs):
            var out: [LabeledType] = []
            for f in fs { guard let t = r(f.type) else { return nil }; out.append(LabeledType(f.name, t)) }
            return .record(out)
        case .variant(let cs):
            var out: [VariantCase] = []
            for c in cs { guard let t = o(c.type) else { return nil }; var vc = VariantCase(c.name, t); vc.refines = c.refines; out.append(vc) }
            return .variant(out)
        case .list(let t): return r(t).map { .list($0) }
        case .fixedList(let t, let n): return r(t).map { .fixedList($0, n) }
        case .tuple(let ts):
            var out: [ValTypeRef] = []
            for t in ts { guard let x = r(t) else { return nil }; out.append(x) }
            return .tuple(out)
        case .flags, .enumeration: return d
        case .option(let t): return r(t).map { .option($0) }
        case .result(let ok, let err):
            guard let a = o(ok), let b = o(err) else { return nil }
            return .result(ok: a, err: b)
        case .own(let i): return map(i).map { .own($0) }
        case .borrow(let i): return map(i).map { .borrow($0) }
        case .stream(let t): guard let a = o(t) else { return nil }; return .stream(a)
        case .future(let t): guard let a = o(t) else { return nil }; return .future(a)
        case .map(let k, let v): guard let a = r(k), let b = r(v) else { return nil }; return .map(a, b)
        }
    }
}
