/// Why a wire does not fit: the path from the import down to the first part
/// that differs, with the expected and found parts in WIT syntax.
///
/// This is data first (the workbench draws the path and highlights the
/// step) and text second (`description`, what the CLI prints), so both front
/// ends explain a refusal the same way.
public struct Misfit: Sendable, Hashable, CustomStringConvertible {
    /// One step from the import towards the difference.
    public enum Step: Sendable, Hashable, CustomStringConvertible {
        case `import`(String)
        case export(sort: String, name: String)
        case param(String)
        case result
        case field(String)
        case `case`(String)
        case element
        case tupleElement(Int)
        case ok
        case err
        case key
        case value

        public var description: String {
            switch self {
            case .import(let n): "import `\(n)`"
            case .export(let sort, let n): "\(sort) `\(n)`"
            case .param(let n): "param `\(n)`"
            case .result: "result"
            case .field(let n): "field `\(n)`"
            case .case(let n): "case `\(n)`"
            case .element: "element"
            case .tupleElement(let i): "element \(i)"
            case .ok: "ok"
            case .err: "err"
            case .key: "key"
            case .value: "value"
            }
        }
    }

    public var path: [Step]
    /// What the import asks for, in WIT syntax (empty when not a type).
    public var expected: String
    /// What the source offers.
    public var found: String
    /// Extra context: where each resource was defined, which exports exist.
    public var notes: [String]

    public init(path: [Step], expected: String, found: String, notes: [String] = []) {
        self.path = path; self.expected = expected; self.found = found; self.notes = notes
    }

    /// `import `a:b/c` → func `f` → param `x`: expected s32, found s64`
    public var description: String {
        let where_ = path.map(\.description).joined(separator: " → ")
        var s = where_.isEmpty ? "" : where_ + ": "
        s += "expected \(expected), found \(found)"
        for n in notes { s += "\n  note: \(n)" }
        return s
    }

    func prefixed(_ steps: [Step]) -> Misfit {
        var m = self
        m.path = steps + path
        return m
    }
}
