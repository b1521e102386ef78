/// The syntax tree of a WAC document.
public struct WacPos: Sendable, Hashable { public var line: Int; public var column: Int }

public struct WacDocument: Sendable {
    public var package: String
    public var packageVersion: String?
    public var targets: String?
    public var statements: [WacStatement]
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
    case type(WacTypeDecl)
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
    case `let`(String, WacExpr, WacPos)
    case export(WacExpr, as: String?, spread: Bool, WacPos)
}
