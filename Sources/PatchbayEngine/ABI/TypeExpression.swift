/// A parse error in a type expression or declaration, pointing at a column.
public struct TypeExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based column (in characters) of the offending token.
    public var column: Int
    /// What the parser could accept at that point.
    public var expected: String
    /// What it saw instead.
    public var found: String
    /// The text that was being parsed, for the caret line.
    public var source: String

    public init(column: Int, expected: String, found: String, source: String) {
        self.column = column; self.expected = expected; self.found = found; self.source = source
    }

    public var description: String { "column \(column): expected \(expected), found \(found)" }

    /// The source with a caret under the column, for terminals.
    public var pointer: String {
        source + "\n" + String(repeating: " ", count: max(0, column - 1)) + "^"
    }
}

/// Parses WIT type expressions such as `list<tuple<u8, string>>`,
/// `result<_, u32>` or a defined name, into resolved `ValueType`s.
///
/// It is the calculator's front end, not a WIT compiler: no packages, `use`,
/// or forward references; names come from a `TypeEnvironment`.
public enum TypeExpression {
    /// Parses one type expression; the whole text must be consumed.
    public static func parse(_ text: String, in environment: TypeEnvironment = TypeEnvironment()) throws -> ValueType {
        var p = WITParser(text, environment: environment)
        let t = try p.parseType()
        try p.expectEnd()
        return t
    }

    /// Parses `[async] func(name: type, …) [-> type]`.
    public static func parseFunction(_ text: String, in environment: TypeEnvironment = TypeEnvironment()) throws -> FunctionType {
        var p = WITParser(text, environment: environment)
        let f = try p.parseFunction()
        try p.expectEnd()
        return f
    }
}

/// A lexical token with the column it starts at.
struct WITToken: Equatable {
    enum Kind: Equatable {
        case identifier(String)
        case number(String)
        case symbol(String)
        case end
    }
    var kind: Kind
    var column: Int

    var display: String {
        switch kind {
        case .identifier(let s): return "'\(s)'"
        case .number(let s): return "number \(s)"
        case .symbol(let s): return "'\(s)'"
        case .end: return "end of input"
        }
    }
}

/// Splits WIT text into identifiers (kebab-case, `%`-escapable), decimal
/// numbers and punctuation; skips spaces and `//` comments.
struct WITScanner {
    static func tokens(_ text: String) throws -> [WITToken] {
        let chars = Array(text)
        var out: [WITToken] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            if c == "/", i + 1 < chars.count, chars[i + 1] == "/" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                continue
            }
            let column = i + 1
            if c.isLetter || c == "%" {
                var j = i + 1
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "-" { j += 1 }
                let start = c == "%" ? i + 1 : i
                let name = String(chars[start..<j])
                if name.isEmpty {
                    throw TypeExpressionError(column: column, expected: "an identifier after '%'",
                                              found: j < chars.count ? "'\(chars[j])'" : "end of input", source: text)
                }
                out.append(WITToken(kind: .identifier(name), column: column))
                i = j
            } else if c.isASCII, c.isNumber {
                var j = i
                while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
                out.append(WITToken(kind: .number(String(chars[i..<j])), column: column))
                i = j
            } else if c == "-", i + 1 < chars.count, chars[i + 1] == ">" {
                out.append(WITToken(kind: .symbol("->"), column: column))
                i += 2
            } else if "<>,(){}:;=_".contains(c) {
                out.append(WITToken(kind: .symbol(String(c)), column: column))
                i += 1
            } else {
                throw TypeExpressionError(column: column, expected: "a type, a name or punctuation",
                                          found: "'\(c)'", source: text)
            }
        }
        out.append(WITToken(kind: .end, column: chars.count + 1))
        return out
    }
}

/// Recursive-descent parser over `WITScanner` tokens; shared by type
/// expressions, function types and declarations.
struct WITParser {
    let source: String
    var environment: TypeEnvironment
    private var tokens: [WITToken] = []
    private var scanError: TypeExpressionError?
    var position = 0
    /// Resources invented for undeclared `own<x>` names in this parse.
    private var implicit: [String: ResourceID] = [:]

    init(_ source: String, environment: TypeEnvironment) {
        self.source = source
        self.environment = environment
        do { tokens = try WITScanner.tokens(source) } catch let e as TypeExpressionError {
            scanError = e
        } catch {
            scanError = TypeExpressionError(column: 1, expected: "text", found: "\(error)", source: source)
        }
    }

    static let primitives: [String: ValueType] = [
        "bool": .bool, "s8": .s8, "u8": .u8, "s16": .s16, "u16": .u16, "s32": .s32, "u32": .u32,
        "s64": .s64, "u64": .u64, "f32": .f32, "f64": .f64, "float32": .f32, "float64": .f64,
        "char": .char, "string": .string, "error-context": .errorContext,
    ]

    static let typeExpected = "a type (bool, u8…u64, s8…s64, f32, f64, char, string, list<…>, tuple<…>, option<…>, result<…>, own<…>, borrow<…>, stream, future, map<…> or a defined name)"

    // MARK: tokens

    func peek() throws -> WITToken {
        if let e = scanError { throw e }
        return tokens[min(position, tokens.count - 1)]
    }

    mutating func advance() throws -> WITToken {
        let t = try peek()
        if position < tokens.count - 1 { position += 1 }
        return t
    }

    func fail(_ expected: String, at token: WITToken) -> TypeExpressionError {
        TypeExpressionError(column: token.column, expected: expected, found: token.display, source: source)
    }

    mutating func consume(_ symbol: String) throws -> Bool {
        if try peek().kind == .symbol(symbol) { position += 1; return true }
        return false
    }

    mutating func expect(_ symbol: String, _ expected: String? = nil) throws {
        let t = try peek()
        guard t.kind == .symbol(symbol) else { throw fail(expected ?? "'\(symbol)'", at: t) }
        position += 1
    }

    mutating func expectIdentifier(_ what: String) throws -> String {
        let t = try peek()
        guard case .identifier(let name) = t.kind else { throw fail(what, at: t) }
        position += 1
        return name
    }

    mutating func expectEnd() throws {
        let t = try peek()
        guard t.kind == .end else { throw fail("end of input", at: t) }
    }

    // MARK: types

    mutating func parseType() throws -> ValueType {
        let t = try peek()
        guard case .identifier(let name) = t.kind else { throw fail(Self.typeExpected, at: t) }
        position += 1
        if let p = Self.primitives[name] { return p }
        switch name {
        case "list":
            try expect("<")
            let element = try parseType()
            if try consume(",") {
                let n = try peek()
                guard case .number(let digits) = n.kind, let length = UInt32(digits) else {
                    throw fail("a list length (a number up to \(UInt32.max))", at: n)
                }
                position += 1
                try expect(">", "'>' after the list length")
                return .fixedList(element, length)
            }
            try expect(">", "',' or '>'")
            return .list(element)
        case "tuple":
            try expect("<")
            var items = [try parseType()]
            while try consume(",") { items.append(try parseType()) }
            try expect(">", "',' or '>'")
            return .tuple(items)
        case "option":
            try expect("<")
            let inner = try parseType()
            try expect(">")
            return .option(inner)
        case "result":
            guard try consume("<") else { return .result(ok: nil, err: nil) }
            let ok: ValueType? = try consume("_") ? nil : try parseType()
            var err: ValueType?
            if ok == nil {
                // `result<_>` says nothing; WIT spells that `result`.
                try expect(",", "',' and an error type after '_'")
                err = try parseType()
            } else if try consume(",") {
                err = try parseType()
            }
            try expect(">", err == nil ? "',' or '>'" : "'>'")
            return .result(ok: ok, err: err)
        case "own", "borrow":
            try expect("<")
            let nameToken = try peek()
            let resourceName = try expectIdentifier("a resource name")
            let r = try resource(resourceName, at: nameToken)
            try expect(">")
            return name == "own" ? .own(r) : .borrow(r)
        case "stream", "future":
            var inner: ValueType?
            if try consume("<") {
                inner = try parseType()
                try expect(">")
            }
            return name == "stream" ? .stream(inner) : .future(inner)
        case "map":
            try expect("<")
            let k = try parseType()
            try expect(",")
            let v = try parseType()
            try expect(">")
            return .map(k, v)
        default:
            if let defined = environment.types[name] { return defined }
            if let r = environment.resources[name] { return .own(r) }
            throw TypeExpressionError(column: t.column, expected: Self.typeExpected,
                                      found: "unknown name '\(name)'", source: source)
        }
    }

    private mutating func resource(_ name: String, at token: WITToken) throws -> ResourceID {
        if let r = environment.resources[name] { return r }
        if let r = implicit[name] { return r }
        guard environment.implicitResources else {
            throw TypeExpressionError(column: token.column, expected: "a declared resource",
                                      found: "unknown name '\(name)'", source: source)
        }
        let r = ResourceID(id: environment.resources.count + implicit.count, name: name)
        implicit[name] = r
        return r
    }

    // MARK: functions

    mutating func parseFunction() throws -> FunctionType {
        var isAsync = false
        if case .identifier("async") = try peek().kind { position += 1; isAsync = true }
        let f = try peek()
        guard f.kind == .identifier("func") else { throw fail("'func'", at: f) }
        position += 1
        try expect("(")
        var params: [ValueType.Field] = []
        while try peek().kind != .symbol(")") {
            let name = try expectIdentifier("a parameter name or ')'")
            try expect(":")
            params.append(ValueType.Field(name, try parseType()))
            if !(try consume(",")) { break }
        }
        try expect(")", "',' or ')'")
        var result: ValueType?
        if try consume("->") { result = try parseType() }
        return FunctionType(isAsync: isAsync, params: params, result: result)
    }
}
