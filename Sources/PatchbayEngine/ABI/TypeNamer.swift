/// Turns value types back into WIT-like text for people.
///
/// `ValueType` is structural and nameless on purpose, so the names of defined
/// types travel beside it in this table. Anonymous records, variants and very
/// long label lists are abbreviated so a 65537-case enum stays one line.
public struct TypeNamer: Hashable, Sendable {
    public var names: [ValueType: String]

    public init(names: [ValueType: String] = [:]) { self.names = names }

    /// Labels beyond this many are summarised as "…".
    public static let maxListedLabels = 6

    public func describe(_ type: ValueType) -> String {
        if let name = names[type] { return name }
        switch type {
        case .bool, .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64, .f32, .f64, .char, .string, .errorContext: return type.primitive?.witName ?? ""
        case .list(let t): return "list<\(describe(t))>"
        case .fixedList(let t, let n): return "list<\(describe(t)), \(n)>"
        case .tuple(let ts): return "tuple<\(ts.map(describe).joined(separator: ", "))>"
        case .option(let t): return "option<\(describe(t))>"
        case .result(let ok, let err):
            switch (ok, err) {
            case (nil, nil): return "result"
            case (let ok?, nil): return "result<\(describe(ok))>"
            case (nil, let err?): return "result<_, \(describe(err))>"
            case (let ok?, let err?): return "result<\(describe(ok)), \(describe(err))>"
            }
        case .own(let r): return "own<\(r.name)>"
        case .borrow(let r): return "borrow<\(r.name)>"
        case .stream(let t): return t.map { "stream<\(describe($0))>" } ?? "stream"
        case .future(let t): return t.map { "future<\(describe($0))>" } ?? "future"
        case .map(let k, let v): return "map<\(describe(k)), \(describe(v))>"
        case .record(let fields):
            return "record { \(abbreviate(fields.map { "\($0.name): \(describe($0.type))" })) }"
        case .variant(let cases):
            let parts = cases.map { c in c.type.map { "\(c.name)(\(describe($0)))" } ?? c.name }
            return "variant { \(abbreviate(parts)) }"
        case .enumeration(let labels): return "enum { \(abbreviate(labels)) }"
        case .flags(let labels): return "flags { \(abbreviate(labels)) }"
        }
    }

    private func abbreviate(_ parts: [String]) -> String {
        guard parts.count > Self.maxListedLabels else { return parts.joined(separator: ", ") }
        let head = parts.prefix(Self.maxListedLabels - 1).joined(separator: ", ")
        return "\(head), … \(parts[parts.count - 1]) (\(parts.count))"
    }
}
