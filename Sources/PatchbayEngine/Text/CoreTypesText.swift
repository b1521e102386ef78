/// What printing needs to know about a core index space context: a core
/// module, a module type, or the core level of a component. Names come from
/// the module's `name` section or the component's `component-name` section;
/// types are recorded as they are printed so later uses can show signatures.
struct CoreState {
    var names = CoreNames()
    /// Each core type seen so far; `nil` for module types and aliased types.
    var types: [CoreSubType?] = []
    var funcs: UInt32 = 0, tables: UInt32 = 0, memories: UInt32 = 0, globals: UInt32 = 0, tags: UInt32 = 0
    var modules: UInt32 = 0, instances: UInt32 = 0
    /// Type index of each function, where known.
    var funcToType: [UInt32?] = []
    let decoder = ComponentDecoder()

    func valType(_ t: CoreValType) -> String {
        switch t {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        case .v128: "v128"
        case .ref(let r): refType(r)
        }
    }

    func refType(_ r: RefType) -> String {
        if r.nullable, case .abstract(let b, false) = r.heap {
            switch b {
            case 0x70: return "funcref"
            case 0x6f: return "externref"
            case 0x6c: return "i31ref"
            case 0x6e: return "anyref"
            case 0x71: return "nullref"
            case 0x72: return "nullexternref"
            case 0x73: return "nullfuncref"
            case 0x6d: return "eqref"
            case 0x6b: return "structref"
            case 0x6a: return "arrayref"
            case 0x69: return "exnref"
            case 0x74: return "nullexnref"
            default: break
            }
        }
        return r.nullable ? "(ref null " + heapType(r.heap) + ")" : "(ref " + heapType(r.heap) + ")"
    }

    func heapType(_ h: HeapType) -> String {
        switch h {
        case .concrete(let i): return names.types.ref(i)
        case .abstract(let b, let shared):
            let n = HeapType.abstractName(b)
            return shared ? "(shared " + n + ")" : n
        }
    }

    /// `(param ...)` groups; a named parameter or local gets a group of its own.
    func namedLocals(_ group: String, _ types: [CoreValType], start: UInt32, function: UInt32?) -> String {
        var s = ""
        var inGroup = false
        var first = true
        for (k, t) in types.enumerated() {
            let idx = start &+ UInt32(truncatingIfNeeded: k)
            let name = function.flatMap { names.locals[$0, idx] }
            if name != nil && inGroup { s += ")"; inGroup = false }
            if first { first = false } else { s += " " }
            if !inGroup { s += "(" + group + " "; inGroup = true }
            if let name { s += name.definition + " " }
            s += valType(t)
            if name != nil { s += ")"; inGroup = false }
        }
        if inGroup { s += ")" }
        return s
    }

    /// ` (param ...) (result ...)` of a function type, with a leading space
    /// when not empty.
    func funcSignature(params: [CoreValType], results: [CoreValType], function: UInt32?) -> String {
        var s = ""
        if !params.isEmpty { s += " " + namedLocals("param", params, start: 0, function: function) }
        if !results.isEmpty { s += " (result" + results.map { " " + valType($0) }.joined() + ")" }
        return s
    }

    /// The parameters of function type `i`, if it is one.
    func funcType(_ i: UInt32) -> (params: [CoreValType], results: [CoreValType])? {
        guard Int(i) < types.count, let t = types[Int(i)], !t.shared,
              case .function(let p, let r) = t.composite else { return nil }
        return (p, r)
    }

    /// `(type i)` followed by the signature when type `i` is a function type.
    func funcTypeUse(_ i: UInt32, names function: UInt32?) -> String {
        var s = "(type " + names.types.ref(i) + ")"
        if let f = funcType(i) { s += funcSignature(params: f.params, results: f.results, function: function) }
        return s
    }

    /// Number of parameters of function type `i` (0 when unknown).
    func paramCount(_ i: UInt32) -> UInt32 { UInt32(funcType(i)?.params.count ?? 0) }

    // MARK: type definitions

    /// One rec group: `(type ...)` or `(rec (type ...) ...)`. `component`
    /// selects the `core type` / `core rec` spelling used in components.
    mutating func printRecGroup(_ def: CoreTypeDef, component: Bool, _ w: inout TextWriter) {
        switch def {
        case .sub(let s, _):
            printType(s, component: component, &w)
        case .rec(let subs):
            w.startGroup(component ? "core rec" : "rec")
            for s in subs {
                w.newline()
                printType(s, component: false, &w)
            }
            w.endGroup()
        case .module:
            break
        }
    }

    mutating func printType(_ s: CoreSubType, component: Bool, _ w: inout TextWriter) {
        w.startGroup(component ? "core type " : "type ")
        let idx = UInt32(types.count)
        w.write(names.types.def(idx))
        w.write(" ")
        let final = s.form != .sub
        if !final || !s.supertypes.isEmpty {
            w.startGroup("sub")
            w.write(" ")
            if final { w.write("final ") }
            if let sup = s.supertypes.first { w.write(names.types.ref(sup) + " ") }
            printComposite(s, idx, &w)
            w.endGroup()
        } else {
            printComposite(s, idx, &w)
        }
        w.endGroup()
        types.append(s)
    }

    private func printComposite(_ s: CoreSubType, _ idx: UInt32, _ w: inout TextWriter) {
        if s.shared { w.startGroup("shared"); w.write(" ") }
        switch s.composite {
        case .function(let p, let r):
            w.startGroup("func")
            w.write(funcSignature(params: p, results: r, function: nil))
            w.endGroup()
        case .array(let f):
            w.startGroup("array")
            w.write(fieldType(f, name: nil))
            w.endGroup()
        case .structure(let fields):
            w.startGroup("struct")
            for (k, f) in fields.enumerated() {
                w.write(" (field" + fieldType(f, name: names.fields[idx, UInt32(k)]) + ")")
            }
            w.endGroup()
        case .continuation(let t):
            w.startGroup("cont")
            w.write(" " + names.types.ref(t))
            w.endGroup()
        }
        if s.shared { w.endGroup() }
    }

    private func fieldType(_ f: FieldType, name: Naming?) -> String {
        var s = " "
        if let name { s += name.identifier + " " }
        let st: String
        switch f.storage {
        case .i8: st = "i8"
        case .i16: st = "i16"
        case .val(let v): st = valType(v)
        }
        s += f.mutable ? "(mut " + st + ")" : st
        return s
    }

    // MARK: imports and entity types

    func limits(_ l: Limits) -> String {
        var s = "\(l.min)"
        if let m = l.max { s += " \(m)" }
        return s
    }

    /// The type part of an import or module-type export; with `index`, the
    /// item's `$name (;N;)` too. Advances the index spaces when `count`.
    mutating func importType(_ t: CoreExternType, index: Bool, close: Bool = true, _ w: inout TextWriter) {
        switch t {
        case .function(let ti):
            w.startGroup("func ")
            if index { w.write(names.funcs.def(funcs) + " ") }
            w.write(funcTypeUse(ti, names: index ? funcs : nil))
            if index { funcs += 1; funcToType.append(ti) }
        case .table(let rt, let l):
            w.startGroup("table ")
            if index { w.write(names.tables.def(tables) + " "); tables += 1 }
            if l.shared { w.write("shared ") }
            if l.is64 { w.write("i64 ") }
            w.write(limits(l) + " " + refType(rt))
        case .memory(let l):
            w.startGroup("memory ")
            if index { w.write(names.memories.def(memories) + " "); memories += 1 }
            w.write(memoryType(l))
        case .global(let v, let mutable, let shared):
            w.startGroup("global ")
            if index { w.write(names.globals.def(globals) + " "); globals += 1 }
            w.write(globalType(v, mutable: mutable, shared: shared))
        case .tag(let ti):
            w.startGroup("tag ")
            if index { w.write(names.tags.def(tags) + " "); tags += 1 }
            w.write(funcTypeUse(ti, names: nil))
        }
        if close { w.endGroup() }
    }

    func memoryType(_ l: Limits) -> String {
        var s = l.is64 ? "i64 " : ""
        s += limits(l)
        if l.shared { s += " shared" }
        if let p = l.pageSizeLog2 {
            s += p < 64 ? " (pagesize 0x" + String(UInt64(1) << UInt64(p), radix: 16) + ")" : " (pagesize overflow)"
        }
        return s
    }

    func globalType(_ v: CoreValType, mutable: Bool, shared: Bool) -> String {
        if shared || mutable {
            return "(" + (shared ? "shared " : "") + (mutable ? "mut " : "") + valType(v) + ")"
        }
        return valType(v)
    }
}
