/// A core value type (numeric, vector or reference).
public enum CoreValType: Sendable, Hashable {
    case i32, i64, f32, f64, v128
    case ref(RefType)

    public var text: String {
        switch self {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        case .v128: "v128"
        case .ref(let r): r.text
        }
    }
}

/// A core reference type. `shorthand` records whether the binary used the
/// one-byte form (e.g. 0x70 funcref) rather than 0x63/0x64 + heap type.
public struct RefType: Sendable, Hashable {
    public var nullable: Bool
    public var heap: HeapType
    public var shorthand: Bool
    public init(nullable: Bool, heap: HeapType, shorthand: Bool) { self.nullable = nullable; self.heap = heap; self.shorthand = shorthand }

    public var text: String {
        let h: String
        switch heap {
        case .abstract(let b, let shared): h = (shared ? "shared " : "") + HeapType.abstractName(b)
        case .concrete(let i): h = "\(i)"
        }
        if shorthand, case .abstract(let b, false) = heap { return HeapType.abstractName(b) + "ref" }
        return nullable ? "(ref null \(h))" : "(ref \(h))"
    }
}

public enum HeapType: Sendable, Hashable {
    /// An abstract heap type by its binary code (0x70 func, 0x6f extern, ...).
    case abstract(UInt8, shared: Bool)
    case concrete(UInt32)

    static func abstractName(_ b: UInt8) -> String {
        switch b {
        case 0x70: "func"
        case 0x6f: "extern"
        case 0x6e: "any"
        case 0x71: "none"
        case 0x72: "noextern"
        case 0x73: "nofunc"
        case 0x6d: "eq"
        case 0x6b: "struct"
        case 0x6a: "array"
        case 0x6c: "i31"
        case 0x69: "exn"
        case 0x74: "noexn"
        case 0x68: "cont"
        case 0x75: "nocont"
        default: "heap(0x\(String(b, radix: 16)))"
        }
    }
}

/// A storage type of a GC struct or array field.
public enum StorageType: Sendable, Hashable {
    case i8, i16
    case val(CoreValType)
}

public struct FieldType: Sendable, Hashable {
    public var storage: StorageType
    public var mutable: Bool
}

public enum CompositeType: Sendable, Hashable {
    case function(params: [CoreValType], results: [CoreValType])
    case structure([FieldType])
    case array(FieldType)
    /// A continuation type (stack switching), by type index.
    case continuation(UInt32)
}

/// A core sub type. `form` records the binary form: bare composite type,
/// `sub` (0x50) or `sub final` (0x4f); `shared` the 0x65 prefix.
public struct CoreSubType: Sendable, Hashable {
    public enum Form: Sendable, Hashable { case bare, sub, subFinal }
    public var form: Form
    public var supertypes: [UInt32]
    public var shared: Bool
    public var composite: CompositeType
}

/// A core type definition inside a component (Binary.md `core:deftype`).
public enum CoreTypeDef: Sendable, Hashable {
    /// A single sub type, possibly written with the 0x00 prefix that
    /// disambiguates a non-final `sub` from a module type.
    case sub(CoreSubType, prefixed: Bool)
    /// An explicit recursion group (0x4e).
    case rec([CoreSubType])
    case module([ModuleDecl])
}

public enum ModuleDecl: Sendable, Hashable {
    case `import`(module: String, name: String, type: CoreExternType)
    case type(CoreTypeDef)
    case outerAlias(count: UInt32, index: UInt32)
    case export(name: String, type: CoreExternType)
}

/// Limits of a table or memory, with the raw flags byte kept.
public struct Limits: Sendable, Hashable {
    public var flags: UInt8
    public var min: UInt64
    public var max: UInt64?
    public var pageSizeLog2: UInt32?
    public var is64: Bool { flags & 0x04 != 0 }
    public var shared: Bool { flags & 0x02 != 0 }
}

public enum CoreExternType: Sendable, Hashable {
    case function(typeIndex: UInt32)
    case table(RefType, Limits)
    case memory(Limits)
    case global(CoreValType, mutable: Bool, shared: Bool)
    case tag(typeIndex: UInt32)
}
