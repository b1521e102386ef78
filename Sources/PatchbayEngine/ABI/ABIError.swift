/// Why a value type has no Canonical ABI layout.
///
/// These mirror the assertions in the reference `definitions.py`: a type that
/// trips one of them is invalid, so the engine reports it instead of guessing.
public enum ABIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Flags need between 1 and 32 labels.
    case flagsLabelCount(Int)
    /// A record (or tuple) needs at least one field.
    case emptyRecord
    /// A variant (or enum) needs between 1 and 2^32 - 1 cases.
    case variantCaseCount(Int)
    /// A fixed-length list needs a length of at least 1.
    case fixedListLength(UInt32)

    public var description: String {
        switch self {
        case .flagsLabelCount(let n):
            return "flags must have 1 to 32 labels, this one has \(n)"
        case .emptyRecord:
            return "a record or tuple must have at least one field"
        case .variantCaseCount(let n):
            return "a variant or enum must have at least one case (and fewer than 2^32), this one has \(n)"
        case .fixedListLength(let n):
            return "a fixed-length list must have a length of at least 1, this one has \(n)"
        }
    }
}
