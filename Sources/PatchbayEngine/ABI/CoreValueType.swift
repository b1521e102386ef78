/// A core WebAssembly value type, the vocabulary of flattened signatures.
///
/// The Canonical ABI only ever produces these four; keeping them as an enum
/// (rather than strings) lets the join rule and the signature builder be total.
public enum CoreValueType: String, Hashable, Sendable, CaseIterable, Codable {
    case i32, i64, f32, f64

    /// The spec's `join`: the one core type that can carry either input, used
    /// where variant cases share a flat slot. Equal types stay; `i32`/`f32`
    /// share an `i32` (f32 bits reinterpreted); every other mix widens to `i64`.
    public static func join(_ a: CoreValueType, _ b: CoreValueType) -> CoreValueType {
        if a == b { return a }
        switch (a, b) {
        case (.i32, .f32), (.f32, .i32): return .i32
        default: return .i64
        }
    }
}

/// The width of a linear memory's addresses.
///
/// memory64 (the spec's `ptr_type` = i64) doubles pointers and lengths in
/// strings and lists; everything else keeps its size.
public enum AddressWidth: String, Hashable, Sendable, CaseIterable, Codable {
    case memory32, memory64

    public init(memory64: Bool) { self = memory64 ? .memory64 : .memory32 }

    /// Core type of a pointer or length: `i32` or `i64`.
    public var pointerType: CoreValueType { self == .memory64 ? .i64 : .i32 }
    /// Byte size of a pointer or length: 4 or 8.
    public var pointerSize: Int { self == .memory64 ? 8 : 4 }
}
