/// Encodes the `Component` model back into the binary format.
///
/// Encoding is the exact mirror of `ComponentDecoder`: sections in model
/// order, canonical LEB128s, core modules and custom payloads as stored.
/// For binaries produced by current toolchains, decode then encode gives
/// the same bytes (checked against the corpus in the tests).
public enum ComponentEncoder {
    public static func encode(_ component: Component) -> [UInt8] {
        var w = ByteWriter()
        writeComponent(&w, component)
        return w.bytes
    }

    /// The encoding as a list of pieces whose concatenation is `encode`'s
    /// bytes: embedded components and large core modules are slices of the
    /// bytes they were decoded from (shared storage), not copies. Writing
    /// the pieces one after another spares an output buffer as large as
    /// the input (18 MB for a composite embedding an 18 MB package).
    public static func encodePieces(_ component: Component) -> [ArraySlice<UInt8>] {
        if let v = component.verbatim { return [v] }
        var pieces: [ArraySlice<UInt8>] = []
        var w = ByteWriter()
        w.append(ComponentDecoder.magic)
        w.byte(UInt8(component.version & 0xff))
        w.byte(UInt8(component.version >> 8))
        w.append([0x01, 0x00])
        for s in component.sections {
            let big: ArraySlice<UInt8>?
            switch s.content {
            case .component(let c) where c.verbatim != nil: big = c.verbatim
            case .coreModule(let m) where m.bytes.count >= 1 << 16: big = m.bytes
            default: big = nil
            }
            guard let big else { writeSection(&w, s); continue }
            w.byte(s.id)
            w.u32(UInt32(big.count))
            pieces.append(w.bytes[...])
            pieces.append(big)
            w = ByteWriter()
        }
        if !w.bytes.isEmpty { pieces.append(w.bytes[...]) }
        return pieces
    }

    static func writeComponent(_ w: inout ByteWriter, _ c: Component) {
        if let v = c.verbatim { w.append(v); return }
        w.append(ComponentDecoder.magic)
        w.byte(UInt8(c.version & 0xff))
        w.byte(UInt8(c.version >> 8))
        w.append([0x01, 0x00])
        for s in c.sections { writeSection(&w, s) }
    }

    static func writeSection(_ w: inout ByteWriter, _ s: Section) {
        // Sections that are bytes already (core modules, embedded
        // components) go straight to the output, without a body buffer:
        // for an 18 MB module that copy was the peak of memory.
        switch s.content {
        case .coreModule(let m):
            w.byte(s.id); w.u32(UInt32(m.bytes.count)); w.append(m.bytes)
            return
        case .component(let c) where c.verbatim != nil:
            w.byte(s.id); w.u32(UInt32(c.verbatim!.count)); w.append(c.verbatim!)
            return
        default: break
        }
        var body = ByteWriter()
        switch s.content {
        case .custom(let c):
            body.name(c.name)
            body.append(c.payload)
        case .coreModule(let m): body.append(m.bytes)
        case .coreInstances(let items): body.vector(items, writeCoreInstance)
        case .coreTypes(let items): body.vector(items, writeCoreTypeDef)
        case .component(let c): writeComponent(&body, c)
        case .instances(let items): body.vector(items, writeInstance)
        case .aliases(let items): body.vector(items, writeAlias)
        case .types(let items): body.vector(items, writeTypeDef)
        case .canons(let items): body.vector(items, writeCanon)
        case .start(let st):
            body.u32(st.function)
            body.vector(st.args) { $0.u32($1) }
            body.u32(st.results)
        case .imports(let items): body.vector(items, writeImport)
        case .exports(let items): body.vector(items, writeExport)
        case .values(let items):
            body.vector(items) { w, v in
                writeValType(&w, v.type)
                w.u32(UInt32(v.bytes.count))
                w.append(v.bytes)
            }
        }
        w.byte(s.id)
        w.u32(UInt32(body.bytes.count))
        w.append(body.bytes)
    }

    static func writeCoreSort(_ w: inout ByteWriter, _ s: CoreSort) { w.byte(s.rawValue) }

    static func writeSort(_ w: inout ByteWriter, _ s: Sort) {
        switch s {
        case .core(let c): w.byte(0x00); w.byte(c.rawValue)
        case .func_: w.byte(0x01)
        case .value: w.byte(0x02)
        case .type: w.byte(0x03)
        case .component: w.byte(0x04)
        case .instance: w.byte(0x05)
        }
    }

    static func writeSortIndex(_ w: inout ByteWriter, _ s: SortIndex) {
        writeSort(&w, s.sort)
        w.u32(s.index)
    }

    static func writeCoreInstance(_ w: inout ByteWriter, _ i: CoreInstance) {
        switch i.expr {
        case .instantiate(let module, let args):
            w.byte(0x00)
            w.u32(module)
            w.vector(args) { w, a in w.name(a.name); w.byte(a.kind); w.u32(a.index) }
        case .fromExports(let exports):
            w.byte(0x01)
            w.vector(exports) { w, e in w.name(e.name); writeCoreSort(&w, e.item.sort); w.u32(e.item.index) }
        }
    }

    static func writeInstance(_ w: inout ByteWriter, _ i: ComponentInstance) {
        switch i.expr {
        case .instantiate(let c, let args):
            w.byte(0x00)
            w.u32(c)
            w.vector(args) { w, a in w.name(a.name); writeSortIndex(&w, a.item) }
        case .fromExports(let exports):
            w.byte(0x01)
            w.vector(exports) { w, e in writeExternName(&w, e.name); writeSortIndex(&w, e.item) }
        }
    }

    static func writeAlias(_ w: inout ByteWriter, _ a: Alias) {
        writeSort(&w, a.sort)
        switch a.target {
        case .instanceExport(let i, let n): w.byte(0x00); w.u32(i); w.name(n)
        case .coreInstanceExport(let i, let n): w.byte(0x01); w.u32(i); w.name(n)
        case .outer(let c, let i): w.byte(0x02); w.u32(c); w.u32(i)
        }
    }

    static func writeExternName(_ w: inout ByteWriter, _ n: ExternName) {
        w.byte(n.kind)
        w.name(n.name)
        guard n.kind == 0x02 else { return }
        w.vector(n.attributes) { w, a in
            switch a {
            case .implements(let s): w.byte(0x00); w.name(s)
            case .versionSuffix(let s): w.byte(0x01); w.name(s)
            case .externalId(let s): w.byte(0x02); w.name(s)
            }
        }
    }

    static func writeExternType(_ w: inout ByteWriter, _ t: ExternType) {
        switch t {
        case .module(let i): w.byte(0x00); w.byte(0x11); w.u32(i)
        case .func_(let i): w.byte(0x01); w.u32(i)
        case .value(let v): w.byte(0x02); writeValType(&w, v)
        case .type(.eq(let i)): w.byte(0x03); w.byte(0x00); w.u32(i)
        case .type(.subResource): w.byte(0x03); w.byte(0x01)
        case .component(let i): w.byte(0x04); w.u32(i)
        case .instance(let i): w.byte(0x05); w.u32(i)
        }
    }

    static func writeImport(_ w: inout ByteWriter, _ i: Import) {
        writeExternName(&w, i.name)
        writeExternType(&w, i.type)
    }

    static func writeExport(_ w: inout ByteWriter, _ e: Export) {
        writeExternName(&w, e.name)
        writeSortIndex(&w, e.item)
        if let t = e.type {
            w.byte(0x01)
            writeExternType(&w, t)
        } else {
            w.byte(0x00)
        }
    }
}
