/// A component-level value: what crosses a component boundary once the
/// Canonical ABI has lifted it out of core values and linear memory.
///
/// Values are always read and written against a `ValueType`, so they carry
/// no type of their own beyond what their shape needs (records keep field
/// names so that they print without the type at hand).
public indirect enum ComponentValue: Hashable, Sendable {
    case bool(Bool)
    case s8(Int8), u8(UInt8), s16(Int16), u16(UInt16), s32(Int32), u32(UInt32), s64(Int64), u64(UInt64)
    case f32(Float), f64(Double)
    case char(Unicode.Scalar)
    case string(String)
    case list([ComponentValue])
    case record([(name: String, value: ComponentValue)])
    case tuple([ComponentValue])
    case variant(name: String, payload: ComponentValue?)
    case enumeration(String)
    case option(ComponentValue?)
    case result(isOk: Bool, payload: ComponentValue?)
    case flags([String])
    case own(ResourceHandle)
    case borrow(ResourceHandle)

    public static func == (a: ComponentValue, b: ComponentValue) -> Bool {
        switch (a, b) {
        case (.bool(let x), .bool(let y)): return x == y
        case (.s8(let x), .s8(let y)): return x == y
        case (.u8(let x), .u8(let y)): return x == y
        case (.s16(let x), .s16(let y)): return x == y
        case (.u16(let x), .u16(let y)): return x == y
        case (.s32(let x), .s32(let y)): return x == y
        case (.u32(let x), .u32(let y)): return x == y
        case (.s64(let x), .s64(let y)): return x == y
        case (.u64(let x), .u64(let y)): return x == y
        // Floats compare by bits so that NaN equals itself in tests.
        case (.f32(let x), .f32(let y)): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
        case (.f64(let x), .f64(let y)): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
        case (.char(let x), .char(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.list(let x), .list(let y)), (.tuple(let x), .tuple(let y)): return x == y
        case (.record(let x), .record(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.name == $1.name && $0.value == $1.value }
        case (.variant(let n1, let p1), .variant(let n2, let p2)): return n1 == n2 && p1 == p2
        case (.enumeration(let x), .enumeration(let y)): return x == y
        case (.option(let x), .option(let y)): return x == y
        case (.result(let o1, let p1), .result(let o2, let p2)): return o1 == o2 && p1 == p2
        case (.flags(let x), .flags(let y)): return Set(x) == Set(y)
        case (.own(let x), .own(let y)), (.borrow(let x), .borrow(let y)): return x == y
        default: return false
        }
    }

    public func hash(into h: inout Hasher) { h.combine(WaveSyntax.print(self)) }
}

/// A resource handle as it travels between instances: the resource type it
/// belongs to and the representation the implementing instance gave it.
public struct ResourceHandle: Hashable, Sendable {
    public var type: RuntimeResourceType
    public var rep: UInt32
    /// For a handle held by the host (the caller of top-level exports): its
    /// index in the host's table, shown in results.
    public var hostIndex: UInt32?

    public init(type: RuntimeResourceType, rep: UInt32, hostIndex: UInt32? = nil) {
        self.type = type; self.rep = rep; self.hostIndex = hostIndex
    }

    public static func == (a: ResourceHandle, b: ResourceHandle) -> Bool { a.type === b.type && a.rep == b.rep }
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(type)); h.combine(rep) }
}
