/// A component-level value type with every type index resolved away.
///
/// This is the structural form that the Canonical ABI, subtyping and the
/// runtime work on. Names of defined types (for printing WIT) are kept by the
/// resolver beside it, not inside it, so two structurally equal types compare
/// equal here whatever they are called.
public indirect enum ValueType: Hashable, Sendable {
    case bool, s8, u8, s16, u16, s32, u32, s64, u64, f32, f64, char, string
    case errorContext
    case record([Field])
    case variant([Case])
    case list(ValueType)
    /// A fixed-length list (`list<T, N>`), a gated feature.
    case fixedList(ValueType, UInt32)
    case tuple([ValueType])
    case flags([String])
    case enumeration([String])
    case option(ValueType)
    case result(ok: ValueType?, err: ValueType?)
    case own(ResourceID)
    case borrow(ResourceID)
    case stream(ValueType?)
    case future(ValueType?)
    /// `map<K, V>`, a gated feature.
    case map(ValueType, ValueType)

    public struct Field: Hashable, Sendable {
        public var name: String
        public var type: ValueType
        public init(_ name: String, _ type: ValueType) { self.name = name; self.type = type }
    }

    public struct Case: Hashable, Sendable {
        public var name: String
        public var type: ValueType?
        public init(_ name: String, _ type: ValueType?) { self.name = name; self.type = type }
    }
}

/// The identity of a resource type. Two handles refer to the same resource
/// only when their ids are equal; the name is for people.
public struct ResourceID: Hashable, Sendable {
    public var id: Int
    public var name: String
    public init(id: Int, name: String) { self.id = id; self.name = name }

    // Identity is the id alone: the same resource may be reached under
    // different names (an import `r` re-exported as `s`).
    public static func == (a: ResourceID, b: ResourceID) -> Bool { a.id == b.id }
    public func hash(into h: inout Hasher) { h.combine(id) }
}

/// A resolved component function type.
public struct FunctionType: Hashable, Sendable {
    public var isAsync: Bool
    public var params: [ValueType.Field]
    public var result: ValueType?
    public init(isAsync: Bool = false, params: [ValueType.Field], result: ValueType?) {
        self.isAsync = isAsync; self.params = params; self.result = result
    }
}

extension ValueType {
    /// The primitive this type is, if it is one; its `witName` is how every
    /// printer in the engine spells it.
    public var primitive: PrimitiveType? {
        switch self {
        case .bool: .bool
        case .s8: .s8
        case .u8: .u8
        case .s16: .s16
        case .u16: .u16
        case .s32: .s32
        case .u32: .u32
        case .s64: .s64
        case .u64: .u64
        case .f32: .f32
        case .f64: .f64
        case .char: .char
        case .string: .string
        case .errorContext: .errorContext
        default: nil
        }
    }
}
