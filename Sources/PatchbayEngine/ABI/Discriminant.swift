/// The integer type that stores which case of a variant is present.
///
/// Chosen by case count so the tag is as small as possible: up to 256 cases
/// fit a u8, up to 65536 a u16, the rest a u32 (the spec's `discriminant_type`).
public enum DiscriminantType: String, Hashable, Sendable, Codable {
    case u8, u16, u32

    public init(caseCount n: Int) throws {
        guard n > 0, n < (1 << 32) else { throw ABIError.variantCaseCount(n) }
        if n <= 1 << 8 { self = .u8 } else if n <= 1 << 16 { self = .u16 } else { self = .u32 }
    }

    /// Size and alignment in bytes.
    public var size: Int {
        switch self {
        case .u8: return 1
        case .u16: return 2
        case .u32: return 4
        }
    }

    public var valueType: ValueType {
        switch self {
        case .u8: return .u8
        case .u16: return .u16
        case .u32: return .u32
        }
    }
}
