/// A parser for the subset of TOML that config and theme files need:
/// `[table]` headers, dotted and quoted keys, basic and literal strings,
/// integers, floats, booleans, arrays (over several lines too) and inline
/// tables. Not supported (reported as errors): multi-line strings, dates,
/// arrays of tables. Written here to avoid a dependency for ~300 lines.
///
/// It never throws: a bad statement is reported with its line number and
/// skipped, and parsing goes on with the next line, so one typo gives one
/// warning rather than hiding the rest of the file.
public enum TOML {
    public static func parse(_ text: String, file: String? = nil) -> TOMLDocument {
        var parser = TOMLParser(text: text, file: file)
        return parser.parseDocument()
    }
}

struct TOMLError: Error {
    var line: Int
    var message: String
}

struct TOMLParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private let file: String?
    private var root = TOMLTable()
    private var currentPath: [String] = []
    private var definedTables: Set<[String]> = []
    private var warnings: [ConfigWarning] = []
    /// Nesting limit for arrays and inline tables; keeps recursion bounded.
    private let maxDepth = 64

    init(text: String, file: String?) {
        self.scalars = Array(text.unicodeScalars)
        self.file = file
    }

    private var atEnd: Bool { index >= scalars.count }
    private var current: Unicode.Scalar? { atEnd ? nil : scalars[index] }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private func error(_ message: String) -> TOMLError { TOMLError(line: line, message: message) }

    private mutating func advance() {
        if current == "\n" { line += 1 }
        index += 1
    }

    mutating func parseDocument() -> TOMLDocument {
        while !atEnd {
            skipBlanks()
            guard let c = current else { break }
            if c == "\n" || c == "\r" { advance(); continue }
            if c == "#" { skipToLineEnd(); continue }
            do throws(TOMLError) {
                if c == "[" { try parseHeader() } else { try parseKeyValue() }
                try expectLineEnd()
            } catch {
                warnings.append(ConfigWarning(file: file, line: error.line, message: error.message))
                skipToLineEnd()
            }
        }
        return TOMLDocument(root: root, warnings: warnings)
    }

    // MARK: Lexical helpers

    private mutating func skipBlanks() {
        while let c = current, c == " " || c == "\t" { advance() }
    }

    /// Skips blanks, newlines and comments (inside arrays).
    private mutating func skipBlanksAndNewlines() {
        while let c = current {
            if c == " " || c == "\t" || c == "\n" || c == "\r" { advance() } else if c == "#" { skipToLineEnd() } else { break }
        }
    }

    private mutating func skipToLineEnd() {
        while let c = current, c != "\n" { advance() }
    }

    private mutating func expectLineEnd() throws(TOMLError) {
        skipBlanks()
        guard let c = current else { return }
        if c == "#" { skipToLineEnd(); return }
        if c == "\r" { advance() }
        guard let end = current, end == "\n" else {
            throw error("unexpected '\(current.map { String($0) } ?? "")' after value; one statement per line")
        }
    }

    private static func isBareKeyScalar(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_" || c == "-"
    }

    // MARK: Statements

    private mutating func parseHeader() throws(TOMLError) {
        advance()  // [
        if current == "[" { throw error("arrays of tables ([[...]]) are not supported") }
        skipBlanks()
        let path = try parseKeyPath()
        skipBlanks()
        guard current == "]" else { throw error("expected ']' to close the table header") }
        advance()
        if definedTables.contains(path) { throw error("table [\(path.joined(separator: "."))] is defined twice") }
        try Self.ensureTable(&root, path: path, line: line)
        definedTables.insert(path)
        currentPath = path
    }

    private mutating func parseKeyValue() throws(TOMLError) {
        let keyLine = line
        let path = try parseKeyPath()
        skipBlanks()
        guard current == "=" else { throw error("expected '=' after key '\(path.joined(separator: "."))'") }
        advance()
        skipBlanks()
        let value = try parseValue(depth: 0)
        try Self.insert(&root, path: currentPath + path, value: value, line: keyLine)
    }

    private mutating func parseKeyPath() throws(TOMLError) -> [String] {
        var parts: [String] = []
        while true {
            skipBlanks()
            guard let c = current else { throw error("expected a key") }
            if c == "\"" {
                parts.append(try parseBasicString())
            } else if c == "'" {
                parts.append(try parseLiteralString())
            } else if Self.isBareKeyScalar(c) {
                var key = ""
                while let k = current, Self.isBareKeyScalar(k) { key.unicodeScalars.append(k); advance() }
                parts.append(key)
            } else {
                throw error("expected a key, found '\(c)'")
            }
            skipBlanks()
            guard current == "." else { return parts }
            advance()
        }
    }

    // MARK: Values

    private mutating func parseValue(depth: Int) throws(TOMLError) -> TOMLValue {
        guard depth < maxDepth else { throw error("values nested more than \(maxDepth) deep") }
        guard let c = current, c != "\n", c != "#" else { throw error("expected a value") }
        switch c {
        case "\"":
            if peek(1) == "\"" && peek(2) == "\"" { throw error("multi-line strings are not supported") }
            return .string(try parseBasicString())
        case "'":
            if peek(1) == "'" && peek(2) == "'" { throw error("multi-line strings are not supported") }
            return .string(try parseLiteralString())
        case "[":
            return try parseArray(depth: depth)
        case "{":
            return try parseInlineTable(depth: depth)
        default:
            return try parseBareValue()
        }
    }

    private mutating func parseBasicString() throws(TOMLError) -> String {
        advance()  // "
        var result = ""
        while let c = current {
            switch c {
            case "\"":
                advance()
                return result
            case "\n":
                throw error("unterminated string")
            case "\\":
                advance()
                guard let escape = current else { throw error("unterminated string") }
                advance()
                switch escape {
                case "n": result += "\n"
                case "t": result += "\t"
                case "r": result += "\r"
                case "b": result += "\u{08}"
                case "f": result += "\u{0C}"
                case "\"": result += "\""
                case "\\": result += "\\"
                case "u", "U":
                    let count = escape == "u" ? 4 : 8
                    var hex = ""
                    for _ in 0..<count {
                        guard let h = current, h.properties.isASCIIHexDigit else { throw error("bad \\\(escape) escape: expected \(count) hex digits") }
                        hex.unicodeScalars.append(h)
                        advance()
                    }
                    guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else { throw error("\\\(escape)\(hex) is not a Unicode scalar") }
                    result.unicodeScalars.append(scalar)
                default:
                    throw error("unknown escape '\\\(escape)'")
                }
            default:
                result.unicodeScalars.append(c)
                advance()
            }
        }
        throw error("unterminated string")
    }

    private mutating func parseLiteralString() throws(TOMLError) -> String {
        advance()  // '
        var result = ""
        while let c = current {
            if c == "'" { advance(); return result }
            if c == "\n" { break }
            result.unicodeScalars.append(c)
            advance()
        }
        throw error("unterminated string")
    }

    private mutating func parseArray(depth: Int) throws(TOMLError) -> TOMLValue {
        let startLine = line
        advance()  // [
        var items: [TOMLValue] = []
        while true {
            skipBlanksAndNewlines()
            guard let c = current else { throw TOMLError(line: startLine, message: "unterminated array") }
            if c == "]" { advance(); return .array(items) }
            items.append(try parseValue(depth: depth + 1))
            skipBlanksAndNewlines()
            if current == "," { advance(); continue }
            if current == "]" { advance(); return .array(items) }
            if atEnd { throw TOMLError(line: startLine, message: "unterminated array") }
            throw error("expected ',' or ']' in the array opened on line \(startLine)")
        }
    }

    private mutating func parseInlineTable(depth: Int) throws(TOMLError) -> TOMLValue {
        advance()  // {
        var table = TOMLTable()
        skipBlanks()
        if current == "}" { advance(); return .table(table) }
        while true {
            skipBlanks()
            let keyLine = line
            let path = try parseKeyPath()
            skipBlanks()
            guard current == "=" else { throw error("expected '=' in inline table") }
            advance()
            skipBlanks()
            let value = try parseValue(depth: depth + 1)
            try Self.insert(&table, path: path, value: value, line: keyLine)
            skipBlanks()
            if current == "," { advance(); continue }
            if current == "}" { advance(); return .table(table) }
            throw error("expected ',' or '}' in inline table (inline tables must stay on one line)")
        }
    }

    private mutating func parseBareValue() throws(TOMLError) -> TOMLValue {
        var token = ""
        while let c = current, c != ",", c != "]", c != "}", c != " ", c != "\t", c != "\n", c != "\r", c != "#" {
            token.unicodeScalars.append(c)
            advance()
        }
        if token == "true" { return .bool(true) }
        if token == "false" { return .bool(false) }
        let digits = token.replacing("_", with: "")
        if let integer = Int(digits), !token.hasPrefix("_"), !token.hasSuffix("_") { return .integer(integer) }
        if digits.hasPrefix("0x"), let hex = Int(digits.dropFirst(2), radix: 16) { return .integer(hex) }
        if digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), digits.first.map({ $0.isNumber || $0 == "-" || $0 == "+" }) == true, let number = Double(digits) {
            return .float(number)
        }
        if token.isEmpty { throw error("expected a value") }
        if token.contains("-") && token.first?.isNumber == true { throw error("dates and times are not supported: '\(token)'") }
        throw error("invalid value '\(token)' (strings need quotes)")
    }

    // MARK: Building tables

    private static func ensureTable(_ table: inout TOMLTable, path: [String], line: Int) throws(TOMLError) {
        guard let first = path.first else { return }
        var child: TOMLTable
        switch table[first] {
        case nil: child = TOMLTable()
        case .table(let existing): child = existing
        case .some(let other): throw TOMLError(line: line, message: "'\(first)' is already \(other.kindName), not a table")
        }
        try ensureTable(&child, path: Array(path.dropFirst()), line: line)
        table.set(first, .table(child), line: line)
    }

    private static func insert(_ table: inout TOMLTable, path: [String], value: TOMLValue, line: Int) throws(TOMLError) {
        guard let first = path.first else { return }
        if path.count == 1 {
            if table[first] != nil {
                throw TOMLError(line: line, message: "duplicate key '\(first)' (first set on line \(table.line(of: first) ?? line))")
            }
            table.set(first, value, line: line)
            return
        }
        var child: TOMLTable
        switch table[first] {
        case nil: child = TOMLTable()
        case .table(let existing): child = existing
        case .some(let other): throw TOMLError(line: line, message: "'\(first)' is already \(other.kindName), not a table")
        }
        try insert(&child, path: Array(path.dropFirst()), value: value, line: line)
        table.set(first, .table(child), line: line)
    }
}
