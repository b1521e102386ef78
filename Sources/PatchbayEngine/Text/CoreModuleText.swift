import WAT
import WasmParser

/// Core modules written in text inside a component, encoded through
/// WasmKit's core text parser (`wat2wasm`).
extension ComponentTextParser.Reader {
    /// The binary of the `(core module ...)` whose remaining items `c` holds
    /// (its `$id` already read; like wasm-tools, the id also becomes the
    /// module's own name in its `name` section).
    mutating func coreModule(_ c: inout TextCursor, open: WatToken, ident: TextIdent) throws(WatError) -> [UInt8] {
        let start = c.peek()?.token.start
        var end = open.end
        // The list's end is just past its closing paren.
        for k in 0..<c.items.count where k >= c.index {
            if case .list(_, _, let e) = c.items[k] { end = max(end, e) } else { end = max(end, c.items[k].token.end) }
        }
        var body = ""
        if let start, start < end, end <= source.count {
            body.unicodeScalars.append(contentsOf: source[start..<end])
        }
        while !c.isAtEnd { _ = try c.next("a module field") }
        // Pad so line numbers in WasmKit's errors match the component text.
        var header = "(module"
        if let name = ident.name ?? ident.id { header += " $\"" + TextWriter.escaped(name) + "\"" }
        let text = String(repeating: "\n", count: max(open.line - 1, 0)) + header + " " + body + ")"
        do {
            return try wat2wasm(text, features: .all, options: EncodeOptions(nameSection: true))
        } catch {
            throw WatError("core module: \(error)", line: open.line, column: open.column)
        }
    }
}
