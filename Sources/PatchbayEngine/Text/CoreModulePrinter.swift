/// Prints a core module (embedded in a component, or on its own) in the
/// text format, section by section in file order, as `wasm-tools print` does.
///
/// Sections are decoded here with the engine's own readers: the type
/// readers shared with the component decoder and `CoreInstructionPrinter`
/// for code. WasmKit's parser is not used because it rejects valid modules
/// that use proposals it does not implement.
struct CoreModulePrinter {
    let bytes: ArraySlice<UInt8>
    /// Absolute offset of the module in the file, for error messages.
    let offset: Int
    let skeleton: Bool
    var state = CoreState()
    private var place = "before first"

    init(bytes: ArraySlice<UInt8>, offset: Int, skeleton: Bool) {
        self.bytes = bytes
        self.offset = offset
        self.skeleton = skeleton
    }

    /// Prints `(module ...)` / `(core module $name (;N;) ...)`. `header` is
    /// what follows the keyword on the first line.
    mutating func print(keyword: String, header: String?, _ w: inout TextWriter) throws(DecodeError) {
        do {
            try printSections(keyword: keyword, header: header, &w)
        } catch {
            throw DecodeError(error.message, at: offset + error.offset)
        }
    }

    private mutating func printSections(keyword: String, header: String?, _ w: inout TextWriter) throws(DecodeError) {
        var r = ByteReader(slice: bytes[...])
        guard r.remaining >= 8 else { throw DecodeError("unexpected end-of-file in core module header", at: 0) }
        let head = try r.readBytes(8)
        guard Array(head) == [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00] else {
            throw DecodeError("bad core module header (expected \\0asm version 1)", at: 0)
        }
        state.names = CoreModulePrinter.findNames(r)
        w.startGroup(keyword)
        if let header {
            w.write(" " + header)
        } else if let n = state.names.module {
            w.write(" " + n.definition)
        }
        var codeIndex = 0
        var dataIndex: UInt32 = 0
        var elemIndex: UInt32 = 0
        while !r.isAtEnd {
            let id = try r.readByte()
            let sizeAt = r.position
            let size = Int(try r.readU32())
            guard size <= r.remaining else {
                throw DecodeError("section too large: section of \(size) bytes, but only \(r.remaining) bytes remain", at: sizeAt)
            }
            var s = try r.subReader(size)
            switch id {
            case 0:
                try customSection(&s, &w)
            case 1:
                for _ in 0..<(try itemCount(&s, "types", place: "type")) {
                    w.newline()
                    let def: CoreTypeDef
                    if try s.peekByte() == 0x4e {
                        _ = try s.readByte()
                        def = .rec(try readVector(&s, "rec group types", limit: 1_000_000) { (r: inout ByteReader) throws(DecodeError) in try state.decoder.readSubType(&r) })
                    } else {
                        def = .sub(try state.decoder.readSubType(&s), prefixed: false)
                    }
                    state.printRecGroup(def, component: false, &w)
                }
            case 2:
                for _ in 0..<(try itemCount(&s, "imports", place: "import")) {
                    w.newline()
                    let module = try s.readName()
                    let name = try s.readName()
                    let t = try state.decoder.readCoreExternType(&s)
                    w.startGroup("import ")
                    w.string(module)
                    w.write(" ")
                    w.string(name)
                    w.write(" ")
                    state.importType(t, index: true, &w)
                    w.endGroup()
                }
            case 3:
                for _ in 0..<(try itemCount(&s, "functions", place: "func")) { state.funcToType.append(try s.readU32()) }
            case 4:
                for _ in 0..<(try itemCount(&s, "tables", place: "table")) {
                    w.newline()
                    var initExpr = false
                    if try s.peekByte() == 0x40 {
                        _ = try s.readByte()
                        let z = try s.readByte()
                        guard z == 0 else { throw DecodeError("invalid table encoding", at: s.position - 1) }
                        initExpr = true
                    }
                    let rt = try state.decoder.readRefType(&s)
                    let l = try state.decoder.readLimits(&s)
                    state.importType(.table(rt, l), index: true, close: false, &w)
                    if initExpr {
                        w.write(" ")
                        try constExpr(&s, &w)
                    }
                    w.endGroup()
                }
            case 5:
                for _ in 0..<(try itemCount(&s, "memories", place: "memory")) {
                    w.newline()
                    state.importType(.memory(try state.decoder.readLimits(&s)), index: true, &w)
                }
            case 13:
                for _ in 0..<(try itemCount(&s, "tags", place: "tag")) {
                    w.newline()
                    let aAt = s.position
                    guard try s.readByte() == 0 else { throw DecodeError("invalid tag attribute", at: aAt) }
                    state.importType(.tag(typeIndex: try s.readU32()), index: true, &w)
                }
            case 6:
                for _ in 0..<(try itemCount(&s, "globals", place: "global")) {
                    w.newline()
                    let t = try state.decoder.readCoreValType(&s)
                    let mAt = s.position
                    let m = try s.readByte()
                    guard m <= 3 else { throw DecodeError("malformed mutability 0x\(String(m, radix: 16))", at: mAt) }
                    w.startGroup("global ")
                    w.write(state.names.globals.def(state.globals) + " ")
                    w.write(state.globalType(t, mutable: m & 1 != 0, shared: m & 2 != 0) + " ")
                    try constExpr(&s, &w, sugar: nil)
                    w.endGroup()
                    state.globals += 1
                }
            case 7:
                for _ in 0..<(try itemCount(&s, "exports", place: "export")) {
                    w.newline()
                    let name = try s.readName()
                    let kAt = s.position
                    let kind = try s.readByte()
                    let idx = try s.readU32()
                    w.startGroup("export ")
                    w.string(name)
                    w.write(" ")
                    switch kind {
                    case 0: w.startGroup("func "); w.write(state.names.funcs.ref(idx))
                    case 1: w.startGroup("table "); w.write(state.names.tables.ref(idx))
                    case 2: w.startGroup("memory "); w.write(state.names.memories.ref(idx))
                    case 3: w.startGroup("global "); w.write(state.names.globals.ref(idx))
                    case 4: w.startGroup("tag "); w.write("\(idx)")
                    default: throw DecodeError("invalid export kind 0x\(String(kind, radix: 16))", at: kAt)
                    }
                    w.endGroup()
                    w.endGroup()
                }
            case 8:
                w.newline()
                w.startGroup("start ")
                w.write(state.names.funcs.ref(try s.readU32()))
                w.endGroup()
                place = "after start"
            case 9:
                for _ in 0..<(try itemCount(&s, "element segments", place: "elem")) {
                    w.newline()
                    try element(&s, index: elemIndex, &w)
                    elemIndex += 1
                }
            case 10:
                for _ in 0..<(try itemCount(&s, "function bodies", place: "code")) {
                    let bodySize = Int(try s.readU32())
                    var body = try s.subReader(bodySize)
                    try function(&body, codeIndex: codeIndex, &w)
                    codeIndex += 1
                }
            case 11:
                for _ in 0..<(try itemCount(&s, "data segments", place: "data")) {
                    w.newline()
                    try data(&s, index: dataIndex, &w)
                    dataIndex += 1
                }
            case 12:
                _ = try s.readU32()
            default:
                throw DecodeError("malformed section id: \(id)", at: r.position - size - 1)
            }
            if !s.isAtEnd && id != 0 {
                throw DecodeError("section size mismatch: unexpected data at the end of the section", at: s.position)
            }
        }
        w.endGroup()
    }

    /// The item count at the start of a section. Custom sections after a
    /// section with items are placed after it (`(@custom "n" (after elem) ...)`).
    private mutating func itemCount(_ s: inout ByteReader, _ what: String, place kind: String) throws(DecodeError) -> Int {
        let n = try s.readCount(what)
        if n > 0 { place = "after " + kind }
        return n
    }

    /// The `name` section, wherever it is (names are used before it appears).
    static func findNames(_ start: ByteReader) -> CoreNames {
        var r = start
        do {
            while !r.isAtEnd {
                let id = try r.readByte()
                let size = Int(try r.readU32())
                var s = try r.subReader(size)
                if id == 0, try s.readName() == "name" {
                    return CoreNames.parse(try s.readBytes(s.remaining))
                }
            }
        } catch {}
        return CoreNames()
    }

    private mutating func customSection(_ s: inout ByteReader, _ w: inout TextWriter) throws(DecodeError) {
        let name = try s.readName()
        let payload = try s.readBytes(s.remaining)
        if name == "name" || name == "metadata.code.branch_hint" { return }
        if CustomSectionsText.printKnown(name: name, payload: payload, &w) { return }
        w.newline()
        w.startGroup("@custom ")
        w.string(name)
        w.write(" (\(place)) ")
        if skeleton { w.write("...") } else { w.bytes(payload) }
        w.endGroup()
    }

    /// A constant expression. `sugar` is the keyword used when it has more
    /// than one instruction (`offset`, `item`); with `nil` the instructions
    /// are printed bare, as for global initializers.
    private mutating func constExpr(_ s: inout ByteReader, _ w: inout TextWriter, sugar: String? = nil) throws(DecodeError) {
        var p = CoreInstructionPrinter(reader: s, context: state, function: nil, inline: true)
        try p.printExpression(&w)
        s = p.reader
    }

    private mutating func sugaredConstExpr(_ s: inout ByteReader, keyword: String, _ w: inout TextWriter) throws(DecodeError) {
        // Count instructions first: a single one is written `(i32.const 0)`,
        // several as `(offset ...)`.
        var probe = TextWriter()
        var p = CoreInstructionPrinter(reader: s, context: state, function: nil, inline: true)
        try p.printExpression(&probe)
        let many = p.instructionCount > 1
        w.startGroup("")
        if many { w.write(keyword + " ") }
        w.write(probe.out)
        w.endGroup()
        s = p.reader
    }

    private mutating func element(_ s: inout ByteReader, index: UInt32, _ w: inout TextWriter) throws(DecodeError) {
        let fAt = s.position
        let flags = try s.readU32()
        guard flags <= 7 else { throw DecodeError("invalid element segment flags \(flags)", at: fAt) }
        w.startGroup("elem ")
        w.write(state.names.elems.def(index))
        let passiveOrDeclared = flags & 1 != 0
        let explicitTable = flags & 2 != 0
        let usesExprs = flags & 4 != 0
        if passiveOrDeclared {
            if explicitTable { w.write(" declare") }
        } else {
            var table: UInt32? = nil
            if explicitTable { table = try s.readU32() }
            if let table {
                w.write(" ")
                w.startGroup("table ")
                w.write(state.names.tables.ref(table))
                w.endGroup()
            }
            w.write(" ")
            try sugaredConstExpr(&s, keyword: "offset", &w)
        }
        w.write(" ")
        // Kind byte or element type, present unless the short MVP form.
        var refType: RefType? = nil
        if passiveOrDeclared || explicitTable {
            if usesExprs {
                refType = try state.decoder.readRefType(&s)
            } else {
                let kAt = s.position
                guard try s.readByte() == 0 else { throw DecodeError("invalid element kind", at: kAt) }
            }
        } else if usesExprs {
            refType = RefType(nullable: true, heap: .abstract(0x70, shared: false), shorthand: true)
        }
        let n = try s.readCount("element items")
        if usesExprs {
            var items: [String] = []
            for _ in 0..<n {
                var probe = TextWriter()
                try sugaredConstExpr(&s, keyword: "item", &probe)
                items.append(probe.out)
            }
            if skeleton { w.write("...") } else {
                w.write(state.refType(refType ?? RefType(nullable: true, heap: .abstract(0x70, shared: false), shorthand: true)))
                for i in items { w.write(" " + i) }
            }
        } else {
            var items: [String] = []
            for _ in 0..<n { items.append(state.names.funcs.ref(try s.readU32())) }
            if skeleton { w.write("...") } else {
                w.write("func")
                for i in items { w.write(" " + i) }
            }
        }
        w.endGroup()
    }

    private mutating func data(_ s: inout ByteReader, index: UInt32, _ w: inout TextWriter) throws(DecodeError) {
        let fAt = s.position
        let flags = try s.readU32()
        guard flags <= 2 else { throw DecodeError("invalid data segment flags \(flags)", at: fAt) }
        w.startGroup("data ")
        w.write(state.names.datas.def(index) + " ")
        if flags != 1 {
            let memory = flags == 2 ? try s.readU32() : 0
            if memory != 0 {
                w.startGroup("memory ")
                w.write(state.names.memories.ref(memory))
                w.endGroup()
                w.write(" ")
            }
            try sugaredConstExpr(&s, keyword: "offset", &w)
            w.write(" ")
        }
        let len = Int(try s.readU32())
        let payload = try s.readBytes(len)
        if skeleton { w.write("...") } else { w.bytes(payload) }
        w.endGroup()
    }

    private mutating func function(_ body: inout ByteReader, codeIndex: Int, _ w: inout TextWriter) throws(DecodeError) {
        w.newline()
        let f = state.funcs
        w.startGroup("func ")
        w.write(state.names.funcs.def(f) + " ")
        let ti: UInt32? = Int(f) < state.funcToType.count ? state.funcToType[Int(f)] : nil
        guard let ti else { throw DecodeError("function body \(codeIndex) has no declared type", at: body.position) }
        w.write(state.funcTypeUse(ti, names: f))
        if skeleton {
            w.write(" ...")
            w.endGroup()
            state.funcs += 1
            return
        }
        let params = state.paramCount(ti)
        let groups = try body.readCount("local groups", minItemSize: 2)
        var locals: [CoreValType] = []
        for _ in 0..<groups {
            let cAt = body.position
            let count = Int(try body.readU32())
            guard locals.count + count <= 50_000 else { throw DecodeError("too many locals to print", at: cAt) }
            let t = try state.decoder.readCoreValType(&body)
            locals.append(contentsOf: repeatElement(t, count: count))
        }
        if !locals.isEmpty {
            w.newline()
            w.write(state.namedLocals("local", locals, start: params, function: f))
        }
        var p = CoreInstructionPrinter(reader: body, context: state, function: f, inline: false)
        let start = w.nesting
        try p.printExpression(&w)
        if !p.atEnd { throw DecodeError("operators remaining after end of function", at: p.position) }
        w.nesting = start
        w.endGroup()
        state.funcs += 1
    }
}
