/// The in-memory layout of one value type: a tree of positioned parts.
///
/// This is pure data (no text, no terminal): the ruler renderer, the JSON
/// report and the workbench screens all read the same tree, so the numbers
/// they show cannot drift apart.
public struct Layout: Hashable, Sendable {
    /// What kind of storage this node is, with the details only that kind has.
    public indirect enum Kind: Hashable, Sendable {
        /// bool, integers, floats, char: stored as themselves.
        case scalar
        /// (ptr, len) to code units in memory; see `StringEncoding`.
        case string
        /// (ptr, len) to `length` elements of `element` in memory.
        case list(element: Layout)
        /// `length` elements of `element` stored inline, back to back.
        case fixedList(element: Layout, length: UInt32)
        /// Fields at offsets (tuples too: fields named "0", "1", …).
        case record
        /// A discriminant followed by one payload area shared by all cases
        /// (variants, enums, options and results).
        case variant(VariantLayout)
        /// A bit set of `labels.count` bits in 1, 2 or 4 bytes; bit i is label i.
        case flags(labels: [String])
        /// An i32 index into the instance's handle table.
        case handle(HandleKind)
        /// The address half of a string or list.
        case pointer
        /// The length half of a string or list (in code units or elements).
        case length
    }

    public enum HandleKind: String, Hashable, Sendable {
        case own, borrow, stream, future, errorContext = "error-context"
    }

    public var kind: Kind
    /// The type as people write it (named where a name is known).
    public var typeText: String
    public var size: Int
    public var alignment: Int
    public var addressWidth: AddressWidth
    /// `flatten_type` of this node.
    public var flat: [CoreValueType]
    /// Positioned parts, offsets relative to this node.
    public var members: [Member]
    /// Bytes inside `size` that no member (or, for variants, no payload of
    /// any case) uses. Offsets relative to this node.
    public var padding: [ByteRange]

    public init(
        kind: Kind, typeText: String, size: Int, alignment: Int, addressWidth: AddressWidth,
        flat: [CoreValueType], members: [Member] = [], padding: [ByteRange] = []
    ) {
        self.kind = kind; self.typeText = typeText; self.size = size; self.alignment = alignment
        self.addressWidth = addressWidth; self.flat = flat; self.members = members; self.padding = padding
    }

    /// A named part at an offset inside its parent.
    public struct Member: Hashable, Sendable {
        public var name: String
        public var offset: Int
        public var layout: Layout
        public init(name: String, offset: Int, layout: Layout) {
            self.name = name; self.offset = offset; self.layout = layout
        }
    }

    /// For lists and fixed-length lists: the element layout.
    public var element: Layout? {
        switch kind {
        case .list(let e), .fixedList(let e, _): return e
        default: return nil
        }
    }

    /// For variants, enums, options and results: tag and case details.
    public var variant: VariantLayout? {
        if case .variant(let v) = kind { return v }
        return nil
    }
}

/// A half-open byte range `[offset, offset + size)`.
public struct ByteRange: Hashable, Sendable {
    public var offset: Int
    public var size: Int
    public init(offset: Int, size: Int) { self.offset = offset; self.size = size }
    public var end: Int { offset + size }
}

/// The tag and the shared payload area of a variant-like type.
public struct VariantLayout: Hashable, Sendable {
    public var discriminant: DiscriminantType
    /// Where every case's payload starts (after the tag, aligned to the most
    /// aligned payload).
    public var payloadOffset: Int
    /// The largest payload; the payload area's size before tail padding.
    public var payloadSize: Int
    /// The spec's joined flat payload slots shared by all cases.
    public var payloadFlat: [CoreValueType]
    public var cases: [CaseLayout]

    public init(
        discriminant: DiscriminantType, payloadOffset: Int, payloadSize: Int,
        payloadFlat: [CoreValueType], cases: [CaseLayout]
    ) {
        self.discriminant = discriminant; self.payloadOffset = payloadOffset
        self.payloadSize = payloadSize; self.payloadFlat = payloadFlat; self.cases = cases
    }
}

/// One case of a variant: its tag value and its payload, if any.
public struct CaseLayout: Hashable, Sendable {
    public var name: String
    /// The discriminant value stored for this case.
    public var index: Int
    /// nil for a case without payload.
    public var payload: Layout?
    public init(name: String, index: Int, payload: Layout?) {
        self.name = name; self.index = index; self.payload = payload
    }
}
