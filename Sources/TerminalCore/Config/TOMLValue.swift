/// A value from the TOML subset Patchbay reads (themes, key bindings).
public enum TOMLValue: Hashable, Sendable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    case array([TOMLValue])
    case table(TOMLTable)

    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var tableValue: TOMLTable? { if case .table(let t) = self { return t } else { return nil } }
    public var arrayValue: [TOMLValue]? { if case .array(let a) = self { return a } else { return nil } }
    public var integerValue: Int? { if case .integer(let i) = self { return i } else { return nil } }

    /// A short name for messages ("expected a string, found an array").
    public var kindName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a float"
        case .bool: return "a boolean"
        case .array: return "an array"
        case .table: return "a table"
        }
    }
}

/// A TOML table that remembers key order and the line each key was set on,
/// so later checks (unknown action, bad colour) can point at the line.
public struct TOMLTable: Hashable, Sendable {
    public private(set) var keys: [String] = []
    private var values: [String: TOMLValue] = [:]
    private var lines: [String: Int] = [:]

    public init() {}

    public subscript(key: String) -> TOMLValue? { values[key] }

    public func line(of key: String) -> Int? { lines[key] }

    public var isEmpty: Bool { keys.isEmpty }

    mutating func set(_ key: String, _ value: TOMLValue, line: Int) {
        if values[key] == nil { keys.append(key) }
        values[key] = value
        if lines[key] == nil { lines[key] = line }
    }
}

/// The result of parsing: whatever could be read, plus every problem found.
public struct TOMLDocument: Hashable, Sendable {
    public var root: TOMLTable
    public var warnings: [ConfigWarning]
    public var isValid: Bool { warnings.isEmpty }
}
