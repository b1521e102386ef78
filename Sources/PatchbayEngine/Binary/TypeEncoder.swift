/// Encoding of component types, canon definitions and core types.
extension ComponentEncoder {
    static func writeValType(_ w: inout ByteWriter, _ t: ValTypeRef) {
        switch t {
        case .primitive(let p): w.byte(p.rawValue)
        case .index(let i): w.s64(Int64(i))
        }
    }

    static func writeOptionalValType(_ w: inout ByteWriter, _ t: ValTypeRef?) {
        if let t { w.byte(0x01); writeValType(&w, t) } else { w.byte(0x00) }
    }

    static func writeResultList(_ w: inout ByteWriter, _ t: ValTypeRef?) {
        if let t { w.byte(0x00); writeValType(&w, t) } else { w.byte(0x01); w.byte(0x00) }
    }

    static func writeLabeled(_ w: inout ByteWriter, _ items: [LabeledType]) {
        w.vector(items) { w, l in w.name(l.name); writeValType(&w, l.type) }
    }

    static func writeTypeDef(_ w: inout ByteWriter, _ t: TypeDef) {
        switch t.kind {
        case .resource(let rep, let dtor):
            w.byte(0x3f)
            writeCoreValType(&w, rep)
            if let d = dtor { w.byte(0x01); w.u32(d) } else { w.byte(0x00) }
        case .function(let f):
            w.byte(f.isAsync ? 0x43 : 0x40)
            writeLabeled(&w, f.params)
            writeResultList(&w, f.result)
        case .component(let decls):
            w.byte(0x41)
            w.vector(decls) { w, d in
                switch d {
                case .import(let i): w.byte(0x03); writeImport(&w, i)
                case .instance(let i): writeInstanceDecl(&w, i)
                }
            }
        case .instance(let decls):
            w.byte(0x42)
            w.vector(decls, writeInstanceDecl)
        case .defined(let d):
            writeDefinedType(&w, d)
        }
    }

    static func writeInstanceDecl(_ w: inout ByteWriter, _ d: InstanceDecl) {
        switch d {
        case .coreType(let c): w.byte(0x00); writeCoreTypeDef(&w, c)
        case .type(let t): w.byte(0x01); writeTypeDef(&w, t)
        case .alias(let a): w.byte(0x02); writeAlias(&w, a)
        case .export(_, let name, let type): w.byte(0x04); writeExternName(&w, name); writeExternType(&w, type)
        }
    }

    static func writeDefinedType(_ w: inout ByteWriter, _ d: DefinedType) {
        switch d {
        case .primitive(let p): w.byte(p.rawValue)
        case .record(let fields): w.byte(0x72); writeLabeled(&w, fields)
        case .variant(let cases):
            w.byte(0x71)
            w.vector(cases) { w, c in w.name(c.name); writeOptionalValType(&w, c.type); w.byte(c.refines) }
        case .list(let t): w.byte(0x70); writeValType(&w, t)
        case .fixedList(let t, let n): w.byte(0x67); writeValType(&w, t); w.u32(n)
        case .tuple(let ts): w.byte(0x6f); w.vector(ts, writeValType)
        case .flags(let names): w.byte(0x6e); w.vector(names) { $0.name($1) }
        case .enumeration(let names): w.byte(0x6d); w.vector(names) { $0.name($1) }
        case .option(let t): w.byte(0x6b); writeValType(&w, t)
        case .result(let ok, let err): w.byte(0x6a); writeOptionalValType(&w, ok); writeOptionalValType(&w, err)
        case .own(let i): w.byte(0x69); w.u32(i)
        case .borrow(let i): w.byte(0x68); w.u32(i)
        case .stream(let t): w.byte(0x66); writeOptionalValType(&w, t)
        case .future(let t): w.byte(0x65); writeOptionalValType(&w, t)
        case .map(let k, let v): w.byte(0x63); writeValType(&w, k); writeValType(&w, v)
        }
    }

    static func writeCanonOptions(_ w: inout ByteWriter, _ opts: [CanonOption]) {
        w.vector(opts) { w, o in
            switch o {
            case .utf8: w.byte(0x00)
            case .utf16: w.byte(0x01)
            case .latin1Utf16: w.byte(0x02)
            case .memory(let i): w.byte(0x03); w.u32(i)
            case .realloc(let i): w.byte(0x04); w.u32(i)
            case .postReturn(let i): w.byte(0x05); w.u32(i)
            case .async: w.byte(0x06)
            case .callback(let i): w.byte(0x07); w.u32(i)
            case .coreType(let i): w.byte(0x08); w.u32(i)
            case .gc: w.byte(0x09)
            }
        }
    }

    static func writeCanon(_ w: inout ByteWriter, _ c: Canon) {
        switch c.kind {
        case .lift(let f, let opts, let t): w.append([0x00, 0x00]); w.u32(f); writeCanonOptions(&w, opts); w.u32(t)
        case .lower(let f, let opts): w.append([0x01, 0x00]); w.u32(f); writeCanonOptions(&w, opts)
        case .resourceNew(let t): w.byte(0x02); w.u32(t)
        case .resourceDrop(let t): w.byte(0x03); w.u32(t)
        case .resourceRep(let t): w.byte(0x04); w.u32(t)
        case .backpressureInc: w.byte(0x24)
        case .backpressureDec: w.byte(0x25)
        case .taskReturn(let r, let opts): w.byte(0x09); writeResultList(&w, r); writeCanonOptions(&w, opts)
        case .taskCancel: w.byte(0x05)
        case .contextGet(let t, let i): w.byte(0x0a); writeCoreValType(&w, t); w.u32(i)
        case .contextSet(let t, let i): w.byte(0x0b); writeCoreValType(&w, t); w.u32(i)
        case .subtaskCancel(let a): w.byte(0x06); w.flag(a)
        case .subtaskDrop: w.byte(0x0d)
        case .streamNew(let t): w.byte(0x0e); w.u32(t)
        case .streamRead(let t, let o): w.byte(0x0f); w.u32(t); writeCanonOptions(&w, o)
        case .streamWrite(let t, let o): w.byte(0x10); w.u32(t); writeCanonOptions(&w, o)
        case .streamCancelRead(let t, let a): w.byte(0x11); w.u32(t); w.flag(a)
        case .streamCancelWrite(let t, let a): w.byte(0x12); w.u32(t); w.flag(a)
        case .streamDropReadable(let t): w.byte(0x13); w.u32(t)
        case .streamDropWritable(let t): w.byte(0x14); w.u32(t)
        case .futureNew(let t): w.byte(0x15); w.u32(t)
        case .futureRead(let t, let o): w.byte(0x16); w.u32(t); writeCanonOptions(&w, o)
        case .futureWrite(let t, let o): w.byte(0x17); w.u32(t); writeCanonOptions(&w, o)
        case .futureCancelRead(let t, let a): w.byte(0x18); w.u32(t); w.flag(a)
        case .futureCancelWrite(let t, let a): w.byte(0x19); w.u32(t); w.flag(a)
        case .futureDropReadable(let t): w.byte(0x1a); w.u32(t)
        case .futureDropWritable(let t): w.byte(0x1b); w.u32(t)
        case .errorContextNew(let o): w.byte(0x1c); writeCanonOptions(&w, o)
        case .errorContextDebugMessage(let o): w.byte(0x1d); writeCanonOptions(&w, o)
        case .errorContextDrop: w.byte(0x1e)
        case .waitableSetNew: w.byte(0x1f)
        case .waitableSetWait(let c, let m): w.byte(0x20); w.flag(c); w.u32(m)
        case .waitableSetPoll(let c, let m): w.byte(0x21); w.flag(c); w.u32(m)
        case .waitableSetDrop: w.byte(0x22)
        case .waitableJoin: w.byte(0x23)
        case .threadIndex: w.byte(0x26)
        case .threadNewIndirect(let ft, let tbl): w.byte(0x27); w.u32(ft); w.u32(tbl)
        case .threadResumeLater: w.byte(0x28)
        case .threadSuspend(let c): w.byte(0x29); w.flag(c)
        case .threadYield(let c): w.byte(0x0c); w.flag(c)
        case .threadSuspendThenResume(let c): w.byte(0x2a); w.flag(c)
        case .threadYieldThenResume(let c): w.byte(0x2b); w.flag(c)
        case .threadSuspendThenPromote(let c): w.byte(0x2c); w.flag(c)
        case .threadYieldThenPromote(let c): w.byte(0x2d); w.flag(c)
        case .threadSpawnRef(let ft): w.byte(0x40); w.u32(ft)
        case .threadSpawnIndirect(let ft, let tbl): w.byte(0x41); w.u32(ft); w.u32(tbl)
        case .threadAvailableParallelism: w.byte(0x42)
        }
    }

    // MARK: core types

    static func writeCoreValType(_ w: inout ByteWriter, _ t: CoreValType) {
        switch t {
        case .i32: w.byte(0x7f)
        case .i64: w.byte(0x7e)
        case .f32: w.byte(0x7d)
        case .f64: w.byte(0x7c)
        case .v128: w.byte(0x7b)
        case .ref(let r): writeRefType(&w, r)
        }
    }

    static func writeRefType(_ w: inout ByteWriter, _ r: RefType) {
        if r.shorthand, case .abstract(let b, let shared) = r.heap {
            if shared { w.byte(0x65) }
            w.byte(b)
            return
        }
        w.byte(r.nullable ? 0x63 : 0x64)
        writeHeapType(&w, r.heap)
    }

    static func writeHeapType(_ w: inout ByteWriter, _ h: HeapType) {
        switch h {
        case .abstract(let b, let shared):
            if shared { w.byte(0x65) }
            w.byte(b)
        case .concrete(let i): w.s64(Int64(i))
        }
    }

    static func writeFieldType(_ w: inout ByteWriter, _ f: FieldType) {
        switch f.storage {
        case .i8: w.byte(0x78)
        case .i16: w.byte(0x77)
        case .val(let v): writeCoreValType(&w, v)
        }
        w.flag(f.mutable)
    }

    static func writeSubType(_ w: inout ByteWriter, _ s: CoreSubType) {
        switch s.form {
        case .bare: break
        case .sub: w.byte(0x50); w.vector(s.supertypes) { $0.u32($1) }
        case .subFinal: w.byte(0x4f); w.vector(s.supertypes) { $0.u32($1) }
        }
        if s.shared { w.byte(0x65) }
        switch s.composite {
        case .function(let p, let r):
            w.byte(0x60)
            w.vector(p, writeCoreValType)
            w.vector(r, writeCoreValType)
        case .structure(let fields): w.byte(0x5f); w.vector(fields, writeFieldType)
        case .array(let f): w.byte(0x5e); writeFieldType(&w, f)
        case .continuation(let i): w.byte(0x5d); w.u32(i)
        }
    }

    static func writeCoreTypeDef(_ w: inout ByteWriter, _ t: CoreTypeDef) {
        switch t {
        case .sub(let s, let prefixed):
            if prefixed { w.byte(0x00) }
            writeSubType(&w, s)
        case .rec(let subs):
            w.byte(0x4e)
            w.vector(subs, writeSubType)
        case .module(let decls):
            w.byte(0x50)
            w.vector(decls, writeModuleDecl)
        }
    }

    static func writeModuleDecl(_ w: inout ByteWriter, _ d: ModuleDecl) {
        switch d {
        case .import(let m, let n, let t): w.byte(0x00); w.name(m); w.name(n); writeCoreExternType(&w, t)
        case .type(let t): w.byte(0x01); writeCoreTypeDef(&w, t)
        case .outerAlias(let c, let i): w.byte(0x02); w.byte(0x10); w.byte(0x01); w.u32(c); w.u32(i)
        case .export(let n, let t): w.byte(0x03); w.name(n); writeCoreExternType(&w, t)
        }
    }

    static func writeLimits(_ w: inout ByteWriter, _ l: Limits) {
        w.byte(l.flags)
        w.u64(l.min)
        if let m = l.max { w.u64(m) }
        if let p = l.pageSizeLog2 { w.u32(p) }
    }

    static func writeCoreExternType(_ w: inout ByteWriter, _ t: CoreExternType) {
        switch t {
        case .function(let i): w.byte(0x00); w.u32(i)
        case .table(let r, let l): w.byte(0x01); writeRefType(&w, r); writeLimits(&w, l)
        case .memory(let l): w.byte(0x02); writeLimits(&w, l)
        case .global(let v, let m, let s): w.byte(0x03); writeCoreValType(&w, v); w.byte((m ? 1 : 0) | (s ? 2 : 0))
        case .tag(let i): w.byte(0x04); w.byte(0x00); w.u32(i)
        }
    }
}
