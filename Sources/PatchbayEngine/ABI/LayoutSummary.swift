/// A flat, JSON-friendly summary of a layout: the numbers a tool or a test
/// compares, in the key names of the corpus truth table (`abi-types.json`).
///
/// Only the keys that apply to the type's shape are set, so the encoded JSON
/// has the same shape as the truth table's `layout` objects.
public struct LayoutSummary: Hashable, Sendable, Codable {
    public var size: Int?
    public var align: Int?
    public var flat: [CoreValueType]?
    public var layout: Detail?
    /// Set instead of the numbers when the type has no layout.
    public var error: String?

    public struct Detail: Hashable, Sendable, Codable {
        public var fields: [Field]?
        public var discriminant: DiscriminantType?
        public var discriminantSize: Int?
        public var payloadOffset: Int?
        public var cases: [Case]?
        public var ptrLen: Bool?
        public var fixedLength: UInt32?
        public var elemSize: Int?
        public var elemAlign: Int?
        public var labels: Int?
        public var bytes: Int?

        enum CodingKeys: String, CodingKey {
            case fields, discriminant, cases, labels, bytes
            case discriminantSize = "discriminant_size"
            case payloadOffset = "payload_offset"
            case ptrLen = "ptr_len"
            case fixedLength = "fixed_length"
            case elemSize = "elem_size"
            case elemAlign = "elem_align"
        }
    }

    public struct Field: Hashable, Sendable, Codable {
        public var field: String
        public var offset: Int
        public var size: Int
        public var align: Int
    }

    /// A case, or (with only `elided` set) a run of cases left out.
    public struct Case: Hashable, Sendable, Codable {
        public var `case`: String?
        public var index: Int?
        public var payloadSize: Int?
        public var payloadFlat: [CoreValueType]?
        public var elided: Int?

        enum CodingKeys: String, CodingKey {
            case `case`, index, elided
            case payloadSize = "payload_size"
            case payloadFlat = "payload_flat"
        }
    }

    /// Summarises a layout. Variants with more than `elideCasesBeyond` cases
    /// list the first three, one `elided` count and the last, as the corpus does.
    public init(_ layout: Layout, elideCasesBeyond: Int? = 64) {
        size = layout.size
        align = layout.alignment
        flat = layout.flat
        var d = Detail()
        var any = true
        switch layout.kind {
        case .record:
            d.fields = layout.members.map {
                Field(field: $0.name, offset: $0.offset, size: $0.layout.size, align: $0.layout.alignment)
            }
        case .variant(let v):
            d.discriminant = v.discriminant
            d.discriminantSize = v.discriminant.size
            d.payloadOffset = v.payloadOffset
            let all = v.cases.map {
                Case(case: $0.name, index: $0.index, payloadSize: $0.payload?.size, payloadFlat: $0.payload?.flat)
            }
            if let limit = elideCasesBeyond, all.count > limit, all.count > 4 {
                d.cases = Array(all.prefix(3)) + [Case(elided: all.count - 4)] + [all[all.count - 1]]
            } else {
                d.cases = all
            }
        case .list(let e):
            d.ptrLen = true; d.elemSize = e.size; d.elemAlign = e.alignment
        case .fixedList(let e, let n):
            d.fixedLength = n; d.elemSize = e.size; d.elemAlign = e.alignment
        case .flags(let labels):
            d.labels = labels.count; d.bytes = layout.size
        default:
            any = false
        }
        self.layout = any ? d : nil
    }

    public init(error: String) { self.error = error }
}
