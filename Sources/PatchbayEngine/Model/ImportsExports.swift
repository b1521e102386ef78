/// An extern name with its optional attributes (Binary.md `nameattributes`).
///
/// `kind` keeps the leading byte (0x00, the legacy 0x01, or 0x02 when
/// attributes follow) so that re-encoding reproduces the input.
public struct ExternName: Sendable, Hashable, CustomStringConvertible {
    public var kind: UInt8
    public var name: String
    public var attributes: [Attribute]

    public enum Attribute: Sendable, Hashable {
        case implements(String)
        case versionSuffix(String)
        case externalId(String)
    }

    public init(_ name: String, kind: UInt8 = 0, attributes: [Attribute] = []) {
        self.name = name; self.kind = kind; self.attributes = attributes
    }

    public var description: String { name }

    public var implements: String? {
        for a in attributes { if case .implements(let s) = a { return s } }
        return nil
    }
}

/// The type of an import or export (Binary.md `externtype`).
public enum ExternType: Sendable, Hashable {
    case module(coreType: UInt32)
    case func_(type: UInt32)
    /// A value import (gated 🪙); toolchains write a bare value type here.
    case value(ValTypeRef)
    case type(TypeBound)
    case component(type: UInt32)
    case instance(type: UInt32)

    public var sort: Sort {
        switch self {
        case .module: .core(.module)
        case .func_: .func_
        case .value: .value
        case .type: .type
        case .component: .component
        case .instance: .instance
        }
    }
}

public enum TypeBound: Sendable, Hashable {
    case eq(UInt32)
    case subResource
}

/// An import definition (section 10, and `importdecl` in component types).
public struct Import: Sendable, Hashable {
    public var offset: Int
    public var name: ExternName
    public var type: ExternType
    public init(offset: Int = 0, name: ExternName, type: ExternType) { self.offset = offset; self.name = name; self.type = type }
}

/// An export definition (section 11).
public struct Export: Sendable, Hashable {
    public var offset: Int
    public var name: ExternName
    public var item: SortIndex
    /// The optional ascribed type.
    public var type: ExternType?
    public init(offset: Int = 0, name: ExternName, item: SortIndex, type: ExternType? = nil) {
        self.offset = offset; self.name = name; self.item = item; self.type = type
    }
}
