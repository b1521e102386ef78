/// Every WIT file read for one load, laid end to end in one offset space so
/// that a span alone says which file and where (as wit-parser's `SourceMap`).
public struct WitSourceMap: Sendable {
    struct Source: Sendable {
        var path: String
        var text: String
        var offset: Int
        var length: Int { text.utf8.count }
    }

    private(set) var sources: [Source] = []
    private var next = 0

    public init() {}

    /// Adds a file and returns the global offset of its first byte. One
    /// byte is left after each file so an end-of-file span still belongs to it.
    @discardableResult
    public mutating func add(path: String, text: String) -> Int {
        let base = next
        sources.append(Source(path: path, text: text, offset: base))
        next += text.utf8.count + 1
        return base
    }

    func source(at offset: Int) -> Source? {
        var found: Source?
        for s in sources where s.offset <= offset { found = s }
        return found
    }

    /// `path`, 1-based line and column (in bytes, as the oracle counts), the
    /// text of that line.
    public func location(_ offset: Int) -> (path: String, line: Int, column: Int, lineText: String)? {
        guard offset >= 0, let src = source(at: offset) else { return nil }
        let rel = min(offset - src.offset, src.length)
        var lineStart = 0
        var line = 0
        let bytes = Array(src.text.utf8)
        var i = 0
        while i < rel && i < bytes.count {
            if bytes[i] == 0x0a { line += 1; lineStart = i + 1 }
            i += 1
        }
        var lineEnd = lineStart
        while lineEnd < bytes.count && bytes[lineEnd] != 0x0a { lineEnd += 1 }
        var text = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        return (src.path, line + 1, rel - lineStart + 1, text)
    }

    /// `path:line:col` of an offset.
    public func render(_ offset: Int) -> String {
        guard let l = location(offset) else { return "<unknown>" }
        return "\(l.path):\(l.line):\(l.column)"
    }

    /// Places a diagnostic in its file.
    public func error(_ d: WitDiagnostic, kind: WitLoadError.Kind) -> WitLoadError {
        var e = WitLoadError(kind: kind, message: d.message)
        guard d.span.isKnown, let l = location(d.span.start) else { return e }
        e.path = l.path
        e.line = l.line
        e.column = l.column
        e.sourceLine = l.lineText
        // A caret under the first character, dashes under the rest of the span.
        var caret = String(repeating: " ", count: max(0, l.column - 1)) + "^"
        if let src = source(at: d.span.start), d.span.end > d.span.start {
            let bytes = Array(src.text.utf8)
            let s = d.span.start - src.offset, e2 = min(d.span.end - src.offset, bytes.count)
            if s < e2 {
                let chars = String(decoding: bytes[s..<e2], as: UTF8.self).count
                caret += String(repeating: "-", count: max(0, chars - 1))
            }
        }
        e.caret = caret
        return e
    }
}

/// Why a WIT file, directory or package could not be loaded: what went
/// wrong, and where (file, line and column, the line itself and a caret).
public struct WitLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The text does not follow the grammar.
        case syntax
        /// Names, types, packages or worlds do not fit together.
        case resolve
        /// A file or directory could not be read.
        case io
    }

    public var kind: Kind
    public var message: String
    public var path: String?
    public var line: Int?
    public var column: Int?
    public var sourceLine: String?
    public var caret: String?
    /// Outer layers of context ("failed to parse package: dir"), outermost first.
    public var context: [String] = []

    public init(kind: Kind, message: String) { self.kind = kind; self.message = message }

    /// The message laid out like a compiler's:
    ///
    ///     expected ';', found '}'
    ///          --> dir/a.wit:3:5
    ///           |
    ///         3 |   x: u32
    ///           |     ^
    public var description: String {
        var head = (context + [message]).joined(separator: ": ")
        guard let path, let line, let column else { return head }
        head += "\n     --> \(path):\(line):\(column)"
        if let sourceLine, let caret {
            let n = String(line)
            let pad = String(repeating: " ", count: max(0, 4 - n.count)) + n
            head += "\n      |\n \(pad) | \(sourceLine)\n      | \(caret)"
        }
        return head
    }

    /// The same error with one more layer of context.
    public func context(_ outer: String) -> WitLoadError {
        var e = self
        e.context.insert(outer, at: 0)
        return e
    }
}
