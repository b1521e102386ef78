/// Decodes component binaries into the `Component` model.
///
/// The decoder reads component-level sections fully and keeps core modules
/// and custom sections as byte slices (core code is read on demand, through
/// WasmKit's parser). It never traps on input: every failure is a
/// `DecodeError` with an absolute offset, and counts and nesting are bounded.
public struct ComponentDecoder {
    public var limits: DecodeLimits

    public init(limits: DecodeLimits = DecodeLimits()) { self.limits = limits }

    /// What the first eight bytes say a file is.
    public enum Layer: Sendable, Equatable { case component, coreModule }

    public static let magic: [UInt8] = [0x00, 0x61, 0x73, 0x6d]

    /// Decodes a whole file that must be a component.
    public static func decode(_ bytes: [UInt8], limits: DecodeLimits = DecodeLimits()) throws(DecodeError) -> Component {
        let decoder = ComponentDecoder(limits: limits)
        var reader = ByteReader(bytes)
        let component = try decoder.readComponent(&reader, depth: 0)
        if !reader.isAtEnd {
            throw reader.error("unexpected data after the end of the component")
        }
        return component
    }

    /// Reads the preamble and answers whether the bytes hold a component or a core module.
    public static func layer(of bytes: [UInt8]) throws(DecodeError) -> Layer {
        var r = ByteReader(bytes)
        let (_, layer) = try readPreamble(&r)
        return layer
    }

    static func readPreamble(_ r: inout ByteReader) throws(DecodeError) -> (version: UInt16, Layer) {
        let start = r.position
        guard r.remaining >= 4 else { throw r.error("unexpected end-of-file: expected the magic header \\0asm") }
        let magic = try r.readBytes(4)
        guard Array(magic) == ComponentDecoder.magic else {
            throw DecodeError("magic header not detected: bad magic number - expected=[0x0 0x61 0x73 0x6d] actual=[\(magic.map { "0x" + String($0, radix: 16) }.joined(separator: " "))]", at: start)
        }
        guard r.remaining >= 4 else { throw r.error("unexpected end-of-file: expected a version and layer") }
        let v0 = try r.readByte(), v1 = try r.readByte()
        let l0 = try r.readByte(), l1 = try r.readByte()
        let version = UInt16(v0) | UInt16(v1) << 8
        let layer = UInt16(l0) | UInt16(l1) << 8
        switch layer {
        case 0:
            return (version, .coreModule)
        case 1:
            guard version == 0x0d else {
                throw DecodeError("unknown component version: 0x\(String(version, radix: 16)) (expected 0xd)", at: start + 4)
            }
            return (version, .component)
        default:
            throw DecodeError("unknown binary version and encoding combination: 0x\(String(version, radix: 16)) and 0x\(String(layer, radix: 16)), note: encoding 0x1 is a component, 0x0 a core module", at: start + 4)
        }
    }

    func readComponent(_ r: inout ByteReader, depth: Int) throws(DecodeError) -> Component {
        let start = r.position
        let (version, layer) = try ComponentDecoder.readPreamble(&r)
        guard layer == .component else {
            throw DecodeError("expected a component, found a core module (layer 0); wrap it with `patchbay new` first", at: start + 6)
        }
        if depth >= limits.maxNesting {
            throw DecodeError("components nested more than \(limits.maxNesting) deep", at: start)
        }
        var component = Component()
        component.version = version
        component.offset = start
        while !r.isAtEnd {
            // A nested component ends where its enclosing section ends; the
            // caller bounds `r` to that section.
            component.sections.append(try readSection(&r, depth: depth))
        }
        component.size = r.position - start
        return component
    }

    func readSection(_ r: inout ByteReader, depth: Int) throws(DecodeError) -> Section {
        let start = r.position
        let id = try r.readByte()
        let sizeOffset = r.position
        let size = Int(try r.readU32())
        guard size <= r.remaining else {
            throw DecodeError("section too large: section of \(size) bytes, but only \(r.remaining) bytes remain", at: sizeOffset)
        }
        var s = try r.subReader(size)
        let contentStart = s.position
        let content: Section.Content
        switch id {
        case 0:
            let name = try s.readName(limit: limits.maxNameLength)
            content = .custom(CustomSection(name: name, payload: try s.readBytes(s.remaining)))
        case 1:
            content = .coreModule(CoreModule(bytes: try s.readBytes(s.remaining), offset: contentStart))
        case 2:
            content = .coreInstances(try readVector(&s, "core instances") { (r: inout ByteReader) throws(DecodeError) in try readCoreInstance(&r) })
        case 3:
            content = .coreTypes(try readVector(&s, "core types") { (r: inout ByteReader) throws(DecodeError) in try readCoreTypeDef(&r, depth: depth + 1) })
        case 4:
            content = .component(try readComponent(&s, depth: depth + 1))
        case 5:
            content = .instances(try readVector(&s, "instances") { (r: inout ByteReader) throws(DecodeError) in try readInstance(&r) })
        case 6:
            content = .aliases(try readVector(&s, "aliases") { (r: inout ByteReader) throws(DecodeError) in try readAlias(&r) })
        case 7:
            content = .types(try readVector(&s, "types") { (r: inout ByteReader) throws(DecodeError) in try readTypeDef(&r, depth: depth + 1) })
        case 8:
            content = .canons(try readVector(&s, "canonical functions") { (r: inout ByteReader) throws(DecodeError) in try readCanon(&r) })
        case 9:
            content = .start(try readStart(&s))
        case 10:
            content = .imports(try readVector(&s, "imports") { (r: inout ByteReader) throws(DecodeError) in try readImport(&r) })
        case 11:
            content = .exports(try readVector(&s, "exports") { (r: inout ByteReader) throws(DecodeError) in try readExport(&r) })
        case 12:
            content = .values(try readVector(&s, "values") { (r: inout ByteReader) throws(DecodeError) in try readValue(&r) })
        default:
            throw DecodeError("unknown component section id: \(id)", at: start)
        }
        if !s.isAtEnd {
            throw s.error("section size mismatch: unexpected data at the end of the section")
        }
        return Section(offset: start, content)
    }

    func readVector<T>(_ r: inout ByteReader, _ what: String, _ item: (inout ByteReader) throws(DecodeError) -> T) throws(DecodeError) -> [T] {
        try PatchbayEngine.readVector(&r, what, limit: limits.maxVectorLength, item)
    }
}

/// Reads a LEB128-counted vector; the count is checked against the bytes left.
func readVector<T>(_ r: inout ByteReader, _ what: String, limit: Int, _ item: (inout ByteReader) throws(DecodeError) -> T) throws(DecodeError) -> [T] {
        let n = try r.readCount(what, limit: limit)
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try item(&r)) }
        return out
}

extension ComponentDecoder {

    // MARK: instances, aliases, canon, imports, exports

    func readCoreInstance(_ r: inout ByteReader) throws(DecodeError) -> CoreInstance {
        let start = r.position
        switch try r.readByte() {
        case 0x00:
            let module = try r.readU32()
            let args = try readVector(&r, "instantiation arguments") { (r: inout ByteReader) throws(DecodeError) -> CoreInstance.Arg in
                let name = try r.readName(limit: limits.maxNameLength)
                let kindOffset = r.position
                let kind = try r.readByte()
                guard kind == 0x12 else {
                    throw DecodeError("invalid leading byte (0x\(String(kind, radix: 16))) for core instantiation arg kind (expected 0x12, instance)", at: kindOffset)
                }
                return CoreInstance.Arg(name: name, kind: kind, index: try r.readU32())
            }
            return CoreInstance(offset: start, .instantiate(module: module, args: args))
        case 0x01:
            let exports = try readVector(&r, "core instance exports") { (r: inout ByteReader) throws(DecodeError) -> CoreInstance.InlineExport in
                let name = try r.readName(limit: limits.maxNameLength)
                return CoreInstance.InlineExport(name: name, item: CoreSortIndex(try readCoreSort(&r), try r.readU32()))
            }
            return CoreInstance(offset: start, .fromExports(exports))
        case let b:
            throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for core instance", at: start)
        }
    }

    func readInstance(_ r: inout ByteReader) throws(DecodeError) -> ComponentInstance {
        let start = r.position
        switch try r.readByte() {
        case 0x00:
            let component = try r.readU32()
            let args = try readVector(&r, "instantiation arguments") { (r: inout ByteReader) throws(DecodeError) -> ComponentInstance.Arg in
                let name = try r.readName(limit: limits.maxNameLength)
                return ComponentInstance.Arg(name: name, item: try readSortIndex(&r))
            }
            return ComponentInstance(offset: start, .instantiate(component: component, args: args))
        case 0x01:
            let exports = try readVector(&r, "instantiation exports") { (r: inout ByteReader) throws(DecodeError) -> ComponentInstance.InlineExport in
                let name = try readExternName(&r)
                return ComponentInstance.InlineExport(name: name, item: try readSortIndex(&r))
            }
            return ComponentInstance(offset: start, .fromExports(exports))
        case let b:
            throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for instance", at: start)
        }
    }

    func readCoreSort(_ r: inout ByteReader) throws(DecodeError) -> CoreSort {
        let at = r.position
        let b = try r.readByte()
        guard let s = CoreSort(rawValue: b) else {
            throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for core sort", at: at)
        }
        return s
    }

    func readSort(_ r: inout ByteReader) throws(DecodeError) -> Sort {
        let at = r.position
        switch try r.readByte() {
        case 0x00: return .core(try readCoreSort(&r))
        case 0x01: return .func_
        case 0x02: return .value
        case 0x03: return .type
        case 0x04: return .component
        case 0x05: return .instance
        case let b: throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for component external kind", at: at)
        }
    }

    func readSortIndex(_ r: inout ByteReader) throws(DecodeError) -> SortIndex {
        let sort = try readSort(&r)
        return SortIndex(sort, try r.readU32())
    }

    func readAlias(_ r: inout ByteReader) throws(DecodeError) -> Alias {
        let start = r.position
        let sort = try readSort(&r)
        let tagAt = r.position
        switch try r.readByte() {
        case 0x00:
            let instance = try r.readU32()
            return Alias(offset: start, sort: sort, target: .instanceExport(instance: instance, name: try r.readName(limit: limits.maxNameLength)))
        case 0x01:
            guard case .core = sort else {
                throw DecodeError("a core instance export alias needs a core sort, found \(sort.name)", at: start)
            }
            let instance = try r.readU32()
            return Alias(offset: start, sort: sort, target: .coreInstanceExport(instance: instance, name: try r.readName(limit: limits.maxNameLength)))
        case 0x02:
            switch sort {
            case .core(.type), .core(.module), .type, .component: break
            default: throw DecodeError("invalid outer alias kind: \(sort.name)", at: start)
            }
            let count = try r.readU32()
            return Alias(offset: start, sort: sort, target: .outer(count: count, index: try r.readU32()))
        case let b:
            throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for alias", at: tagAt)
        }
    }

    func readExternName(_ r: inout ByteReader) throws(DecodeError) -> ExternName {
        let at = r.position
        let kind = try r.readByte()
        switch kind {
        case 0x00, 0x01:
            return ExternName(try r.readName(limit: limits.maxNameLength), kind: kind)
        case 0x02:
            let name = try r.readName(limit: limits.maxNameLength)
            let n = try r.readCount("name attributes", limit: 16)
            var attrs: [ExternName.Attribute] = []
            for _ in 0..<n {
                let aAt = r.position
                switch try r.readByte() {
                case 0x00: attrs.append(.implements(try r.readName(limit: limits.maxNameLength)))
                case 0x01: attrs.append(.versionSuffix(try r.readName(limit: limits.maxNameLength)))
                case 0x02: attrs.append(.externalId(try r.readName(limit: limits.maxNameLength)))
                case let b: throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for name attribute", at: aAt)
                }
            }
            return ExternName(name, kind: kind, attributes: attrs)
        default:
            throw DecodeError("invalid leading byte (0x\(String(kind, radix: 16))) for component name", at: at)
        }
    }

    func readExternType(_ r: inout ByteReader) throws(DecodeError) -> ExternType {
        let at = r.position
        switch try r.readByte() {
        case 0x00:
            let b = try r.readByte()
            guard b == 0x11 else {
                throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for component external kind (core module expected)", at: at + 1)
            }
            return .module(coreType: try r.readU32())
        case 0x01: return .func_(type: try r.readU32())
        case 0x02: return .value(try readValType(&r))
        case 0x03:
            let bAt = r.position
            switch try r.readByte() {
            case 0x00: return .type(.eq(try r.readU32()))
            case 0x01: return .type(.subResource)
            case let b: throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for type bound", at: bAt)
            }
        case 0x04: return .component(type: try r.readU32())
        case 0x05: return .instance(type: try r.readU32())
        case let b:
            throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for component external kind", at: at)
        }
    }

    func readImport(_ r: inout ByteReader) throws(DecodeError) -> Import {
        let start = r.position
        let name = try readExternName(&r)
        return Import(offset: start, name: name, type: try readExternType(&r))
    }

    func readExport(_ r: inout ByteReader) throws(DecodeError) -> Export {
        let start = r.position
        let name = try readExternName(&r)
        let item = try readSortIndex(&r)
        let at = r.position
        let type: ExternType?
        switch try r.readByte() {
        case 0x00: type = nil
        case 0x01: type = try readExternType(&r)
        case let b: throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for optional export type", at: at)
        }
        return Export(offset: start, name: name, item: item, type: type)
    }

    func readStart(_ r: inout ByteReader) throws(DecodeError) -> Start {
        let start = r.position
        let f = try r.readU32()
        let args = try readVector(&r, "start function arguments") { (r: inout ByteReader) throws(DecodeError) in try r.readU32() }
        return Start(offset: start, function: f, args: args, results: try r.readU32())
    }

    func readValue(_ r: inout ByteReader) throws(DecodeError) -> ValueDef {
        let start = r.position
        let type = try readValType(&r)
        let len = Int(try r.readU32())
        return ValueDef(offset: start, type: type, bytes: try r.readBytes(len))
    }
}
