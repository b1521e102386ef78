/// A decoding failure: what went wrong and at which byte of the input.
///
/// The offset is absolute within the file being decoded, so nested
/// components and modules report positions a person can find with a hex
/// viewer or `wasm-tools dump`.
public struct DecodeError: Error, Hashable, Sendable, CustomStringConvertible {
    public var offset: Int
    public var message: String

    public init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String {
        "\(message) (at offset 0x\(String(offset, radix: 16)))"
    }
}

/// Hard limits that keep a malformed or hostile input from exhausting memory
/// or the stack. They are well above what real toolchains emit.
public struct DecodeLimits: Sendable {
    /// Nesting of components, component types and instance types.
    public var maxNesting = 100
    /// Items in any one vector (also bounded by the bytes left).
    public var maxVectorLength = 1_000_000
    /// Length of one name or string.
    public var maxNameLength = 100_000
    public init() {}
}
