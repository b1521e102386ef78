/// Component type definitions: value types, functions, component and
/// instance types, resources.
extension ComponentDecoder {
    func readValType(_ r: inout ByteReader) throws(DecodeError) -> ValTypeRef {
        let at = r.position
        let b = try r.peekByte()
        if let p = PrimitiveType(rawValue: b) {
            _ = try r.readByte()
            return .primitive(p)
        }
        let v = try r.readSigned(bits: 33)
        guard v >= 0, v <= Int64(UInt32.max) else {
            throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for component value type", at: at)
        }
        return .index(UInt32(v))
    }

    func readOptionalValType(_ r: inout ByteReader) throws(DecodeError) -> ValTypeRef? {
        let at = r.position
        switch try r.readByte() {
        case 0x00: return nil
        case 0x01: return try readValType(&r)
        case let b: throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for optional value type", at: at)
        }
    }

    func readResultList(_ r: inout ByteReader) throws(DecodeError) -> ValTypeRef? {
        let at = r.position
        switch try r.readByte() {
        case 0x00: return try readValType(&r)
        case 0x01:
            let b = try r.readByte()
            guard b == 0x00 else {
                throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for number of results", at: at + 1)
            }
            return nil
        case let b: throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for component function results", at: at)
        }
    }

    func readLabels(_ r: inout ByteReader, _ what: String) throws(DecodeError) -> [String] {
        try readVector(&r, what) { (r: inout ByteReader) throws(DecodeError) in try r.readName(limit: limits.maxNameLength) }
    }

    func readLabeledTypes(_ r: inout ByteReader, _ what: String) throws(DecodeError) -> [LabeledType] {
        try readVector(&r, what) { (r: inout ByteReader) throws(DecodeError) -> LabeledType in
            let name = try r.readName(limit: limits.maxNameLength)
            return LabeledType(name, try readValType(&r))
        }
    }

    func readTypeDef(_ r: inout ByteReader, depth: Int) throws(DecodeError) -> TypeDef {
        let start = r.position
        if depth >= limits.maxNesting {
            throw DecodeError("type definitions nested more than \(limits.maxNesting) deep", at: start)
        }
        let b = try r.readByte()
        let kind: TypeDef.Kind
        switch b {
        case 0x3f:
            let rep = try readCoreValType(&r)
            let at = r.position
            switch try r.readByte() {
            case 0x00: kind = .resource(rep: rep, destructor: nil)
            case 0x01: kind = .resource(rep: rep, destructor: try r.readU32())
            case let x: throw DecodeError("invalid leading byte (0x\(String(x, radix: 16))) for resource destructor", at: at)
            }
        case 0x40, 0x43:
            let params = try readLabeledTypes(&r, "component function parameters")
            kind = .function(FuncTypeDef(isAsync: b == 0x43, params: params, result: try readResultList(&r)))
        case 0x41:
            let decls = try readVector(&r, "component type declarations") { (r: inout ByteReader) throws(DecodeError) -> ComponentDecl in
                if try r.peekByte() == 0x03 {
                    _ = try r.readByte()
                    return .import(try readImport(&r))
                }
                return .instance(try readInstanceDecl(&r, depth: depth))
            }
            kind = .component(decls)
        case 0x42:
            let decls = try readVector(&r, "instance type declarations") { (r: inout ByteReader) throws(DecodeError) in
                try readInstanceDecl(&r, depth: depth)
            }
            kind = .instance(decls)
        default:
            kind = .defined(try readDefinedType(&r, code: b, at: start))
        }
        return TypeDef(offset: start, kind)
    }

    func readInstanceDecl(_ r: inout ByteReader, depth: Int) throws(DecodeError) -> InstanceDecl {
        let at = r.position
        switch try r.readByte() {
        case 0x00: return .coreType(try readCoreTypeDef(&r, depth: depth + 1))
        case 0x01: return .type(try readTypeDef(&r, depth: depth + 1))
        case 0x02: return .alias(try readAlias(&r))
        case 0x04:
            let start = r.position
            let name = try readExternName(&r)
            return .export(offset: start, name: name, type: try readExternType(&r))
        case let b:
            throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for component or instance type declaration", at: at)
        }
    }

    func readDefinedType(_ r: inout ByteReader, code: UInt8, at: Int) throws(DecodeError) -> DefinedType {
        if let p = PrimitiveType(rawValue: code) { return .primitive(p) }
        switch code {
        case 0x72: return .record(try readLabeledTypes(&r, "record fields"))
        case 0x71:
            let cases = try readVector(&r, "variant cases") { (r: inout ByteReader) throws(DecodeError) -> VariantCase in
                let name = try r.readName(limit: limits.maxNameLength)
                let type = try readOptionalValType(&r)
                let zAt = r.position
                let z = try r.readByte()
                guard z == 0x00 else {
                    throw DecodeError("invalid leading byte (0x\(String(z, radix: 16))) for zero byte required", at: zAt)
                }
                return VariantCase(name, type)
            }
            return .variant(cases)
        case 0x70: return .list(try readValType(&r))
        case 0x67:
            let t = try readValType(&r)
            return .fixedList(t, try r.readU32())
        case 0x6f:
            return .tuple(try readVector(&r, "tuple types") { (r: inout ByteReader) throws(DecodeError) in try readValType(&r) })
        case 0x6e: return .flags(try readLabels(&r, "flag names"))
        case 0x6d: return .enumeration(try readLabels(&r, "enum cases"))
        case 0x6b: return .option(try readValType(&r))
        case 0x6a:
            let ok = try readOptionalValType(&r)
            return .result(ok: ok, err: try readOptionalValType(&r))
        case 0x69: return .own(try r.readU32())
        case 0x68: return .borrow(try r.readU32())
        case 0x66: return .stream(try readOptionalValType(&r))
        case 0x65: return .future(try readOptionalValType(&r))
        case 0x63:
            let k = try readValType(&r)
            return .map(k, try readValType(&r))
        default:
            throw DecodeError("invalid leading byte (0x\(String(code, radix: 16))) for component defined type", at: at)
        }
    }
}
