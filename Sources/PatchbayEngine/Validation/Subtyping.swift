/// Whether a given entity can be supplied where another is expected
/// (instantiation arguments, export ascriptions).
///
/// Like wasmparser, functions and value types must match exactly (the spec
/// leaves value subtyping open and runtimes do not implement it); instances
/// may have more exports than required; resources match by identity.
/// Failures throw a message naming the innermost mismatch with the path to it.
enum Subtyping {
    struct Mismatch: Error { var message: String }

    static func check(_ a: EntityType, isSubtypeOf b: EntityType) throws(Mismatch) {
        switch (a, b) {
        case (.function(let fa), .function(let fb)): try function(fa, fb)
        case (.value(let va), .value(let vb)): try value(va, vb, top: false)
        case (.type(let ta), .type(let tb)): try type(ta, tb)
        case (.instance(let ia), .instance(let ib)): try instance(ia, ib)
        case (.component, .component): break // component subtyping is not checked yet
        case (.module(let ma), .module(let mb)): try module(ma, mb)
        default: throw Mismatch(message: "expected \(b.sortName), found \(a.sortName)")
        }
    }

    static func type(_ a: ResolvedType, _ b: ResolvedType) throws(Mismatch) {
        switch (a, b) {
        case (.resource(let ra), .resource(let rb)):
            if ra.id != rb.id { throw Mismatch(message: "resource types are not the same") }
        case (.value(let va), .value(let vb)): try value(va, vb, top: true)
        case (.function(let fa), .function(let fb)): try function(fa, fb)
        case (.instance(let ia), .instance(let ib)): try instance(ia, ib)
        case (.component, .component): break
        case (_, .resource): throw Mismatch(message: "expected resource, found \(desc(a))")
        default: throw Mismatch(message: "expected \(desc(b)), found \(desc(a))")
        }
    }

    static func desc(_ t: ResolvedType) -> String {
        switch t {
        case .resource: "resource"
        case .value: "defined type"
        case .function: "func type"
        case .instance: "instance type"
        case .component: "component type"
        }
    }

    static func instance(_ a: InstanceType, _ b: InstanceType) throws(Mismatch) {
        for eb in b.exports {
            guard let ea = a.export(named: eb.name.name) else {
                throw Mismatch(message: "missing expected export `\(eb.name.name)`")
            }
            do { try check(ea.type, isSubtypeOf: eb.type) } catch {
                throw Mismatch(message: "type mismatch in instance export `\(eb.name.name)`: \(error.message)")
            }
        }
    }

    static func module(_ a: CoreModuleType, _ b: CoreModuleType) throws(Mismatch) {
        for eb in b.exports {
            guard let ea = a.exports.first(where: { $0.name == eb.name }) else {
                throw Mismatch(message: "missing expected export `\(eb.name)`")
            }
            try CoreMatching.check(ea.type, eb.type, name: eb.name)
        }
        for ia in a.imports {
            guard let ib = b.imports.first(where: { $0.module == ia.module && $0.name == ia.name }) else {
                throw Mismatch(message: "missing expected import `\(ia.module)::\(ia.name)`")
            }
            try CoreMatching.check(ib.type, ia.type, name: ia.name)
        }
    }

    static func function(_ a: FunctionType, _ b: FunctionType) throws(Mismatch) {
        if a.isAsync != b.isAsync {
            throw Mismatch(message: "expected \(b.isAsync ? "async" : "sync") function, found \(a.isAsync ? "async" : "sync") function")
        }
        if a.params.count != b.params.count {
            throw Mismatch(message: "expected \(b.params.count) parameters, found \(a.params.count)")
        }
        for (pa, pb) in zip(a.params, b.params) {
            if pa.name != pb.name { throw Mismatch(message: "expected parameter named `\(pb.name)`, found `\(pa.name)`") }
            do { try value(pa.type, pb.type, top: false) } catch {
                throw Mismatch(message: "type mismatch in function parameter `\(pa.name)`: \(error.message)")
            }
        }
        switch (a.result, b.result) {
        case (let ra?, let rb?):
            do { try value(ra, rb, top: false) } catch { throw Mismatch(message: "type mismatch with result type: \(error.message)") }
        case (nil, nil): break
        case (_?, nil): throw Mismatch(message: "expected no result, found one")
        case (nil, _?): throw Mismatch(message: "expected a result, found none")
        }
    }

    static func isPrimitive(_ t: ValueType) -> Bool {
        switch t {
        case .bool, .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64, .f32, .f64, .char, .string, .errorContext: true
        default: false
        }
    }

    static func name(_ t: ValueType) -> String {
        switch t {
        case .bool, .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64, .f32, .f64, .char, .string, .errorContext: t.primitive?.witName ?? ""
        case .record: "record"
        case .variant: "variant"
        case .list: "list"
        case .fixedList: "list"
        case .tuple: "tuple"
        case .flags: "flags"
        case .enumeration: "enum"
        case .option: "option"
        case .result: "result"
        case .own: "own"
        case .borrow: "borrow"
        case .stream: "stream"
        case .future: "future"
        case .map: "map"
        }
    }

    /// Exact structural equality with wasmparser-style messages. `top` says
    /// the types are whole defined types (a primitive is then "primitive").
    static func value(_ a: ValueType, _ b: ValueType, top: Bool) throws(Mismatch) {
        if isPrimitive(a) && isPrimitive(b) {
            if a != b { throw Mismatch(message: "expected primitive `\(name(b))` found primitive `\(name(a))`") }
            return
        }
        func fail() -> Mismatch {
            let bd = isPrimitive(b) ? (top ? "primitive" : name(b)) : name(b)
            return Mismatch(message: "expected \(bd), found \(name(a))")
        }
        switch (a, b) {
        case (.record(let fa), .record(let fb)):
            if fa.count != fb.count { throw Mismatch(message: "expected \(fb.count) fields, found \(fa.count)") }
            for (x, y) in zip(fa, fb) {
                if x.name != y.name { throw Mismatch(message: "expected field name `\(y.name)`, found `\(x.name)`") }
                do { try value(x.type, y.type, top: false) } catch { throw Mismatch(message: "type mismatch in record field `\(x.name)`: \(error.message)") }
            }
        case (.variant(let ca), .variant(let cb)):
            if ca.count != cb.count { throw Mismatch(message: "expected \(cb.count) cases, found \(ca.count)") }
            for (x, y) in zip(ca, cb) {
                if x.name != y.name { throw Mismatch(message: "expected case named `\(y.name)`, found `\(x.name)`") }
                switch (x.type, y.type) {
                case (let tx?, let ty?): try value(tx, ty, top: false)
                case (nil, nil): break
                case (nil, _?): throw Mismatch(message: "expected case `\(x.name)` to have a type, found none")
                case (_?, nil): throw Mismatch(message: "expected case `\(x.name)` to have no type")
                }
            }
        case (.list(let x), .list(let y)), (.option(let x), .option(let y)): try value(x, y, top: false)
        case (.fixedList(let x, let n), .fixedList(let y, let m)):
            if n != m { throw Mismatch(message: "expected fixed-length \(m), found size \(n)") }
            try value(x, y, top: false)
        case (.map(let ka, let va), .map(let kb, let vb)):
            try value(ka, kb, top: false); try value(va, vb, top: false)
        case (.tuple(let ta), .tuple(let tb)):
            if ta.count != tb.count { throw Mismatch(message: "expected \(tb.count) types, found \(ta.count)") }
            for (x, y) in zip(ta, tb) { try value(x, y, top: false) }
        case (.flags(let na), .flags(let nb)):
            if na != nb { throw Mismatch(message: "mismatch in flags elements") }
        case (.enumeration(let na), .enumeration(let nb)):
            if na != nb { throw Mismatch(message: "mismatch in enum elements") }
        case (.result(let oa, let ea), .result(let ob, let eb)):
            switch (oa, ob) {
            case (let x?, let y?): try value(x, y, top: false)
            case (nil, nil): break
            case (nil, _?): throw Mismatch(message: "expected ok type, but found none")
            case (_?, nil): throw Mismatch(message: "expected ok type to not be present")
            }
            switch (ea, eb) {
            case (let x?, let y?): try value(x, y, top: false)
            case (nil, nil): break
            case (nil, _?): throw Mismatch(message: "expected err type, but found none")
            case (_?, nil): throw Mismatch(message: "expected err type to not be present")
            }
        case (.own(let x), .own(let y)), (.borrow(let x), .borrow(let y)):
            if x.id != y.id { throw Mismatch(message: "resource types are not the same") }
        case (.stream(let x), .stream(let y)), (.future(let x), .future(let y)):
            let w = name(a)
            switch (x, y) {
            case (let p?, let q?): try value(p, q, top: false)
            case (nil, nil): break
            case (nil, _?): throw Mismatch(message: "expected \(w) type, but found none")
            case (_?, nil): throw Mismatch(message: "expected \(w) type to not be present")
            }
        default:
            throw fail()
        }
    }
}

/// Matching of core entity types: what a core instantiation argument must
/// satisfy for the module's import (core subtyping of limits, exact function
/// signatures and global types).
enum CoreMatching {
    static func check(_ a: CoreEntityType, _ b: CoreEntityType, name: String) throws(Subtyping.Mismatch) {
        switch (a, b) {
        case (.function(let fa), .function(let fb)), (.tag(let fa), .tag(let fb)):
            if let fa, let fb, fa != fb {
                throw Subtyping.Mismatch(message: "expected: \(text(fb))\nfound:    \(text(fa))")
            }
        case (.global(let ta, let ma), .global(let tb, let mb)):
            if ma != mb { throw Subtyping.Mismatch(message: "global types differ in mutability") }
            if ta != tb { throw Subtyping.Mismatch(message: "expected global type \(tb.text), found \(ta.text)") }
        case (.table(let ra, let la), .table(let rb, let lb)):
            if ra.nullable != rb.nullable || ra.heap != rb.heap { throw Subtyping.Mismatch(message: "expected table element type \(rb.text), found \(ra.text)") }
            if la.shared != lb.shared { throw Subtyping.Mismatch(message: "mismatch in the shared flag for tables") }
            if la.is64 != lb.is64 { throw Subtyping.Mismatch(message: "mismatch in index type used for tables") }
            if !limitsMatch(la, lb) { throw Subtyping.Mismatch(message: "mismatch in table limits") }
        case (.memory(let la), .memory(let lb)):
            if la.shared != lb.shared { throw Subtyping.Mismatch(message: "mismatch in the shared flag for memories") }
            if la.is64 != lb.is64 { throw Subtyping.Mismatch(message: "mismatch in index type used for memories") }
            if (la.pageSizeLog2 ?? 16) != (lb.pageSizeLog2 ?? 16) { throw Subtyping.Mismatch(message: "mismatch in page size for memories") }
            if !limitsMatch(la, lb) { throw Subtyping.Mismatch(message: "mismatch in memory limits") }
        default:
            throw Subtyping.Mismatch(message: "expected \(b.sort.name), found \(a.sort.name)")
        }
    }

    /// A function type as the text format writes it, as wasm-tools reports it.
    static func text(_ f: CoreFuncType) -> String {
        var s = "(func"
        if !f.params.isEmpty { s += " (param " + f.params.map(\.text).joined(separator: " ") + ")" }
        if !f.results.isEmpty { s += " (result " + f.results.map(\.text).joined(separator: " ") + ")" }
        return s + ")"
    }

    /// `a`'s limits lie within `b`'s: at least b's minimum, at most b's maximum.
    static func limitsMatch(_ a: Limits, _ b: Limits) -> Bool {
        if a.min < b.min { return false }
        if let bm = b.max {
            guard let am = a.max, am <= bm else { return false }
        }
        return true
    }
}
