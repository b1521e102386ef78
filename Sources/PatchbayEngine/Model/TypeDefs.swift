/// A component value type as written in the binary: a primitive or a type index.
public enum ValTypeRef: Sendable, Hashable {
    case primitive(PrimitiveType)
    case index(UInt32)
}

/// Primitive value types with their binary codes.
public enum PrimitiveType: UInt8, Sendable, Hashable, CaseIterable {
    case bool = 0x7f, s8 = 0x7e, u8 = 0x7d, s16 = 0x7c, u16 = 0x7b, s32 = 0x7a, u32 = 0x79
    case s64 = 0x78, u64 = 0x77, f32 = 0x76, f64 = 0x75, char = 0x74, string = 0x73
    case errorContext = 0x64

    public var witName: String {
        switch self {
        case .bool: "bool"
        case .s8: "s8"
        case .u8: "u8"
        case .s16: "s16"
        case .u16: "u16"
        case .s32: "s32"
        case .u32: "u32"
        case .s64: "s64"
        case .u64: "u64"
        case .f32: "f32"
        case .f64: "f64"
        case .char: "char"
        case .string: "string"
        case .errorContext: "error-context"
        }
    }
}

/// A named value with a type: record fields and function parameters.
public struct LabeledType: Sendable, Hashable {
    public var name: String
    public var type: ValTypeRef
    public init(_ name: String, _ type: ValTypeRef) { self.name = name; self.type = type }
}

public struct VariantCase: Sendable, Hashable {
    public var name: String
    public var type: ValTypeRef?
    /// The trailing byte of a case (always 0x00 in valid binaries; kept for fidelity).
    public var refines: UInt8 = 0
    public init(_ name: String, _ type: ValTypeRef?) { self.name = name; self.type = type }
}

/// A defined value type (Binary.md `defvaltype`).
public enum DefinedType: Sendable, Hashable {
    case primitive(PrimitiveType)
    case record([LabeledType])
    case variant([VariantCase])
    case list(ValTypeRef)
    case fixedList(ValTypeRef, UInt32)
    case tuple([ValTypeRef])
    case flags([String])
    case enumeration([String])
    case option(ValTypeRef)
    case result(ok: ValTypeRef?, err: ValTypeRef?)
    case own(UInt32)
    case borrow(UInt32)
    case stream(ValTypeRef?)
    case future(ValTypeRef?)
    case map(ValTypeRef, ValTypeRef)
}

/// A component function type.
public struct FuncTypeDef: Sendable, Hashable {
    public var isAsync: Bool
    public var params: [LabeledType]
    public var result: ValTypeRef?
    public init(isAsync: Bool = false, params: [LabeledType], result: ValTypeRef?) {
        self.isAsync = isAsync; self.params = params; self.result = result
    }
}

/// A type definition (section 7, and `type` declarators in component and instance types).
public struct TypeDef: Sendable, Hashable {
    public var offset: Int
    public var kind: Kind
    public indirect enum Kind: Sendable, Hashable {
        case defined(DefinedType)
        case function(FuncTypeDef)
        case component([ComponentDecl])
        case instance([InstanceDecl])
        /// `(resource (rep i32) (dtor f)?)`.
        case resource(rep: CoreValType, destructor: UInt32?)
    }
    public init(offset: Int = 0, _ kind: Kind) { self.offset = offset; self.kind = kind }
}

/// A declarator of a component type.
public enum ComponentDecl: Sendable, Hashable {
    case `import`(Import)
    case instance(InstanceDecl)
}

/// A declarator of an instance type (and, through `ComponentDecl`, of a component type).
public enum InstanceDecl: Sendable, Hashable {
    case coreType(CoreTypeDef)
    case type(TypeDef)
    case alias(Alias)
    case export(offset: Int, name: ExternName, type: ExternType)
}
