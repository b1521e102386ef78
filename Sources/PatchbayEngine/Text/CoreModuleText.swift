import WAT
import WasmParser

/// Core modules written in text inside a component, encoded through
/// WasmKit's core text parser (`wat2wasm`).
extension ComponentTextParser.Reader {
    /// The binary of the `(core module ...)` whose remaining items `c` holds
    /// (its `$id` already read; like wasm-tools, the id also becomes the
    /// module's own name in its `name` section).
    mutating func coreModule(_ c: inout TextCursor, open: WatToken, ident: TextIdent) throws(WatError) -> [UInt8] {
        // The module's fields, cut out of the source as written, except
        // `(@producers ...)`, which WasmKit does not know: it becomes the
        // `(@custom "producers" ...)` with the same bytes (placed, like
        // wasm-tools places it, after the last section).
        var body = ""
        while !c.isAtEnd {
            let n = try c.next("a module field")
            if case .list(let open, _, _) = n, case .annotation("producers") = open.kind {
                var p = TextCursor(n)
                try annotation("producers", &p)
                guard case .custom(let cs)? = sections.popLast()?.content else { continue }
                var w = TextWriter()
                w.bytes(cs.payload)
                body += " (@custom \"producers\" " + w.out + ")"
                continue
            }
            let start = n.token.start
            var end = n.token.end
            if case .list(_, _, let e) = n { end = e }
            guard start < end, end <= source.count else { continue }
            body += " "
            body.unicodeScalars.append(contentsOf: source[start..<end])
        }
        // Pad so line numbers in WasmKit's errors match the component text.
        var header = "(module"
        if let name = ident.name ?? ident.id { header += " $\"" + TextWriter.escaped(name) + "\"" }
        let text = String(repeating: "\n", count: max(open.line - 1, 0)) + header + body + ")"
        do {
            let bytes = try wat2wasm(text, features: .all, options: EncodeOptions(nameSection: true))
            return ComponentTextParser.Reader.nameSectionLast(bytes)
        } catch {
            throw WatError("core module: \(error)", line: open.line, column: open.column)
        }
    }

    /// WasmKit writes the `name` section before custom sections placed
    /// `(after last)`; wasm-tools writes it last. Moves it there.
    static func nameSectionLast(_ module: [UInt8]) -> [UInt8] {
        var r = ByteReader(module)
        guard module.count >= 8, (try? r.readBytes(8)) != nil else { return module }
        var sections: [ArraySlice<UInt8>] = []
        var name: ArraySlice<UInt8>? = nil
        while !r.isAtEnd {
            let start = r.position
            guard let id = try? r.readByte(), let size = try? r.readU32(), var body = try? r.subReader(Int(size)) else { return module }
            let whole = module[start..<r.position]
            if id == 0, (try? body.readName()) == "name", name == nil { name = whole } else { sections.append(whole) }
        }
        guard let name else { return module }
        var out = Array(module[0..<8])
        for s in sections { out += s }
        out += name
        return out
    }
}
