/// The tokens of the WebAssembly text format (core spec "Lexical Format",
/// shared by the component text format): parentheses, keywords, `$ids`,
/// strings, numbers and annotations, with comments and white space skipped.
/// Every token and every error carries its line and column (1-based, in
/// Unicode scalars), so a parser can say where the text is wrong.
public struct WatToken: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case lparen
        case rparen
        /// `(@name`: the start of an annotation (the paren is part of it).
        case annotation(String)
        /// A keyword: starts with a lowercase letter (`module`, `i32.add`, `offset=4`, `nan:0x1`).
        case keyword(String)
        /// `$name`, or `$"quoted name"` (decoded).
        case id(String)
        /// A string literal's bytes (escapes decoded; need not be UTF-8).
        case string([UInt8])
        /// An integer or float literal as written (sign and underscores
        /// included), or a run that starts like one (`1x`): `WatNumbers`
        /// decides whether it is well formed.
        case number(String)
        /// Any other run of identifier characters (not valid anywhere; the parser reports it).
        case reserved(String)
    }

    public var kind: Kind
    public var line: Int
    public var column: Int
    /// Offsets of the token's first and past-last scalar in the source.
    public var start: Int
    public var end: Int

    /// The text of a string token as UTF-8, if it is valid UTF-8.
    public var text: String? {
        if case .string(let b) = kind { return String(validating: b, as: UTF8.self) }
        return nil
    }
}

/// A text-format error at a line and column.
public struct WatError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int
    public init(_ message: String, line: Int, column: Int) { self.message = message; self.line = line; self.column = column }
    public var description: String { "\(line):\(column): \(message)" }
}

public struct WatLexer {
    private let scalars: [Unicode.Scalar]
    private var i = 0
    private var line = 1
    private var column = 1

    public init(_ source: String) { scalars = Array(source.unicodeScalars) }

    /// All tokens of `source`.
    public static func tokenize(_ source: String) throws(WatError) -> [WatToken] {
        var lexer = WatLexer(source)
        var out: [WatToken] = []
        while let t = try lexer.next() { out.append(t) }
        return out
    }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < scalars.count ? scalars[i + k] : nil }

    private mutating func advance() {
        if scalars[i] == "\n" { line += 1; column = 1 } else { column += 1 }
        i += 1
    }

    private func error(_ message: String) -> WatError { WatError(message, line: line, column: column) }

    static func isIdChar(_ c: Unicode.Scalar) -> Bool { Naming.isIdChar(c) }

    /// The next token, or nil at the end of the source.
    public mutating func next() throws(WatError) -> WatToken? {
        try skipTrivia()
        guard let c = peek() else { return nil }
        let (l, col, s) = (line, column, i)
        func token(_ k: WatToken.Kind) -> WatToken { WatToken(kind: k, line: l, column: col, start: s, end: i) }
        switch c {
        case "(":
            advance()
            if peek() == "@" {
                advance()
                let name: String
                if peek() == "\"" {
                    guard let n = String(validating: try stringBytes(), as: UTF8.self), !n.isEmpty else {
                        throw WatError("malformed annotation id", line: l, column: col)
                    }
                    name = n
                } else {
                    name = idChars()
                    if name.isEmpty { throw WatError("empty annotation id", line: l, column: col) }
                }
                return token(.annotation(name))
            }
            return token(.lparen)
        case ")":
            advance()
            return token(.rparen)
        case "\"":
            return token(.string(try stringBytes()))
        case "$":
            advance()
            if peek() == "\"" {
                let b = try stringBytes()
                guard let n = String(validating: b, as: UTF8.self) else {
                    throw WatError("malformed UTF-8 encoding of an identifier", line: l, column: col)
                }
                if n.isEmpty { throw WatError("empty identifier", line: l, column: col) }
                return token(.id(n))
            }
            let n = idChars()
            if n.isEmpty { throw WatError("empty identifier", line: l, column: col) }
            return token(.id(n))
        default:
            guard WatLexer.isIdChar(c) else {
                throw error("unexpected character '\(c.escaped(asASCII: true))'")
            }
            let word = idChars()
            // A run of idchars must end at white space, a paren, a quote or a comment.
            if let d = peek(), d == "\"" {
                throw error("unexpected character '\"' after `\(word)`")
            }
            let first = word.unicodeScalars.first!
            if first >= "a" && first <= "z" { return token(.keyword(word)) }
            if WatNumbers.looksNumeric(word) { return token(.number(word)) }
            return token(.reserved(word))
        }
    }

    private mutating func idChars() -> String {
        var s = String.UnicodeScalarView()
        while let c = peek(), WatLexer.isIdChar(c) {
            s.append(c)
            advance()
        }
        return String(s)
    }

    private mutating func skipTrivia() throws(WatError) {
        while let c = peek() {
            switch c {
            case " ", "\t", "\n", "\r":
                advance()
            case ";" where peek(1) == ";":
                while let d = peek(), d != "\n" { advance() }
            case "(" where peek(1) == ";":
                let (l, col) = (line, column)
                advance(); advance()
                var depth = 1
                while depth > 0 {
                    guard let d = peek() else { throw WatError("unterminated block comment", line: l, column: col) }
                    if d == "(" && peek(1) == ";" { advance(); advance(); depth += 1 }
                    else if d == ";" && peek(1) == ")" { advance(); advance(); depth -= 1 }
                    else { advance() }
                }
            default:
                return
            }
        }
    }

    /// A string literal at the cursor (which is on the opening quote).
    private mutating func stringBytes() throws(WatError) -> [UInt8] {
        let (l, col) = (line, column)
        advance()
        var out: [UInt8] = []
        while true {
            guard let c = peek() else { throw WatError("unterminated string", line: l, column: col) }
            if c == "\"" { advance(); return out }
            if c == "\\" {
                advance()
                guard let e = peek() else { throw WatError("unterminated string", line: l, column: col) }
                switch e {
                case "t": out.append(0x09); advance()
                case "n": out.append(0x0a); advance()
                case "r": out.append(0x0d); advance()
                case "\"": out.append(0x22); advance()
                case "'": out.append(0x27); advance()
                case "\\": out.append(0x5c); advance()
                case "u":
                    advance()
                    guard peek() == "{" else { throw error("invalid escape: expected `{` after \\u") }
                    advance()
                    var v: UInt32 = 0
                    var digits = 0
                    while let h = peek(), h != "}" {
                        if h == "_" && digits > 0 { advance(); continue }
                        guard let d = WatNumbers.hexValue(h) else { throw error("invalid escape: `\(h.escaped(asASCII: true))` is not a hex digit") }
                        v = v &* 16 &+ UInt32(d)
                        digits += 1
                        if digits > 8 { throw error("invalid escape: code point too large") }
                        advance()
                    }
                    guard peek() == "}", digits > 0 else { throw error("invalid escape: expected hex digits and `}`") }
                    advance()
                    guard let scalar = Unicode.Scalar(v) else { throw error("invalid escape: U+\(String(v, radix: 16)) is not a Unicode scalar value") }
                    out.append(contentsOf: Array(String(scalar).utf8))
                default:
                    guard let hi = WatNumbers.hexValue(e), let lo = peek(1).flatMap(WatNumbers.hexValue) else {
                        throw error("invalid string escape '\(e.escaped(asASCII: true))'")
                    }
                    out.append(UInt8(hi << 4 | lo))
                    advance(); advance()
                }
                continue
            }
            if c.value < 0x20 || c.value == 0x7f {
                throw error("invalid character in string: U+\(String(c.value, radix: 16))")
            }
            out.append(contentsOf: Array(String(c).utf8))
            advance()
        }
    }
}
