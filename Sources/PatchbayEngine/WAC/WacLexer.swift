/// Tokens of the WAC language (wac's LANGUAGE.md): identifiers (with the
/// `%` escape for keywords), strings, versions after `@`, punctuation, and
/// comments skipped. Every token carries its line and column for errors.
struct WacToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case id(String)
        case string(String)
        case version(String)
        case punct(String)
        case end
    }
    var kind: Kind
    var line: Int
    var column: Int

    var text: String {
        switch kind {
        case .id(let s): "`\(s)`"
        case .string(let s): "\"\(s)\""
        case .version(let v): "version \(v)"
        case .punct(let p): "`\(p)`"
        case .end: "end of file"
        }
    }
}

/// A WAC syntax or evaluation error at a place in the source.
public struct WacError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var path: String
    public var line: Int
    public var column: Int
    /// The source line and a caret under the column.
    public var excerpt: String
    public var causes: [String] = []

    public var description: String {
        var s = "\(path):\(line):\(column): \(message)"
        if !excerpt.isEmpty { s += "\n" + excerpt }
        for c in causes { s += "\n  caused by: " + c.replacing("\n", with: "\n  ") }
        return s
    }

    static func at(_ source: String, path: String, line: Int, column: Int, _ message: String, causes: [String] = []) -> WacError {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var excerpt = ""
        if line >= 1, line <= lines.count {
            let text = String(lines[line - 1])
            let gutter = "\(line) | "
            excerpt = gutter + text + "\n" + String(repeating: " ", count: gutter.count + max(0, column - 1)) + "^"
        }
        return WacError(message: message, path: path, line: line, column: column, excerpt: excerpt, causes: causes)
    }
}

struct WacLexer {
    let scalars: [Unicode.Scalar]
    let source: String
    let path: String
    var i = 0
    var line = 1
    var column = 1

    init(_ source: String, path: String) {
        self.source = source; self.path = path
        scalars = Array(source.unicodeScalars)
    }

    func error(_ message: String, line l: Int? = nil, column c: Int? = nil) -> WacError {
        WacError.at(source, path: path, line: l ?? line, column: c ?? column, message)
    }

    mutating func advance() {
        if scalars[i] == "\n" { line += 1; column = 1 } else { column += 1 }
        i += 1
    }

    func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < scalars.count ? scalars[i + k] : nil }

    mutating func skipTrivia() throws(WacError) {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" { advance(); continue }
            if c == "/" && peek(1) == "/" {
                while let d = peek(), d != "\n" { _ = d; advance() }
                continue
            }
            if c == "/" && peek(1) == "*" {
                let (l, col) = (line, column)
                advance(); advance()
                var depth = 1
                while depth > 0 {
                    guard let d = peek() else { throw error("unterminated block comment", line: l, column: col) }
                    if d == "*" && peek(1) == "/" { advance(); advance(); depth -= 1 }
                    else if d == "/" && peek(1) == "*" { advance(); advance(); depth += 1 }
                    else { advance() }
                }
                continue
            }
            break
        }
    }

    static func isIdStart(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
    static func isIdPart(_ c: Unicode.Scalar) -> Bool { isIdStart(c) || ("0"..."9").contains(c) || c == "-" }

    /// All tokens; a version is lexed only right after `@`.
    mutating func tokens() throws(WacError) -> [WacToken] {
        var out: [WacToken] = []
        while true {
            try skipTrivia()
            let (l, col) = (line, column)
            guard let c = peek() else { out.append(WacToken(kind: .end, line: l, column: col)); return out }
            if case .punct("@")? = out.last?.kind {
                var v = ""
                while let d = peek(), Self.isIdPart(d) || d == "." || d == "+" {
                    // A trailing `.` belongs to what follows (`@1.0.0.{`), not the version.
                    if d == ".", !(peek(1).map(Self.isIdPart) ?? false) { break }
                    v.unicodeScalars.append(d); advance()
                }
                guard SemVer(v) != nil else { throw error("expected a semantic version after `@`, found `\(v)`", line: l, column: col) }
                out.append(WacToken(kind: .version(v), line: l, column: col))
                continue
            }
            if c == "%" || Self.isIdStart(c) {
                var s = ""
                if c == "%" { advance() }
                while let d = peek(), Self.isIdPart(d) { s.unicodeScalars.append(d); advance() }
                if s.isEmpty { throw error("expected an identifier after `%`", line: l, column: col) }
                out.append(WacToken(kind: c == "%" ? .id("%" + s) : .id(s), line: l, column: col))
                continue
            }
            if c == "\"" {
                advance()
                var s = ""
                while true {
                    guard let d = peek(), d != "\n" else { throw error("unterminated string", line: l, column: col) }
                    advance()
                    if d == "\"" { break }
                    s.unicodeScalars.append(d)
                }
                out.append(WacToken(kind: .string(s), line: l, column: col))
                continue
            }
            if c == "." && peek(1) == "." && peek(2) == "." {
                advance(); advance(); advance()
                out.append(WacToken(kind: .punct("..."), line: l, column: col))
                continue
            }
            if c == "-" && peek(1) == ">" {
                advance(); advance()
                out.append(WacToken(kind: .punct("->"), line: l, column: col))
                continue
            }
            if ":;,.{}()[]<>=@/_".unicodeScalars.contains(c) {
                advance()
                out.append(WacToken(kind: .punct(String(c)), line: l, column: col))
                continue
            }
            throw error("unexpected character `\(c)`", line: l, column: col)
        }
    }
}
