/// Decodes and prints core instructions in the flat text form that
/// `wasm-tools print` uses: one instruction per line, blocks indented,
/// unnamed block labels annotated with `;; label = @N` and branch targets
/// with `(;@N;)`, names from the module's name section where it has them.
///
/// The decoder is our own opcode table (MVP, sign extension, saturating
/// truncation, bulk memory, reference types, tail calls, typed function
/// references, exception handling with `try_table`, GC, threads, SIMD and
/// relaxed SIMD, legacy exceptions); an opcode outside it (stack switching,
/// custom descriptors, ...) is reported
/// as an error, and the module printer falls back to a skeleton.
struct CoreInstructionPrinter {
    var reader: ByteReader
    let context: CoreState
    /// The function whose body this is (keys its local and label names);
    /// `nil` for constant expressions.
    let function: UInt32?
    /// Separator between instructions: newline in bodies, space in constant expressions.
    let inline: Bool
    private var first = true
    private var nestingStart = 0
    /// Block labels seen so far in this body (label names are keyed by it).
    private var labelCount: UInt32 = 0
    /// The label number of each open block, innermost last.
    private var labelStack: [UInt32] = []
    /// Blocks open now; the `end` that finds none closes the expression.
    /// (Kept apart from `labelStack` because, like wasm-tools, a legacy
    /// `delegate` closes its block without popping its label.)
    private var openBlocks = 0

    init(reader: ByteReader, context: CoreState, function: UInt32?, inline: Bool) {
        self.reader = reader
        self.context = context
        self.function = function
        self.inline = inline
    }

    /// Prints the instructions up to and including the final `end`, which
    /// is not printed. Throws on bytes that are not a valid instruction.
    mutating func printExpression(_ w: inout TextWriter) throws(DecodeError) {
        nestingStart = w.nesting
        while true {
            let at = reader.position
            let op = try reader.readByte()
            // The `end` that closes the expression itself is not printed.
            if op == 0x0b && openBlocks == 0 { return }
            try instruction(op, at: at, &w)
        }
    }

    /// True when the whole reader was consumed (function bodies must end exactly).
    var atEnd: Bool { reader.isAtEnd }
    var position: Int { reader.position }

    // MARK: layout

    /// Instructions printed so far (a one-instruction constant expression
    /// gets the short `(i32.const 0)` form).
    private(set) var instructionCount = 0

    private mutating func separator(_ w: inout TextWriter) {
        instructionCount += 1
        if inline {
            if first { first = false } else { w.write(" ") }
        } else {
            w.newline()
        }
    }

    private func curDepth(_ w: TextWriter) -> Int { w.nesting - nestingStart }

    private mutating func blockStart(_ name: String, _ w: inout TextWriter) {
        separator(&w)
        openBlocks += 1
        w.nesting += 1
        labelStack.append(labelCount)
        w.write(name)
    }

    /// The label name (if any) and block type of a block instruction.
    private mutating func blockTypeWithoutComment(_ w: inout TextWriter) throws(DecodeError) -> Bool {
        var named = false
        if let f = function, let n = context.names.labels[f, labelCount] {
            w.write(" " + n.definition)
            named = true
        }
        let b = try reader.peekByte()
        if b == 0x40 {
            _ = try reader.readByte()
        } else if b >= 0x40 && b < 0x80 || b == 0x63 || b == 0x64 || b == 0x65 {
            // A single-byte-headed value type (numbers, vectors, references).
            let t = try context.decoder.readCoreValType(&reader)
            w.write(" (result " + context.valType(t) + ")")
        } else {
            let at = reader.position
            let v = try reader.readSigned(bits: 33)
            guard v >= 0 else { throw DecodeError("invalid block type", at: at) }
            w.write(" " + context.funcTypeUse(UInt32(v), names: nil))
        }
        return named
    }

    private mutating func labelComment(_ named: Bool, _ w: inout TextWriter) {
        if !named {
            let d = curDepth(w)
            w.write(inline ? "  (; label = @\(d) ;)" : " ;; label = @\(d)")
        }
        labelCount += 1
    }

    private mutating func relativeDepth(_ depth: UInt32, _ w: inout TextWriter) {
        w.write(" ")
        let cur = curDepth(w)
        guard Int(depth) <= cur else {
            w.write("\(depth) (; INVALID ;)")
            return
        }
        let i = cur - Int(depth)
        var name: Naming? = nil
        if i >= 1, i - 1 < labelStack.count, let f = function {
            name = context.names.labels[f, labelStack[i - 1]]
        }
        // A shallower label with the same name would capture the reference,
        // so fall back to the index then.
        var conflict = false
        if let name, let f = function, i <= labelStack.count {
            conflict = labelStack[i...].contains { context.names.labels[f, $0]?.name == name.name }
        }
        if let name, !conflict {
            w.write(name.definition)
        } else {
            w.write("\(depth)")
            if !conflict && i > 0 { w.write(" (;@\(i);)") }
        }
    }

    // MARK: immediates

    private mutating func u32() throws(DecodeError) -> UInt32 { try reader.readU32() }

    private mutating func memarg(natural: UInt32, _ w: inout TextWriter) throws(DecodeError) {
        let at = reader.position
        var flags = try reader.readU32()
        var memory: UInt32 = 0
        if flags & 0x40 != 0 {
            flags &= ~0x40
            memory = try reader.readU32()
        }
        let offset = try reader.readU64()
        guard flags < 64 else { throw DecodeError("malformed memop alignment: alignment too large", at: at) }
        if memory != 0 { w.write(" " + context.names.memories.ref(memory)) }
        if offset != 0 { w.write(" offset=\(offset)") }
        if flags != natural { w.write(" align=\(UInt64(1) << UInt64(flags))") }
    }

    private mutating func simple(_ name: String, _ w: inout TextWriter) {
        separator(&w)
        w.write(name)
    }

    // MARK: the opcode table

    private mutating func instruction(_ op: UInt8, at: Int, _ w: inout TextWriter) throws(DecodeError) {
        let names = context.names
        switch op {
        case 0x00: simple("unreachable", &w)
        case 0x01: simple("nop", &w)
        case 0x02, 0x03, 0x04:
            blockStart(op == 0x02 ? "block" : op == 0x03 ? "loop" : "if", &w)
            let named = try blockTypeWithoutComment(&w)
            labelComment(named, &w)
        case 0x05, 0x07, 0x19:
            w.nesting -= 1
            separator(&w)
            w.nesting += 1
            w.write(op == 0x05 ? "else" : op == 0x07 ? "catch" : "catch_all")
            if op == 0x07 { w.write(" " + names.tags.ref(try u32())) }
        case 0x06:
            blockStart("try", &w)
            let named = try blockTypeWithoutComment(&w)
            labelComment(named, &w)
        case 0x09: simple("rethrow", &w); relativeDepth(try u32(), &w)
        case 0x18:
            if w.nesting > nestingStart { w.nesting -= 1 }
            separator(&w)
            openBlocks -= 1
            w.write("delegate")
            relativeDepth(try u32(), &w)
        case 0x08: simple("throw", &w); w.write(" " + names.tags.ref(try u32()))
        case 0x0a: simple("throw_ref", &w)
        case 0x0b:
            if w.nesting > nestingStart { w.nesting -= 1 }
            separator(&w)
            openBlocks -= 1
            w.write("end")
            _ = labelStack.popLast()
        case 0x0c: simple("br", &w); relativeDepth(try u32(), &w)
        case 0x0d: simple("br_if", &w); relativeDepth(try u32(), &w)
        case 0x0e:
            simple("br_table", &w)
            let n = try reader.readCount("br_table targets")
            var targets: [UInt32] = []
            for _ in 0...n { targets.append(try u32()) }
            for t in targets { relativeDepth(t, &w) }
        case 0x0f: simple("return", &w)
        case 0x10: simple("call", &w); w.write(" " + names.funcs.ref(try u32()))
        case 0x11, 0x13:
            simple(op == 0x11 ? "call_indirect" : "return_call_indirect", &w)
            let type = try u32()
            let table = try u32()
            if table != 0 { w.write(" " + names.tables.ref(table)) }
            w.write(" (type " + names.types.ref(type) + ")")
        case 0x12: simple("return_call", &w); w.write(" " + names.funcs.ref(try u32()))
        case 0x14: simple("call_ref", &w); w.write(" " + names.types.ref(try u32()))
        case 0x15: simple("return_call_ref", &w); w.write(" " + names.types.ref(try u32()))
        case 0x1a: simple("drop", &w)
        case 0x1b: simple("select", &w)
        case 0x1c:
            simple("select", &w)
            let n = try reader.readCount("select types")
            var types: [String] = []
            for _ in 0..<n { types.append(context.valType(try context.decoder.readCoreValType(&reader))) }
            w.write(" (result" + types.map { " " + $0 }.joined() + ")")
        case 0x1f:
            blockStart("try_table", &w)
            let named = try blockTypeWithoutComment(&w)
            // Catch labels are relative to the block enclosing the try_table.
            w.nesting -= 2
            let own = labelStack.popLast()
            let n = try reader.readCount("catch clauses")
            for _ in 0..<n {
                let kAt = reader.position
                let kind = try reader.readByte()
                w.write(" ")
                switch kind {
                case 0x00, 0x01:
                    w.startGroup(kind == 0 ? "catch" : "catch_ref")
                    w.write(" " + names.tags.ref(try u32()))
                    relativeDepth(try u32(), &w)
                    w.endGroup()
                case 0x02, 0x03:
                    w.startGroup(kind == 2 ? "catch_all" : "catch_all_ref")
                    relativeDepth(try u32(), &w)
                    w.endGroup()
                default:
                    throw DecodeError("invalid catch clause kind 0x\(String(kind, radix: 16))", at: kAt)
                }
            }
            if let own { labelStack.append(own) }
            w.nesting += 2
            labelComment(named, &w)
        case 0x20, 0x21, 0x22:
            simple(op == 0x20 ? "local.get" : op == 0x21 ? "local.set" : "local.tee", &w)
            let i = try u32()
            if let f = function, let n = names.locals[f, i] { w.write(" " + n.identifier) } else { w.write(" \(i)") }
        case 0x23: simple("global.get", &w); w.write(" " + names.globals.ref(try u32()))
        case 0x24: simple("global.set", &w); w.write(" " + names.globals.ref(try u32()))
        case 0x25: simple("table.get", &w); w.write(" " + names.tables.ref(try u32()))
        case 0x26: simple("table.set", &w); w.write(" " + names.tables.ref(try u32()))
        case 0x28...0x3e:
            let (name, natural) = CoreInstructionPrinter.memoryOps[Int(op - 0x28)]
            simple(name, &w)
            try memarg(natural: natural, &w)
        case 0x3f, 0x40:
            simple(op == 0x3f ? "memory.size" : "memory.grow", &w)
            let m = try u32()
            if m != 0 { w.write(" " + names.memories.ref(m)) }
        case 0x41: simple("i32.const", &w); w.write(" \(try reader.readSigned(bits: 32))")
        case 0x42: simple("i64.const", &w); w.write(" \(try reader.readSigned(bits: 64))")
        case 0x43:
            simple("f32.const", &w)
            let b = try reader.readBytes(4)
            var bits: UInt32 = 0
            for (k, x) in b.enumerated() { bits |= UInt32(x) << UInt32(8 * k) }
            w.write(" " + FloatText.f32(bits: bits))
        case 0x44:
            simple("f64.const", &w)
            let b = try reader.readBytes(8)
            var bits: UInt64 = 0
            for (k, x) in b.enumerated() { bits |= UInt64(x) << UInt64(8 * k) }
            w.write(" " + FloatText.f64(bits: bits))
        case 0x45...0xc4:
            simple(CoreInstructionPrinter.numericOps[Int(op - 0x45)], &w)
        case 0xd0:
            simple("ref.null", &w)
            w.write(" " + context.heapType(try context.decoder.readHeapType(&reader)))
        case 0xd1: simple("ref.is_null", &w)
        case 0xd2: simple("ref.func", &w); w.write(" " + names.funcs.ref(try u32()))
        case 0xd3: simple("ref.eq", &w)
        case 0xd4: simple("ref.as_non_null", &w)
        case 0xd5: simple("br_on_null", &w); relativeDepth(try u32(), &w)
        case 0xd6: simple("br_on_non_null", &w); relativeDepth(try u32(), &w)
        case 0xfb: try gc(at: at, &w)
        case 0xfc: try misc(at: at, &w)
        case 0xfd: try simd(at: at, &w)
        case 0xfe: try atomic(at: at, &w)
        default:
            throw DecodeError("unsupported or invalid opcode 0x\(String(op, radix: 16))", at: at)
        }
    }

    private mutating func misc(at: Int, _ w: inout TextWriter) throws(DecodeError) {
        let names = context.names
        let sub = try u32()
        switch sub {
        case 0...7: simple(CoreInstructionPrinter.truncSat[Int(sub)], &w)
        case 8:
            simple("memory.init", &w)
            let data = try u32(), mem = try u32()
            if mem != 0 { w.write(" " + names.memories.ref(mem)) }
            w.write(" " + names.datas.ref(data))
        case 9: simple("data.drop", &w); w.write(" " + names.datas.ref(try u32()))
        case 10:
            simple("memory.copy", &w)
            let dst = try u32(), src = try u32()
            if dst != 0 || src != 0 { w.write(" " + names.memories.ref(dst) + " " + names.memories.ref(src)) }
        case 11:
            simple("memory.fill", &w)
            let m = try u32()
            if m != 0 { w.write(" " + names.memories.ref(m)) }
        case 12:
            simple("table.init", &w)
            let elem = try u32(), table = try u32()
            if table != 0 { w.write(" " + names.tables.ref(table)) }
            w.write(" " + names.elems.ref(elem))
        case 13: simple("elem.drop", &w); w.write(" " + names.elems.ref(try u32()))
        case 14:
            simple("table.copy", &w)
            let dst = try u32(), src = try u32()
            if dst != 0 || src != 0 { w.write(" " + names.tables.ref(dst) + " " + names.tables.ref(src)) }
        case 15, 16, 17:
            simple(sub == 15 ? "table.grow" : sub == 16 ? "table.size" : "table.fill", &w)
            w.write(" " + names.tables.ref(try u32()))
        default:
            throw DecodeError("unsupported or invalid opcode 0xfc \(sub)", at: at)
        }
    }

    private mutating func gc(at: Int, _ w: inout TextWriter) throws(DecodeError) {
        let names = context.names
        let sub = try u32()
        func type(_ p: inout CoreInstructionPrinter) throws(DecodeError) -> String { names.types.ref(try p.u32()) }
        switch sub {
        case 0, 1, 6, 7, 11, 12, 13, 14, 16:
            let n = ["struct.new", "struct.new_default", "", "", "", "", "array.new", "array.new_default", "", "", "", "array.get", "array.get_s", "array.get_u", "array.set", "", "array.fill"][Int(sub)]
            simple(n, &w)
            w.write(" " + (try type(&self)))
        case 2, 3, 4, 5:
            simple(["struct.get", "struct.get_s", "struct.get_u", "struct.set"][Int(sub - 2)], &w)
            let t = try u32()
            let f = try u32()
            w.write(" " + names.types.ref(t) + " " + (names.fields[t, f]?.identifier ?? "\(f)"))
        case 8:
            simple("array.new_fixed", &w)
            let t = try u32()
            w.write(" " + names.types.ref(t) + " \(try u32())")
        case 9, 18:
            simple(sub == 9 ? "array.new_data" : "array.init_data", &w)
            let t = try u32()
            w.write(" " + names.types.ref(t) + " " + names.datas.ref(try u32()))
        case 10, 19:
            simple(sub == 10 ? "array.new_elem" : "array.init_elem", &w)
            let t = try u32()
            w.write(" " + names.types.ref(t) + " " + names.elems.ref(try u32()))
        case 15: simple("array.len", &w)
        case 17:
            simple("array.copy", &w)
            let a = try u32()
            w.write(" " + names.types.ref(a) + " " + names.types.ref(try u32()))
        case 20, 21, 22, 23:
            simple(sub < 22 ? "ref.test" : "ref.cast", &w)
            let h = try context.decoder.readHeapType(&reader)
            w.write(" " + context.refType(RefType(nullable: sub == 21 || sub == 23, heap: h, shorthand: false)))
        case 24, 25:
            simple(sub == 24 ? "br_on_cast" : "br_on_cast_fail", &w)
            let fAt = reader.position
            let flags = try reader.readByte()
            guard flags <= 3 else { throw DecodeError("invalid cast flags 0x\(String(flags, radix: 16))", at: fAt) }
            let label = try u32()
            let from = try context.decoder.readHeapType(&reader)
            let to = try context.decoder.readHeapType(&reader)
            relativeDepth(label, &w)
            w.write(" " + context.refType(RefType(nullable: flags & 1 != 0, heap: from, shorthand: false)))
            w.write(" " + context.refType(RefType(nullable: flags & 2 != 0, heap: to, shorthand: false)))
        case 26: simple("any.convert_extern", &w)
        case 27: simple("extern.convert_any", &w)
        case 28: simple("ref.i31", &w)
        case 29: simple("i31.get_s", &w)
        case 30: simple("i31.get_u", &w)
        default:
            throw DecodeError("unsupported or invalid opcode 0xfb \(sub)", at: at)
        }
    }

    private mutating func simd(at: Int, _ w: inout TextWriter) throws(DecodeError) {
        let sub = try u32()
        guard let (name, imm) = SimdOpcodes.lookup(sub) else {
            throw DecodeError("unsupported or invalid opcode 0xfd \(sub)", at: at)
        }
        simple(name, &w)
        switch imm {
        case .none: break
        case .memarg(let natural): try memarg(natural: natural, &w)
        case .memargLane(let natural):
            try memarg(natural: natural, &w)
            w.write(" \(try reader.readByte())")
        case .lane: w.write(" \(try reader.readByte())")
        case .const16:
            let b = Array(try reader.readBytes(16))
            var s = " i32x4"
            for k in stride(from: 0, to: 16, by: 4) {
                s += " 0x"
                for j in (0..<4).reversed() {
                    let x = b[k + j]
                    if x < 16 { s += "0" }
                    s += String(x, radix: 16)
                }
            }
            w.write(s)
        case .shuffle:
            let b = try reader.readBytes(16)
            w.write(b.map { " \($0)" }.joined())
        }
    }

    private mutating func atomic(at: Int, _ w: inout TextWriter) throws(DecodeError) {
        let sub = try u32()
        switch sub {
        case 0: simple("memory.atomic.notify", &w); try memarg(natural: 2, &w)
        case 1: simple("memory.atomic.wait32", &w); try memarg(natural: 2, &w)
        case 2: simple("memory.atomic.wait64", &w); try memarg(natural: 3, &w)
        case 3:
            let zAt = reader.position
            guard try reader.readByte() == 0 else { throw DecodeError("atomic.fence: nonzero reserved byte", at: zAt) }
            simple("atomic.fence", &w)
        case 0x10...0x1d:
            let (n, a) = CoreInstructionPrinter.atomicLoadStore[Int(sub - 0x10)]
            simple(n, &w)
            try memarg(natural: a, &w)
        case 0x1e...0x4e:
            let k = Int(sub - 0x1e)
            let op = ["add", "sub", "and", "or", "xor", "xchg", "cmpxchg"][k / 7]
            let shapes: [(String, String, UInt32)] = [
                ("i32.atomic.rmw.", "", 2), ("i64.atomic.rmw.", "", 3), ("i32.atomic.rmw8.", "_u", 0),
                ("i32.atomic.rmw16.", "_u", 1), ("i64.atomic.rmw8.", "_u", 0), ("i64.atomic.rmw16.", "_u", 1),
                ("i64.atomic.rmw32.", "_u", 2),
            ]
            let s = shapes[k % 7]
            simple(s.0 + op + s.1, &w)
            try memarg(natural: s.2, &w)
        default:
            throw DecodeError("unsupported or invalid opcode 0xfe \(sub)", at: at)
        }
    }

    static let memoryOps: [(String, UInt32)] = [
        ("i32.load", 2), ("i64.load", 3), ("f32.load", 2), ("f64.load", 3),
        ("i32.load8_s", 0), ("i32.load8_u", 0), ("i32.load16_s", 1), ("i32.load16_u", 1),
        ("i64.load8_s", 0), ("i64.load8_u", 0), ("i64.load16_s", 1), ("i64.load16_u", 1),
        ("i64.load32_s", 2), ("i64.load32_u", 2),
        ("i32.store", 2), ("i64.store", 3), ("f32.store", 2), ("f64.store", 3),
        ("i32.store8", 0), ("i32.store16", 1), ("i64.store8", 0), ("i64.store16", 1), ("i64.store32", 2),
    ]

    static let atomicLoadStore: [(String, UInt32)] = [
        ("i32.atomic.load", 2), ("i64.atomic.load", 3), ("i32.atomic.load8_u", 0), ("i32.atomic.load16_u", 1),
        ("i64.atomic.load8_u", 0), ("i64.atomic.load16_u", 1), ("i64.atomic.load32_u", 2),
        ("i32.atomic.store", 2), ("i64.atomic.store", 3), ("i32.atomic.store8", 0), ("i32.atomic.store16", 1),
        ("i64.atomic.store8", 0), ("i64.atomic.store16", 1), ("i64.atomic.store32", 2),
    ]

    static let truncSat = [
        "i32.trunc_sat_f32_s", "i32.trunc_sat_f32_u", "i32.trunc_sat_f64_s", "i32.trunc_sat_f64_u",
        "i64.trunc_sat_f32_s", "i64.trunc_sat_f32_u", "i64.trunc_sat_f64_s", "i64.trunc_sat_f64_u",
    ]

    /// Opcodes 0x45 through 0xc4, which take no immediates.
    static let numericOps: [String] = {
        var ops = ["i32.eqz", "i32.eq", "i32.ne", "i32.lt_s", "i32.lt_u", "i32.gt_s", "i32.gt_u", "i32.le_s", "i32.le_u", "i32.ge_s", "i32.ge_u"]
        ops += ["i64.eqz", "i64.eq", "i64.ne", "i64.lt_s", "i64.lt_u", "i64.gt_s", "i64.gt_u", "i64.le_s", "i64.le_u", "i64.ge_s", "i64.ge_u"]
        for t in ["f32", "f64"] { ops += ["eq", "ne", "lt", "gt", "le", "ge"].map { t + "." + $0 } }
        for t in ["i32", "i64"] {
            ops += ["clz", "ctz", "popcnt", "add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr"].map { t + "." + $0 }
        }
        for t in ["f32", "f64"] {
            ops += ["abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt", "add", "sub", "mul", "div", "min", "max", "copysign"].map { t + "." + $0 }
        }
        ops += ["i32.wrap_i64", "i32.trunc_f32_s", "i32.trunc_f32_u", "i32.trunc_f64_s", "i32.trunc_f64_u",
                "i64.extend_i32_s", "i64.extend_i32_u", "i64.trunc_f32_s", "i64.trunc_f32_u", "i64.trunc_f64_s", "i64.trunc_f64_u",
                "f32.convert_i32_s", "f32.convert_i32_u", "f32.convert_i64_s", "f32.convert_i64_u", "f32.demote_f64",
                "f64.convert_i32_s", "f64.convert_i32_u", "f64.convert_i64_s", "f64.convert_i64_u", "f64.promote_f32",
                "i32.reinterpret_f32", "i64.reinterpret_f64", "f32.reinterpret_i32", "f64.reinterpret_i64",
                "i32.extend8_s", "i32.extend16_s", "i64.extend8_s", "i64.extend16_s", "i64.extend32_s"]
        return ops
    }()
}
