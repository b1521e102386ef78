/// The named-type rule: a record, variant, enum or flags type that an import
/// or export mentions (in a function's parameters, a type's fields, an
/// instance's exports, through any tuple, list, option or result) must
/// itself be imported or exported by the same component, so that a bindings
/// generator has a name for it. An imported type counts for both imports and
/// exports; an exported type only for exports. Handles are checked by the
/// resource rules in `TypeResolver+ValidateNames.swift`.
///
/// The rule is about type *identity*, which the structural `ValueType`
/// deliberately lacks: two equal records are different types here when one
/// is exported and the other is not. So while validating, each scope keeps a
/// shadow of its index spaces in which every type definition, and every type
/// import or export, mints a fresh identity (`TypeShape.nominal`), and
/// references by index share it. The shadow is only filled while validating.

/// A type as far as naming goes.
indirect enum TypeShape: Sendable {
    /// Primitives, handles, resources: nothing here needs a name.
    case open
    /// Record, variant, enum or flags, with its identity and its members.
    case nominal(id: Int, members: [TypeShape])
    /// Tuple, list, option, result, stream, future, map: may stay anonymous,
    /// but their members may not.
    case structural([TypeShape])
    /// A function type: its parameter and result types.
    case function([TypeShape])
    case instance([NamedShape])
    case component(ComponentShape)

    /// The type a type import or export creates: a fresh identity for a
    /// nominal type, the same shape otherwise.
    func renewed(_ id: () -> Int) -> TypeShape {
        if case .nominal(_, let m) = self { return .nominal(id: id(), members: m) }
        return self
    }

    var exports: [NamedShape] {
        switch self {
        case .instance(let e): e
        case .component(let c): c.exports
        default: []
        }
    }

    var component: ComponentShape {
        if case .component(let c) = self { return c }
        return ComponentShape()
    }

    /// Replaces the identities that `map` binds (a component's imported
    /// types, by the arguments that instantiate it).
    func substituting(_ map: [Int: TypeShape]) -> TypeShape {
        switch self {
        case .open: return self
        case .nominal(let id, let m):
            if let to = map[id] { return to }
            return .nominal(id: id, members: m.map { $0.substituting(map) })
        case .structural(let m): return .structural(m.map { $0.substituting(map) })
        case .function(let m): return .function(m.map { $0.substituting(map) })
        case .instance(let e): return .instance(e.map { $0.substituting(map) })
        case .component: return self  // closed: its own imports bind its types
        }
    }

    var members: [TypeShape] {
        switch self {
        case .nominal(_, let m), .structural(let m), .function(let m): m
        default: []
        }
    }
}

/// An import or export of an instance or component type, by name.
struct NamedShape: Sendable {
    var name: String
    var shape: EntityShape

    func substituting(_ map: [Int: TypeShape]) -> NamedShape {
        NamedShape(name: name, shape: shape.substituting(map))
    }
}

/// A component (type): what it imports, for binding arguments at
/// instantiation, and what it exports.
struct ComponentShape: Sendable {
    var imports: [NamedShape] = []
    var exports: [NamedShape] = []

    /// The identities of imported types bound to the shapes of `args`.
    func bindings(_ args: [String: EntityShape]) -> [Int: TypeShape] {
        var map: [Int: TypeShape] = [:]
        func bind(_ pattern: EntityShape, _ actual: EntityShape) {
            switch (pattern, actual) {
            case (.type(.nominal(let id, _), _), .type(let a, _)): map[id] = a
            case (.instance(let p), .instance(let a)):
                for x in p { if let y = a.first(where: { $0.name == x.name }) { bind(x.shape, y.shape) } }
            default: break
            }
        }
        for i in imports { if let a = args[i.name] { bind(i.shape, a) } }
        return map
    }
}

/// The shape of an entity in an index space.
enum EntityShape: Sendable {
    case type(created: TypeShape, referenced: TypeShape)
    case function([TypeShape])
    case value(TypeShape)
    case instance([NamedShape])
    case component(ComponentShape)
    case module

    func substituting(_ map: [Int: TypeShape]) -> EntityShape {
        switch self {
        case .type(let c, let r): .type(created: c.substituting(map), referenced: r.substituting(map))
        case .function(let m): .function(m.map { $0.substituting(map) })
        case .value(let v): .value(v.substituting(map))
        case .instance(let e): .instance(e.map { $0.substituting(map) })
        case .component, .module: self
        }
    }
}

/// The shadow index spaces of one scope (kept inside `IndexSpaces`).
struct ShapeSpaces: Sendable {
    var types: [TypeShape] = []
    var funcs: [[TypeShape]] = []
    var values: [TypeShape] = []
    var instances: [[NamedShape]] = []
    var components: [ComponentShape] = []
    var imports: [NamedShape] = []
    var exports: [NamedShape] = []
    /// Identities that imports and exports of this scope have named.
    var importedTypes: Set<Int> = []
    var exportedTypes: Set<Int> = []
    /// False in instance types, where the rule is checked only when the
    /// instance type is used by an import or export.
    var checksNames = true

    func type(_ i: UInt32) -> TypeShape { Int(i) < types.count ? types[Int(i)] : .open }

    func value(_ r: ValTypeRef) -> TypeShape {
        if case .index(let i) = r { return type(i) }
        return .open
    }

    /// The shape of item `index` of `sort`, as an export or argument sees it.
    func entity(_ sort: Sort, _ index: UInt32) -> EntityShape {
        let i = Int(index)
        switch sort {
        case .type: let t = type(index); return .type(created: t, referenced: t)
        case .func_: return .function(i < funcs.count ? funcs[i] : [])
        case .value: return .value(i < values.count ? values[i] : .open)
        case .instance: return .instance(i < instances.count ? instances[i] : [])
        case .component: return .component(i < components.count ? components[i] : ComponentShape())
        case .core: return .module
        }
    }

    /// Adds an entity to the index space its sort says.
    mutating func add(_ s: EntityShape) {
        switch s {
        case .type(let created, _): types.append(created)
        case .function(let m): funcs.append(m)
        case .value(let v): values.append(v)
        case .instance(let e): instances.append(e)
        case .component(let e): components.append(e)
        case .module: break
        }
    }
}

extension TypeResolver {
    var shapes: ShapeSpaces {
        get { cur.shapes }
        _modify { yield &cur.shapes }
    }

    func freshTypeId() -> Int {
        guard let v = validation else { return 0 }
        v.nextTypeId += 1
        return v.nextTypeId
    }

    /// The shape of a type definition in the current scope (not for
    /// instance and component types, whose shapes come from their scope).
    func shape(of kind: TypeDef.Kind) -> TypeShape {
        switch kind {
        case .defined(let d): return shape(of: d)
        case .function(let f):
            return .function(f.params.map { shapes.value($0.type) } + (f.result.map { [shapes.value($0)] } ?? []))
        case .resource, .instance, .component: return .open
        }
    }

    func shape(of d: DefinedType) -> TypeShape {
        let s = shapes
        func opt(_ r: ValTypeRef?) -> [TypeShape] { r.map { [s.value($0)] } ?? [] }
        switch d {
        case .primitive, .own, .borrow: return .open
        case .record(let fields): return .nominal(id: freshTypeId(), members: fields.map { s.value($0.type) })
        case .variant(let cases): return .nominal(id: freshTypeId(), members: cases.flatMap { opt($0.type) })
        case .flags, .enumeration: return .nominal(id: freshTypeId(), members: [])
        case .list(let t), .fixedList(let t, _), .option(let t): return .structural([s.value(t)])
        case .tuple(let ts): return .structural(ts.map(s.value))
        case .result(let ok, let err): return .structural(opt(ok) + opt(err))
        case .stream(let t), .future(let t): return .structural(opt(t))
        case .map(let k, let v): return .structural([s.value(k), s.value(v)])
        }
    }

    /// The shape of an `externtype` in the current scope; a type import or
    /// export gets a new identity.
    func shape(of t: ExternType) -> EntityShape {
        let s = shapes
        switch t {
        case .module: return .module
        case .func_(let i): return .function(s.type(i).members)
        case .value(let v): return .value(s.value(v))
        case .type(.eq(let i)):
            let referenced = s.type(i)
            return .type(created: referenced.renewed(freshTypeId), referenced: referenced)
        case .type(.subResource): return .type(created: .open, referenced: .open)
        case .component(let i): return .component(s.type(i).component)
        case .instance(let i): return .instance(s.type(i).exports)
        }
    }

    /// Checks the named-type rule for an import or export of the current
    /// scope and records the types it names.
    func checkNamedTypes(_ e: EntityShape, isImport: Bool, sortName: String, at offset: Int) throws(ValidationError) {
        guard validation != nil else { return }
        if !registerNamed(e, isImport: isImport) {
            throw ValidationError("\(sortName) not valid to be used as \(isImport ? "import" : "export")", at: offset)
        }
    }

    private func registerNamed(_ e: EntityShape, isImport: Bool) -> Bool {
        guard shapes.checksNames else { return true }
        let set = isImport ? shapes.importedTypes : shapes.exportedTypes
        switch e {
        case .type(let created, let referenced):
            guard Self.membersNamed(referenced, set) else { return false }
            if case .nominal(let id, _) = created {
                shapes.exportedTypes.insert(id)
                if isImport { shapes.importedTypes.insert(id) }
            }
            return true
        case .instance(let exports):
            // In order: a type an instance exports names it for the exports after it.
            for x in exports where !registerNamed(x.shape, isImport: isImport) { return false }
            return true
        case .function(let params): return params.allSatisfy { Self.isNamed($0, set) }
        case .value(let v): return Self.isNamed(v, set)
        case .component, .module: return true
        }
    }

    /// Whether the types that `t` is made of are named (`t` itself is being
    /// named by the import or export).
    static func membersNamed(_ t: TypeShape, _ set: Set<Int>) -> Bool {
        switch t {
        case .open, .component: return true
        case .nominal(_, let m), .structural(let m), .function(let m): return m.allSatisfy { isNamed($0, set) }
        case .instance(let exports): return exports.allSatisfy { entityNamed($0.shape, set) }
        }
    }

    private static func entityNamed(_ e: EntityShape, _ set: Set<Int>) -> Bool {
        switch e {
        case .function(let params): params.allSatisfy { isNamed($0, set) }
        case .type(let created, _): membersNamed(created, set)
        case .value(let v): membersNamed(v, set)
        case .instance(let exports): exports.allSatisfy { entityNamed($0.shape, set) }
        case .component, .module: true
        }
    }

    /// Whether a use of `t` is named: nominal types must be in `set`,
    /// anonymous ones must be made of named ones.
    static func isNamed(_ t: TypeShape, _ set: Set<Int>) -> Bool {
        switch t {
        case .open, .function, .instance, .component: return true
        case .nominal(let id, _): return set.contains(id)
        case .structural(let m): return m.allSatisfy { isNamed($0, set) }
        }
    }
}

extension EntityShape {
    /// An identity-free stand-in of the right sort, for entries whose shape
    /// could not be followed (resolution reports the real problem).
    static func placeholder(_ e: EntityType) -> EntityShape {
        switch e {
        case .module: .module
        case .function: .function([])
        case .value: .value(.open)
        case .type: .type(created: .open, referenced: .open)
        case .instance: .instance([])
        case .component: .component(ComponentShape())
        }
    }
}

extension TypeResolver {
    /// The exports of a new component instance, by shape.
    func instanceShape(_ i: ComponentInstance) -> [NamedShape] {
        switch i.expr {
        case .instantiate(let c, let args):
            guard Int(c) < shapes.components.count else { return [] }
            let component = shapes.components[Int(c)]
            var given: [String: EntityShape] = [:]
            for a in args { given[a.name] = shapes.entity(a.item.sort, a.item.index) }
            let map = component.bindings(given)
            return map.isEmpty ? component.exports : component.exports.map { $0.substituting(map) }
        case .fromExports(let items):
            return items.map { NamedShape(name: $0.name.name, shape: shapes.entity($0.item.sort, $0.item.index)) }
        }
    }
}
