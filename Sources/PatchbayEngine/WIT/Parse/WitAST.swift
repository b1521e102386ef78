/// The syntax tree of one WIT file, before any name is resolved.
///
/// Spans are kept on every name so that resolution errors can point at the
/// exact token. The shapes follow the grammar of WIT.md one to one.
public enum WitAST {
    public struct Ident: Sendable {
        public var name: String
        public var span: WitSpan
    }

    /// Comments in front of an item, raw (`/// x`, `/** x */`, `// x`); only
    /// doc comments survive into the resolved document.
    public struct Docs: Sendable {
        public var comments: [String] = []
        public var span: WitSpan = .unknown
    }

    public enum Attribute: Sendable {
        case since(span: WitSpan, version: String)
        case unstable(span: WitSpan, feature: Ident)
        case deprecated(span: WitSpan, version: String)
        case externalId(span: WitSpan, id: String)
    }

    public struct PackageName: Sendable {
        public var docs: Docs
        public var span: WitSpan
        public var namespace: Ident
        public var name: Ident
        public var version: (span: WitSpan, text: String)?

        public var resolved: WitPackageName {
            WitPackageName(namespace: namespace.name, name: name.name, version: version?.text)
        }
    }

    /// A file, or the body of a nested `package a:b { ... }`.
    public struct PackageFile: Sendable {
        public var packageName: PackageName?
        public var items: [Item]
    }

    public enum Item: Sendable {
        case interface(Interface)
        case world(World)
        case use(ToplevelUse)
        case package(PackageFile)
    }

    /// `use a:b/c@1.0.0 as d;` at the top of a file.
    public struct ToplevelUse: Sendable {
        public var span: WitSpan
        public var attributes: [Attribute]
        public var path: UsePath
        public var asName: Ident?
    }

    public enum UsePath: Sendable {
        case id(Ident)
        case package(PackageName, Ident)

        public var name: Ident {
            switch self {
            case .id(let i): i
            case .package(_, let i): i
            }
        }
    }

    public struct Interface: Sendable {
        public var docs: Docs
        public var attributes: [Attribute]
        public var name: Ident
        public var items: [InterfaceItem]
    }

    public enum InterfaceItem: Sendable {
        case typeDef(TypeDef)
        case function(NamedFunc)
        case use(Use)
    }

    public struct Use: Sendable {
        public var attributes: [Attribute]
        public var from: UsePath
        public var names: [(name: Ident, asName: Ident?)]
    }

    public struct World: Sendable {
        public var docs: Docs
        public var attributes: [Attribute]
        public var name: Ident
        public var items: [WorldItem]
    }

    public enum WorldItem: Sendable {
        case `import`(Extern)
        case export(Extern)
        case use(Use)
        case type(TypeDef)
        case include(Include)
    }

    public struct Extern: Sendable {
        public var docs: Docs
        public var attributes: [Attribute]
        public var kind: ExternKind
    }

    public enum ExternKind: Sendable {
        /// `label: interface { ... }`
        case interface(Ident, [InterfaceItem])
        /// `ns:pkg/iface@v` or a local interface name.
        case path(UsePath)
        /// `label: func(...)`
        case function(Ident, Func)
        /// `label: path` (a named import that implements an interface).
        case namedPath(Ident, UsePath)

        public var span: WitSpan {
            switch self {
            case .interface(let i, _), .function(let i, _), .namedPath(let i, _): i.span
            case .path(.id(let i)): i.span
            case .path(.package(let p, _)): p.span
            }
        }
    }

    public struct Include: Sendable {
        public var attributes: [Attribute]
        public var from: UsePath
        public var names: [(name: Ident, asName: Ident)]
    }

    public struct TypeDef: Sendable {
        public var docs: Docs
        public var attributes: [Attribute]
        public var name: Ident
        public var type: TypeExpr
    }

    public struct Field: Sendable {
        public var docs: Docs
        public var name: Ident
        public var type: TypeExpr
    }

    public struct Case: Sendable {
        public var docs: Docs
        public var name: Ident
        public var type: TypeExpr?
    }

    public struct NamedCase: Sendable {
        public var docs: Docs
        public var name: Ident
    }

    public enum ResourceFuncKind: Sendable { case method, `static`, constructor }

    public struct ResourceFunc: Sendable {
        public var kind: ResourceFuncKind
        public var function: NamedFunc
    }

    public struct NamedFunc: Sendable {
        public var docs: Docs
        public var attributes: [Attribute]
        public var name: Ident
        public var function: Func
    }

    public struct Func: Sendable {
        public var span: WitSpan
        public var isAsync: Bool
        public var params: [(name: Ident, type: TypeExpr)]
        public var result: TypeExpr?
    }

    public enum Primitive: Sendable {
        case bool, u8, u16, u32, u64, s8, s16, s32, s64, f32, f64, char, string, errorContext

        var type: WitType {
            switch self {
            case .bool: .bool
            case .u8: .u8
            case .u16: .u16
            case .u32: .u32
            case .u64: .u64
            case .s8: .s8
            case .s16: .s16
            case .s32: .s32
            case .s64: .s64
            case .f32: .f32
            case .f64: .f64
            case .char: .char
            case .string: .string
            case .errorContext: .errorContext
            }
        }
    }

    /// A type expression, or (only as the body of a named definition) a
    /// record, variant, enum, flags or resource.
    public indirect enum TypeExpr: Sendable {
        case primitive(Primitive, WitSpan)
        case name(Ident)
        case list(TypeExpr, WitSpan)
        case fixedList(TypeExpr, UInt32, WitSpan)
        case map(TypeExpr, TypeExpr, WitSpan)
        case own(Ident)
        case borrow(Ident)
        case tuple([TypeExpr], WitSpan)
        case option(TypeExpr, WitSpan)
        case result(ok: TypeExpr?, err: TypeExpr?, WitSpan)
        case future(TypeExpr?, WitSpan)
        case stream(TypeExpr?, WitSpan)
        case record([Field], WitSpan)
        case variant([Case], WitSpan)
        case enumeration([NamedCase], WitSpan)
        case flags([NamedCase], WitSpan)
        case resource([ResourceFunc], WitSpan)

        public var span: WitSpan {
            switch self {
            case .primitive(_, let s), .list(_, let s), .fixedList(_, _, let s), .map(_, _, let s),
                 .tuple(_, let s), .option(_, let s), .result(_, _, let s), .future(_, let s),
                 .stream(_, let s), .record(_, let s), .variant(_, let s), .enumeration(_, let s),
                 .flags(_, let s), .resource(_, let s):
                s
            case .name(let i), .own(let i), .borrow(let i): i.span
            }
        }
    }
}
