/// Reads the component text format into the `Component` model and encodes
/// it, the way `wasm-tools parse` does: consecutive items of one kind share
/// a section, `$ids` become a `component-name` section.
///
/// Status (issue 9 item 2, in progress): the explicit forms that
/// `patchbay print` and `wasm-tools print` write, for everything but core
/// modules. Not yet: embedded core modules in text, and the abbreviations
/// (inline exports and imports, inline type uses, `(func (canon lift ...))`
/// sugar); they are refused with a line and column.
public enum ComponentTextParser {
    /// The binary of the component in `source`.
    public static func parse(_ source: String) throws(WatError) -> [UInt8] {
        let nodes = try WatSExpr.parse(source)
        guard let first = nodes.first else { throw WatError("expected `(component ...)`, found nothing", line: 1, column: 1) }
        if nodes.count > 1 { let t = nodes[1].token; throw WatError("unexpected token after the component", line: t.line, column: t.column) }
        guard first.head == "component" else {
            let t = first.token
            throw WatError("expected `(component ...)`", line: t.line, column: t.column)
        }
        var c = TextCursor(first)
        _ = c.keyword("component")
        var reader = Reader(depth: 0)
        reader.source = Array(source.unicodeScalars)
        let component = try reader.component(&c, parent: nil)
        return ComponentEncoder.encode(component)
    }

    static let maxNesting = 100

    struct Reader {
        var depth: Int
        /// The whole text, as scalars (core module text is cut out of it).
        var source: [Unicode.Scalar] = []
        var scope = TextScope(parent: nil, id: nil)
        var sections: [Section] = []
        var hasStart = false
        /// How deep inline value types are nested here.
        var inlineDepth = 0
        /// Declaration lists of the component and instance types being
        /// read (inline types inside them are added there).
        var sink: [[ComponentDecl]] = []
        var moduleSink: [[ModuleDecl]] = []
        /// Inline exports of the type being read.
        var pendingExports: [ExternName] = []
        /// Inline exports, added at the end of the component.
        var deferredExports: [(Export, WatToken)] = []

        init(depth: Int) { self.depth = depth }

        // MARK: components

        mutating func component(_ c: inout TextCursor, parent: TextScope?) throws(WatError) -> Component {
            guard depth < ComponentTextParser.maxNesting else { throw c.error("item nesting too deep", at: c.open) }
            let ident = try c.ident()
            scope = TextScope(parent: parent, id: ident.id)
            // Inline exports of a nested component belong to its parent.
            if parent != nil { _ = try inlineExports(&c) }
            while !c.isAtEnd {
                let n = try c.next("a component field")
                try field(n)
            }
            for (e, t) in deferredExports {
                add(.exports([e]))
                try scope.define(TextScope.Space(e.item.sort), TextIdent(), at: t)
            }
            if let names = scope.nameSection(componentName: ident.name ?? ident.id) {
                sections.append(Section(.custom(CustomSection(name: "component-name", payload: names[...]))))
            }
            var out = Component(sections: sections)
            out.version = 0x0d
            return out
        }

        /// Appends an item to the last section if it has the same kind, as
        /// wasm-tools groups consecutive definitions.
        mutating func add(_ content: Section.Content) {
            if let last = sections.last {
                switch (last.content, content) {
                case (.coreInstances(let a), .coreInstances(let b)): sections[sections.count - 1].content = .coreInstances(a + b); return
                case (.coreTypes(let a), .coreTypes(let b)): sections[sections.count - 1].content = .coreTypes(a + b); return
                case (.instances(let a), .instances(let b)): sections[sections.count - 1].content = .instances(a + b); return
                case (.aliases(let a), .aliases(let b)): sections[sections.count - 1].content = .aliases(a + b); return
                case (.types(let a), .types(let b)): sections[sections.count - 1].content = .types(a + b); return
                case (.canons(let a), .canons(let b)): sections[sections.count - 1].content = .canons(a + b); return
                case (.imports(let a), .imports(let b)): sections[sections.count - 1].content = .imports(a + b); return
                case (.exports(let a), .exports(let b)): sections[sections.count - 1].content = .exports(a + b); return
                default: break
                }
            }
            sections.append(Section(content))
        }

        mutating func field(_ n: WatNode) throws(WatError) {
            guard case .list(let open, _, _) = n else {
                throw WatError("unexpected token, expected a component field", line: n.token.line, column: n.token.column)
            }
            var c = TextCursor(n)
            if case .annotation(let a) = open.kind {
                try annotation(a, &c)
                return
            }
            let head = try c.anyKeyword("a component field")
            switch head {
            case "core":
                let k = try c.anyKeyword("`module`, `instance`, `type`, `rec` or `func`")
                switch k {
                case "module":
                    guard let head = try itemHead(&c, .core(.module)) else { return }
                    let bytes = try coreModule(&c, open: open, ident: head.ident)
                    sections.append(Section(.coreModule(CoreModule(bytes: bytes[...], offset: 0))))
                    let i = try scope.define(.coreModule, head.ident, at: open)
                    try emitExports(head.exports, of: SortIndex(.core(.module), i), at: open)
                    return
                case "instance": add(.coreInstances([try coreInstance(&c)]))
                case "type": add(.coreTypes([try coreTypeDef(&c, in: scope)]))
                case "rec": add(.coreTypes([try coreRec(&c, in: scope, component: true)]))
                case "func": add(.canons([try coreFuncCanon(&c)]))
                default: throw c.error("unexpected token, expected `module`, `instance`, `type`, `rec` or `func`")
                }
            case "component":
                guard let head = try itemHead(&c, .component) else { return }
                var inner = Reader(depth: depth + 1)
                inner.source = source
                c = TextCursor(n)
                _ = c.keyword("component")
                let nested = try inner.component(&c, parent: scope)
                sections.append(Section(.component(nested)))
                let i = try scope.define(.component, head.ident, at: open)
                try emitExports(head.exports, of: SortIndex(.component, i), at: open)
                return
            case "instance": try instanceItem(&c)
            case "alias": add(.aliases([try alias(&c, in: scope)]))
            case "type":
                add(.types([try typeDef(&c, in: scope, depth: depth)]))
                let exports = pendingExports
                pendingExports = []
                try emitExports(exports, of: SortIndex(.type, scope.count(.type) - 1), at: open)
            case "func": try funcItem(&c)
            case "start":
                if hasStart { throw c.error("component cannot have more than one start function", at: open) }
                hasStart = true
                sections.append(Section(.start(try start(&c))))
            case "import": add(.imports([try importDecl(&c, in: scope)]))
            case "export": add(.exports([try export(&c)]))
            default:
                throw c.error("unexpected token, expected a component field", at: open)
            }
            try c.done()
        }

        mutating func annotation(_ name: String, _ c: inout TextCursor) throws(WatError) {
            switch name {
            case "custom":
                let secName = try c.string()
                if c.nextIsList { _ = try c.next("a placement") }
                var payload: [UInt8] = []
                while !c.isAtEnd { payload += try c.stringBytes() }
                sections.append(Section(.custom(CustomSection(name: secName, payload: payload[...]))))
            case "producers":
                var fields: [(String, [(String, String)])] = []
                while !c.isAtEnd {
                    let n = try c.next("a producers field")
                    var f = TextCursor(n)
                    let field = try f.anyKeyword("a producers field name")
                    let v = try f.string(), ver = try f.string()
                    try f.done()
                    if let k = fields.firstIndex(where: { $0.0 == field }) { fields[k].1.append((v, ver)) } else { fields.append((field, [(v, ver)])) }
                }
                var w = ByteWriter()
                w.vector(fields) { w, f in
                    w.name(f.0)
                    w.vector(f.1) { w, v in w.name(v.0); w.name(v.1) }
                }
                sections.append(Section(.custom(CustomSection(name: "producers", payload: w.bytes[...]))))
            default:
                break  // unknown annotations are ignored, as the spec says
            }
        }

        // MARK: references

        mutating func index(_ c: inout TextCursor, _ space: TextScope.Space, in scope: TextScope) throws(WatError) -> UInt32 {
            let n = try c.next("a \(space.description) reference")
            guard case .atom(let t) = n else { throw c.error("unexpected token, expected a \(space.description) reference", at: n.token) }
            switch t.kind {
            case .id(let id):
                if let i = scope.lookup(space, id) { return i }
                // A name of an enclosing component: an outer alias is
                // inserted here under the same name, as wasm-tools does
                // (not in module types, which only see their own names).
                var outer = scope.isModuleType ? nil : scope.parent
                var depth: UInt32 = 1
                while let o = outer {
                    if let found = o.lookup(space, id) {
                        let sort: Sort
                        switch space {
                        case .coreModule: sort = .core(.module)
                        case .coreType: sort = .core(.type)
                        case .type: sort = .type
                        case .component: sort = .component
                        default: throw c.error("outer item `\(id)` is not a module, type, or component", at: t)
                        }
                        let alias = Alias(sort: sort, target: .outer(count: depth, index: found))
                        if sink.isEmpty {
                            add(.aliases([alias]))
                        } else {
                            sink[sink.count - 1].append(.instance(.alias(alias)))
                        }
                        // The alias answers to the name but does not carry it
                        // into the name section (as in wasm-tools).
                        return try scope.define(space, TextIdent(id: id), at: t, recordName: false)
                    }
                    outer = o.parent
                    depth += 1
                }
                throw c.error("unknown \(space.description): failed to find name `$\(id)`", at: t)
            case .number(let s):
                guard let (neg, v) = WatNumbers.integer(s), !neg, v <= UInt64(UInt32.max) else {
                    throw c.error("invalid u32 number: constant out of range", at: t)
                }
                return UInt32(v)
            default:
                throw c.error("unexpected token, expected a \(space.description) reference", at: t)
            }
        }

        /// `(func $f)`, `(core module 0)`, ...: a sort and an index.
        mutating func sortRef(_ c: inout TextCursor, in scope: TextScope) throws(WatError) -> SortIndex {
            let n = try c.next("an item reference")
            var r = TextCursor(n)
            let sort = try self.sort(&r)
            let i = try itemRef(&r, sort, in: scope)
            try r.done()
            return SortIndex(sort, i)
        }

        mutating func sort(_ c: inout TextCursor) throws(WatError) -> Sort {
            let at = c.here
            let k = try c.anyKeyword("a sort")
            switch k {
            case "core":
                let s = try c.anyKeyword("a core sort")
                guard let cs = CoreSort.allCases.first(where: { $0.name == s }) else { throw c.error("unknown core sort `\(s)`") }
                return .core(cs)
            case "func": return .func_
            case "value": return .value
            case "type": return .type
            case "component": return .component
            case "instance": return .instance
            default: throw c.error("unexpected token, expected one of: `core`, `func`, `component`, `instance`, `value`, `type`", at: at)
            }
        }

        // MARK: instances and aliases

        mutating func coreInstance(_ c: inout TextCursor) throws(WatError) -> CoreInstance {
            let at = c.open
            let ident = try c.ident()
            let instance: CoreInstance
            if var inst = c.list("instantiate") {
                let module = try index(&inst, .coreModule, in: scope)
                var args: [CoreInstance.Arg] = []
                while var w = inst.list("with") {
                    let name = try w.string()
                    guard var i = w.list("instance") else { throw w.error("unexpected token, expected `(instance ...)`") }
                    args.append(CoreInstance.Arg(name: name, index: try index(&i, .coreInstance, in: scope)))
                    try i.done()
                    try w.done()
                }
                try inst.done()
                instance = CoreInstance(.instantiate(module: module, args: args))
            } else {
                var exports: [CoreInstance.InlineExport] = []
                while var e = c.list("export") {
                    let name = try e.string()
                    let n = try e.next("a core item reference")
                    var r = TextCursor(n)
                    let k = try r.anyKeyword("a core sort")
                    guard let cs = CoreSort.allCases.first(where: { $0.name == k }) else { throw r.error("unknown core sort `\(k)`") }
                    let i = try itemRef(&r, .core(cs), in: scope)
                    try r.done()
                    try e.done()
                    exports.append(CoreInstance.InlineExport(name: name, item: CoreSortIndex(cs, i)))
                }
                instance = CoreInstance(.fromExports(exports))
            }
            try scope.define(.coreInstance, ident, at: at)
            return instance
        }

        /// `(instance ...)`: instantiation, a bag of exports, or an import.
        mutating func instanceItem(_ c: inout TextCursor) throws(WatError) {
            let at = c.open
            guard let head = try itemHead(&c, .instance) else { return }
            add(.instances([try instance(&c, ident: head.ident, at: at)]))
            try emitExports(head.exports, of: SortIndex(.instance, scope.count(.instance) - 1), at: at)
        }

        mutating func instance(_ c: inout TextCursor, ident: TextIdent, at: WatToken) throws(WatError) -> ComponentInstance {
            let instance: ComponentInstance
            if var inst = c.list("instantiate") {
                let component = try index(&inst, .component, in: scope)
                var args: [ComponentInstance.Arg] = []
                while var w = inst.list("with") {
                    let name = try w.string()
                    args.append(ComponentInstance.Arg(name: name, item: try sortRef(&w, in: scope)))
                    try w.done()
                }
                try inst.done()
                instance = ComponentInstance(.instantiate(component: component, args: args))
            } else {
                var exports: [ComponentInstance.InlineExport] = []
                while var e = c.list("export") {
                    let name = try externName(&e)
                    exports.append(ComponentInstance.InlineExport(name: name, item: try sortRef(&e, in: scope)))
                    try e.done()
                }
                instance = ComponentInstance(.fromExports(exports))
            }
            try scope.define(.instance, ident, at: at)
            return instance
        }

        mutating func alias(_ c: inout TextCursor, in scope: TextScope) throws(WatError) -> Alias {
            let at = c.open
            if c.keyword("export") {
                let inst = try index(&c, .instance, in: scope)
                let name = try c.string()
                let (sort, ident) = try aliasTarget(&c)
                try scope.define(TextScope.Space(sort), ident, at: at)
                return Alias(sort: sort, target: .instanceExport(instance: inst, name: name))
            }
            if c.keyword("core") {
                try c.expectKeyword("export")
                let inst = try index(&c, .coreInstance, in: scope)
                let name = try c.string()
                let (sort, ident) = try aliasTarget(&c)
                try scope.define(TextScope.Space(sort), ident, at: at)
                return Alias(sort: sort, target: .coreInstanceExport(instance: inst, name: name))
            }
            try c.expectKeyword("outer")
            let (count, outer) = try outerScope(&c, scope, at: c.items.first?.token)
            let n = c.peek()?.token ?? at
            // The index is resolved once the sort is known (it follows).
            let indexNode = try c.next("an outer item reference")
            let (sort, ident) = try aliasTarget(&c)
            var ic = TextCursor(.list(open: n, items: [indexNode], end: 0))
            let i = try index(&ic, TextScope.Space(sort), in: outer)
            switch sort {
            case .core(.module), .core(.type), .type, .component: break
            default: throw c.error("outer item `\(i)` is not a module, type, or component", at: n)
            }
            try scope.define(TextScope.Space(sort), ident, at: at)
            return Alias(sort: sort, target: .outer(count: count, index: i))
        }

        /// The count and scope an outer alias names (`$id` or a number).
        /// Errors point at `at` (the `alias` keyword) when given, as wasm-tools does.
        mutating func outerScope(_ c: inout TextCursor, _ scope: TextScope, at: WatToken? = nil) throws(WatError) -> (UInt32, TextScope) {
            let n = try c.next("an outer component")
            guard case .atom(let t) = n else { throw c.error("unexpected token, expected an outer component", at: n.token) }
            switch t.kind {
            case .id(let id):
                var s: TextScope? = scope
                var count: UInt32 = 0
                while let cur = s {
                    if cur.id == id { return (count, cur) }
                    s = cur.parent
                    count += 1
                }
                throw c.error("outer component `\(id)` not found", at: at ?? t)
            case .number(let str):
                guard let (neg, v) = WatNumbers.integer(str), !neg, v <= UInt64(UInt32.max) else {
                    throw c.error("invalid u32 number: constant out of range", at: t)
                }
                var s: TextScope = scope
                for _ in 0..<v {
                    guard let p = s.parent else { throw c.error("outer count of `\(v)` is too large", at: at ?? t) }
                    s = p
                }
                return (UInt32(v), s)
            default:
                throw c.error("unexpected token, expected an outer component", at: t)
            }
        }

        /// `(func $f?)`, `(core memory $m?)`, ... at the end of an alias.
        mutating func aliasTarget(_ c: inout TextCursor) throws(WatError) -> (Sort, TextIdent) {
            let n = try c.next("an alias kind")
            var r = TextCursor(n)
            let sort = try self.sort(&r)
            let ident = try r.ident()
            try r.done()
            return (sort, ident)
        }

        // MARK: imports, exports, start

        mutating func externName(_ c: inout TextCursor) throws(WatError) -> ExternName {
            let name = try c.string()
            // Each attribute at most once, in this order (as wasm-tools reads them).
            var attrs: [ExternName.Attribute] = []
            if var l = c.list("implements") { attrs.append(.implements(try l.string())); try l.done() }
            if var l = c.list("versionsuffix") { attrs.append(.versionSuffix(try l.string())); try l.done() }
            if var l = c.list("external-id") { attrs.append(.externalId(try l.string())); try l.done() }
            return ExternName(name, kind: attrs.isEmpty ? 0 : 2, attributes: attrs)
        }

        mutating func importDecl(_ c: inout TextCursor, in scope: TextScope) throws(WatError) -> Import {
            let name = try externName(&c)
            let type = try externDesc(&c, in: scope, define: true)
            return Import(name: name, type: type)
        }

        /// `(func $f? (type $t))` and the other import/export descriptions,
        /// with their inline type forms; with `define`, the item is added to
        /// its index space (under its own `$id`, or `fallback`'s).
        mutating func externDesc(_ c: inout TextCursor, in scope: TextScope, define: Bool, fallback: TextIdent = TextIdent()) throws(WatError) -> ExternType {
            let n = try c.next("an item description")
            var d = TextCursor(n)
            let sort = try self.sort(&d)
            var ident = try d.ident()
            if ident.id == nil && ident.name == nil { ident = fallback }
            let type = try externType(&d, sort, in: scope, at: n.token)
            try d.done()
            if define { try scope.define(TextScope.Space(sort), ident, at: n.token) }
            return type
        }

        /// The type part of an item description of `sort`: a `(type $t)`
        /// reference or the inline type (added as a new type at `at`).
        /// Item descriptions and items written as imports share it.
        mutating func externType(_ d: inout TextCursor, _ sort: Sort, in scope: TextScope, at: WatToken) throws(WatError) -> ExternType {
            switch sort {
            case .core(.module):
                if let i = try typeRef(&d, .coreType, in: scope) { return .module(coreType: i) }
                let decls = try moduleTypeDecls(&d, parent: scope)
                return .module(coreType: try emitCoreType(.module(decls), in: scope, at: at))
            case .func_: return .func_(type: try funcTypeUse(&d, in: scope, at: at))
            case .instance:
                if let i = try typeRef(&d, .type, in: scope) { return .instance(type: i) }
                let decls = try instanceTypeDecls(&d, parent: scope, depth: depth + 1)
                return .instance(type: try emitType(TypeDef(.instance(decls)), in: scope, at: at))
            case .component:
                if let i = try typeRef(&d, .type, in: scope) { return .component(type: i) }
                let decls = try componentTypeDecls(&d, parent: scope, depth: depth + 1)
                return .component(type: try emitType(TypeDef(.component(decls)), in: scope, at: at))
            case .value:
                if let i = try typeRef(&d, .type, in: scope) { return .value(.index(i)) }
                return .value(try valType(&d, in: scope))
            case .type:
                if var eq = d.list("eq") {
                    let i = try index(&eq, .type, in: scope)
                    try eq.done()
                    return .type(.eq(i))
                }
                guard var sub = d.list("sub") else { throw d.error("unexpected token, expected `(eq ...)` or `(sub resource)`") }
                try sub.expectKeyword("resource")
                try sub.done()
                return .type(.subResource)
            default:
                throw d.error("unexpected token, expected an item description", at: at)
            }
        }

        /// The index of a `(type $t)` reference in `space`, if one comes next.
        mutating func typeRef(_ c: inout TextCursor, _ space: TextScope.Space, in scope: TextScope) throws(WatError) -> UInt32? {
            guard var t = c.typeUse() else { return nil }
            let i = try index(&t, space, in: scope)
            try t.done()
            return i
        }

        /// The start of an item that can be written as an import: `$id?
        /// (export "e")* (import "i")?`. An item written as an import is read
        /// to its end here and nil is returned; otherwise its `$id` and
        /// inline exports, for the caller to read the rest.
        mutating func itemHead(_ c: inout TextCursor, _ sort: Sort) throws(WatError) -> (ident: TextIdent, exports: [ExternName])? {
            let ident = try c.ident()
            let exports = try inlineExports(&c)
            guard let name = try inlineImport(&c) else { return (ident, exports) }
            try importedItem(&c, name, sort, ident: ident, exports: exports, at: c.open)
            return nil
        }

        /// The rest of an item written as an import, `(instance $i (export "e")*
        /// (import "name") (type $t))` and its kin: its type, the import, its
        /// index and its inline exports.
        mutating func importedItem(_ c: inout TextCursor, _ name: ExternName, _ sort: Sort, ident: TextIdent, exports: [ExternName], at: WatToken) throws(WatError) {
            let type = try externType(&c, sort, in: scope, at: at)
            try c.done()
            add(.imports([Import(name: name, type: type)]))
            let i = try scope.define(TextScope.Space(sort), ident, at: at)
            try emitExports(exports, of: SortIndex(sort, i), at: at)
        }

        mutating func export(_ c: inout TextCursor) throws(WatError) -> Export {
            let at = c.open
            let ident = try c.ident()
            let name = try externName(&c)
            let item = try sortRef(&c, in: scope)
            var type: ExternType? = nil
            if !c.isAtEnd { type = try externDesc(&c, in: scope, define: false) }
            try scope.define(TextScope.Space(item.sort), ident, at: at)
            return Export(name: name, item: item, type: type)
        }

        mutating func start(_ c: inout TextCursor) throws(WatError) -> Start {
            let f = try index(&c, .func_, in: scope)
            var args: [UInt32] = []
            while var v = c.list("value") { args.append(try index(&v, .value, in: scope)); try v.done() }
            var results: UInt32 = 0
            while var r = c.list("result") {
                guard var v = r.list("value") else { throw r.error("unexpected token, expected `(value ...)`") }
                try scope.define(.value, try v.ident(), at: r.open)
                try v.done()
                try r.done()
                results += 1
            }
            return Start(function: f, args: args, results: results)
        }
    }
}
