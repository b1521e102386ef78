/// The `string-encoding` canonical option: how a string's bytes and its
/// length word are to be read.
///
/// The (ptr, len) pair has the same layout for every encoding; what changes
/// is the unit `len` counts and, for latin1+utf16, a tag bit inside `len`.
public enum StringEncoding: String, Hashable, Sendable, CaseIterable, Codable {
    case utf8
    case utf16
    case latin1UTF16 = "latin1+utf16"

    /// Bytes per code unit counted by `len` (latin1+utf16: 1 untagged, 2 tagged).
    public var codeUnitSizes: [Int] {
        switch self {
        case .utf8: return [1]
        case .utf16: return [2]
        case .latin1UTF16: return [1, 2]
        }
    }

    /// Required alignment of the string's bytes.
    public var byteAlignment: Int { self == .utf8 ? 1 : 2 }

    /// The bit of `len` that marks a latin1+utf16 string as UTF-16: the top
    /// bit of the address-sized length (`utf16_tag`). nil for other encodings.
    public func utf16Tag(memory64: Bool) -> UInt64? {
        guard self == .latin1UTF16 else { return nil }
        return memory64 ? 1 << 63 : 1 << 31
    }

    /// One line saying what `len` means, for people.
    public func lengthMeaning(memory64: Bool) -> String {
        switch self {
        case .utf8:
            return "len = number of bytes (UTF-8 code units)"
        case .utf16:
            return "len = number of UTF-16 code units (2 bytes each), bytes 2-aligned"
        case .latin1UTF16:
            let bit = memory64 ? 63 : 31
            return "len bit \(bit) clear: Latin-1 bytes; set: UTF-16 units (len ^ 1<<\(bit))"
        }
    }

    /// Largest byte length a string may have (`MAX_STRING_BYTE_LENGTH`).
    public static let maxByteLength = (1 << 28) - 1
}
