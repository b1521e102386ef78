/// The parts of a core module the linked-component report reads: imports,
/// exports, the defined memory and table sizes, globals with a constant
/// initializer, active element segments, the start function's body and the
/// `dylink.0` section. Written for the small generated modules of a link
/// (main, init) and for libraries' headers; anything it does not understand
/// leaves a field empty rather than failing the report.
struct LinkModuleScan {
    struct Import {
        var module: String
        var name: String
        var sort: CoreSort
    }

    var imports: [Import] = []
    /// Export name → (sort, index).
    var exports: [(name: String, sort: CoreSort, index: UInt32)] = []
    /// Defined globals' constant `i32.const`/`i64.const` values, by global index
    /// (imported globals first, as the index space counts them).
    var globalValues: [UInt32: Int64] = [:]
    var memoryMinPages: UInt64?
    var tableMinSize: UInt64?
    /// Active segments on table 0 with a constant offset: (offset, function indices).
    var elements: [(offset: UInt32, functions: [UInt32])] = []
    var start: UInt32?
    /// Function index → body (defined functions only).
    var bodies: [UInt32: ArraySlice<UInt8>] = [:]
    var dylink: Dylink?
    var dylinkError: String?

    var importedFunctions: [Import] { imports.filter { $0.sort == .func_ } }
    var importedGlobals: [Import] { imports.filter { $0.sort == .global } }

    func export(_ name: String) -> (sort: CoreSort, index: UInt32)? {
        exports.first { $0.name == name }.map { ($0.sort, $0.index) }
    }

    /// Scans as far as it can; a malformed section stops the scan there.
    init(_ bytes: ArraySlice<UInt8>) {
        var r = ByteReader(slice: bytes[...])
        var functionTypes = 0
        do {
            guard try r.readBytes(8).elementsEqual([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]) else { return }
            while !r.isAtEnd {
                let id = try r.readByte()
                let size = Int(try r.readU32())
                var s = try r.subReader(size)
                switch id {
                case 0:
                    let name = try s.readName()
                    if name == "dylink.0" {
                        let at = s.position
                        let payload = try s.readBytes(s.remaining)
                        do { dylink = try Dylink.parse(payload, offset: at) } catch { dylinkError = error.message }
                    }
                case 2: try readImports(&s)
                case 3: functionTypes = try s.readCount("function")
                case 4:
                    let n = try s.readCount("table")
                    for i in 0..<n {
                        _ = try s.readByte()  // reference type
                        let min = try readLimitsMin(&s)
                        if i == 0 && !imports.contains(where: { $0.sort == .table }) { tableMinSize = min }
                    }
                case 5:
                    let n = try s.readCount("memory")
                    for i in 0..<n {
                        let min = try readLimitsMin(&s)
                        if i == 0 && !imports.contains(where: { $0.sort == .memory }) { memoryMinPages = min }
                    }
                case 6:
                    let n = try s.readCount("global")
                    let first = UInt32(importedGlobals.count)
                    for k in 0..<n {
                        _ = try s.readByte(); _ = try s.readByte()  // value type, mutability
                        if let v = try readConstExpr(&s) { globalValues[first + UInt32(k)] = v }
                    }
                case 7:
                    let n = try s.readCount("export")
                    for _ in 0..<n {
                        let name = try s.readName()
                        let kind = try s.readByte()
                        let index = try s.readU32()
                        if let sort = CoreSort(rawValue: kind) { exports.append((name, sort, index)) }
                    }
                case 8: start = try s.readU32()
                case 9: try readElements(&s)
                case 10:
                    let n = try s.readCount("function body")
                    let first = UInt32(importedFunctions.count)
                    guard n == functionTypes else { return }
                    for k in 0..<n {
                        let len = Int(try s.readU32())
                        bodies[first + UInt32(k)] = try s.readBytes(len)
                    }
                default: break
                }
            }
        } catch {
            return
        }
    }

    private mutating func readImports(_ s: inout ByteReader) throws(DecodeError) {
        let n = try s.readCount("import")
        for _ in 0..<n {
            let module = try s.readName()
            let name = try s.readName()
            let kind = try s.readByte()
            switch kind {
            case 0x00: _ = try s.readU32(); imports.append(Import(module: module, name: name, sort: .func_))
            case 0x01: _ = try s.readByte(); _ = try readLimitsMin(&s); imports.append(Import(module: module, name: name, sort: .table))
            case 0x02: _ = try readLimitsMin(&s); imports.append(Import(module: module, name: name, sort: .memory))
            case 0x03: _ = try s.readByte(); _ = try s.readByte(); imports.append(Import(module: module, name: name, sort: .global))
            case 0x04: _ = try s.readByte(); _ = try s.readU32(); imports.append(Import(module: module, name: name, sort: .tag))
            default: throw s.error("unknown import kind \(kind)")
            }
        }
    }

    private func readLimitsMin(_ s: inout ByteReader) throws(DecodeError) -> UInt64 {
        let flags = try s.readByte()
        let is64 = flags & 0x04 != 0
        let min = is64 ? try s.readU64() : UInt64(try s.readU32())
        if flags & 0x01 != 0 { _ = is64 ? try s.readU64() : UInt64(try s.readU32()) }
        if flags & 0x08 != 0 { _ = try s.readU32() }  // custom page size
        return min
    }

    /// A constant expression of one `i32.const` or `i64.const`; nil for anything else
    /// (the expression is still skipped up to its `end`).
    private func readConstExpr(_ s: inout ByteReader) throws(DecodeError) -> Int64? {
        let op = try s.readByte()
        var value: Int64?
        switch op {
        case 0x41: value = try s.readSigned(bits: 32)
        case 0x42: value = try s.readSigned(bits: 64)
        case 0x23: _ = try s.readU32()
        default: throw s.error("unsupported constant expression opcode 0x\(String(op, radix: 16))")
        }
        guard try s.readByte() == 0x0b else { throw s.error("constant expression is longer than one instruction") }
        return value
    }

    private mutating func readElements(_ s: inout ByteReader) throws(DecodeError) {
        let n = try s.readCount("element segment")
        for _ in 0..<n {
            let flags = try s.readU32()
            // Only the forms a linker writes: active, function indices, table 0 (flags 0)
            // or an explicit table index with elemkind funcref (flags 2).
            guard flags == 0 || flags == 2 else { return }
            if flags == 2 { _ = try s.readU32() }
            let offset = try readConstExpr(&s)
            if flags == 2 { _ = try s.readByte() }
            let count = try s.readCount("element")
            var fns: [UInt32] = []
            for _ in 0..<count { fns.append(try s.readU32()) }
            if let offset { elements.append((UInt32(truncatingIfNeeded: offset), fns)) }
        }
    }

    /// The `GOT.mem` fill-ins of an init module's start function: each
    /// `global.get a; global.get b; i32.add; global.set c` (a library's base plus
    /// the offset it exports, stored into the main module's global), as
    /// (a, b, c) global indices. Decoding stops at the first other instruction
    /// it cannot step over.
    func addressComputations() -> [(base: UInt32, offset: UInt32, target: UInt32)] {
        guard let start, let body = bodies[start] else { return [] }
        var r = ByteReader(slice: body[...])
        var out: [(UInt32, UInt32, UInt32)] = []
        var gets: [UInt32] = []
        do {
            let groups = try r.readCount("local group")
            for _ in 0..<groups { _ = try r.readU32(); _ = try r.readByte() }
            var added = false
            while !r.isAtEnd {
                let op = try r.readByte()
                switch op {
                case 0x23: gets.append(try r.readU32()); added = false
                case 0x6a: added = gets.count >= 2
                case 0x24:
                    let target = try r.readU32()
                    if added, gets.count >= 2 { out.append((gets[gets.count - 2], gets[gets.count - 1], target)) }
                    gets = []; added = false
                case 0x41: _ = try r.readSigned(bits: 32); gets = []
                case 0x36: _ = try r.readU32(); _ = try r.readU32(); gets = []
                case 0x10: _ = try r.readU32(); gets = []
                case 0x0b: return out
                default: return out
                }
            }
        } catch {
            return out
        }
        return out
    }
}
