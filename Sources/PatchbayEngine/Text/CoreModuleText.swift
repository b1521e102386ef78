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
        var fields: [WatNode] = []
        while !c.isAtEnd { fields.append(try c.next("a module field")) }
        let redundant = redundantTypeUses(fields)
        for n in fields {
            if case .list(let open, _, _) = n, case .annotation("producers") = open.kind {
                var p = TextCursor(n)
                try annotation("producers", &p)
                guard case .custom(let cs)? = sections.popLast()?.content else { continue }
                var w = TextWriter()
                w.bytes(cs.payload)
                body += " (@custom \"producers\" " + w.out + ")"
                continue
            }
            body += " " + text(of: n, omitting: redundant)
        }
        // Pad so line numbers in WasmKit's errors match the component text.
        var header = "(module"
        if let name = ident.name ?? ident.id { header += " $\"" + TextWriter.escaped(name) + "\"" }
        let text = String(repeating: "\n", count: max(open.line - 1, 0)) + header + body + ")"
        do {
            let bytes = try wat2wasm(text, features: .all, options: EncodeOptions(nameSection: true))
            let explicitTables = fields.filter { $0.head == "elem" }.map { e -> Bool in
                guard case .list(_, let items, _) = e else { return false }
                return items.contains { $0.head == "table" }
            }
            let elems = ComponentTextParser.Reader.explicitTableElems(bytes, explicitTables)
            return ComponentTextParser.Reader.nameSectionLast(elems)
        } catch {
            throw WatError("core module: \(error)", line: open.line, column: open.column)
        }
    }

    /// The source text of a node, without the nodes in `omit` (by offset).
    func text(of n: WatNode, omitting omit: Set<Int>) -> String {
        var out = ""
        switch n {
        case .atom(let t):
            if t.start < t.end, t.end <= source.count { out.unicodeScalars.append(contentsOf: source[t.start..<t.end]) }
        case .list(let open, let items, let end):
            guard open.start < end, end <= source.count else { return out }
            if !items.contains(where: { omit.contains($0.token.start) }) {
                out.unicodeScalars.append(contentsOf: source[open.start..<end])
                return out
            }
            out.unicodeScalars.append(contentsOf: source[open.start..<open.end])
            for item in items where !omit.contains(item.token.start) { out += " " + text(of: item, omitting: omit) }
            out += ")"
        }
        return out
    }

    /// `(type N)` uses that WasmKit's text parser mishandles and that can go.
    ///
    /// WasmKit 0.4.2 drops the parameter names of `(func (type N) (param $x
    /// i32) ...)` (its `resolveAndCheck` keeps the named type's names), so
    /// bodies that use `$x` fail to parse. Without the `(type N)` the inline
    /// signature resolves to the earliest non-`rec` type with that signature;
    /// where that is N itself, leaving it out changes nothing in the binary
    /// (and keeps the names). Returns the offsets of those `(type N)` lists.
    mutating func redundantTypeUses(_ fields: [WatNode]) -> Set<Int> {
        let scope = TextScope(parent: nil, id: nil)
        scope.isModuleType = true
        var earliest: [CompositeType: UInt32] = [:]
        var typeOf: [UInt32: CompositeType] = [:]
        // The type index space, from `(type ...)` and `(rec ...)` fields.
        for n in fields {
            guard let head = n.head, head == "type" || head == "rec" else { continue }
            var c = TextCursor(n)
            _ = c.keyword(head)
            do {
                if head == "type" {
                    let index = try scope.define(.coreType, try c.ident(), at: c.open)
                    let sub = try subType(&c, in: scope, index: index)
                    if case .function = sub.composite, !sub.shared {
                        typeOf[index] = sub.composite
                        if earliest[sub.composite] == nil { earliest[sub.composite] = index }
                    }
                } else {
                    _ = try coreRec(&c, in: scope, component: false)
                }
            } catch {
                return []  // types this reader does not follow: leave the text alone
            }
        }
        var out: Set<Int> = []
        func consider(_ items: [WatNode]) {
            guard let k = items.firstIndex(where: { $0.head == "type" }),
                  items[(k + 1)...].contains(where: { n in
                      guard n.head == "param", case .list(_, let p, _) = n, p.count > 1, case .atom(let t) = p[1], case .id = t.kind else { return false }
                      return true
                  }),
                  case .list(_, let use, _) = items[k], use.count == 2, case .atom(let t) = use[1] else { return }
            let index: UInt32?
            switch t.kind {
            case .number(let s): index = WatNumbers.integer(s).flatMap { $0.negative || $0.magnitude > UInt64(UInt32.max) ? nil : UInt32($0.magnitude) }
            case .id(let id): index = scope.lookup(.coreType, id)
            default: index = nil
            }
            guard let index, let sig = typeOf[index], earliest[sig] == index else { return }
            out.insert(items[k].token.start)
        }
        for n in fields {
            guard case .list(_, let items, _) = n else { continue }
            if n.head == "func" { consider(items) }
            if n.head == "import", let desc = items.last, desc.head == "func", case .list(_, let d, _) = desc { consider(d) }
        }
        return out
    }

    /// WasmKit encodes an active element segment written with `(table 0)` in
    /// the short form (flags 0 or 4); wasm-tools keeps the table (flags 2 or
    /// 6). Rewrites those segments so the bytes are wasm-tools'. Any surprise
    /// in the section leaves the module as it is.
    static func explicitTableElems(_ module: [UInt8], _ explicit: [Bool]) -> [UInt8] {
        guard explicit.contains(true) else { return module }
        var r = ByteReader(module)
        guard module.count >= 8, (try? r.readBytes(8)) != nil else { return module }
        var out = Array(module[0..<8])
        while !r.isAtEnd {
            let start = r.position
            guard let id = try? r.readByte(), let size = try? r.readU32(), var body = try? r.subReader(Int(size)) else { return module }
            guard id == 9, let rewritten = rewriteElems(&body, explicit) else {
                out += module[start..<r.position]
                continue
            }
            var w = ByteWriter()
            w.byte(9)
            w.u32(UInt32(rewritten.count))
            w.append(rewritten)
            out += w.bytes
        }
        return out
    }

    private static func rewriteElems(_ r: inout ByteReader, _ explicit: [Bool]) -> [UInt8]? {
        let decoder = ComponentDecoder()
        func constExpr(_ r: inout ByteReader) -> ArraySlice<UInt8>? {
            let start = r.position
            var p = CoreInstructionPrinter(reader: r, context: CoreState(), function: nil, inline: true)
            var scratch = TextWriter()
            guard (try? p.printExpression(&scratch)) != nil else { return nil }
            r = p.reader
            return r.bytes[start..<r.position]
        }
        var w = ByteWriter()
        guard let n = try? r.readU32() else { return nil }
        w.u32(n)
        for k in 0..<Int(n) {
            guard let flags = try? r.readU32(), flags <= 7 else { return nil }
            let wantTable = k < explicit.count && explicit[k]
            let segStart = r.position
            switch flags {
            case 0 where wantTable, 4 where wantTable:
                guard let expr = constExpr(&r) else { return nil }
                w.u32(flags + 2)
                w.u32(0)
                w.append(expr)
                if flags == 0 { w.byte(0x00) } else { w.byte(0x70) }
            default:
                w.u32(flags)
                if flags & 1 == 0 {
                    if flags & 2 != 0 { guard (try? r.readU32()) != nil else { return nil } }
                    guard constExpr(&r) != nil else { return nil }
                }
                if flags & 3 != 0 {
                    if flags & 4 != 0 { guard (try? decoder.readRefType(&r)) != nil else { return nil } } else { guard (try? r.readByte()) != nil else { return nil } }
                }
                w.append(r.bytes[segStart..<r.position])
            }
            // The items, copied as they are.
            let itemsStart = r.position
            guard let count = try? r.readU32() else { return nil }
            for _ in 0..<count {
                if flags & 4 != 0 { guard constExpr(&r) != nil else { return nil } } else { guard (try? r.readU32()) != nil else { return nil } }
            }
            w.append(r.bytes[itemsStart..<r.position])
        }
        guard r.isAtEnd else { return nil }
        return w.bytes
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
