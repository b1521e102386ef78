/// The tokens of WIT text (WIT.md, "Lexical structure").
///
/// Reused by the WAC front end, whose inline types are WIT type expressions,
/// so the token set and the `describe` wording are kept complete and public.
public enum WitTokenKind: Hashable, Sendable {
    case whitespace, comment
    case equals, comma, colon, period, semicolon
    case leftParen, rightParen, leftBrace, rightBrace, lessThan, greaterThan
    case rArrow, star, at, slash, plus, minus
    case stringLiteral
    case use, type, `func`
    case u8, u16, u32, u64, s8, s16, s32, s64, f32, f64, char
    case record, resource, own, borrow, flags, variant, `enum`, bool, string
    case option, result, future, stream, errorContext, list, map
    case underscore, `as`, from, `static`, interface, tuple, `import`, export, world, package
    case constructor, async, include, with
    case id, explicitId, integer

    static let keywords: [String: WitTokenKind] = [
        "use": .use, "type": .type, "func": .func,
        "u8": .u8, "u16": .u16, "u32": .u32, "u64": .u64,
        "s8": .s8, "s16": .s16, "s32": .s32, "s64": .s64,
        "f32": .f32, "f64": .f64, "char": .char,
        "resource": .resource, "own": .own, "borrow": .borrow, "record": .record,
        "flags": .flags, "variant": .variant, "enum": .enum, "bool": .bool,
        "string": .string, "option": .option, "result": .result, "future": .future,
        "stream": .stream, "error-context": .errorContext, "list": .list, "map": .map,
        "_": .underscore, "as": .as, "from": .from, "static": .static,
        "interface": .interface, "tuple": .tuple, "world": .world, "import": .import,
        "export": .export, "package": .package, "constructor": .constructor,
        "include": .include, "with": .with, "async": .async,
    ]

    /// How an error message names the token ("expected X, found Y"); the
    /// wording follows wit-parser so messages read the same as the oracle's.
    public var describe: String {
        switch self {
        case .whitespace: "whitespace"
        case .comment: "a comment"
        case .equals: "'='"
        case .comma: "','"
        case .colon: "':'"
        case .period: "'.'"
        case .semicolon: "';'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .leftBrace: "'{'"
        case .rightBrace: "'}'"
        case .lessThan: "'<'"
        case .greaterThan: "'>'"
        case .rArrow: "`->`"
        case .star: "`*`"
        case .at: "`@`"
        case .slash: "`/`"
        case .plus: "`+`"
        case .minus: "`-`"
        case .stringLiteral: "a string literal"
        case .id: "an identifier"
        case .explicitId: "an '%' identifier"
        case .integer: "an integer"
        case .errorContext: "keyword `error-context`"
        case .underscore: "keyword `_`"
        default: "keyword `\(keywordText)`"
        }
    }

    private var keywordText: String {
        for (k, v) in WitTokenKind.keywords where v == self { return k }
        return "\(self)"
    }
}

public struct WitToken: Sendable {
    public var kind: WitTokenKind
    /// Byte offsets into the source map (global, see `WitSourceMap`).
    public var span: WitSpan
}

/// A byte range in a `WitSourceMap` (offsets are global across files).
public struct WitSpan: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public init(_ start: Int, _ end: Int) { self.start = start; self.end = end }
    /// A span with no known location (items synthesised during resolution).
    public static let unknown = WitSpan(-1, -1)
    public var isKnown: Bool { start >= 0 }
}

/// A diagnostic before it is placed in a file: a message and where.
public struct WitDiagnostic: Error, Sendable, Equatable {
    public var span: WitSpan
    public var message: String
    public init(_ span: WitSpan, _ message: String) { self.span = span; self.message = message }
}

/// Splits WIT text into tokens. A value type: copying it is how the parser
/// looks ahead (try a production on a copy, keep the copy if it matched).
public struct WitLexer: Sendable {
    let bytes: [UInt8]
    /// Global offset of `bytes[0]`.
    let base: Int
    private(set) var pos: Int

    /// Fails on code points WIT forbids anywhere in a file (bidirectional
    /// overrides, deprecated and control characters).
    public init(_ text: String, base: Int = 0) throws(WitDiagnostic) {
        self.bytes = Array(text.utf8)
        self.base = base
        self.pos = 0
        var offset = 0
        for u in text.unicodeScalars {
            let v = u.value
            let len = UTF8.width(u)
            defer { offset += len }
            if v == 0x0a || v == 0x0d || v == 0x09 { continue }
            let at = WitSpan(base + offset, base + offset + 1)
            if (0x202a...0x202e).contains(v) || (0x2066...0x2069).contains(v) {
                throw WitDiagnostic(at, "Input contains bidirectional override codepoint \"\\u{\(String(v, radix: 16))}\"")
            }
            if [0x149, 0x673, 0xf77, 0xf79, 0x17a3, 0x17a4, 0x17b4, 0x17b5].contains(v) {
                throw WitDiagnostic(at, "Codepoint \"\\u{\(String(v, radix: 16))}\" is discouraged by Unicode")
            }
            if v < 0x20 || (0x7f...0x9f).contains(v) {
                throw WitDiagnostic(at, "Control code '\\u{\(String(v, radix: 16))}'")
            }
        }
        // A UTF-8 byte order mark is not part of the text.
        if bytes.starts(with: [0xef, 0xbb, 0xbf]) { pos = 3 }
    }

    /// The span just past the last byte: where "found eof" points.
    public var eofSpan: WitSpan { WitSpan(base + bytes.count, base + bytes.count) }

    /// The text of a span of this lexer's source.
    public func text(_ span: WitSpan) -> String {
        let s = max(0, min(bytes.count, span.start - base)), e = max(s, min(bytes.count, span.end - base))
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }

    // MARK: scalars

    /// The scalar at byte `i` and its length in bytes; `\r\n` reads as one `\n`.
    private func scalar(at i: Int) -> (Unicode.Scalar, Int)? {
        guard i < bytes.count else { return nil }
        let b0 = bytes[i]
        if b0 < 0x80 {
            if b0 == 0x0d, i + 1 < bytes.count, bytes[i + 1] == 0x0a { return ("\n", 2) }
            return (Unicode.Scalar(b0), 1)
        }
        let len = b0 >= 0xf0 ? 4 : b0 >= 0xe0 ? 3 : 2
        guard i + len <= bytes.count else { return ("\u{fffd}", 1) }
        var v = UInt32(b0) & (len == 2 ? 0x1f : len == 3 ? 0x0f : 0x07)
        for k in 1..<len { v = (v << 6) | (UInt32(bytes[i + k]) & 0x3f) }
        return (Unicode.Scalar(v) ?? "\u{fffd}", len)
    }

    private mutating func eat(_ c: Unicode.Scalar) -> Bool {
        if let (s, n) = scalar(at: pos), s == c { pos += n; return true }
        return false
    }

    static func isKeylikeStart(_ s: Unicode.Scalar) -> Bool {
        s.properties.isXIDStart || s == "_" || s == "-"
    }

    static func isKeylikeContinue(_ s: Unicode.Scalar) -> Bool {
        s.properties.isXIDContinue || s == "-"
    }

    // MARK: tokens

    /// The next token that is not whitespace or a comment; nil at the end.
    public mutating func next() throws(WitDiagnostic) -> WitToken? {
        while true {
            guard let t = try nextRaw() else { return nil }
            if t.kind != .whitespace && t.kind != .comment { return t }
        }
    }

    /// The next token, whitespace and comments included.
    public mutating func nextRaw() throws(WitDiagnostic) -> WitToken? {
        guard let (ch, n) = scalar(at: pos) else { return nil }
        let start = pos
        pos += n
        let kind: WitTokenKind
        switch ch {
        case "\n", "\t", " ":
            while eat(" ") || eat("\t") || eat("\n") {}
            kind = .whitespace
        case "/":
            if eat("/") {
                while let (c, m) = scalar(at: pos) {
                    pos += m
                    if c == "\n" { break }
                }
                kind = .comment
            } else if eat("*") {
                var depth = 1
                while depth > 0 {
                    guard let (c, m) = scalar(at: pos) else {
                        throw WitDiagnostic(WitSpan(base + start, base + start + 1), "unterminated block comment")
                    }
                    pos += m
                    if c == "/" && eat("*") { depth += 1 } else if c == "*" && eat("/") { depth -= 1 }
                }
                kind = .comment
            } else {
                kind = .slash
            }
        case "=": kind = .equals
        case ",": kind = .comma
        case ":": kind = .colon
        case ".": kind = .period
        case ";": kind = .semicolon
        case "(": kind = .leftParen
        case ")": kind = .rightParen
        case "{": kind = .leftBrace
        case "}": kind = .rightBrace
        case "<": kind = .lessThan
        case ">": kind = .greaterThan
        case "*": kind = .star
        case "@": kind = .at
        case "-": kind = eat(">") ? .rArrow : .minus
        case "+": kind = .plus
        case "%":
            if let (c, m) = scalar(at: pos), WitLexer.isKeylikeStart(c) {
                pos += m
                while let (c, m) = scalar(at: pos), WitLexer.isKeylikeContinue(c) { pos += m }
            }
            kind = .explicitId
        case "\"":
            _ = try stringLiteralBody()
            kind = .stringLiteral
        default:
            if WitLexer.isKeylikeStart(ch) {
                while let (c, m) = scalar(at: pos), WitLexer.isKeylikeContinue(c) { pos += m }
                let word = String(decoding: bytes[start..<pos], as: UTF8.self)
                kind = WitTokenKind.keywords[word] ?? .id
            } else if ch.properties.numericType != nil, ch.isASCII, ("0"..."9").contains(ch) {
                while let (c, m) = scalar(at: pos), c.isASCII, ("0"..."9").contains(c) { pos += m }
                kind = .integer
            } else {
                throw WitDiagnostic(WitSpan(base + start, base + start + 1), "unexpected character \(Self.debugChar(ch))")
            }
        }
        return WitToken(kind: kind, span: WitSpan(base + start, base + pos))
    }

    /// Rust's `{:?}` of a char, which wit-parser's messages use.
    static func debugChar(_ c: Unicode.Scalar) -> String {
        switch c {
        case "'": return "'\\''"
        case "\\": return "'\\\\'"
        case "\n": return "'\\n'"
        case "\r": return "'\\r'"
        case "\t": return "'\\t'"
        default:
            if c.value < 0x20 || c.value == 0x7f { return "'\\u{\(String(c.value, radix: 16))}'" }
            return "'\(Character(c))'"
        }
    }

    /// Consumes a string literal after its opening quote and returns its value.
    private mutating func stringLiteralBody() throws(WitDiagnostic) -> String {
        var out = String.UnicodeScalarView()
        func here(_ p: Int) -> WitSpan { WitSpan(base + p, base + p + 1) }
        while true {
            guard let (c, n) = scalar(at: pos) else { throw WitDiagnostic(eofSpan, "unexpected end of file") }
            let at = pos
            pos += n
            switch c {
            case "\"":
                return String(out)
            case "\\":
                guard let (e, m) = scalar(at: pos) else { throw WitDiagnostic(eofSpan, "unexpected end of file") }
                pos += m
                switch e {
                case "\"": out.append("\"")
                case "'": out.append("'")
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "\\": out.append("\\")
                case "u":
                    guard eat("{") else { throw WitDiagnostic(here(pos), "expected character '{'") }
                    var v: UInt32 = 0
                    var digits = 0
                    while let (d, k) = scalar(at: pos), d.isASCII, d.properties.isASCIIHexDigit || d == "_" {
                        pos += k
                        if d == "_" { continue }
                        guard let x = UInt32(String(d), radix: 16), v <= (UInt32.max - x) / 16 else {
                            throw WitDiagnostic(here(pos - 1), "number is too big to fit in a u32")
                        }
                        v = v * 16 + x
                        digits += 1
                    }
                    if digits == 0 { throw WitDiagnostic(here(pos), "invalid hex digit") }
                    guard let s = Unicode.Scalar(v) else {
                        throw WitDiagnostic(here(at), "invalid unicode value 0x\(String(v, radix: 16))")
                    }
                    out.append(s)
                    guard eat("}") else { throw WitDiagnostic(here(pos), "expected character '}'") }
                default:
                    throw WitDiagnostic(here(at + 1), "invalid string escape \(Self.debugChar(e))")
                }
            default:
                if c.value < 0x20 || c.value == 0x7f {
                    throw WitDiagnostic(here(at), "invalid string character \(Self.debugChar(c))")
                }
                out.append(c)
            }
        }
    }

    /// The value of a string literal token.
    public func stringValue(_ token: WitToken) throws(WitDiagnostic) -> String {
        var sub = self
        sub.pos = token.span.start - base + 1
        return try sub.stringLiteralBody()
    }

    // MARK: parser helpers

    /// Consumes the next token if it is `kind`.
    public mutating func eat(_ kind: WitTokenKind) throws(WitDiagnostic) -> Bool {
        var probe = self
        if let t = try probe.next(), t.kind == kind { self = probe; return true }
        return false
    }

    /// Whether the next token is `kind`, without consuming it.
    public func peekIs(_ kind: WitTokenKind) throws(WitDiagnostic) -> Bool {
        var probe = self
        return try probe.next()?.kind == kind
    }

    /// The next token without consuming it.
    public func peek() throws(WitDiagnostic) -> WitToken? {
        var probe = self
        return try probe.next()
    }

    /// Consumes `kind` or fails with "expected X, found Y".
    @discardableResult
    public mutating func expect(_ kind: WitTokenKind) throws(WitDiagnostic) -> WitSpan {
        guard let t = try next() else {
            throw WitDiagnostic(eofSpan, "expected \(kind.describe), found eof")
        }
        guard t.kind == kind else {
            throw WitDiagnostic(t.span, "expected \(kind.describe), found \(t.kind.describe)")
        }
        return t.span
    }

    /// "expected X, found <token>" at `found`, or at the end of input.
    public func expected(_ what: String, found: WitToken?) -> WitDiagnostic {
        guard let t = found else { return WitDiagnostic(eofSpan, "expected \(what), found eof") }
        return WitDiagnostic(t.span, "expected \(what), found \(t.kind.describe)")
    }

    /// Checks the WIT identifier rules: `-`-separated words, each all
    /// lowercase or all uppercase, the first starting with a letter.
    public static func validateID(_ id: Substring, at start: Int) throws(WitDiagnostic) {
        let at = WitSpan(start, start + 1)
        if id.isEmpty { throw WitDiagnostic(at, "identifiers must have characters between '-'s") }
        for (i, part) in id.split(separator: "-", omittingEmptySubsequences: false).enumerated() {
            guard let first = part.unicodeScalars.first else {
                throw WitDiagnostic(at, "identifiers must have characters between '-'s")
            }
            if i == 0 && !(first.isASCII && first.properties.isAlphabetic) {
                throw WitDiagnostic(at, "invalid character in identifier \(debugChar(first))")
            }
            var upper: Bool?
            for c in part.unicodeScalars {
                if c.isASCII && ("0"..."9").contains(c) { continue }
                let isUpper = c.isASCII && ("A"..."Z").contains(c)
                let isLower = c.isASCII && ("a"..."z").contains(c)
                guard isUpper || isLower else { throw WitDiagnostic(at, "invalid character in identifier \(debugChar(c))") }
                if let u = upper, u != isUpper { throw WitDiagnostic(at, "invalid character in identifier \(debugChar(c))") }
                upper = isUpper
            }
        }
    }
}
