/// Writes resolved types back out as component type definitions, in one
/// scope: the composite's top level, or the body of an instance or
/// component type being declared inside it.
///
/// A component type is closed: the resources and named types it
/// introduces (through its imports and exports) are its own, even when the
/// composite has resources with the same ids (a package's import types
/// share ids with the implicit imports made from them). Such a scope finds
/// them through its own imported instances (`alias export`), never through
/// an outer alias, so a package imported by reference keeps its real type.
///
/// Resolution turned type indices into structure; encoding turns structure
/// back into indices. Resources are found by identity (a resource already
/// defined in an enclosing scope is reached with an outer alias, never
/// redefined: that would make a different resource). Records, variants,
/// enums and flags must be named where a function uses them, so a scope
/// remembers which names it gave each structure and reuses them.
final class TypeScope {
    enum Kind { case top, instance, component }

    let kind: Kind
    let parent: TypeScope?
    /// For the top scope: the encoder that owns the section list.
    weak var top: CompositionEncoderState?
    var decls: [InstanceDecl] = []
    var componentDecls: [ComponentDecl] = []
    var typeCount: UInt32 = 0
    var resources: [Int: UInt32] = [:]
    /// The index of a resource under each name it was given here
    /// (`resource x; type y = x`), so a handle is written through the name
    /// it was reached by.
    var resourceAliases: [Int: [String: UInt32]] = [:]
    /// Structures given a name in this scope, with the name.
    var named: [ValueType: [(name: String, index: UInt32)]] = [:]
    var anonymous: [Spelled<ValueType>: UInt32] = [:]
    var functions: [Spelled<FunctionType>: UInt32] = [:]
    /// Resources resolved through `unified` before lookup.
    let unified: [Int: ResourceID]
    /// For a component type: the resources it introduces itself, which
    /// must not be looked up in enclosing scopes.
    var sealed: Set<Int> = []
    /// For a component type: the instances it imports (or aliases) so far,
    /// and the types they export, aliased into the body when first needed.
    var instanceCount: UInt32 = 0
    var pendingResources: [Int: (instance: UInt32, path: [String])] = [:]
    var pendingNamed: [ValueType: [(name: String, instance: UInt32, path: [String])]] = [:]

    init(kind: Kind, parent: TypeScope?, unified: [Int: ResourceID]) {
        self.kind = kind; self.parent = parent; self.unified = unified
    }

    func canonical(_ r: ResourceID) -> Int { unified[r.id]?.id ?? r.id }

    // MARK: adding to the scope

    func add(_ kind: TypeDef.Kind) -> UInt32 {
        let def = TypeDef(kind)
        switch self.kind {
        case .top: return top!.addType(def)
        case .instance: decls.append(.type(def))
        case .component: componentDecls.append(.instance(.type(def)))
        }
        typeCount += 1
        return typeCount - 1
    }

    func addOuterAlias(count: UInt32, index: UInt32) -> UInt32 {
        let a = Alias(sort: .type, target: .outer(count: count, index: index))
        switch kind {
        case .top: return top!.addAlias(a)
        case .instance: decls.append(.alias(a))
        case .component: componentDecls.append(.instance(.alias(a)))
        }
        typeCount += 1
        return typeCount - 1
    }

    /// An export declaration; type exports add to the type index space.
    func addExport(_ name: String, _ type: ExternType) -> UInt32? {
        switch kind {
        // The top scope has no export declarations (the composite's exports
        // are export sections, written by the encoder); nothing to record.
        case .top: return nil
        case .instance: decls.append(.export(offset: 0, name: ExternName(name), type: type))
        case .component: componentDecls.append(.instance(.export(offset: 0, name: ExternName(name), type: type)))
        }
        // An exported instance of a component type takes the next
        // instance index there (aliases after it count from it).
        if case .instance = type, kind == .component { instanceCount += 1 }
        if case .type = type { typeCount += 1; return typeCount - 1 }
        return nil
    }

    // MARK: types exported by a component type's imported instances

    /// Notes the types an instance imported by this component type
    /// exports, to alias on demand.
    func register(instance index: UInt32, _ t: InstanceType, path: [String] = []) {
        for e in t.exports {
            switch e.type {
            case .type(.resource(let r)):
                let id = canonical(r)
                if pendingResources[id] == nil && resources[id] == nil { pendingResources[id] = (index, path + [e.name.name]) }
            case .type(.value(let v)):
                pendingNamed[v, default: []].append((e.name.name, index, path + [e.name.name]))
            case .instance(let inner):
                register(instance: index, inner, path: path + [e.name.name])
            default: break
            }
        }
    }

    /// `alias export` of the type at `path` inside this component type's
    /// instance `index` (instance types allow only outer aliases, so only
    /// component types keep pending exports).
    func aliasLocal(instance index: UInt32, path: [String]) -> UInt32? {
        guard kind == .component, let last = path.last else { return nil }
        var inst = index
        for step in path.dropLast() {
            componentDecls.append(.instance(.alias(Alias(sort: .instance, target: .instanceExport(instance: inst, name: step)))))
            inst = instanceCount
            instanceCount += 1
        }
        componentDecls.append(.instance(.alias(Alias(sort: .type, target: .instanceExport(instance: inst, name: last)))))
        typeCount += 1
        return typeCount - 1
    }

    func materializeLocalResource(_ id: Int) -> UInt32? {
        guard let p = pendingResources.removeValue(forKey: id) else { return nil }
        return aliasLocal(instance: p.instance, path: p.path)
    }

    /// The first imported export with that structure (and name, if given):
    /// what the package's own encoding refers to.
    func materializeLocalNamed(_ v: ValueType, name: String?) -> UInt32? {
        guard let list = pendingNamed[v], let hit = list.first(where: { name == nil || $0.name == name }) else { return nil }
        return aliasLocal(instance: hit.instance, path: hit.path)
    }

    // MARK: lookups through enclosing scopes

    /// The index of resource `r` here, aliasing it from an enclosing scope
    /// if it lives there; nil if no scope knows it.
    func resourceIndex(_ r: ResourceID) throws(CompositionError) -> UInt32? {
        let id = canonical(r)
        if let i = resources[id] { return i }
        if kind == .top, let i = try top!.materializeResource(id) { resources[id] = i; return i }
        if kind == .component {
            if let i = materializeLocalResource(id) { resources[id] = i; return i }
            if sealed.contains(id) { return nil }
        }
        guard let parent, let outer = try parent.resourceIndex(r) else { return nil }
        let i = addOuterAlias(count: 1, index: outer)
        resources[id] = i
        return i
    }

    /// An index for a named structure called `name` in an enclosing scope
    /// (a `use`), if there is one.
    func outerNamed(_ v: ValueType, name: String?) throws(CompositionError) -> UInt32? {
        guard let parent else { return nil }
        guard let outer = try parent.namedIndex(v, name: name) else { return nil }
        return addOuterAlias(count: 1, index: outer)
    }

    func namedIndex(_ v: ValueType, name: String?) throws(CompositionError) -> UInt32? {
        if let list = named[v], let hit = list.last(where: { name == nil || $0.name == name }) { return hit.index }
        if kind == .top, let i = try top!.materializeNamed(v, name: name) { named[v, default: []].append((name ?? "", i)); return i }
        if kind == .component {
            // A component type names its own types (a type from outside
            // would not count as named in it).
            guard let i = materializeLocalNamed(v, name: name) else { return nil }
            named[v, default: []].append((name ?? "", i))
            return i
        }
        guard let parent, let outer = try parent.namedIndex(v, name: name) else { return nil }
        let i = addOuterAlias(count: 1, index: outer)
        named[v, default: []].append((name ?? "", i))
        return i
    }

    static func needsName(_ v: ValueType) -> Bool {
        switch v {
        case .record, .variant, .enumeration, .flags: true
        default: false
        }
    }

    // MARK: defining

    func ref(_ v: ValueType) throws(CompositionError) -> ValTypeRef {
        if let p = v.primitive { return .primitive(p) }
        if let list = named[v], let last = list.last { return .index(last.index) }
        if Self.needsName(v), let i = try namedIndex(v, name: nil) { return .index(i) }
        let key = v.spelled
        if let i = anonymous[key] { return .index(i) }
        let i = add(.defined(try defined(v)))
        anonymous[key] = i
        return .index(i)
    }

    func defined(_ v: ValueType) throws(CompositionError) -> DefinedType {
        try v.definedType(ref: { (t: ValueType) throws(CompositionError) in try ref(t) },
                          handle: { (r: ResourceID) throws(CompositionError) in try handle(r) })
    }

    func handle(_ r: ResourceID) throws(CompositionError) -> UInt32 {
        if let i = resourceAliases[canonical(r)]?[r.name] { return i }
        guard let i = try resourceIndex(r) else {
            throw CompositionError(.unsupported, "the resource `\(r.name)` is used by an import of the composite but no import or instance before it provides it")
        }
        return i
    }

    func function(_ f: FunctionType) throws(CompositionError) -> UInt32 {
        let key = f.spelled
        if let i = functions[key] { return i }
        let i = add(.function(try f.definition(ref: { (t: ValueType) throws(CompositionError) in try ref(t) })))
        functions[key] = i
        return i
    }

    /// Declares `e` as an export named `name` of the instance or component
    /// type this scope is building.
    func declareExport(_ name: String, _ e: EntityType, origin: TypeOrigin? = nil) throws(CompositionError) {
        switch e {
        case .function(let f): _ = addExport(name, .func_(type: try function(f)))
        case .type(.resource(let r)) where kind == .component:
            // Its own resource (from an import, or aliased from one of its
            // imported instances), one from outside, or a new one.
            let id = canonical(r)
            if let known = try resourceIndex(r) {
                resources[id] = addExport(name, .type(.eq(known)))
            } else {
                resources[id] = addExport(name, .type(.subResource))
            }
            if let i = resources[id] { resourceAliases[id, default: [:]][name] = i }
        case .type(.resource(let r)):
            let id = canonical(r)
            if resources[id] == nil, let parent, let outer = try parent.resourceIndex(r) {
                // A resource from outside (a `use`): the same resource, not a new one.
                let a = addOuterAlias(count: 1, index: outer)
                resources[id] = addExport(name, .type(.eq(a)))
            } else if let local = resources[id] {
                resources[id] = addExport(name, .type(.eq(local)))
            } else {
                resources[id] = addExport(name, .type(.subResource))
            }
            if let i = resources[id] { resourceAliases[id, default: [:]][name] = i }
        case .type(.value(let v)):
            let target: UInt32
            // A `use`d type is found under the name its interface gives it.
            if let outer = try outerNamed(v, name: origin.flatMap { $0.isParameter ? nil : $0.name } ?? name) {
                target = outer
            } else if let p = v.primitive {
                target = add(.defined(.primitive(p)))
            } else {
                target = add(.defined(try defined(v)))
            }
            if let i = addExport(name, .type(.eq(target))) { named[v, default: []].append((name, i)) }
        case .instance(let it):
            let inner = TypeScope(kind: .instance, parent: self, unified: unified)
            for x in it.exports { try inner.declareExport(x.name.name, x.type, origin: x.origin) }
            let t = add(.instance(inner.decls))
            _ = addExport(name, .instance(type: t))
        case .component(let ct):
            let t = try componentType(ct)
            _ = addExport(name, .component(type: t))
        case .type(.function(let f)):
            // A function type exported as a type (`(export "f" (type (eq N)))`).
            _ = addExport(name, .type(.eq(try function(f))))
        case .type(.instance(let it)):
            _ = addExport(name, .type(.eq(try instanceType(it))))
        case .type(.component(let ct)):
            _ = addExport(name, .type(.eq(try componentType(ct))))
        case .module, .value:
            throw CompositionError(.unsupported, "cannot encode the \(e.sortName) `\(name)` in a composite's type")
        }
    }

    /// An instance type defined in this scope.
    func instanceType(_ it: InstanceType) throws(CompositionError) -> UInt32 {
        let inner = TypeScope(kind: .instance, parent: self, unified: unified)
        for x in it.exports { try inner.declareExport(x.name.name, x.type, origin: x.origin) }
        return add(.instance(inner.decls))
    }

    /// A component type defined in this scope. Its resources are its own:
    /// ids are taken as they are (no merging of the composite's imports
    /// applies inside it).
    func componentType(_ ct: ComponentType) throws(CompositionError) -> UInt32 {
        let inner = TypeScope(kind: .component, parent: self, unified: [:])
        for e in ct.imports + ct.exports { for r in e.type.introducedResources { inner.sealed.insert(r.id) } }
        for imp in ct.imports { try inner.declareImport(imp.name.name, imp.type) }
        for exp in ct.exports { try inner.declareExport(exp.name.name, exp.type, origin: exp.origin) }
        return add(.component(inner.componentDecls))
    }

    /// An import declaration inside a component type.
    func declareImport(_ name: String, _ e: EntityType) throws(CompositionError) {
        let externType: ExternType
        var introduced: ResourceID?
        switch e {
        case .function(let f): externType = .func_(type: try function(f))
        case .instance(let it): externType = .instance(type: try instanceType(it))
        case .type(.resource(let r)):
            // Another name for a resource already known here (or outside,
            // if this type does not introduce it) is the same resource
            // (`(eq)`), not a new one.
            if let known = try resourceIndex(r) {
                externType = .type(.eq(known))
            } else {
                externType = .type(.subResource)
            }
            introduced = r
        case .type(.value(let v)): externType = .type(.eq(add(.defined(try defined(v)))))
        case .type(.function(let f)): externType = .type(.eq(try function(f)))
        case .type(.instance(let it)): externType = .type(.eq(try instanceType(it)))
        case .type(.component(let c)): externType = .type(.eq(try componentType(c)))
        case .component(let c): externType = .component(type: try componentType(c))
        default: throw CompositionError(.unsupported, "cannot encode the \(e.sortName) import `\(name)` in a component type")
        }
        componentDecls.append(.import(Import(name: ExternName(name), type: externType)))
        switch externType {
        case .type:
            typeCount += 1
            if let introduced {
                if resources[canonical(introduced)] == nil { resources[canonical(introduced)] = typeCount - 1 }
                resourceAliases[canonical(introduced), default: [:]][name] = typeCount - 1
            }
            // Later uses of the structure refer to the import, its name here.
            if case .type(.value(let v)) = e { named[v, default: []].append((name, typeCount - 1)) }
        case .instance:
            if case .instance(let it) = e { register(instance: instanceCount, it) }
            instanceCount += 1
        default: break
        }
    }
}
