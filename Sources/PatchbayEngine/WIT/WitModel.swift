/// A resolved set of WIT packages: the document model that both the
/// component decoder and (later) the WIT text parser produce, and that the
/// printer consumes.
///
/// Items live in arenas and refer to each other by typed index, the way
/// wit-parser's `Resolve` does: types are shared between interfaces (`use`),
/// interfaces between worlds and packages, so an arena keeps identity cheap
/// and avoids copying. Nothing here knows about the binary format.
public struct WitDocument: Sendable {
    public var packages: [WitPackage] = []
    public var interfaces: [WitInterface] = []
    public var worlds: [WitWorld] = []
    public var types: [WitTypeDef] = []

    public init() {}

    // `_modify` keeps appends through these subscripts in place; a setter
    // would copy an item's arrays on every append.
    public subscript(id: WitPackageID) -> WitPackage {
        get { packages[id.index] }
        _modify { yield &packages[id.index] }
    }
    public subscript(id: WitInterfaceID) -> WitInterface {
        get { interfaces[id.index] }
        _modify { yield &interfaces[id.index] }
    }
    public subscript(id: WitWorldID) -> WitWorld {
        get { worlds[id.index] }
        _modify { yield &worlds[id.index] }
    }
    public subscript(id: WitTypeID) -> WitTypeDef {
        get { types[id.index] }
        _modify { yield &types[id.index] }
    }

    public mutating func add(_ p: WitPackage) -> WitPackageID {
        packages.append(p); return WitPackageID(index: packages.count - 1)
    }
    public mutating func add(_ i: WitInterface) -> WitInterfaceID {
        interfaces.append(i); return WitInterfaceID(index: interfaces.count - 1)
    }
    public mutating func add(_ w: WitWorld) -> WitWorldID {
        worlds.append(w); return WitWorldID(index: worlds.count - 1)
    }
    public mutating func add(_ t: WitTypeDef) -> WitTypeID {
        types.append(t); return WitTypeID(index: types.count - 1)
    }
}

public struct WitPackageID: Hashable, Sendable { public var index: Int; public init(index: Int) { self.index = index } }
public struct WitInterfaceID: Hashable, Sendable { public var index: Int; public init(index: Int) { self.index = index } }
public struct WitWorldID: Hashable, Sendable { public var index: Int; public init(index: Int) { self.index = index } }
public struct WitTypeID: Hashable, Sendable { public var index: Int; public init(index: Int) { self.index = index } }

/// `namespace:name@version`.
public struct WitPackageName: Hashable, Sendable, CustomStringConvertible {
    public var namespace: String
    public var name: String
    /// The semver version as written (`0.2.0`, `1.0.0-rc.1+build`).
    public var version: String?
    public init(namespace: String, name: String, version: String? = nil) {
        self.namespace = namespace; self.name = name; self.version = version
    }
    public var description: String {
        "\(namespace):\(name)" + (version.map { "@\($0)" } ?? "")
    }
}

/// Documentation comments attached to an item (without the `///`).
public struct WitDocs: Hashable, Sendable {
    public var contents: String?
    public init(_ contents: String? = nil) { self.contents = contents }
}

/// Feature gates: `@since`, `@unstable`, and the `@deprecated` that may follow.
public enum WitStability: Hashable, Sendable {
    case unknown
    case stable(since: String, deprecated: String?)
    case unstable(feature: String, deprecated: String?)
}

public struct WitPackage: Sendable {
    public var name: WitPackageName
    public var docs: WitDocs
    /// Interfaces by name, in declaration order.
    public var interfaces: [(name: String, id: WitInterfaceID)]
    /// Worlds by name, in declaration order.
    public var worlds: [(name: String, id: WitWorldID)]
    public init(name: WitPackageName, docs: WitDocs = WitDocs(),
                interfaces: [(name: String, id: WitInterfaceID)] = [], worlds: [(name: String, id: WitWorldID)] = []) {
        self.name = name; self.docs = docs; self.interfaces = interfaces; self.worlds = worlds
    }
}

/// An interface: named (a package member) or anonymous (inline in a world).
public struct WitInterface: Sendable {
    public var name: String?
    public var docs: WitDocs
    public var stability: WitStability
    /// Types by name, in declaration order (including `use`d ones, which are
    /// type definitions of kind `.alias` pointing into another interface).
    public var types: [(name: String, id: WitTypeID)]
    public var functions: [WitFunction]
    public var package: WitPackageID?
    public init(name: String?, docs: WitDocs = WitDocs(), stability: WitStability = .unknown,
                types: [(name: String, id: WitTypeID)] = [], functions: [WitFunction] = [], package: WitPackageID? = nil) {
        self.name = name; self.docs = docs; self.stability = stability
        self.types = types; self.functions = functions; self.package = package
    }
}

/// How a world names one of its imports or exports.
public enum WitWorldKey: Hashable, Sendable {
    /// `import label: ...`
    case name(String)
    /// `import ns:pkg/iface;` (the key is the interface itself).
    case interface(WitInterfaceID)
}

public enum WitWorldItem: Sendable {
    case interface(WitInterfaceID, externalId: String? = nil, docs: WitDocs = WitDocs(), stability: WitStability = .unknown)
    case function(WitFunction)
    case type(WitTypeID)
}

public struct WitWorld: Sendable {
    public var name: String
    public var docs: WitDocs
    public var stability: WitStability
    public var imports: [(key: WitWorldKey, item: WitWorldItem)]
    public var exports: [(key: WitWorldKey, item: WitWorldItem)]
    public var package: WitPackageID?
    public init(name: String, docs: WitDocs = WitDocs(), stability: WitStability = .unknown,
                imports: [(key: WitWorldKey, item: WitWorldItem)] = [],
                exports: [(key: WitWorldKey, item: WitWorldItem)] = [], package: WitPackageID? = nil) {
        self.name = name; self.docs = docs; self.stability = stability
        self.imports = imports; self.exports = exports; self.package = package
    }
}

/// Who defines a type: `use` is printed only across owners.
public enum WitTypeOwner: Hashable, Sendable {
    case none
    case interface(WitInterfaceID)
    case world(WitWorldID)
}

/// A type expression: a primitive or a reference to a type definition
/// (named, or anonymous like `list<u8>`).
public enum WitType: Hashable, Sendable {
    case bool, u8, u16, u32, u64, s8, s16, s32, s64, f32, f64, char, string, errorContext
    case id(WitTypeID)

    public var primitiveName: String? {
        switch self {
        case .bool: "bool"
        case .u8: "u8"
        case .u16: "u16"
        case .u32: "u32"
        case .u64: "u64"
        case .s8: "s8"
        case .s16: "s16"
        case .s32: "s32"
        case .s64: "s64"
        case .f32: "f32"
        case .f64: "f64"
        case .char: "char"
        case .string: "string"
        case .errorContext: "error-context"
        case .id: nil
        }
    }
}

public struct WitField: Hashable, Sendable {
    public var name: String
    public var type: WitType
    public var docs: WitDocs
    public init(name: String, type: WitType, docs: WitDocs = WitDocs()) { self.name = name; self.type = type; self.docs = docs }
}

public struct WitCase: Hashable, Sendable {
    public var name: String
    public var type: WitType?
    public var docs: WitDocs
    public init(name: String, type: WitType?, docs: WitDocs = WitDocs()) { self.name = name; self.type = type; self.docs = docs }
}

/// A flag or an enum case: a name with docs.
public struct WitNamedCase: Hashable, Sendable {
    public var name: String
    public var docs: WitDocs
    public init(name: String, docs: WitDocs = WitDocs()) { self.name = name; self.docs = docs }
}

public enum WitHandle: Hashable, Sendable {
    case own(WitTypeID)
    case borrow(WitTypeID)
}

public enum WitTypeDefKind: Hashable, Sendable {
    case record([WitField])
    case variant([WitCase])
    case enumeration([WitNamedCase])
    case flags([WitNamedCase])
    case resource
    case handle(WitHandle)
    case tuple([WitType])
    case option(WitType)
    case result(ok: WitType?, err: WitType?)
    case list(WitType)
    case fixedList(WitType, UInt32)
    case map(WitType, WitType)
    case future(WitType?)
    case stream(WitType?)
    /// `type a = b`, or a `use` when `b` belongs to another interface.
    case alias(WitType)
}

public struct WitTypeDef: Sendable {
    public var name: String?
    public var kind: WitTypeDefKind
    public var owner: WitTypeOwner
    public var docs: WitDocs
    public var stability: WitStability
    public var externalId: String?
    public init(name: String?, kind: WitTypeDefKind, owner: WitTypeOwner, docs: WitDocs = WitDocs(),
                stability: WitStability = .unknown, externalId: String? = nil) {
        self.name = name; self.kind = kind; self.owner = owner; self.docs = docs
        self.stability = stability; self.externalId = externalId
    }
}

public struct WitParam: Hashable, Sendable {
    public var name: String
    public var type: WitType
    public init(name: String, type: WitType) { self.name = name; self.type = type }
}

public enum WitFunctionKind: Hashable, Sendable {
    case freestanding
    case method(WitTypeID)
    case `static`(WitTypeID)
    case constructor(WitTypeID)

    /// The resource a method, static or constructor belongs to.
    public var resource: WitTypeID? {
        switch self {
        case .freestanding: nil
        case .method(let r), .static(let r), .constructor(let r): r
        }
    }
}

public struct WitFunction: Sendable {
    /// The full name, mangled for resource functions (`[method]r.m`).
    public var name: String
    public var kind: WitFunctionKind
    public var isAsync: Bool
    public var params: [WitParam]
    public var result: WitType?
    public var docs: WitDocs
    public var stability: WitStability
    public var externalId: String?
    public init(name: String, kind: WitFunctionKind = .freestanding, isAsync: Bool = false, params: [WitParam] = [],
                result: WitType? = nil, docs: WitDocs = WitDocs(), stability: WitStability = .unknown, externalId: String? = nil) {
        self.name = name; self.kind = kind; self.isAsync = isAsync; self.params = params; self.result = result
        self.docs = docs; self.stability = stability; self.externalId = externalId
    }

    /// The name as written inside a resource block or interface: `m` for
    /// `[method]r.m`, `constructor` for constructors.
    public var itemName: String {
        switch kind {
        case .freestanding: return name
        case .constructor: return "constructor"
        case .method, .static:
            if let dot = name.firstIndex(of: ".") { return String(name[name.index(after: dot)...]) }
            return name
        }
    }
}
