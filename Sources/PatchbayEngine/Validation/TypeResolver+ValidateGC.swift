/// The `gc` canonical option: lifted and lowered values travel as GC
/// references instead of through linear memory, so the function's core type
/// is declared (`core-type`) and each component type must lower to the
/// matching core type (records to structs of as many fields, lists to
/// arrays, handles to externref, ...), as wasmparser's `lower_gc` checks.
extension TypeResolver {
    /// Where a lowered value lands: a function parameter/result, or a field
    /// of a struct or array (which may use packed `i8`/`i16` storage).
    enum GCSlot {
        case arg(CoreValType)
        case field(StorageType)

        var valType: CoreValType? {
            switch self {
            case .arg(let v), .field(.val(let v)): v
            default: nil
            }
        }

        var text: String {
            switch self {
            case .arg(let v), .field(.val(let v)): v.text
            case .field(.i8): "i8"
            case .field(.i16): "i16"
            }
        }
    }

    /// Records the GC composite type of core type index `index` of the current scope.
    func noteCoreSubType(_ s: CoreSubType, index: Int) {
        guard let v = validation else { return }
        v.gcTypes[scopes.count - 1, default: [:]][index] = s.composite
    }

    func composite(_ slot: GCSlot) -> CompositeType? {
        guard case .ref(let r)? = slot.valType, case .concrete(let i) = r.heap else { return nil }
        guard Int(i) < cur.coreTypes.count else { return nil }
        return validation?.gcTypes[scopes.count - 1]?[Int(i)]
    }

    func checkGC(_ ft: FunctionType, _ o: CanonOptions, core: CoreFuncType?, at: Int) throws(ValidationError) -> CoreFuncType? {
        // Without `core-type` the core function's own type is used as is.
        guard let ti = o.coreType else { return core }
        guard Int(ti) < cur.coreTypes.count else { throw ValidationError("unknown type \(ti): type index out of bounds", at: at) }
        guard case .function(let sig) = cur.coreTypes[Int(ti)] else { throw ValidationError("`core-type` \(ti) is not a function type", at: at) }
        if sig.params.count != ft.params.count {
            throw ValidationError("declared `core-type` has \(sig.params.count) parameters, but component function has \(ft.params.count) parameters", at: at)
        }
        for (c, p) in zip(sig.params, ft.params) { try lowerGC(p.type, .arg(c), o, at: at) }
        let n = ft.result == nil ? 0 : 1
        if sig.results.count != n {
            throw ValidationError("declared `core-type` has \(sig.results.count) results, but component function has \(n) results", at: at)
        }
        if let r = ft.result { try lowerGC(r, .arg(sig.results[0]), o, at: at) }
        if let core, core != sig {
            throw ValidationError("core function type \(core) does not match the declared `core-type` \(sig)", at: at)
        }
        return sig
    }

    func lowerGC(_ t: ValueType, _ slot: GCSlot, _ o: CanonOptions, at: Int) throws(ValidationError) {
        func prim(_ name: String, arg: CoreValType, field: StorageType?) throws(ValidationError) {
            switch slot {
            case .arg(let v) where v == arg: return
            case .field(let s) where s == (field ?? .val(arg)) || s == .val(arg) && field == nil: return
            case .arg:
                throw ValidationError("expected to lower component `\(name)` type to core `\(arg.text)` type, found `\(slot.text)`", at: at)
            case .field:
                let want = switch field { case .i8?: "i8"; case .i16?: "i16"; default: arg.text }
                throw ValidationError("expected to lower component `\(name)` type to core `\(want)` type, found `\(slot.text)`", at: at)
            }
        }
        func externRef(_ name: String) throws(ValidationError) {
            if case .ref(let r)? = slot.valType, case .abstract(0x6f, _) = r.heap { return }
            throw ValidationError("expected to lower component `\(name)` type into core `(ref null? extern)` type, but found `\(slot.text)`", at: at)
        }
        func product(_ fields: [ValueType], _ kind: String) throws(ValidationError) {
            if case .structure(let fs)? = composite(slot) {
                if fs.count != fields.count {
                    throw ValidationError("core `struct` has \(fs.count) fields, but component `\(kind)` has \(fields.count) fields", at: at)
                }
                for (f, t) in zip(fs, fields) { try lowerGC(t, .field(f.storage), o, at: at) }
                return
            }
            throw ValidationError("expected to lower component `\(kind)` type to core `(ref null? (struct ...))`, but found `\(slot.text)`", at: at)
        }
        func sum(_ kind: String) throws(ValidationError) {
            if case .structure(let fs)? = composite(slot), fs.isEmpty { return }
            throw ValidationError("expected to lower component `\(kind)` type to core `(ref null? (struct))`, but found `\(slot.text)`", at: at)
        }
        switch t {
        case .bool: try prim("bool", arg: .i32, field: .i8)
        case .s8: try prim("s8", arg: .i32, field: .i8)
        case .u8: try prim("u8", arg: .i32, field: .i8)
        case .s16: try prim("s16", arg: .i32, field: .i16)
        case .u16: try prim("u16", arg: .i32, field: .i16)
        case .s32: try prim("s32", arg: .i32, field: nil)
        case .u32: try prim("u32", arg: .i32, field: nil)
        case .s64: try prim("s64", arg: .i64, field: nil)
        case .u64: try prim("u64", arg: .i64, field: nil)
        case .f32: try prim("f32", arg: .f32, field: nil)
        case .f64: try prim("f64", arg: .f64, field: nil)
        case .char: try prim("char", arg: .i32, field: nil)
        case .string:
            let wide = o.encoding == .utf16
            if case .array(let f)? = composite(slot), f.storage == (wide ? .i16 : .i8) { return }
            throw ValidationError("expected to lower component `string` type to core `(ref null? (array (mut? \(wide ? "i16" : "i8"))))` type, found `\(slot.text)`", at: at)
        case .errorContext: try externRef("error-context")
        case .own: try externRef("own")
        case .borrow: try externRef("borrow")
        case .stream: try externRef("stream")
        case .future: try externRef("future")
        case .list(let e), .fixedList(let e, _):
            guard case .array(let f)? = composite(slot) else {
                throw ValidationError("expected to lower component `list` type into `(ref null? (array ...))`, but found `\(slot.text)`", at: at)
            }
            try lowerGC(e, .field(f.storage), o, at: at)
        case .map: throw ValidationError("GC lowering for component `map` type is not yet implemented", at: at)
        case .flags, .enumeration:
            if slot.valType == .i32 { return }
            let kind = if case .flags = t { "flags" } else { "enum" }
            throw ValidationError("expected to lower component `\(kind)` type into core `i32` type, but found `\(slot.text)`", at: at)
        case .record(let fs): try product(fs.map(\.type), "record")
        case .tuple(let ts): try product(ts, "tuple")
        case .option: try sum("option")
        case .result: try sum("result")
        case .variant: try sum("variant")
        }
    }
}
