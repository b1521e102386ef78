/// Writes resolved types back out as component type definitions, in one
/// scope: the composite's top level, or the body of an instance or
/// component type being declared inside it.
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
        if case .type = type { typeCount += 1; return typeCount - 1 }
        return nil
    }

    // MARK: lookups through enclosing scopes

    /// The index of resource `r` here, aliasing it from an enclosing scope
    /// if it lives there; nil if no scope knows it.
    func resourceIndex(_ r: ResourceID) throws(CompositionError) -> UInt32? {
        let id = canonical(r)
        if let i = resources[id] { return i }
        if kind == .top, let i = try top!.materializeResource(id) { resources[id] = i; return i }
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
        case .type(let other):
            throw CompositionError(.unsupported, "cannot encode the type export `\(name)` (\(TypeText().type(other)))")
        case .module, .value:
            throw CompositionError(.unsupported, "cannot encode the \(e.sortName) `\(name)` in a composite's type")
        }
    }

    /// A component type defined in this scope.
    func componentType(_ ct: ComponentType) throws(CompositionError) -> UInt32 {
        let inner = TypeScope(kind: .component, parent: self, unified: unified)
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
        case .instance(let it):
            let inner = TypeScope(kind: .instance, parent: self, unified: unified)
            for x in it.exports { try inner.declareExport(x.name.name, x.type, origin: x.origin) }
            externType = .instance(type: add(.instance(inner.decls)))
        case .type(.resource(let r)):
            // Another name for a resource already known here or outside is
            // the same resource (`(eq)`), not a new one.
            if let known = resources[canonical(r)] {
                externType = .type(.eq(known))
            } else if let parent, let outer = try parent.resourceIndex(r) {
                externType = .type(.eq(addOuterAlias(count: 1, index: outer)))
            } else {
                externType = .type(.subResource)
            }
            introduced = r
        case .type(.value(let v)): externType = .type(.eq(add(.defined(try defined(v)))))
        case .component(let c): externType = .component(type: try componentType(c))
        default: throw CompositionError(.unsupported, "cannot encode the \(e.sortName) import `\(name)` in a component type")
        }
        componentDecls.append(.import(Import(name: ExternName(name), type: externType)))
        if case .type = externType {
            typeCount += 1
            if let introduced {
                if resources[canonical(introduced)] == nil { resources[canonical(introduced)] = typeCount - 1 }
                resourceAliases[canonical(introduced), default: [:]][name] = typeCount - 1
            }
        }
    }
}
