/// The syntax tree of a WAC document.
public struct WacPos: Sendable, Hashable { public var line: Int; public var column: Int }

public struct WacDocument: Sendable {
    public var package: String
    public var packageVersion: String?
    public var targets: String?
    public var statements: [WacStatement]
    /// Where the `targets` path is written, for its errors.
    public var targetsPos: WacPos? = nil
}

public indirect enum WacTypeExpr: Sendable {
    case primitive(PrimitiveType)
    case named(String, WacPos)
    case tuple([WacTypeExpr])
    case list(WacTypeExpr)
    case option(WacTypeExpr)
    case result(ok: WacTypeExpr?, err: WacTypeExpr?)
    case borrow(String, WacPos)
}

public struct WacFuncType: Sendable {
    public var params: [(name: String, type: WacTypeExpr)]
    public var result: WacTypeExpr?
    /// Where `func` is written (line 0 when made up, e.g. for a constructor).
    public var pos = WacPos(line: 0, column: 0)
}

public enum WacTypeDecl: Sendable {
    case record(String, [(name: String, type: WacTypeExpr)], WacPos)
    case variant(String, [(name: String, type: WacTypeExpr?)], WacPos)
    case enumeration(String, [String], WacPos)
    case flags(String, [String], WacPos)
    case alias(String, WacTypeExpr, WacPos)
    case funcAlias(String, WacFuncType, WacPos)

    public var name: String {
        switch self {
        case .record(let n, _, _), .variant(let n, _, _), .enumeration(let n, _, _), .flags(let n, _, _), .alias(let n, _, _), .funcAlias(let n, _, _): n
        }
    }
}

public enum WacInterfaceItem: Sendable {
    case function(String, WacFuncType)
    /// `name: alias;` where `alias` is a declared function type.
    case functionNamed(String, String, WacPos)
    case type(WacTypeDecl)
    case resource(WacResourceDecl)
    case use(WacUse)
}

/// `use path.{a, b as c};`: types of another interface, by its local name
/// or its package path (`ns:pkg/iface@1.0.0`).
public struct WacUse: Sendable {
    public var path: String
    /// Whether `path` is a package path (has a `:`), not a local name.
    public var isPackagePath: Bool
    public var items: [(name: String, as: String?, pos: WacPos)]
    public var pos: WacPos
}

/// `resource r { constructor(...); m: func(...); s: static func(...); }`.
public struct WacResourceDecl: Sendable {
    public enum Item: Sendable {
        case constructor([(name: String, type: WacTypeExpr)], WacPos)
        case method(String, isStatic: Bool, WacFuncType, WacPos)
    }
    public var name: String
    public var items: [Item]
    public var pos: WacPos
}

/// What a world imports or exports: `name: type`, a package path, or a
/// declared interface by its local name.
public enum WacWorldItemPath: Sendable {
    case named(String, WacImportType, WacPos)
    case path(String, WacPos)
    case id(String, WacPos)
}

public enum WacWorldItem: Sendable {
    case use(WacUse)
    case type(WacTypeDecl)
    case resource(WacResourceDecl)
    case `import`(WacWorldItemPath)
    case export(WacWorldItemPath)
    /// `include w with { a as b };` where `w` is a local world or a package path.
    case include(String, with: [(from: String, to: String)], WacPos)
}

public enum WacImportType: Sendable {
    /// `ns:pkg/iface@1.0.0`: an interface found in a package.
    case path(String, WacPos)
    case function(WacFuncType)
    case interface([WacInterfaceItem])
    /// A type or interface declared in this document.
    case named(String, WacPos)
}

public indirect enum WacExpr: Sendable {
    case new(package: String, version: String?, args: [WacArg], ellipsis: Bool, WacPos)
    case name(String, WacPos)
    case access(WacExpr, String, WacPos)
    case namedAccess(WacExpr, String, WacPos)

    var pos: WacPos {
        switch self {
        case .new(_, _, _, _, let p), .name(_, let p), .access(_, _, let p), .namedAccess(_, _, let p): p
        }
    }
}

public enum WacArg: Sendable {
    case inferred(String, WacPos)
    /// `name: expr`; `quoted` when the name was a string (used exactly).
    case named(String, quoted: Bool, WacExpr, WacPos)
    case spread(String, WacPos)
}

public enum WacStatement: Sendable {
    case `import`(local: String, as: String?, WacImportType, WacPos)
    case type(WacTypeDecl)
    case interface(String, [WacInterfaceItem], WacPos)
    case world(String, [WacWorldItem], WacPos)
    case `let`(String, WacExpr, WacPos)
    case export(WacExpr, as: String?, spread: Bool, WacPos)
}
