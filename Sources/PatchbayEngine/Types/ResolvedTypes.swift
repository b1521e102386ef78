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
    public init(name: ExternName, type: EntityType) { self.name = name; self.type = type }
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
    public var exports: [CoreExportType] { didSet { positions = Self.positions(exports) } }
    /// Export positions by name: aliases look exports up one by one, and a
    /// core instance may export thousands of functions.
    private var positions: [String: Int]

    public init(exports: [CoreExportType]) {
        self.exports = exports
        positions = Self.positions(exports)
    }

    public func export(named name: String) -> CoreExportType? { positions[name].map { exports[$0] } }

    private static func positions(_ exports: [CoreExportType]) -> [String: Int] {
        var out: [String: Int] = [:]
        for (i, e) in exports.enumerated() where out[e.name] == nil { out[e.name] = i }
        return out
    }
}

/// An entry of the core type index space.
public enum CoreTypeEntry: Hashable, Sendable {
    case function(CoreFuncType)
    case module(CoreModuleType)
    /// A GC struct, array or continuation type: counted, not interpreted.
    case other
}
