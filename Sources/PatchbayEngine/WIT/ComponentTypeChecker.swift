/// Computes the types of a component's top-level imports and exports, with
/// the identities the validator would give them.
///
/// Only the component-level index spaces that can carry types are tracked
/// (types, functions, instances, components); core items never reach a WIT
/// world. Nested components are checked into component types, instantiation
/// substitutes resources, and instance imports/exports freshen declared
/// resources, as the component model requires. The binary is assumed to be
/// valid; malformed references raise a `WitError` rather than trapping.
struct ComponentTypeChecker {
    enum ScopeKind { case component, componentType, instanceType }
    enum ExternKind { case `import`, export }

    struct Scope {
        var kind: ScopeKind
        var types: [TypeKey] = []
        var funcs: [TypeKey] = []
        var instances: [TypeKey] = []
        var components: [TypeKey] = []
        var imports: [SpaceItem] = []
        var exports: [SpaceItem] = []
        var importedResources: [Int32] = []
        var definedResources: [Int32] = []
    }

    /// One top-level import or export, in binary order.
    struct Extern {
        var isImport: Bool
        var item: SpaceItem
    }

    var space = TypeSpace()
    private var scopes: [Scope] = []
    private(set) var externs: [Extern] = []

    /// Checks the top-level `component`, filling `externs`.
    mutating func check(_ component: Component) throws(WitError) {
        scopes = [Scope(kind: .component)]
        try checkSections(component.sections, topLevel: true)
    }

    // MARK: scopes and index spaces

    /// The innermost scope, mutated in place (a get/set pair would copy its
    /// arrays on every append and make big components quadratic).
    private var top: Scope {
        get { scopes[scopes.count - 1] }
        _modify { yield &scopes[scopes.count - 1] }
    }

    private func at(_ list: [TypeKey], _ i: UInt32, _ what: String) throws(WitError) -> TypeKey {
        guard Int(i) < list.count else { throw WitError("\(what) index \(i) out of bounds") }
        return list[Int(i)]
    }

    private func typeAt(_ i: UInt32) throws(WitError) -> TypeKey { try at(top.types, i, "type") }

    private func definedAt(_ i: UInt32) throws(WitError) -> TypeKey {
        let k = try typeAt(i)
        guard k.kind == .defined else { throw WitError("type index \(i) is not a defined type") }
        return k
    }

    private func val(_ r: ValTypeRef) throws(WitError) -> SpaceValType {
        switch r {
        case .primitive(let p): return .primitive(p)
        case .index(let i): return .type(try definedAt(i))
        }
    }

    private func optVal(_ r: ValTypeRef?) throws(WitError) -> SpaceValType? {
        guard let r else { return nil }
        return try val(r)
    }

    private func item(_ name: ExternName, _ entity: SpaceEntity) -> SpaceItem {
        var it = SpaceItem(name: name.name, entity: entity)
        for a in name.attributes {
            switch a {
            case .implements(let s): it.implements = s
            case .externalId(let s): it.externalId = s
            case .versionSuffix(let s): it.versionSuffix = s
            }
        }
        return it
    }

    // MARK: sections

    private mutating func checkSections(_ sections: [Section], topLevel: Bool) throws(WitError) {
        for section in sections {
            switch section.content {
            case .custom, .coreModule, .coreInstances, .coreTypes, .start, .values:
                continue
            case .component(let inner):
                scopes.append(Scope(kind: .component))
                try checkSections(inner.sections, topLevel: false)
                let s = scopes.removeLast()
                let ct = space.add(SpaceComponent(imports: s.imports, exports: s.exports,
                                                  importedResources: s.importedResources,
                                                  definedResources: s.definedResources))
                top.components.append(ct)
            case .instances(let list):
                for inst in list { try addInstance(inst) }
            case .aliases(let list):
                for a in list { try addAlias(a) }
            case .types(let list):
                for t in list { try addType(t) }
            case .canons(let list):
                for c in list {
                    if case .lift(_, _, let typeIndex) = c.kind {
                        let k = try typeAt(typeIndex)
                        guard k.kind == .function else { throw WitError("type index \(typeIndex) is not a function type") }
                        top.funcs.append(k)
                    }
                }
            case .imports(let list):
                for imp in list {
                    var e = try checkTypeRef(imp.type)
                    try addEntity(&e, .import)
                    let it = item(imp.name, e)
                    top.imports.append(it)
                    if topLevel { externs.append(Extern(isImport: true, item: it)) }
                }
            case .exports(let list):
                for exp in list {
                    var e = try exportEntity(exp)
                    try addEntity(&e, .export)
                    let it = item(exp.name, e)
                    top.exports.append(it)
                    if topLevel { externs.append(Extern(isImport: false, item: it)) }
                }
            }
        }
    }

    // MARK: entities

    /// The entity an import or type declaration describes.
    private mutating func checkTypeRef(_ t: ExternType) throws(WitError) -> SpaceEntity {
        switch t {
        case .module: return .module
        case .value: return .value
        case .func_(let i):
            let k = try typeAt(i)
            guard k.kind == .function else { throw WitError("type index \(i) is not a function type") }
            return .function(k)
        case .type(.eq(let i)):
            let referenced = try typeAt(i)
            return .type(referenced: referenced, created: space.withUnique(referenced))
        case .type(.subResource):
            let r = TypeKey(kind: .resource, index: space.freshResource())
            return .type(referenced: r, created: r)
        case .instance(let i):
            let k = try typeAt(i)
            guard k.kind == .instance else { throw WitError("type index \(i) is not an instance type") }
            return .instance(k)
        case .component(let i):
            let k = try typeAt(i)
            guard k.kind == .component else { throw WitError("type index \(i) is not a component type") }
            return .component(k)
        }
    }

    private mutating func sortEntity(_ s: SortIndex) throws(WitError) -> SpaceEntity {
        switch s.sort {
        case .core(let c):
            if c == .module { return .module }
            throw WitError("core \(c.name) cannot be a component item")
        case .func_: return .function(try at(top.funcs, s.index, "function"))
        case .value: return .value
        case .type:
            let k = try typeAt(s.index)
            return .type(referenced: k, created: k)
        case .instance: return .instance(try at(top.instances, s.index, "instance"))
        case .component: return .component(try at(top.components, s.index, "component"))
        }
    }

    private mutating func exportEntity(_ exp: Export) throws(WitError) -> SpaceEntity {
        var actual = try sortEntity(exp.item)
        if case .type(let referenced, _) = actual {
            actual = .type(referenced: referenced, created: space.withUnique(referenced))
        }
        if let ascribed = exp.type { return try checkTypeRef(ascribed) }
        return actual
    }

    private mutating func addEntity(_ e: inout SpaceEntity, _ kind: ExternKind?) throws(WitError) {
        switch e {
        case .module, .value: break
        case .component(let k): top.components.append(k)
        case .function(let k): top.funcs.append(k)
        case .instance(var k):
            if let kind { k = prepareInstance(k, kind) }
            e = .instance(k)
            top.instances.append(k)
        case .type(let referenced, let created):
            top.types.append(created)
            if created.kind == .resource, created == referenced {
                switch kind {
                case .import?: top.importedResources.append(created.index)
                case .export?: top.definedResources.append(created.index)
                case nil: break
                }
            }
        }
    }

    /// Importing or exporting an instance *type* gives each resource it
    /// declares a fresh identity, owned (imported or defined) by this scope.
    private mutating func prepareInstance(_ k: TypeKey, _ kind: ExternKind) -> TypeKey {
        guard let inst = space.instanceType(k), !inst.definedResources.isEmpty else { return k }
        var m = ResourceRemap()
        for old in inst.definedResources {
            let new = space.freshResource()
            m.resources[old] = new
            switch kind {
            case .import: top.importedResources.append(new)
            case .export: top.definedResources.append(new)
            }
        }
        var newInst = inst
        newInst.definedResources = []
        for i in newInst.exports.indices {
            newInst.exports[i].entity = space.remap(newInst.exports[i].entity, &m).0
        }
        return space.add(newInst)
    }

    // MARK: definitions

    private mutating func addType(_ t: TypeDef) throws(WitError) {
        switch t.kind {
        case .defined(let d):
            top.types.append(space.add(try convert(d)))
        case .function(let f):
            var params: [SpaceDefined.Field] = []
            params.reserveCapacity(f.params.count)
            for p in f.params { params.append(.init(name: p.name, type: try val(p.type))) }
            top.types.append(space.add(SpaceFunc(isAsync: f.isAsync, params: params, result: try optVal(f.result))))
        case .resource:
            let r = space.freshResource()
            top.definedResources.append(r)
            top.types.append(TypeKey(kind: .resource, index: r))
        case .instance(let decls):
            scopes.append(Scope(kind: .instanceType))
            for d in decls { try addInstanceDecl(d) }
            let s = scopes.removeLast()
            var inst = SpaceInstance()
            for e in s.exports { inst.add(e) }
            inst.definedResources = s.definedResources
            top.types.append(space.add(inst))
        case .component(let decls):
            scopes.append(Scope(kind: .componentType))
            for d in decls {
                switch d {
                case .import(let imp):
                    var e = try checkTypeRef(imp.type)
                    try addEntity(&e, .import)
                    top.imports.append(item(imp.name, e))
                case .instance(let id):
                    try addInstanceDecl(id)
                }
            }
            let s = scopes.removeLast()
            top.types.append(space.add(SpaceComponent(imports: s.imports, exports: s.exports,
                                                      importedResources: s.importedResources,
                                                      definedResources: s.definedResources)))
        }
    }

    private mutating func addInstanceDecl(_ d: InstanceDecl) throws(WitError) {
        switch d {
        case .coreType: break
        case .type(let t): try addType(t)
        case .alias(let a): try addAlias(a)
        case .export(_, let name, let type):
            var e = try checkTypeRef(type)
            try addEntity(&e, .export)
            top.exports.append(item(name, e))
        }
    }

    private mutating func convert(_ d: DefinedType) throws(WitError) -> SpaceDefined {
        switch d {
        case .primitive(let p): return .primitive(p)
        case .record(let fs):
            var out: [SpaceDefined.Field] = []
            for f in fs { out.append(.init(name: f.name, type: try val(f.type))) }
            return .record(out)
        case .variant(let cs):
            var out: [SpaceDefined.Case] = []
            for c in cs { out.append(.init(name: c.name, type: try optVal(c.type))) }
            return .variant(out)
        case .list(let t): return .list(try val(t))
        case .fixedList(let t, let n): return .fixedList(try val(t), n)
        case .tuple(let ts):
            var out: [SpaceValType] = []
            for t in ts { out.append(try val(t)) }
            return .tuple(out)
        case .flags(let n): return .flags(n)
        case .enumeration(let n): return .enumeration(n)
        case .option(let t): return .option(try val(t))
        case .result(let ok, let err): return .result(ok: try optVal(ok), err: try optVal(err))
        case .own(let i):
            let k = try typeAt(i)
            guard k.kind == .resource else { throw WitError("type index \(i) is not a resource type") }
            return .own(k)
        case .borrow(let i):
            let k = try typeAt(i)
            guard k.kind == .resource else { throw WitError("type index \(i) is not a resource type") }
            return .borrow(k)
        case .stream(let t): return .stream(try optVal(t))
        case .future(let t): return .future(try optVal(t))
        case .map(let k, let v): return .map(try val(k), try val(v))
        }
    }

    private mutating func addAlias(_ a: Alias) throws(WitError) {
        switch a.target {
        case .coreInstanceExport:
            return
        case .instanceExport(let instance, let name):
            if case .core = a.sort { return }
            let ik = try at(top.instances, instance, "instance")
            guard let inst = space.instanceType(ik), let exp = inst.export(name) else {
                throw WitError("instance \(instance) has no export named `\(name)`")
            }
            var e = exp.entity
            try addEntity(&e, nil)
        case .outer(let count, let index):
            let depth = scopes.count - 1 - Int(count)
            guard count >= 0, depth >= 0 else { throw WitError("invalid outer alias count of \(count)") }
            switch a.sort {
            case .type:
                let k = try at(scopes[depth].types, index, "type")
                top.types.append(k)
            case .component:
                let k = try at(scopes[depth].components, index, "component")
                top.components.append(k)
            default:
                return
            }
        }
    }

    private mutating func addInstance(_ inst: ComponentInstance) throws(WitError) {
        switch inst.expr {
        case .fromExports(let list):
            var out = SpaceInstance()
            for e in list {
                if case .core(let c) = e.item.sort, c != .module { continue }
                out.add(item(e.name, try sortEntity(e.item)))
            }
            top.instances.append(space.add(out))
        case .instantiate(let componentIndex, let args):
            let ck = try at(top.components, componentIndex, "component")
            guard let comp = space.componentType(ck) else { throw WitError("component index \(componentIndex) has no type") }
            var argMap: [String: SpaceEntity] = [:]
            for a in args {
                if case .core(let c) = a.item.sort, c != .module { continue }
                argMap[a.name] = try sortEntity(a.item)
            }
            // Bind the component's imported resources to what the arguments supply.
            var m = ResourceRemap()
            let imported = Set(comp.importedResources)
            for imp in comp.imports {
                guard let arg = argMap[imp.name] else { continue }
                bindResources(expected: imp.entity, actual: arg, imported: imported, &m)
                // Each imported type is renamed to the argument's type, so
                // exports that mention it keep the argument's identity.
                registerRenamings(expected: imp.entity, actual: arg, &m)
            }
            // Each instantiation defines fresh resources.
            for old in comp.definedResources {
                let new = space.freshResource()
                m.resources[old] = new
                top.definedResources.append(new)
            }
            var out = SpaceInstance()
            for var e in comp.exports {
                if !m.isEmpty || !m.cache.isEmpty { e.entity = space.remap(e.entity, &m).0 }
                out.add(e)
            }
            top.instances.append(space.add(out))
        }
    }

    private func registerRenamings(expected: SpaceEntity, actual: SpaceEntity, _ m: inout ResourceRemap) {
        switch (expected, actual) {
        case (.type(_, let e), .type(_, let a)):
            m.cache[e] = a
        case (.instance(let e), .instance(let a)):
            guard let ei = space.instanceType(e), let ai = space.instanceType(a) else { return }
            for exp in ei.exports {
                if let act = ai.export(exp.name) { registerRenamings(expected: exp.entity, actual: act.entity, &m) }
            }
        default:
            return
        }
    }

    private func bindResources(expected: SpaceEntity, actual: SpaceEntity, imported: Set<Int32>, _ m: inout ResourceRemap) {
        switch (expected, actual) {
        case (.type(let e, _), .type(let a, _)):
            if e.kind == .resource, a.kind == .resource, imported.contains(e.index), m.resources[e.index] == nil {
                m.resources[e.index] = a.index
            }
        case (.instance(let e), .instance(let a)):
            guard let ei = space.instanceType(e), let ai = space.instanceType(a) else { return }
            for exp in ei.exports {
                if let act = ai.export(exp.name) {
                    bindResources(expected: exp.entity, actual: act.entity, imported: imported, &m)
                }
            }
        default:
            return
        }
    }
}
