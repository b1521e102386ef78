/// Types and canonical definitions of the component text format.
extension ComponentTextParser.Reader {
    // MARK: component types

    mutating func valType(_ c: inout TextCursor, in scope: TextScope) throws(WatError) -> ValTypeRef {
        if case .atom(let t)? = c.peek(), case .keyword(let k) = t.kind {
            let prim = PrimitiveType.allCases.first { $0.witName == k }
            guard let prim else { throw c.error("unexpected token, expected a value type", at: t) }
            _ = try c.next("a value type")
            return .primitive(prim)
        }
        if c.nextIsList {
            // Inline types nest by recursion; bound it like item nesting.
            guard inlineDepth < ComponentTextParser.maxNesting else { throw c.error("type nesting too deep") }
            inlineDepth += 1
            defer { inlineDepth -= 1 }
            let n = try c.next("a value type")
            var d = TextCursor(n)
            let head = try d.anyKeyword("a type definition")
            let def = try definedType(head, &d, in: scope)
            try d.done()
            return .index(try emitType(TypeDef(.defined(def)), in: scope, at: n.token))
        }
        return .index(try index(&c, .type, in: scope))
    }

    mutating func typeDef(_ c: inout TextCursor, in scope: TextScope, depth: Int) throws(WatError) -> TypeDef {
        let at = c.open
        let ident = try c.ident()
        let exports = try inlineExports(&c)
        if !exports.isEmpty { pendingExports = exports }
        let n = try c.next("a type definition")
        let kind: TypeDef.Kind
        if case .atom(let t) = n, case .keyword(let k) = t.kind, let p = PrimitiveType.allCases.first(where: { $0.witName == k }) {
            kind = .defined(.primitive(p))
        } else {
            var d = TextCursor(n)
            let head = try d.anyKeyword("a type definition")
            switch head {
            case "func": kind = .function(try funcType(&d, in: scope))
            case "component":
                guard depth < ComponentTextParser.maxNesting else { throw d.error("item nesting too deep", at: n.token) }
                kind = .component(try componentTypeDecls(&d, parent: scope, depth: depth + 1))
            case "instance":
                guard depth < ComponentTextParser.maxNesting else { throw d.error("item nesting too deep", at: n.token) }
                kind = .instance(try instanceTypeDecls(&d, parent: scope, depth: depth + 1))
            case "resource":
                guard var rep = d.list("rep") else { throw d.error("unexpected token, expected `(rep i32)`") }
                let r = try coreValType(&rep, in: scope)
                try rep.done()
                var dtor: UInt32? = nil
                if var dt = d.list("dtor") {
                    if var f = dt.list("func") { dtor = try index(&f, .coreFunc, in: scope); try f.done() } else { dtor = try index(&dt, .coreFunc, in: scope) }
                    try dt.done()
                }
                kind = .resource(rep: r, destructor: dtor)
            default:
                kind = .defined(try definedType(head, &d, in: scope))
            }
            try d.done()
        }
        try scope.define(.type, ident, at: at)
        return TypeDef(kind)
    }

    mutating func definedType(_ head: String, _ d: inout TextCursor, in scope: TextScope) throws(WatError) -> DefinedType {
        switch head {
        case "record":
            var fields: [LabeledType] = []
            while var f = d.list("field") {
                let name = try f.string()
                fields.append(LabeledType(name, try valType(&f, in: scope)))
                try f.done()
            }
            return .record(fields)
        case "variant":
            var cases: [VariantCase] = []
            var seen: Set<String> = []
            while var f = d.list("case") {
                let caseAt = f.open
                let ident = try f.ident()
                if let id = ident.id, !seen.insert(id).inserted {
                    throw f.error("duplicate variant case identifier", at: ident.token ?? caseAt)
                }
                let name = try f.string()
                let t: ValTypeRef? = f.isAtEnd ? nil : try valType(&f, in: scope)
                try f.done()
                cases.append(VariantCase(name, t))
            }
            return .variant(cases)
        case "list":
            let t = try valType(&d, in: scope)
            if d.nextIsNumber { return .fixedList(t, try d.u32()) }
            return .list(t)
        case "map":
            let k = try valType(&d, in: scope)
            return .map(k, try valType(&d, in: scope))
        case "tuple":
            var ts: [ValTypeRef] = []
            while !d.isAtEnd { ts.append(try valType(&d, in: scope)) }
            return .tuple(ts)
        case "flags", "enum":
            var names: [String] = []
            while !d.isAtEnd { names.append(try d.string()) }
            return head == "flags" ? .flags(names) : .enumeration(names)
        case "option": return .option(try valType(&d, in: scope))
        case "result":
            var ok: ValTypeRef? = nil
            var err: ValTypeRef? = nil
            if !d.isAtEnd && d.peek()?.head != "error" { ok = try valType(&d, in: scope) }
            if var e = d.list("error") { err = try valType(&e, in: scope); try e.done() }
            return .result(ok: ok, err: err)
        case "own": return .own(try index(&d, .type, in: scope))
        case "borrow": return .borrow(try index(&d, .type, in: scope))
        case "stream": return .stream(d.isAtEnd ? nil : try valType(&d, in: scope))
        case "future": return .future(d.isAtEnd ? nil : try valType(&d, in: scope))
        default:
            throw d.error("unexpected token, expected a type definition")
        }
    }

    mutating func funcType(_ d: inout TextCursor, in scope: TextScope) throws(WatError) -> FuncTypeDef {
        let isAsync = d.keyword("async")
        var params: [LabeledType] = []
        while var p = d.list("param") {
            let name = try p.string()
            params.append(LabeledType(name, try valType(&p, in: scope)))
            try p.done()
        }
        var result: ValTypeRef? = nil
        if var r = d.list("result") { result = try valType(&r, in: scope); try r.done() }
        return FuncTypeDef(isAsync: isAsync, params: params, result: result)
    }

    mutating func componentTypeDecls(_ d: inout TextCursor, parent: TextScope, depth: Int) throws(WatError) -> [ComponentDecl] {
        let scope = TextScope(parent: parent, id: nil)
        sink.append([])
        while !d.isAtEnd {
            let n = try d.next("a component type declaration")
            if n.head == "import" {
                var c = TextCursor(n)
                _ = c.keyword("import")
                let decl = try importDecl(&c, in: scope)
                try c.done()
                sink[sink.count - 1].append(.import(decl))
            } else {
                let decl = try instanceDecl(n, in: scope, depth: depth)
                sink[sink.count - 1].append(.instance(decl))
            }
        }
        return sink.removeLast()
    }

    mutating func instanceTypeDecls(_ d: inout TextCursor, parent: TextScope, depth: Int) throws(WatError) -> [InstanceDecl] {
        let scope = TextScope(parent: parent, id: nil)
        sink.append([])
        while !d.isAtEnd {
            let n = try d.next("an instance type declaration")
            if n.head == "import" { throw d.error("instance types cannot import", at: n.token) }
            let decl = try instanceDecl(n, in: scope, depth: depth)
            sink[sink.count - 1].append(.instance(decl))
        }
        return sink.removeLast().compactMap { if case .instance(let x) = $0 { return x } else { return nil } }
    }

    mutating func instanceDecl(_ n: WatNode, in scope: TextScope, depth: Int) throws(WatError) -> InstanceDecl {
        var c = TextCursor(n)
        let head = try c.anyKeyword("a declaration")
        let decl: InstanceDecl
        switch head {
        case "core":
            if c.keyword("type") { decl = .coreType(try coreTypeDef(&c, in: scope)) }
            else if c.keyword("rec") { decl = .coreType(try coreRec(&c, in: scope, component: true)) }
            else { throw c.error("unexpected token, expected `type` or `rec`") }
        case "type": decl = .type(try typeDef(&c, in: scope, depth: depth))
        case "alias": decl = .alias(try alias(&c, in: scope))
        case "export":
            let ident = try c.ident()
            let name = try externName(&c)
            let type = try externDesc(&c, in: scope, define: true, fallback: ident)
            decl = .export(offset: 0, name: name, type: type)
        default:
            throw c.error("unexpected token, expected a declaration", at: n.token)
        }
        try c.done()
        return decl
    }

    // MARK: core types

    mutating func coreValType(_ c: inout TextCursor, in scope: TextScope) throws(WatError) -> CoreValType {
        let n = try c.next("a value type")
        switch n {
        case .atom(let t):
            guard case .keyword(let k) = t.kind else { throw c.error("unexpected token, expected a value type", at: t) }
            switch k {
            case "i32": return .i32
            case "i64": return .i64
            case "f32": return .f32
            case "f64": return .f64
            case "v128": return .v128
            default:
                let short: [String: UInt8] = [
                    "funcref": 0x70, "externref": 0x6f, "anyref": 0x6e, "nullref": 0x71, "nullexternref": 0x72,
                    "nullfuncref": 0x73, "eqref": 0x6d, "structref": 0x6b, "arrayref": 0x6a, "i31ref": 0x6c,
                    "exnref": 0x69, "nullexnref": 0x74,
                ]
                guard let b = short[k] else { throw c.error("unexpected token, expected a value type", at: t) }
                return .ref(RefType(nullable: true, heap: .abstract(b, shared: false), shorthand: true))
            }
        case .list:
            var r = TextCursor(n)
            try r.expectKeyword("ref")
            let nullable = r.keyword("null")
            let heap = try heapType(&r, in: scope)
            try r.done()
            return .ref(RefType(nullable: nullable, heap: heap, shorthand: false))
        }
    }

    mutating func heapType(_ c: inout TextCursor, in scope: TextScope) throws(WatError) -> HeapType {
        let abstract: [String: UInt8] = [
            "func": 0x70, "extern": 0x6f, "any": 0x6e, "none": 0x71, "noextern": 0x72, "nofunc": 0x73, "eq": 0x6d,
            "struct": 0x6b, "array": 0x6a, "i31": 0x6c, "exn": 0x69, "noexn": 0x74, "cont": 0x68, "nocont": 0x75,
        ]
        if var s = c.list("shared") {
            let k = try s.anyKeyword("an abstract heap type")
            guard let b = abstract[k] else { throw s.error("unknown heap type `\(k)`") }
            try s.done()
            return .abstract(b, shared: true)
        }
        if case .atom(let t)? = c.peek(), case .keyword(let k) = t.kind {
            guard let b = abstract[k] else { throw c.error("unknown heap type `\(k)`", at: t) }
            _ = try c.next("a heap type")
            return .abstract(b, shared: false)
        }
        return .concrete(try index(&c, .coreType, in: scope))
    }

    /// `(core type $t? ...)`: a sub type or a module type.
    mutating func coreTypeDef(_ c: inout TextCursor, in scope: TextScope) throws(WatError) -> CoreTypeDef {
        let at = c.open
        let ident = try c.ident()
        if var m = c.list("module") {
            let decls = try moduleTypeDecls(&m, parent: scope)
            try scope.define(.coreType, ident, at: at)
            return .module(decls)
        }
        // A type may refer to itself (`(func (result (ref $f)))`), so its
        // name is known before its body is read.
        let index = try scope.define(.coreType, ident, at: at)
        let sub = try subType(&c, in: scope, index: index)
        return .sub(sub, prefixed: sub.form == .sub)
    }

    /// `(core rec (type ...)*)` or, inside module types, `(rec ...)`.
    mutating func coreRec(_ c: inout TextCursor, in scope: TextScope, component: Bool) throws(WatError) -> CoreTypeDef {
        // Types of a rec group may refer to each other, so all their names
        // are known before any body is read.
        var members: [(TextCursor, UInt32)] = []
        while var t = c.list("type") {
            let at = t.open
            let ident = try t.ident()
            members.append((t, try scope.define(.coreType, ident, at: at)))
        }
        var subs: [CoreSubType] = []
        for (cursor, index) in members {
            var t = cursor
            subs.append(try subType(&t, in: scope, index: index))
            try t.done()
        }
        return .rec(subs)
    }

    mutating func subType(_ c: inout TextCursor, in scope: TextScope, index: UInt32) throws(WatError) -> CoreSubType {
        let n = try c.next("a core type")
        var s = TextCursor(n)
        if s.keyword("sub") {
            let final = s.keyword("final")
            var supers: [UInt32] = []
            while s.peek().map({ if case .atom = $0 { return true } else { return false } }) == true {
                supers.append(try self.index(&s, .coreType, in: scope))
            }
            let (comp, shared) = try composite(try s.next("a composite type"), in: scope)
            try s.done()
            return CoreSubType(form: final ? .subFinal : .sub, supertypes: supers, shared: shared, composite: comp)
        }
        let (comp, shared) = try composite(n, in: scope)
        return CoreSubType(form: .bare, supertypes: [], shared: shared, composite: comp)
    }

    mutating func composite(_ n: WatNode, in scope: TextScope, allowShared: Bool = true) throws(WatError) -> (CompositeType, Bool) {
        var c = TextCursor(n)
        if allowShared, c.keyword("shared") {
            let (t, _) = try composite(try c.next("a composite type"), in: scope, allowShared: false)
            try c.done()
            return (t, true)
        }
        let head = try c.anyKeyword("a composite type")
        let out: CompositeType
        switch head {
        case "func":
            var params: [CoreValType] = [], results: [CoreValType] = []
            while var p = c.list("param") {
                _ = try p.ident()
                while !p.isAtEnd { params.append(try coreValType(&p, in: scope)) }
            }
            while var r = c.list("result") {
                while !r.isAtEnd { results.append(try coreValType(&r, in: scope)) }
            }
            out = .function(params: params, results: results)
        case "struct":
            var fields: [FieldType] = []
            while var f = c.list("field") {
                let ident = try f.ident()
                if ident.id != nil {
                    fields.append(try fieldType(&f, in: scope))
                } else {
                    while !f.isAtEnd { fields.append(try fieldType(&f, in: scope)) }
                }
                try f.done()
            }
            out = .structure(fields)
        case "array": out = .array(try fieldType(&c, in: scope))
        case "cont": out = .continuation(try index(&c, .coreType, in: scope))
        default: throw c.error("unexpected token, expected `func`, `struct`, `array` or `cont`", at: n.token)
        }
        try c.done()
        return (out, false)
    }

    mutating func fieldType(_ c: inout TextCursor, in scope: TextScope) throws(WatError) -> FieldType {
        if var m = c.list("mut") {
            let s = try storageType(&m, in: scope)
            try m.done()
            return FieldType(storage: s, mutable: true)
        }
        return FieldType(storage: try storageType(&c, in: scope), mutable: false)
    }

    mutating func storageType(_ c: inout TextCursor, in scope: TextScope) throws(WatError) -> StorageType {
        if c.keyword("i8") { return .i8 }
        if c.keyword("i16") { return .i16 }
        return .val(try coreValType(&c, in: scope))
    }

    mutating func moduleTypeDecls(_ d: inout TextCursor, parent: TextScope) throws(WatError) -> [ModuleDecl] {
        let scope = TextScope(parent: parent, id: nil)
        scope.isModuleType = true
        moduleSink.append([])
        defer { _ = moduleSink.popLast() }
        var out: [ModuleDecl] { get { moduleSink[moduleSink.count - 1] } set { moduleSink[moduleSink.count - 1] = newValue } }
        while !d.isAtEnd {
            let n = try d.next("a module type declaration")
            var c = TextCursor(n)
            let head = try c.anyKeyword("a module type declaration")
            switch head {
            case "type":
                let at = c.open
                let ident = try c.ident()
                let index = try scope.define(.coreType, ident, at: at)
                let sub = try subType(&c, in: scope, index: index)
                out.append(.type(.sub(sub, prefixed: false)))
            case "rec": out.append(.type(try coreRec(&c, in: scope, component: false)))
            case "alias":
                try c.expectKeyword("outer")
                let (count, outer) = try outerScope(&c, scope)
                let i = try index(&c, .coreType, in: outer)
                guard var t = c.list("type") else { throw c.error("unexpected token, expected `(type ...)`") }
                try scope.define(.coreType, try t.ident(), at: n.token)
                try t.done()
                out.append(.outerAlias(count: count, index: i))
            case "import":
                let module = try c.string(), name = try c.string()
                out.append(.import(module: module, name: name, type: try coreExternType(&c, in: scope)))
            case "export":
                let name = try c.string()
                out.append(.export(name: name, type: try coreExternType(&c, in: scope)))
            default:
                throw c.error("unexpected token, expected a module type declaration", at: n.token)
            }
            try c.done()
        }
        return out
    }

    /// `(func (type N) ...)`, `(memory 1)`, ... in a module type.
    mutating func coreExternType(_ c: inout TextCursor, in scope: TextScope) throws(WatError) -> CoreExternType {
        let n = try c.next("an import description")
        var d = TextCursor(n)
        let head = try d.anyKeyword("an import description")
        _ = try d.ident()
        let out: CoreExternType
        switch head {
        case "func", "tag":
            let i: UInt32
            if var t = d.typeUse() {
                i = try index(&t, .coreType, in: scope)
                try t.done()
                // The signature that follows repeats the type; it is not encoded.
                while d.list("param") != nil || d.list("result") != nil {}
            } else {
                i = try inlineCoreFuncType(&d, in: scope, at: n.token)
            }
            out = head == "func" ? .function(typeIndex: i) : .tag(typeIndex: i)
        case "memory":
            out = .memory(try limits(&d, memory: true))
        case "table":
            let l = try limits(&d, memory: false)
            out = .table(try refType(&d, in: scope), l)
        case "global":
            if var m = d.list("mut") {
                let shared = m.keyword("shared")
                let t = try coreValType(&m, in: scope)
                try m.done()
                out = .global(t, mutable: true, shared: shared)
            } else {
                out = .global(try coreValType(&d, in: scope), mutable: false, shared: false)
            }
        default:
            throw d.error("unexpected token, expected an import description", at: n.token)
        }
        try d.done()
        return out
    }

    /// An inline `(param ...) (result ...)` in a module type: an identical
    /// function type declared earlier is reused, otherwise one is declared
    /// before the item (as wasm-tools does).
    mutating func inlineCoreFuncType(_ d: inout TextCursor, in scope: TextScope, at t: WatToken) throws(WatError) -> UInt32 {
        var params: [CoreValType] = [], results: [CoreValType] = []
        while var p = d.list("param") {
            _ = try p.ident()
            while !p.isAtEnd { params.append(try coreValType(&p, in: scope)) }
        }
        while var r = d.list("result") {
            while !r.isAtEnd { results.append(try coreValType(&r, in: scope)) }
        }
        let composite = CompositeType.function(params: params, results: results)
        var index: UInt32 = 0
        for decl in moduleSink.last ?? [] {
            switch decl {
            case .type(.sub(let s, _)):
                if s.form == .bare, !s.shared, s.composite == composite { return index }
                index += 1
            case .type(.rec(let subs)): index += UInt32(subs.count)
            case .outerAlias: index += 1
            default: break
            }
        }
        let sub = CoreSubType(form: .bare, supertypes: [], shared: false, composite: composite)
        if !moduleSink.isEmpty { moduleSink[moduleSink.count - 1].append(.type(.sub(sub, prefixed: false))) }
        return try scope.define(.coreType, TextIdent(), at: t)
    }

    mutating func refType(_ c: inout TextCursor, in scope: TextScope) throws(WatError) -> RefType {
        let at = c.here
        guard case .ref(let r) = try coreValType(&c, in: scope) else { throw c.error("expected a reference type", at: at) }
        return r
    }

    mutating func limits(_ c: inout TextCursor, memory: Bool) throws(WatError) -> Limits {
        var flags: UInt8 = 0
        if !memory && c.keyword("shared") { flags |= 2 }
        if c.keyword("i64") { flags |= 4 }
        let min = UInt64(try c.u32())
        var max: UInt64? = nil
        if c.nextIsNumber { max = UInt64(try c.u32()); flags |= 1 }
        if memory && c.keyword("shared") { flags |= 2 }
        var page: UInt32? = nil
        if var p = c.list("pagesize") {
            let size = try p.u32()
            try p.done()
            guard size != 0, size & (size - 1) == 0 else { throw p.error("invalid custom page size") }
            page = UInt32(size.trailingZeroBitCount)
            flags |= 8
        }
        return Limits(flags: flags, min: min, max: max, pageSizeLog2: page)
    }

    // MARK: canonical definitions

    mutating func canonOptions(_ c: inout TextCursor) throws(WatError) -> [CanonOption] {
        var out: [CanonOption] = []
        while let n = c.peek() {
            if case .atom(let t) = n, case .keyword(let k) = t.kind {
                switch k {
                case "string-encoding=utf8": out.append(.utf8)
                case "string-encoding=utf16": out.append(.utf16)
                case "string-encoding=latin1+utf16": out.append(.latin1Utf16)
                case "async": out.append(.async)
                case "gc": out.append(.gc)
                default: return out
                }
                _ = try c.next("an option")
                continue
            }
            guard let head = n.head else { return out }
            var o = TextCursor(n)
            _ = o.keyword(head)
            switch head {
            case "memory": out.append(.memory(try optionRef(&o, head, .memory)))
            case "realloc": out.append(.realloc(try optionRef(&o, head, .func_)))
            case "post-return": out.append(.postReturn(try optionRef(&o, head, .func_)))
            case "callback": out.append(.callback(try optionRef(&o, head, .func_)))
            case "core-type": out.append(.coreType(try index(&o, .coreType, in: scope)))
            default: return out
            }
            try o.done()
            _ = try c.next("an option")
        }
        return out
    }

    /// The core item of a canonical option: `(memory $m)` or, for an
    /// instance export, `(memory (core memory $i "name"))`.
    mutating func optionRef(_ o: inout TextCursor, _ option: String, _ sort: CoreSort) throws(WatError) -> UInt32 {
        if let n = o.peek(), case .list = n {
            _ = try o.next("a reference")
            var r = TextCursor(n)
            try r.expectKeyword("core")
            try r.expectKeyword(sort.name)
            let i = try itemRef(&r, .core(sort), in: scope)
            try r.done()
            return i
        }
        if o.nextIsString(after: 1) {
            throw o.error("an export name must be written inside a nested reference: `(\(option) $i \"name\")` should be written `(\(option) (core \(sort.name) $i \"name\"))`", at: o.peek(1)?.token)
        }
        return try index(&o, TextScope.Space(.core(sort)), in: scope)
    }

    /// `(func $f? (export "e")* (import "i")? typeuse)` or
    /// `(func $f? (export "e")* typeuse (canon lift (core func $g) opts))`,
    /// where the type use is `(type $t)` or inline params and result.
    mutating func funcItem(_ c: inout TextCursor) throws(WatError) {
        let at = c.open
        guard let head = try itemHead(&c, .func_) else { return }
        let type = try funcTypeUse(&c, in: scope, at: at)
        guard var l = c.list("canon") else { throw c.error("unexpected token, expected `(canon lift ...)`") }
        try l.expectKeyword("lift")
        guard var f = l.list("core") else { throw l.error("unexpected token, expected `(core func ...)`") }
        try f.expectKeyword("func")
        let core = try itemRef(&f, .core(.func_), in: scope)
        try f.done()
        let opts = try canonOptions(&l)
        try l.done()
        try c.done()
        add(.canons([Canon(.lift(coreFunc: core, options: opts, type: type))]))
        let i = try scope.define(.func_, head.ident, at: at)
        try emitExports(head.exports, of: SortIndex(.func_, i), at: at)
    }

    /// `(core func $f? (canon NAME ...))`.
    mutating func coreFuncCanon(_ c: inout TextCursor) throws(WatError) -> Canon {
        let at = c.open
        let ident = try c.ident()
        guard var b = c.list("canon") else { throw c.error("unexpected token, expected `(canon ...)`") }
        let name = try b.anyKeyword("a canonical built-in")
        func type(_ b: inout TextCursor) throws(WatError) -> UInt32 { try index(&b, .type, in: scope) }
        let kind: Canon.Kind
        switch name {
        case "lower":
            guard var f = b.list("func") else { throw b.error("unexpected token, expected `(func ...)`") }
            let fn = try itemRef(&f, .func_, in: scope)
            try f.done()
            kind = .lower(func_: fn, options: try canonOptions(&b))
        case "resource.new": kind = .resourceNew(try type(&b))
        case "resource.drop": kind = .resourceDrop(try type(&b))
        case "resource.rep": kind = .resourceRep(try type(&b))
        case "backpressure.inc": kind = .backpressureInc
        case "backpressure.dec": kind = .backpressureDec
        case "task.return":
            var r: ValTypeRef? = nil
            if var res = b.list("result") { r = try valType(&res, in: scope); try res.done() }
            kind = .taskReturn(result: r, options: try canonOptions(&b))
        case "task.cancel": kind = .taskCancel
        case "context.get", "context.set":
            let t = try coreValType(&b, in: scope)
            let slot = try b.u32()
            kind = name == "context.get" ? .contextGet(t, slot) : .contextSet(t, slot)
        case "subtask.cancel": kind = .subtaskCancel(async: b.keyword("async"))
        case "subtask.drop": kind = .subtaskDrop
        case "stream.new": kind = .streamNew(try type(&b))
        case "stream.read": let t = try type(&b); kind = .streamRead(t, try canonOptions(&b))
        case "stream.write": let t = try type(&b); kind = .streamWrite(t, try canonOptions(&b))
        case "stream.cancel-read": let t = try type(&b); kind = .streamCancelRead(t, async: b.keyword("async"))
        case "stream.cancel-write": let t = try type(&b); kind = .streamCancelWrite(t, async: b.keyword("async"))
        case "stream.drop-readable": kind = .streamDropReadable(try type(&b))
        case "stream.drop-writable": kind = .streamDropWritable(try type(&b))
        case "future.new": kind = .futureNew(try type(&b))
        case "future.read": let t = try type(&b); kind = .futureRead(t, try canonOptions(&b))
        case "future.write": let t = try type(&b); kind = .futureWrite(t, try canonOptions(&b))
        case "future.cancel-read": let t = try type(&b); kind = .futureCancelRead(t, async: b.keyword("async"))
        case "future.cancel-write": let t = try type(&b); kind = .futureCancelWrite(t, async: b.keyword("async"))
        case "future.drop-readable": kind = .futureDropReadable(try type(&b))
        case "future.drop-writable": kind = .futureDropWritable(try type(&b))
        case "error-context.new": kind = .errorContextNew(try canonOptions(&b))
        case "error-context.debug-message": kind = .errorContextDebugMessage(try canonOptions(&b))
        case "error-context.drop": kind = .errorContextDrop
        case "waitable-set.new": kind = .waitableSetNew
        case "waitable-set.wait", "waitable-set.poll":
            let cancellable = b.keyword("cancellable")
            guard var m = b.list("memory") else { throw b.error("unexpected token, expected `(memory ...)`") }
            let mem = try index(&m, .coreMemory, in: scope)
            try m.done()
            kind = name == "waitable-set.wait" ? .waitableSetWait(cancellable: cancellable, memory: mem) : .waitableSetPoll(cancellable: cancellable, memory: mem)
        case "waitable-set.drop": kind = .waitableSetDrop
        case "waitable.join": kind = .waitableJoin
        case "thread.index": kind = .threadIndex
        case "thread.new-indirect", "thread.spawn-indirect":
            let t = try index(&b, .coreType, in: scope)
            let table = try index(&b, .coreTable, in: scope)
            kind = name == "thread.new-indirect" ? .threadNewIndirect(funcType: t, table: table) : .threadSpawnIndirect(funcType: t, table: table)
        case "thread.spawn-ref": kind = .threadSpawnRef(funcType: try index(&b, .coreType, in: scope))
        case "thread.resume-later": kind = .threadResumeLater
        case "thread.suspend": kind = .threadSuspend(cancellable: b.keyword("cancellable"))
        case "thread.yield": kind = .threadYield(cancellable: b.keyword("cancellable"))
        case "thread.suspend-then-resume": kind = .threadSuspendThenResume(cancellable: b.keyword("cancellable"))
        case "thread.yield-then-resume": kind = .threadYieldThenResume(cancellable: b.keyword("cancellable"))
        case "thread.suspend-then-promote": kind = .threadSuspendThenPromote(cancellable: b.keyword("cancellable"))
        case "thread.yield-then-promote": kind = .threadYieldThenPromote(cancellable: b.keyword("cancellable"))
        case "thread.available_parallelism": kind = .threadAvailableParallelism
        default: throw b.error("unknown canonical built-in `\(name)`")
        }
        try b.done()
        try scope.define(.coreFunc, ident, at: at)
        return Canon(kind)
    }
}
