/// Core types as they appear inside components: GC rec groups, function
/// types and module types (Binary.md `core:deftype`).
extension ComponentDecoder {
    static let abstractHeapCodes: Set<UInt8> = [0x70, 0x6f, 0x6e, 0x71, 0x72, 0x73, 0x6d, 0x6b, 0x6a, 0x6c, 0x69, 0x74, 0x68, 0x75]

    func readCoreValType(_ r: inout ByteReader) throws(DecodeError) -> CoreValType {
        let at = r.position
        let b = try r.readByte()
        switch b {
        case 0x7f: return .i32
        case 0x7e: return .i64
        case 0x7d: return .f32
        case 0x7c: return .f64
        case 0x7b: return .v128
        case 0x63, 0x64:
            return .ref(RefType(nullable: b == 0x63, heap: try readHeapType(&r), shorthand: false))
        case 0x65:
            // shared-everything-threads: a shared abstract reference in short form.
            let a = try r.readByte()
            guard ComponentDecoder.abstractHeapCodes.contains(a) else {
                throw DecodeError("invalid value type: unknown shared heap type 0x\(String(a, radix: 16))", at: at + 1)
            }
            return .ref(RefType(nullable: true, heap: .abstract(a, shared: true), shorthand: true))
        default:
            if ComponentDecoder.abstractHeapCodes.contains(b) {
                return .ref(RefType(nullable: true, heap: .abstract(b, shared: false), shorthand: true))
            }
            throw DecodeError("invalid value type: unknown byte 0x\(String(b, radix: 16))", at: at)
        }
    }

    func readHeapType(_ r: inout ByteReader) throws(DecodeError) -> HeapType {
        let at = r.position
        let b = try r.peekByte()
        if b == 0x65 {
            _ = try r.readByte()
            let a = try r.readByte()
            guard ComponentDecoder.abstractHeapCodes.contains(a) else {
                throw DecodeError("invalid abstract heap type 0x\(String(a, radix: 16))", at: at + 1)
            }
            return .abstract(a, shared: true)
        }
        if ComponentDecoder.abstractHeapCodes.contains(b) {
            _ = try r.readByte()
            return .abstract(b, shared: false)
        }
        let v = try r.readSigned(bits: 33)
        guard v >= 0, v <= Int64(UInt32.max) else { throw DecodeError("invalid heap type", at: at) }
        return .concrete(UInt32(v))
    }

    func readRefType(_ r: inout ByteReader) throws(DecodeError) -> RefType {
        let at = r.position
        guard case .ref(let rt) = try readCoreValType(&r) else {
            throw DecodeError("expected a reference type", at: at)
        }
        return rt
    }

    func readFieldType(_ r: inout ByteReader) throws(DecodeError) -> FieldType {
        let b = try r.peekByte()
        let storage: StorageType
        switch b {
        case 0x78: _ = try r.readByte(); storage = .i8
        case 0x77: _ = try r.readByte(); storage = .i16
        default: storage = .val(try readCoreValType(&r))
        }
        return FieldType(storage: storage, mutable: try readFlag(&r, "mutability"))
    }

    func readCompositeType(_ r: inout ByteReader) throws(DecodeError) -> (CompositeType, shared: Bool) {
        var shared = false
        if try r.peekByte() == 0x65 {
            _ = try r.readByte()
            shared = true
        }
        let at = r.position
        switch try r.readByte() {
        case 0x60:
            let params = try readVector(&r, "function params") { (r: inout ByteReader) throws(DecodeError) in try readCoreValType(&r) }
            let results = try readVector(&r, "function results") { (r: inout ByteReader) throws(DecodeError) in try readCoreValType(&r) }
            return (.function(params: params, results: results), shared)
        case 0x5f:
            return (.structure(try readVector(&r, "struct fields") { (r: inout ByteReader) throws(DecodeError) in try readFieldType(&r) }), shared)
        case 0x5e:
            return (.array(try readFieldType(&r)), shared)
        case 0x5d:
            return (.continuation(try r.readU32()), shared)
        case let b:
            throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for type", at: at)
        }
    }

    func readSubType(_ r: inout ByteReader) throws(DecodeError) -> CoreSubType {
        let b = try r.peekByte()
        if b == 0x50 || b == 0x4f {
            _ = try r.readByte()
            let supers = try readVector(&r, "supertypes") { (r: inout ByteReader) throws(DecodeError) in try r.readU32() }
            let (c, shared) = try readCompositeType(&r)
            return CoreSubType(form: b == 0x50 ? .sub : .subFinal, supertypes: supers, shared: shared, composite: c)
        }
        let (c, shared) = try readCompositeType(&r)
        return CoreSubType(form: .bare, supertypes: [], shared: shared, composite: c)
    }

    func readCoreTypeDef(_ r: inout ByteReader, depth: Int) throws(DecodeError) -> CoreTypeDef {
        let at = r.position
        if depth >= limits.maxNesting {
            throw DecodeError("core types nested more than \(limits.maxNesting) deep", at: at)
        }
        switch try r.peekByte() {
        case 0x00:
            _ = try r.readByte()
            let b = try r.peekByte()
            guard b == 0x50 else {
                throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for non-final sub type", at: at + 1)
            }
            return .sub(try readSubType(&r), prefixed: true)
        case 0x50:
            _ = try r.readByte()
            let decls = try readVector(&r, "module type declarations") { (r: inout ByteReader) throws(DecodeError) in
                try readModuleDecl(&r, depth: depth)
            }
            return .module(decls)
        case 0x4e:
            _ = try r.readByte()
            return .rec(try readVector(&r, "rec group types") { (r: inout ByteReader) throws(DecodeError) in try readSubType(&r) })
        default:
            return .sub(try readSubType(&r), prefixed: false)
        }
    }

    func readModuleDecl(_ r: inout ByteReader, depth: Int) throws(DecodeError) -> ModuleDecl {
        let at = r.position
        switch try r.readByte() {
        case 0x00:
            let module = try r.readName(limit: limits.maxNameLength)
            let name = try r.readName(limit: limits.maxNameLength)
            return .import(module: module, name: name, type: try readCoreExternType(&r))
        case 0x01:
            // Inside a module type 0x50 is a non-final `sub`, never a module type.
            if try r.peekByte() == 0x4e {
                _ = try r.readByte()
                return .type(.rec(try readVector(&r, "rec group types") { (r: inout ByteReader) throws(DecodeError) in try readSubType(&r) }))
            }
            return .type(.sub(try readSubType(&r), prefixed: false))
        case 0x02:
            let kAt = r.position
            let k = try r.readByte()
            guard k == 0x10 else {
                throw DecodeError("invalid leading byte (0x\(String(k, radix: 16))) for outer alias kind", at: kAt)
            }
            let t = try r.readByte()
            guard t == 0x01 else {
                throw DecodeError("invalid leading byte (0x\(String(t, radix: 16))) for outer alias type", at: kAt + 1)
            }
            let count = try r.readU32()
            return .outerAlias(count: count, index: try r.readU32())
        case 0x03:
            let name = try r.readName(limit: limits.maxNameLength)
            return .export(name: name, type: try readCoreExternType(&r))
        case let b:
            throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for type declaration", at: at)
        }
    }

    func readLimits(_ r: inout ByteReader) throws(DecodeError) -> Limits {
        let at = r.position
        let flags = try r.readByte()
        guard flags & ~0x0f == 0 else {
            throw DecodeError("invalid limits flags 0x\(String(flags, radix: 16))", at: at)
        }
        let is64 = flags & 0x04 != 0
        let min = is64 ? try r.readU64() : UInt64(try r.readU32())
        var max: UInt64? = nil
        if flags & 0x01 != 0 { max = is64 ? try r.readU64() : UInt64(try r.readU32()) }
        var page: UInt32? = nil
        if flags & 0x08 != 0 { page = try r.readU32() }
        return Limits(flags: flags, min: min, max: max, pageSizeLog2: page)
    }

    func readCoreExternType(_ r: inout ByteReader) throws(DecodeError) -> CoreExternType {
        let at = r.position
        switch try r.readByte() {
        case 0x00: return .function(typeIndex: try r.readU32())
        case 0x01:
            let rt = try readRefType(&r)
            return .table(rt, try readLimits(&r))
        case 0x02: return .memory(try readLimits(&r))
        case 0x03:
            let t = try readCoreValType(&r)
            let mAt = r.position
            let m = try r.readByte()
            guard m <= 3 else { throw DecodeError("malformed mutability 0x\(String(m, radix: 16))", at: mAt) }
            return .global(t, mutable: m & 1 != 0, shared: m & 2 != 0)
        case 0x04:
            let aAt = r.position
            let a = try r.readByte()
            guard a == 0x00 else { throw DecodeError("invalid tag attribute 0x\(String(a, radix: 16))", at: aAt) }
            return .tag(typeIndex: try r.readU32())
        case let b:
            throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for external kind", at: at)
        }
    }
}
