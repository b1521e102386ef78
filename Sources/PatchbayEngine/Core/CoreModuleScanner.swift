/// A small reader of the declaration sections of a core module (types,
/// imports, functions, tables, memories, tags, globals, exports).
///
/// Why not WasmKit: its parser rejects valid modules that use newer
/// proposals (custom page sizes, shared-everything threads), and the
/// component layer only needs declarations. Sections are found by their
/// size prefix, so code and data sections (megabytes in real components)
/// are skipped without being read.
struct CoreModuleScanner {
    var reader: ByteReader
    /// Absolute offset of the module's first byte in the enclosing file.
    let base: Int
    let decoder = ComponentDecoder()

    var types: [CoreTypeEntry] = []
    var funcs: [CoreFuncType?] = []
    var tables: [CoreEntityType] = []
    var memories: [CoreEntityType] = []
    var globals: [CoreEntityType] = []
    var tags: [CoreEntityType] = []
    var imports: [CoreImportType] = []
    var exports: [CoreExportType] = []
    var customs: [String] = []
    /// Newer proposals seen, so a failing WasmKit parse can be explained.
    var usesCustomPageSizes = false
    var usesShared = false

    init(_ bytes: ArraySlice<UInt8>, offset: Int) {
        reader = ByteReader(slice: bytes[...])
        base = offset
    }

    func err(_ message: String, _ at: Int) -> DecodeError { DecodeError(message, at: base + at) }

    /// Rebases an error from the local reader onto the file.
    func rebased(_ e: DecodeError) -> DecodeError { DecodeError(e.message, at: base + e.offset) }

    mutating func scan() throws(DecodeError) -> CoreModuleReader.Summary {
        do { try scanSections() } catch { throw rebased(error) }
        return CoreModuleReader.Summary(
            type: CoreModuleType(imports: imports, exports: exports),
            functionCount: funcs.count, customSections: customs)
    }

    private mutating func scanSections() throws(DecodeError) {
        guard reader.remaining >= 8 else { throw DecodeError("unexpected end-of-file in core module header", at: reader.position) }
        let head = try reader.readBytes(8)
        guard Array(head) == [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00] else {
            throw DecodeError("bad core module header (expected \\0asm version 1)", at: 0)
        }
        while !reader.isAtEnd {
            let id = try reader.readByte()
            let sizeAt = reader.position
            let size = Int(try reader.readU32())
            guard size <= reader.remaining else {
                throw DecodeError("section size \(size) is out of bounds (\(reader.remaining) bytes left)", at: sizeAt)
            }
            var s = try reader.subReader(size)
            switch id {
            case 0: customs.append(try s.readName())
            case 1: try readTypes(&s)
            case 2: try readImports(&s)
            case 3:
                let n = try s.readCount("functions")
                for _ in 0..<n {
                    let at = s.position
                    let ti = try s.readU32()
                    guard Int(ti) < types.count else { throw DecodeError("unknown type \(ti): type index out of bounds", at: at) }
                    funcs.append(funcType(ti))
                }
            case 4:
                let n = try s.readCount("tables")
                for _ in 0..<n { tables.append(try readTable(&s)) }
            case 5:
                let n = try s.readCount("memories")
                for _ in 0..<n {
                    let l = try decoder.readLimits(&s)
                    if l.pageSizeLog2 != nil { usesCustomPageSizes = true }
                    memories.append(.memory(l))
                }
            case 6:
                let n = try s.readCount("globals")
                for _ in 0..<n {
                    let t = try readValType(&s)
                    let m = try s.readByte()
                    if m & 2 != 0 { usesShared = true }
                    globals.append(.global(t, mutable: m & 1 != 0))
                    try skipConstExpr(&s)
                }
            case 13:
                let n = try s.readCount("tags")
                for _ in 0..<n {
                    _ = try s.readByte()
                    tags.append(.tag(funcType(try s.readU32())))
                }
            case 7: try readExports(&s)
            default: continue // start, elements, code, data: not needed for a summary
            }
            if id != 0 && !s.isAtEnd {
                throw DecodeError("section size mismatch: unexpected data at the end of the section", at: s.position)
            }
        }
    }

    /// A value type, also in the shared-everything form `0x65 <abstract heap
    /// type>` (a shared nullable reference) that the component decoder lacks.
    mutating func readValType(_ r: inout ByteReader) throws(DecodeError) -> CoreValType {
        if try r.peekByte() == 0x65 {
            _ = try r.readByte()
            let at = r.position
            let b = try r.readByte()
            guard ComponentDecoder.abstractHeapCodes.contains(b) else { throw DecodeError("invalid shared reference type 0x\(String(b, radix: 16))", at: at) }
            usesShared = true
            return .ref(RefType(nullable: true, heap: .abstract(b, shared: true), shorthand: true))
        }
        return try decoder.readCoreValType(&r)
    }

    func funcType(_ i: UInt32) -> CoreFuncType? {
        guard Int(i) < types.count, case .function(let f) = types[Int(i)] else { return nil }
        return f
    }

    private mutating func readTypes(_ r: inout ByteReader) throws(DecodeError) {
        let n = try r.readCount("types")
        for _ in 0..<n {
            if try r.peekByte() == 0x4e {
                _ = try r.readByte()
                let m = try r.readCount("rec group types")
                for _ in 0..<m { types.append(entry(try decoder.readSubType(&r))) }
            } else {
                types.append(entry(try decoder.readSubType(&r)))
            }
        }
    }

    mutating func entry(_ s: CoreSubType) -> CoreTypeEntry {
        if s.shared { usesShared = true }
        if case .function(let p, let r) = s.composite { return .function(CoreFuncType(params: p, results: r)) }
        return .other
    }

    private mutating func readImports(_ r: inout ByteReader) throws(DecodeError) {
        let n = try r.readCount("imports")
        for _ in 0..<n {
            let module = try r.readName()
            let name = try r.readName()
            let t: CoreEntityType
            let ext: CoreExternType
            switch try r.peekByte() {
            case 0x01:
                _ = try r.readByte()
                guard case .ref(let rt) = try readValType(&r) else { throw DecodeError("invalid table element type", at: r.position) }
                ext = .table(rt, try decoder.readLimits(&r))
            case 0x03:
                _ = try r.readByte()
                let v = try readValType(&r)
                let m = try r.readByte()
                ext = .global(v, mutable: m & 1 != 0, shared: m & 2 != 0)
            default:
                ext = try decoder.readCoreExternType(&r)
            }
            if case .function(let ti) = ext, Int(ti) >= types.count {
                throw DecodeError("unknown type \(ti): type index out of bounds", at: r.position)
            }
            switch ext {
            case .function(let i): t = .function(funcType(i)); funcs.append(funcType(i))
            case .table(let rt, let l): t = .table(rt, l); tables.append(t)
            case .memory(let l):
                if l.pageSizeLog2 != nil { usesCustomPageSizes = true }
                t = .memory(l); memories.append(t)
            case .global(let v, let m, let shared):
                if shared { usesShared = true }
                t = .global(v, mutable: m); globals.append(t)
            case .tag(let i): t = .tag(funcType(i)); tags.append(t)
            }
            imports.append(CoreImportType(module: module, name: name, type: t))
        }
    }

    private mutating func readTable(_ r: inout ByteReader) throws(DecodeError) -> CoreEntityType {
        var withInit = false
        if try r.peekByte() == 0x40 {
            _ = try r.readByte()
            let at = r.position
            guard try r.readByte() == 0 else { throw DecodeError("invalid table encoding", at: at) }
            withInit = true
        }
        let rt: RefType
        if case .ref(let x) = try readValType(&r) { rt = x } else { throw DecodeError("invalid table element type", at: r.position) }
        let l = try decoder.readLimits(&r)
        if withInit { try skipConstExpr(&r) }
        return .table(rt, l)
    }

    private mutating func readExports(_ r: inout ByteReader) throws(DecodeError) {
        let n = try r.readCount("exports")
        for _ in 0..<n {
            let at = r.position
            let name = try r.readName()
            let kind = try r.readByte()
            let i = Int(try r.readU32())
            let t: CoreEntityType?
            switch kind {
            case 0: t = i < funcs.count ? .function(funcs[i]) : nil
            case 1: t = i < tables.count ? tables[i] : nil
            case 2: t = i < memories.count ? memories[i] : nil
            case 3: t = i < globals.count ? globals[i] : nil
            case 4: t = i < tags.count ? tags[i] : nil
            default: throw DecodeError("invalid export kind 0x\(String(kind, radix: 16))", at: at)
            }
            guard let t else {
                throw DecodeError("core module export `\(name)` refers to an index out of bounds", at: at)
            }
            exports.append(CoreExportType(name: name, type: t))
        }
    }

    /// Skips a constant expression up to its final `end`. Only the
    /// instructions that constant expressions may contain are understood.
    private func skipConstExpr(_ r: inout ByteReader) throws(DecodeError) {
        while true {
            let at = r.position
            let op = try r.readByte()
            switch op {
            case 0x0b: return
            case 0x41: _ = try r.readSigned(bits: 32)
            case 0x42: _ = try r.readSigned(bits: 64)
            case 0x43: _ = try r.readBytes(4)
            case 0x44: _ = try r.readBytes(8)
            case 0x23, 0xd2: _ = try r.readU32()
            case 0xd0: _ = try decoder.readHeapType(&r)
            case 0x6a, 0x6b, 0x6c, 0x7c, 0x7d, 0x7e: break
            case 0xfd:
                let sub = try r.readU32()
                guard sub == 12 else { throw DecodeError("unsupported constant instruction 0xfd \(sub)", at: at) }
                _ = try r.readBytes(16)
            case 0xfb:
                let sub = try r.readU32()
                switch sub {
                case 0, 1, 6, 7: _ = try r.readU32()
                case 8: _ = try r.readU32(); _ = try r.readU32()
                case 26, 27, 28: break
                default: throw DecodeError("unsupported constant instruction 0xfb \(sub)", at: at)
                }
            default:
                throw DecodeError("unsupported constant instruction 0x\(String(op, radix: 16))", at: at)
            }
        }
    }
}
