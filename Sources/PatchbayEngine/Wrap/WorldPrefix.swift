/// Copies a world's import side into the top level of a new component.
///
/// The world's declarators already say everything the component's imports
/// must say (instance types with their names, `use` aliases, world-level
/// types), so they are written out as they are, with indices renumbered.
/// Export declarators are not copied: exports are built from the module.
/// What an export of the world stands for is remembered so that later
/// references to it (an exported interface using another one's type) can be
/// resolved once that export exists.
struct WorldPrefix {
    enum TypeSlot {
        case top(UInt32)
        /// `alias export K "name"` where world instance K is an export.
        case exportAlias(worldInstance: Int, name: String)
        case unavailable
    }
    enum InstanceSlot {
        case top(UInt32)
        case export(name: String)
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

    mutating func copy(_ decls: [ComponentDecl], into sink: SectionSink) throws(WrapError) {
        for d in decls {
            switch d {
            case .instance(.type(let def)):
                typeKinds[types.count] = def.kind
                if let k = remap(def.kind) { types.append(.top(sink.addType(k))) } else { types.append(.unavailable) }
            case .instance(.alias(let a)):
                try alias(a, sink)
            case .instance(.coreType):
                continue
            case .import(let imp):
                try importDecl(imp, sink)
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
    }

    private mutating func alias(_ a: Alias, _ sink: SectionSink) throws(WrapError) {
        guard case .instanceExport(let inst, let name) = a.target, Int(inst) < instances.count else {
            switch a.sort {
            case .type: types.append(.unavailable)
            case .func_: funcs.append(nil)
            default: break
            }
            return
        }
        switch (instances[Int(inst)], a.sort) {
        case (.top(let i), .type):
            types.append(.top(sink.addAlias(Alias(sort: .type, target: .instanceExport(instance: i, name: name)))))
        case (.top(let i), .func_):
            funcs.append(sink.addAlias(Alias(sort: .func_, target: .instanceExport(instance: i, name: name))))
        case (.top(let i), .instance):
            instances.append(.top(sink.addAlias(Alias(sort: .instance, target: .instanceExport(instance: i, name: name)))))
        case (.export, .type):
            types.append(.exportAlias(worldInstance: Int(inst), name: name))
        case (.export, .func_):
            funcs.append(nil)
        default:
            throw WrapError("unsupported alias of a \(a.sort.name) in the world")
        }
    }

    private mutating func importDecl(_ imp: Import, _ sink: SectionSink) throws(WrapError) {
        let name = imp.name.name
        func top(_ t: UInt32) throws(WrapError) -> UInt32 {
            guard Int(t) < types.count, case .top(let i) = types[Int(t)] else {
                throw WrapError("the world's import `\(name)` refers to type \(t), which is not available at top level")
            }
            return i
        }
        switch imp.type {
        case .instance(let t):
            let i = sink.addImport(imp.name, .instance(type: try top(t)))
            instances.append(.top(i))
            importedInstances[name] = i
        case .func_(let t):
            let i = sink.addImport(imp.name, .func_(type: try top(t)))
            funcs.append(i)
            importedFuncs[name] = i
        case .type(.eq(let t)):
            let i = sink.addImport(imp.name, .type(.eq(try top(t))))
            types.append(.top(i))
            importedTypes[name] = i
        case .type(.subResource):
            let i = sink.addImport(imp.name, .type(.subResource))
            types.append(.top(i))
            importedTypes[name] = i
        default:
            throw WrapError("the world imports `\(name)` as a \(imp.type.sort.name), which is not supported")
        }
    }

    func mapIndex(_ i: UInt32) -> UInt32? {
        guard Int(i) < types.count, case .top(let t) = types[Int(i)] else { return nil }
        return t
    }

    func remap(_ r: ValTypeRef) -> ValTypeRef? {
        switch r {
        case .primitive: return r
        case .index(let i): return mapIndex(i).map { .index($0) }
        }
    }

    /// The definition with its world indices replaced by top-level ones;
    /// nil when it refers to something that does not exist at top level yet.
    func remap(_ kind: TypeDef.Kind) -> TypeDef.Kind? {
        switch kind {
        case .defined(let d): return remapDefined(d).map { .defined($0) }
        case .function(let f):
            var params: [LabeledType] = []
            for p in f.params { guard let t = remap(p.type) else { return nil }; params.append(LabeledType(p.name, t)) }
            var result: ValTypeRef?
            if let r = f.result { guard let t = remap(r) else { return nil }; result = t }
            return .function(FuncTypeDef(isAsync: f.isAsync, params: params, result: result))
        case .instance(let body):
            var out: [InstanceDecl] = []
            for d in body {
                if case .alias(let a) = d, case .outer(let count, let index) = a.target {
                    guard count == 1, let t = mapIndex(index) else { return nil }
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

    private func remapDefined(_ d: DefinedType) -> DefinedType? {
        func r(_ x: ValTypeRef) -> ValTypeRef? { remap(x) }
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
        case .own(let i): return mapIndex(i).map { .own($0) }
        case .borrow(let i): return mapIndex(i).map { .borrow($0) }
        case .stream(let t): guard let a = o(t) else { return nil }; return .stream(a)
        case .future(let t): guard let a = o(t) else { return nil }; return .future(a)
        case .map(let k, let v): guard let a = r(k), let b = r(v) else { return nil }; return .map(a, b)
        }
    }

    /// For an exported instance's type body: which of its type exports are
    /// `use`s of a type from outside, by name, with the world type index.
    func usedTypes(ofExport name: String) -> [String: UInt32] {
        guard let t = exportInstanceTypes[name], case .instance(let body)? = typeKinds[Int(t)] else { return [:] }
        enum Slot { case local, outer(UInt32), resource }
        var slots: [Slot] = []
        var used: [String: UInt32] = [:]
        for d in body {
            switch d {
            case .type: slots.append(.local)
            case .alias(let a):
                if a.sort == .type {
                    if case .outer(1, let i) = a.target { slots.append(.outer(i)) } else { slots.append(.local) }
                }
            case .export(_, let n, .type(.eq(let i))):
                let s: Slot = Int(i) < slots.count ? slots[Int(i)] : .local
                if case .outer(let w) = s { used[n.name] = w }
                slots.append(s)
            case .export(_, _, .type(.subResource)):
                slots.append(.resource)
            default: continue
            }
        }
        return used
    }
}
