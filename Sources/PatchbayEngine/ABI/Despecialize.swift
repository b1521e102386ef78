/// The few shapes the Canonical ABI actually lays out, after the spec's
/// `despecialize` step has rewritten the convenience types.
///
/// tuple → record with fields "0", "1", …; enum, option and result → variant;
/// map<K, V> → list<tuple<K, V>>. Working on this smaller set means size,
/// alignment and flattening each have one rule per shape, as in the spec.
enum ABIShape {
    case fixed(size: Int, core: CoreValueType)
    case string
    case list(ValueType)
    case fixedList(ValueType, UInt32)
    case record([(name: String, type: ValueType)])
    case variant([(name: String, type: ValueType?)])
    case flags(Int)
    /// own, borrow, stream, future and error-context: all an i32 table index.
    case handle
}

extension ValueType {
    /// The despecialized shape of this type (see `ABIShape`).
    var abiShape: ABIShape {
        switch self {
        case .bool, .s8, .u8: return .fixed(size: 1, core: .i32)
        case .s16, .u16: return .fixed(size: 2, core: .i32)
        case .s32, .u32, .char: return .fixed(size: 4, core: .i32)
        case .s64, .u64: return .fixed(size: 8, core: .i64)
        case .f32: return .fixed(size: 4, core: .f32)
        case .f64: return .fixed(size: 8, core: .f64)
        case .string: return .string
        case .errorContext, .own, .borrow, .stream, .future: return .handle
        case .list(let t): return .list(t)
        case .fixedList(let t, let n): return .fixedList(t, n)
        case .record(let fields): return .record(fields.map { ($0.name, $0.type) })
        case .tuple(let ts): return .record(ts.enumerated().map { (String($0.offset), $0.element) })
        case .variant(let cases): return .variant(cases.map { ($0.name, $0.type) })
        case .enumeration(let labels): return .variant(labels.map { ($0, nil) })
        case .option(let t): return .variant([("none", nil), ("some", t)])
        case .result(let ok, let err): return .variant([("ok", ok), ("error", err)])
        case .flags(let labels): return .flags(labels.count)
        case .map(let k, let v): return .list(.tuple([k, v]))
        }
    }
}
