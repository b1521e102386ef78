/// Sizes, alignments and flattening of component value types, following the
/// Canonical ABI (`design/mvp/CanonicalABI.md`).
///
/// Every public entry point validates the type first and throws `ABIError`
/// where the reference implementation would assert, so callers (the CLI, the
/// linker) can show a message instead of crashing on user input.
public enum CanonicalABI {
    /// More flat parameters than this are passed through memory instead.
    public static let maxFlatParams = 16
    /// More flat results than this are returned through memory instead.
    public static let maxFlatResults = 1
    /// The tighter parameter limit for an `async` lowered call.
    public static let maxFlatAsyncParams = 4

    /// Checks the structural limits the spec asserts (non-empty records and
    /// variants, 1…32 flags, positive fixed-list lengths), recursively.
    public static func validate(_ type: ValueType) throws {
        switch type.abiShape {
        case .fixed, .string, .handle:
            break
        case .list(let t):
            try validate(t)
        case .fixedList(let t, let n):
            guard n > 0 else { throw ABIError.fixedListLength(n) }
            try validate(t)
        case .record(let fields):
            guard !fields.isEmpty else { throw ABIError.emptyRecord }
            for f in fields { try validate(f.type) }
        case .variant(let cases):
            _ = try DiscriminantType(caseCount: cases.count)
            for c in cases { if let t = c.type { try validate(t) } }
        case .flags(let n):
            guard n > 0, n <= 32 else { throw ABIError.flagsLabelCount(n) }
        }
        // Stream and future payloads are never laid out inline, but an invalid
        // payload is still an invalid type.
        switch type {
        case .stream(let t?), .future(let t?): try validate(t)
        default: break
        }
    }

    /// Alignment in bytes (`alignment` in the spec).
    public static func alignment(of type: ValueType, memory64: Bool = false) throws -> Int {
        try validate(type)
        return Unchecked.alignment(type, AddressWidth(memory64: memory64))
    }

    /// Size in bytes when stored in linear memory (`elem_size` in the spec).
    public static func size(of type: ValueType, memory64: Bool = false) throws -> Int {
        try validate(type)
        return Unchecked.size(type, AddressWidth(memory64: memory64))
    }

    /// The core values that carry this type on the stack (`flatten_type`).
    public static func flatten(_ type: ValueType, memory64: Bool = false) throws -> [CoreValueType] {
        try validate(type)
        return Unchecked.flatten(type, AddressWidth(memory64: memory64))
    }

    /// The concatenated flattening of several types (`flatten_types`).
    public static func flatten(_ types: [ValueType], memory64: Bool = false) throws -> [CoreValueType] {
        var flat: [CoreValueType] = []
        for t in types { flat += try flatten(t, memory64: memory64) }
        return flat
    }

    /// Rounds `offset` up to a multiple of `alignment` (`align_to`).
    public static func align(_ offset: Int, to alignment: Int) -> Int {
        guard alignment > 1 else { return offset }
        return (offset + alignment - 1) / alignment * alignment
    }

    /// The computations on already-validated types; kept apart so recursion
    /// does not re-validate at every level.
    enum Unchecked {
        static func alignment(_ t: ValueType, _ w: AddressWidth) -> Int {
            switch t.abiShape {
            case .fixed(let size, _): return size
            case .string: return w.pointerSize
            case .handle: return 4
            case .list: return w.pointerSize
            case .fixedList(let e, _): return alignment(e, w)
            case .record(let fields):
                return fields.reduce(1) { max($0, alignment($1.type, w)) }
            case .variant(let cases):
                return max(discriminant(cases.count).size, maxCaseAlignment(cases.map(\.type), w))
            case .flags(let n): return flagsSize(n)
            }
        }

        static func size(_ t: ValueType, _ w: AddressWidth) -> Int {
            switch t.abiShape {
            case .fixed(let size, _): return size
            case .string, .list: return 2 * w.pointerSize
            case .handle: return 4
            case .fixedList(let e, let n): return Int(n) * size(e, w)
            case .record(let fields):
                var s = 0
                for f in fields {
                    s = align(s, to: alignment(f.type, w)) + size(f.type, w)
                }
                return align(s, to: alignment(t, w))
            case .variant(let cases):
                let payloadOffset = self.payloadOffset(cases.map(\.type), w)
                let payload = cases.reduce(0) { acc, c in max(acc, c.type.map { size($0, w) } ?? 0) }
                return align(payloadOffset + payload, to: alignment(t, w))
            case .flags(let n): return flagsSize(n)
            }
        }

        static func flatten(_ t: ValueType, _ w: AddressWidth) -> [CoreValueType] {
            switch t.abiShape {
            case .fixed(_, let core): return [core]
            case .string, .list: return [w.pointerType, w.pointerType]
            case .handle, .flags: return [.i32]
            case .fixedList(let e, let n):
                let one = flatten(e, w)
                return Array([[CoreValueType]](repeating: one, count: Int(n)).joined())
            case .record(let fields):
                return fields.flatMap { flatten($0.type, w) }
            case .variant(let cases):
                return [.i32] + joinedPayload(cases.map(\.type), w)
            }
        }

        /// Flat slots shared by all cases: slot i is the join of every case's
        /// i-th flat value (`flatten_variant`).
        static func joinedPayload(_ payloads: [ValueType?], _ w: AddressWidth) -> [CoreValueType] {
            var flat: [CoreValueType] = []
            for case let p? in payloads {
                for (i, core) in flatten(p, w).enumerated() {
                    if i < flat.count { flat[i] = CoreValueType.join(flat[i], core) } else { flat.append(core) }
                }
            }
            return flat
        }

        static func maxCaseAlignment(_ payloads: [ValueType?], _ w: AddressWidth) -> Int {
            payloads.reduce(1) { acc, p in max(acc, p.map { alignment($0, w) } ?? 1) }
        }

        /// Where every case's payload starts: after the discriminant, aligned
        /// to the most-aligned payload.
        static func payloadOffset(_ payloads: [ValueType?], _ w: AddressWidth) -> Int {
            align(discriminant(payloads.count).size, to: maxCaseAlignment(payloads, w))
        }

        /// Only called on validated types, where the case count is in range.
        static func discriminant(_ n: Int) -> DiscriminantType {
            (try? DiscriminantType(caseCount: n)) ?? .u32
        }

        static func flagsSize(_ n: Int) -> Int {
            n <= 8 ? 1 : (n <= 16 ? 2 : 4)
        }
    }
}
