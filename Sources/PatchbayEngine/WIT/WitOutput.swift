/// The indenting text sink of the WIT printer.
///
/// It mirrors the layout rules of wasm-tools' printer exactly, because the
/// goal is byte-identical output: indentation is written lazily before the
/// first token of a line, `{` opens a block on the same line, and `}` closes
/// it on its own line.
struct WitOutput {
    private(set) var text = ""
    private var indent = 0
    private var needsIndent = false

    private mutating func indentIfNeeded() {
        if needsIndent {
            for _ in 0..<indent { text += "  " }
            needsIndent = false
        }
    }

    /// Writes a token, indenting first if it starts a line.
    mutating func str(_ s: String) {
        indentIfNeeded()
        text += s
    }

    mutating func newline() {
        text += "\n"
        needsIndent = true
    }

    mutating func semicolon() {
        text += ";"
        newline()
    }

    mutating func indentStart() {
        text += " {"
        indent += 1
        newline()
    }

    mutating func indentEnd() {
        indent = max(0, indent - 1)
        indentIfNeeded()
        text += "}"
        newline()
    }

    mutating func doc(_ line: Substring) {
        indentIfNeeded()
        text += "///"
        if !line.isEmpty { text += " "; text += line }
        newline()
    }
}
