/// The WAVE text form of component values (WebAssembly Value Encoding, the
/// notation `wasmtime` and `wasm-tools` use for values on a command line):
/// `true`, `-3`, `1.5`, `nan`, `'x'`, `"text"`, `[1, 2]`, `{x: 1, y: 2}`,
/// `(1, "a")`, `case(payload)`, `label`, `some(v)`/`none`, `ok(v)`/`err(v)`,
/// `{flag-a, flag-b}`. A label that is also a keyword is written `%label`.
///
/// Parsing is typed: the expected `ValueType` decides what a token means
/// (`none` is an option, `red` an enum label), as in WAVE itself.
public enum WaveSyntax {
    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public var message: String
        /// Column (1-based) in the text where the problem is.
        public var column: Int
        public var description: String { "column \(column): \(message)" }
    }

    /// Parses one value of type `type`; the whole text must be used.
    public static func parse(_ text: String, as type: ValueType) throws(ParseError) -> ComponentValue {
        var p = Parser(text)
        let v = try p.value(type)
        p.skipSpace()
        guard p.atEnd else { throw p.error("expected the end of the value, found `\(p.rest(12))`") }
        return v
    }

    /// A call written `name(arg, arg, ...)`: the function name and the raw
    /// text of its argument list (parsed later against the function type).
    public static func splitCall(_ text: String) throws(ParseError) -> (name: String, arguments: String) {
        let chars = Array(text)
        guard let open = chars.firstIndex(of: "(") else {
            throw ParseError(message: "expected a call such as `run(1, 2)`, found no `(` in `\(text)`", column: chars.count + 1)
        }
        var close = chars.count - 1
        while close >= 0, chars[close].isWhitespace { close -= 1 }
        guard close > open, chars[close] == ")" else {
            throw ParseError(message: "expected `)` at the end of the call `\(text)`", column: close + 2)
        }
        let name = String(String(chars[..<open]).drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        guard !name.isEmpty else { throw ParseError(message: "the call has no function name before `(`", column: 1) }
        return (name, String(chars[(open + 1)..<close]))
    }

    /// Parses a comma-separated argument list against parameter types.
    public static func parseArguments(_ text: String, as params: [ValueType]) throws(ParseError) -> [ComponentValue] {
        var p = Parser(text)
        var out: [ComponentValue] = []
        for (i, t) in params.enumerated() {
            p.skipSpace()
            if i > 0 {
                guard p.eat(",") else {
                    throw p.error(p.atEnd ? "expected \(params.count) arguments, found \(i)" : "expected `,` between arguments, found `\(p.rest(12))`")
                }
            }
            p.skipSpace()
            if p.atEnd { throw p.error("expected \(params.count) arguments, found \(i)") }
            out.append(try p.value(t))
        }
        p.skipSpace()
        _ = p.eat(",")
        p.skipSpace()
        guard p.atEnd else { throw p.error("expected \(params.count) argument\(params.count == 1 ? "" : "s"), found more: `\(p.rest(12))`") }
        return out
    }

    // MARK: printing

    public static func print(_ v: ComponentValue) -> String {
        switch v {
        case .bool(let b): return b ? "true" : "false"
        case .s8(let x): return String(x)
        case .u8(let x): return String(x)
        case .s16(let x): return String(x)
        case .u16(let x): return String(x)
        case .s32(let x): return String(x)
        case .u32(let x): return String(x)
        case .s64(let x): return String(x)
        case .u64(let x): return String(x)
        case .f32(let x): return float(Double(x), text: x.description)
        case .f64(let x): return float(x, text: x.description)
        case .char(let c): return "'" + escape(String(c), quote: "'") + "'"
        case .string(let s): return "\"" + escape(s, quote: "\"") + "\""
        case .list(let xs): return "[" + xs.map(print).joined(separator: ", ") + "]"
        case .tuple(let xs): return "(" + xs.map(print).joined(separator: ", ") + ")"
        case .record(let fs):
            // WAVE leaves out option fields that are `none`.
            let shown = fs.filter { if case .option(nil) = $0.value { return false }; return true }
            if shown.isEmpty { return "{}" }
            return "{" + shown.map { label($0.name) + ": " + print($0.value) }.joined(separator: ", ") + "}"
        case .variant(let n, let p): return label(n) + (p.map { "(" + print($0) + ")" } ?? "")
        case .enumeration(let n): return label(n)
        case .option(let p): return p.map { "some(" + print($0) + ")" } ?? "none"
        case .result(let ok, let p): return (ok ? "ok" : "err") + (p.map { "(" + print($0) + ")" } ?? "")
        case .flags(let names): return "{" + names.map(label).joined(separator: ", ") + "}"
        case .own(let h): return "own<\(h.type.name)>#\(h.hostIndex.map(String.init) ?? "rep\(h.rep)")"
        case .borrow(let h): return "borrow<\(h.type.name)>#\(h.hostIndex.map(String.init) ?? "rep\(h.rep)")"
        }
    }

    static let keywords: Set<String> = ["true", "false", "some", "none", "ok", "err", "inf", "nan"]

    static func label(_ s: String) -> String { keywords.contains(s) ? "%" + s : s }

    static func float(_ d: Double, text: String) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        return text
    }

    static func escape(_ s: String, quote: Character) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\"" where quote == "\"": out += "\\\""
            case "'" where quote == "'": out += "\\'"
            default:
                if u.value < 0x20 || u.value == 0x7f {
                    out += "\\u{" + String(u.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    // MARK: parser

    struct Parser {
        let s: [Character]
        var i = 0
        init(_ text: String) { s = Array(text) }

        var atEnd: Bool { i >= s.count }
        func peek() -> Character? { i < s.count ? s[i] : nil }
        func rest(_ n: Int) -> String { String(s[i..<min(s.count, i + n)]) }
        func error(_ m: String) -> ParseError { ParseError(message: m, column: i + 1) }

        mutating func skipSpace() { while i < s.count, s[i].isWhitespace { i += 1 } }
        mutating func eat(_ c: Character) -> Bool {
            if i < s.count, s[i] == c { i += 1; return true }
            return false
        }
        mutating func expect(_ c: Character, _ context: String) throws(ParseError) {
            skipSpace()
            guard eat(c) else { throw error("expected `\(c)` \(context), found \(atEnd ? "the end" : "`\(rest(8))`")") }
        }

        /// A label (kebab-case name), with an optional `%` escape.
        mutating func label() throws(ParseError) -> String {
            skipSpace()
            _ = eat("%")
            let start = i
            while i < s.count, s[i].isLetter || s[i].isNumber || s[i] == "-" || s[i] == "_" { i += 1 }
            guard i > start else { throw error("expected a name, found \(atEnd ? "the end" : "`\(rest(8))`")") }
            return String(s[start..<i])
        }

        /// The raw text of a number or keyword token.
        mutating func token() -> String {
            skipSpace()
            let start = i
            while i < s.count, s[i].isLetter || s[i].isNumber || "-+._%".contains(s[i]) { i += 1 }
            return String(s[start..<i])
        }

        mutating func value(_ t: ValueType) throws(ParseError) -> ComponentValue {
            skipSpace()
            let col = i
            func bad(_ what: String) -> ParseError { ParseError(message: what, column: col + 1) }
            func integer<T: FixedWidthInteger>(_ type: T.Type, _ name: String) throws(ParseError) -> T {
                let tok = token()
                guard !tok.isEmpty else { throw bad("expected \(name), found \(atEnd ? "the end" : "`\(rest(8))`")") }
                guard let v = T(tok) else {
                    if Int64(tok) != nil || UInt64(tok) != nil || tok.allSatisfy({ $0.isNumber || $0 == "-" }) {
                        throw bad("\(tok) is out of range for \(name)")
                    }
                    throw bad("expected \(name), found `\(tok)`")
                }
                return v
            }
            switch t {
            case .bool:
                let tok = token()
                if tok == "true" { return .bool(true) }
                if tok == "false" { return .bool(false) }
                throw bad("expected bool (true or false), found `\(tok)`")
            case .s8: return .s8(try integer(Int8.self, "s8"))
            case .u8: return .u8(try integer(UInt8.self, "u8"))
            case .s16: return .s16(try integer(Int16.self, "s16"))
            case .u16: return .u16(try integer(UInt16.self, "u16"))
            case .s32: return .s32(try integer(Int32.self, "s32"))
            case .u32: return .u32(try integer(UInt32.self, "u32"))
            case .s64: return .s64(try integer(Int64.self, "s64"))
            case .u64: return .u64(try integer(UInt64.self, "u64"))
            case .f32, .f64:
                let tok = token()
                let d: Double
                switch tok {
                case "nan": d = .nan
                case "inf": d = .infinity
                case "-inf": d = -.infinity
                default:
                    guard let x = Double(tok), !tok.lowercased().contains("n"), !tok.lowercased().contains("i") else {
                        throw bad("expected \(t == .f32 ? "f32" : "f64"), found `\(tok)`")
                    }
                    d = x
                }
                return t == .f32 ? .f32(Float(d)) : .f64(d)
            case .char:
                guard eat("'") else { throw bad("expected a char such as 'a', found \(atEnd ? "the end" : "`\(rest(8))`")") }
                let text = try quoted("'")
                guard text.unicodeScalars.count == 1, let c = text.unicodeScalars.first else {
                    throw bad("a char holds exactly one Unicode scalar value, found \(text.unicodeScalars.count)")
                }
                return .char(c)
            case .string:
                guard eat("\"") else { throw bad("expected a string such as \"text\", found \(atEnd ? "the end" : "`\(rest(8))`")") }
                return .string(try quoted("\""))
            case .list(let e):
                guard eat("[") else { throw bad("expected a list such as [1, 2], found \(atEnd ? "the end" : "`\(rest(8))`")") }
                return .list(try sequence(until: "]") { (p: inout Parser) throws(ParseError) in try p.value(e) })
            case .fixedList(let e, let n):
                guard eat("[") else { throw bad("expected a list of \(n) elements, found \(atEnd ? "the end" : "`\(rest(8))`")") }
                let xs = try sequence(until: "]") { (p: inout Parser) throws(ParseError) in try p.value(e) }
                guard xs.count == Int(n) else { throw bad("expected \(n) elements, found \(xs.count)") }
                return .list(xs)
            case .map(let k, let v):
                guard eat("[") else { throw bad("expected a map as a list of (key, value) tuples, found \(atEnd ? "the end" : "`\(rest(8))`")") }
                return .list(try sequence(until: "]") { (p: inout Parser) throws(ParseError) in try p.value(.tuple([k, v])) })
            case .tuple(let ts):
                guard eat("(") else { throw bad("expected a tuple such as (1, 2), found \(atEnd ? "the end" : "`\(rest(8))`")") }
                var xs: [ComponentValue] = []
                for (n, et) in ts.enumerated() {
                    if n > 0 { try expect(",", "between tuple elements") }
                    xs.append(try value(et))
                }
                skipSpace(); _ = eat(",")
                try expect(")", "after \(ts.count) tuple elements")
                return .tuple(xs)
            case .record(let fields):
                guard eat("{") else { throw bad("expected a record such as {\(fields.first?.name ?? "x"): ...}, found \(atEnd ? "the end" : "`\(rest(8))`")") }
                var given: [String: ComponentValue] = [:]
                skipSpace()
                while !eat("}") {
                    if !given.isEmpty { try expect(",", "between record fields"); skipSpace(); if eat("}") { break } }
                    let at = i
                    let name = try label()
                    guard let f = fields.first(where: { $0.name == name }) else {
                        throw ParseError(message: "the record has no field `\(name)` (fields: \(fields.map(\.name).joined(separator: ", ")))", column: at + 1)
                    }
                    guard given[name] == nil else { throw ParseError(message: "field `\(name)` given twice", column: at + 1) }
                    try expect(":", "after field name `\(name)`")
                    given[name] = try value(f.type)
                    skipSpace()
                    if atEnd { throw error("expected `}` to close the record") }
                }
                var out: [(name: String, value: ComponentValue)] = []
                for f in fields {
                    if let v = given[f.name] { out.append((f.name, v)) } else if case .option = f.type { out.append((f.name, .option(nil))) } else {
                        throw bad("the record is missing field `\(f.name)`")
                    }
                }
                return .record(out)
            case .flags(let labels):
                guard eat("{") else { throw bad("expected flags such as {\(labels.first ?? "a")}, found \(atEnd ? "the end" : "`\(rest(8))`")") }
                let names = try sequence(until: "}") { (p: inout Parser) throws(ParseError) in
                    let at = p.i
                    let n = try p.label()
                    guard labels.contains(n) else { throw ParseError(message: "unknown flag `\(n)` (flags: \(labels.joined(separator: ", ")))", column: at + 1) }
                    return ComponentValue.enumeration(n)
                }.compactMap { if case .enumeration(let n) = $0 { n } else { nil } }
                return .flags(labels.filter { names.contains($0) })
            case .enumeration(let labels):
                let n = try label()
                guard labels.contains(n) else { throw bad("unknown enum case `\(n)` (cases: \(labels.joined(separator: ", ")))") }
                return .enumeration(n)
            case .variant(let cases):
                let n = try label()
                guard let c = cases.first(where: { $0.name == n }) else {
                    throw bad("unknown variant case `\(n)` (cases: \(cases.map(\.name).joined(separator: ", ")))")
                }
                return .variant(name: n, payload: try payload(c.type, n))
            case .option(let inner):
                let n = try label()
                switch n {
                case "none": return .option(nil)
                case "some":
                    guard let p = try payload(inner, "some") else { throw bad("`some` needs a value: some(...)") }
                    return .option(p)
                default: throw bad("expected an option (some(...) or none), found `\(n)`")
                }
            case .result(let ok, let err):
                let n = try label()
                switch n {
                case "ok": return .result(isOk: true, payload: try payload(ok, "ok"))
                case "err": return .result(isOk: false, payload: try payload(err, "err"))
                default: throw bad("expected a result (ok(...) or err(...)), found `\(n)`")
                }
            case .own, .borrow:
                throw bad("resource handles cannot be written as values; call a constructor instead")
            case .errorContext, .stream, .future:
                throw bad("values of this type cannot be written on the command line")
            }
        }

        /// `(value)` after a case label when the case has a payload type.
        mutating func payload(_ t: ValueType?, _ name: String) throws(ParseError) -> ComponentValue? {
            skipSpace()
            guard let t else {
                if peek() == "(" { throw error("case `\(name)` has no payload") }
                return nil
            }
            guard eat("(") else { throw error("case `\(name)` needs a payload: \(name)(...)") }
            let v = try value(t)
            try expect(")", "after the payload of `\(name)`")
            return v
        }

        mutating func sequence(until close: Character, _ element: (inout Parser) throws(ParseError) -> ComponentValue) throws(ParseError) -> [ComponentValue] {
            var xs: [ComponentValue] = []
            skipSpace()
            while !eat(close) {
                if !xs.isEmpty { try expect(",", "between elements"); skipSpace(); if eat(close) { break } }
                xs.append(try element(&self))
                skipSpace()
                if atEnd { throw error("expected `\(close)` to close the list") }
            }
            return xs
        }

        /// The body of a quoted char or string, after the opening quote.
        mutating func quoted(_ q: Character) throws(ParseError) -> String {
            var out = ""
            while true {
                guard i < s.count else { throw error("unterminated \(q == "'" ? "char" : "string"): expected a closing \(q)") }
                let c = s[i]; i += 1
                if c == q { return out }
                if c != "\\" { out.append(c); continue }
                guard i < s.count else { throw error("unterminated escape") }
                let e = s[i]; i += 1
                switch e {
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                case "\\", "'", "\"": out.append(e)
                case "u":
                    guard eat("{") else { throw error("expected `{` after \\u") }
                    let start = i
                    while i < s.count, s[i].isHexDigit { i += 1 }
                    guard let code = UInt32(String(s[start..<i]), radix: 16), let u = Unicode.Scalar(code) else {
                        throw error("\\u{...} must hold a Unicode scalar value in hex")
                    }
                    guard eat("}") else { throw error("expected `}` to close \\u{...}") }
                    out.unicodeScalars.append(u)
                default: throw error("unknown escape \\\(e)")
                }
            }
        }
    }
}
