/// Types of component-level entities after resolution: what an import,
/// export, instance or nested component *is*, with every index resolved.
///
/// These are the types that subtyping, composition and printing work on.
/// Resources are identified by `ResourceID`; instantiating a component type
/// substitutes its imported resources and mints fresh ones for its exports.
public indirect enum ResolvedType: Hashable, Sendable {
    case value(ValueType)
    case function(FunctionType)
    case resource(ResourceID)
    case instance(InstanceType)
    case component(ComponentType)
}

/// An import or export: its name (with attributes) and the type of the entity.
public struct NamedEntity: Hashable, Sendable {
    public var name: ExternName
    public var type: EntityType
    /// For a type export or import that is equal to a type exported by an
    /// imported interface (a WIT `use`): where it came from. Provenance
    /// only, so equality and hashing ignore it (types stay structural).
    public var origin: TypeOrigin?
    public init(name: ExternName, type: EntityType, origin: TypeOrigin? = nil) { self.name = name; self.type = type; self.origin = origin }

    public static func == (a: NamedEntity, b: NamedEntity) -> Bool { a.name == b.name && a.type == b.type }
    public func hash(into h: inout Hasher) { h.combine(name); h.combine(type) }
}

/// The export `name` of the interface imported as `interface`: the type a
/// WIT `use interface.{name}` refers to.
public struct TypeOrigin: Hashable, Sendable {
    public var interface: String
    public var name: String
    public init(interface: String, name: String) { self.interface = interface; self.name = name }

    /// Inside a component: "the type given for its type import `name`",
    /// resolved to the argument's origin when the component is instantiated
    /// (how wit-component's shims re-export a `use`d type).
    static func parameter(_ name: String) -> TypeOrigin { TypeOrigin(interface: "", name: name) }
    public var isParameter: Bool { interface.isEmpty }
}

/// The type of an importable or exportable entity.
public indirect enum EntityType: Hashable, Sendable {
    case module(CoreModuleType)
    case function(FunctionType)
    case value(ValueType)
    /// A type import or export, standing for the type it is equal to
    /// (a fresh resource for `(sub resource)`).
    case type(ResolvedType)
    case instance(InstanceType)
    case component(ComponentType)

    public var sortName: String {
        switch self {
        case .module: "module"
        case .function: "func"
        case .value: "value"
        case .type: "type"
        case .instance: "instance"
        case .component: "component"
        }
    }
}

public struct InstanceType: Hashable, Sendable {
    public var exports: [NamedEntity]
    public init(exports: [NamedEntity] = []) { self.exports = exports }

    public func export(named name: String) -> NamedEntity? {
        exports.first { $0.name.name == name }
    }
}

public struct ComponentType: Hashable, Sendable {
    public var imports: [NamedEntity]
    public var exports: [NamedEntity]
    public init(imports: [NamedEntity] = [], exports: [NamedEntity] = []) { self.imports = imports; self.exports = exports }
}

// MARK: core types

/// A core function signature.
public struct CoreFuncType: Hashable, Sendable, CustomStringConvertible {
    public var params: [CoreValType]
    public var results: [CoreValType]
    public init(params: [CoreValType], results: [CoreValType]) { self.params = params; self.results = results }
    public var description: String {
        "[\(params.map(\.text).joined(separator: " "))] -> [\(results.map(\.text).joined(separator: " "))]"
    }
}

/// The type of a core entity (what a core module imports or exports).
public enum CoreEntityType: Hashable, Sendable {
    case function(CoreFuncType?)
    case table(RefType, Limits)
    case memory(Limits)
    case global(CoreValType, mutable: Bool)
    case tag(CoreFuncType?)

    public var sort: CoreSort {
        switch self {
        case .function: .func_
        case .table: .table
        case .memory: .memory
        case .global: .global
        case .tag: .tag
        }
    }
}

public struct CoreImportType: Hashable, Sendable {
    public var module: String
    public var name: String
    public var type: CoreEntityType
}

public struct CoreExportType: Hashable, Sendable {
    public var name: String
    public var type: CoreEntityType
}

public struct CoreModuleType: Hashable, Sendable {
    public var imports: [CoreImportType]
    public var exports: [CoreExportType]
    public init(imports: [CoreImportType] = [], exports: [CoreExportType] = []) { self.imports = imports; self.exports = exports }
}

/// A core instance: the entities it exports, by name.
public struct CoreInstanceType: Hashable, Sendable {
    public var exports: [CoreExportType] { didSet { position = Self.positions(exports) } }
    /// Where each name first occurs in `exports`: a module with thousands of
    /// exports is aliased export by export, and a linear search made that quadratic.
    private var position: [String: Int]

    public init(exports: [CoreExportType]) {
        self.exports = exports
        self.position = Self.positions(exports)
    }

    public func export(named name: String) -> CoreExportType? { position[name].map { exports[$0] } }

    private static func positions(_ exports: [CoreExportType]) -> [String: Int] {
        var p: [String: Int] = [:]
        p.reserveCapacity(exports.count)
        for (i, e) in exports.enumerated() where p[e.name] == nil { p[e.name] = i }
        return p
    }

    // Equality and hashing are those of the exports; `position` only follows them.
    public static func == (a: CoreInstanceType, b: CoreInstanceType) -> Bool { a.exports == b.exports }
    public func hash(into hasher: inout Hasher) { hasher.combine(exports) }
}

/// An entry of the core type index space.
public enum CoreTypeEntry: Hashable, Sendable {
    case function(CoreFuncType)
    case module(CoreModuleType)
    /// A GC struct, array or continuation type: counted, not interpreted.
    case other
}
