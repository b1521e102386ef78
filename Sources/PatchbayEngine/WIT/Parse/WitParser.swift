/// Recursive-descent parser for WIT text: tokens from `WitLexer` to a
/// `WitAST.PackageFile`. It resolves nothing; see `WitResolver`.
///
/// The type-expression entry point (`parseType`) is public on its own so
/// that other front ends whose grammar embeds WIT types (WAC) can call it
/// on their own lexer.
public struct WitParser {
    /// Deepest `list<list<...>>` nesting accepted (a guard against stack
    /// exhaustion on hostile input).
    static let maxTypeDepth = 100
    /// Deepest `package a:b { package ... }` nesting accepted.
    static let maxPackageDepth = 100

    public var lexer: WitLexer

    public init(lexer: WitLexer) { self.lexer = lexer }

    /// Parses one file's text. Errors carry global offsets of `base` (the
    /// file's position in its source map), see `WitSourceMap`.
    public static func parse(text: String, base: Int = 0) throws(WitDiagnostic) -> WitAST.PackageFile {
        var p = WitParser(lexer: try WitLexer(text, base: base))
        return try p.parseFile()
    }

    /// Parses `source` as one WIT file named `path` (used in messages).
    public static func parse(source: String, path: String) throws(WitLoadError) -> WitAST.PackageFile {
        var map = WitSourceMap()
        let base = map.add(path: path, text: source)
        do {
            return try parse(text: source, base: base)
        } catch {
            throw map.error(error, kind: .syntax)
        }
    }

    // MARK: files and packages

    public mutating func parseFile() throws(WitDiagnostic) -> WitAST.PackageFile {
        // `package a:b;` names the file's package; `package a:b { ... }` is
        // an item instead, so the header is only taken when `;` follows.
        var probe = lexer
        let docs = try Self.parseDocs(&probe)
        var name: WitAST.PackageName?
        if try probe.eat(.package) {
            let n = try Self.parsePackageName(&probe, docs: docs)
            if try probe.eat(.semicolon) {
                lexer = probe
                name = n
            }
        }
        let items = try parseDeclList(until: nil, depth: 0)
        return WitAST.PackageFile(packageName: name, items: items)
    }

    mutating func parseNested(docs: WitAST.Docs, attributes: [WitAST.Attribute], depth: Int) throws(WitDiagnostic) -> WitAST.PackageFile {
        let span = try lexer.expect(.package)
        if !attributes.isEmpty { throw WitDiagnostic(span, "cannot place attributes on nested packages") }
        if depth >= Self.maxPackageDepth { throw WitDiagnostic(span, "package nesting too deep") }
        let name = try Self.parsePackageName(&lexer, docs: docs)
        try lexer.expect(.leftBrace)
        let items = try parseDeclList(until: .rightBrace, depth: depth + 1)
        return WitAST.PackageFile(packageName: name, items: items)
    }

    mutating func parseDeclList(until end: WitTokenKind?, depth: Int) throws(WitDiagnostic) -> [WitAST.Item] {
        var items: [WitAST.Item] = []
        var docs = try Self.parseDocs(&lexer)
        while true {
            if let end {
                if try lexer.eat(end) { break }
            } else if try lexer.peek() == nil {
                break
            }
            items.append(try parseItem(docs: docs, depth: depth))
            docs = try Self.parseDocs(&lexer)
        }
        return items
    }

    mutating func parseItem(docs: WitAST.Docs, depth: Int) throws(WitDiagnostic) -> WitAST.Item {
        let attributes = try parseAttributes()
        let t = try lexer.peek()
        switch t?.kind {
        case .interface?:
            return .interface(try parseInterface(docs: docs, attributes: attributes))
        case .world?:
            return .world(try parseWorld(docs: docs, attributes: attributes))
        case .use?:
            let span = try lexer.expect(.use)
            let path = try parseUsePath()
            let asName = try lexer.eat(.as) ? try parseID() : nil
            try lexer.expect(.semicolon)
            return .use(WitAST.ToplevelUse(span: span, attributes: attributes, path: path, asName: asName))
        case .package?:
            return .package(try parseNested(docs: docs, attributes: attributes, depth: depth))
        default:
            throw lexer.expected("`world`, `interface` or `use`", found: t)
        }
    }

    static func parsePackageName(_ lexer: inout WitLexer, docs: WitAST.Docs) throws(WitDiagnostic) -> WitAST.PackageName {
        var p = WitParser(lexer: lexer)
        let ns = try p.parseID()
        try p.lexer.expect(.colon)
        let name = try p.parseID()
        let version = try p.parseOptVersion()
        lexer = p.lexer
        return WitAST.PackageName(docs: docs, span: WitSpan(ns.span.start, version?.span.end ?? name.span.end),
                                  namespace: ns, name: name, version: version)
    }

    // MARK: interfaces and worlds

    mutating func parseInterface(docs: WitAST.Docs, attributes: [WitAST.Attribute]) throws(WitDiagnostic) -> WitAST.Interface {
        try lexer.expect(.interface)
        let name = try parseID()
        let items = try parseInterfaceItems()
        return WitAST.Interface(docs: docs, attributes: attributes, name: name, items: items)
    }

    mutating func parseInterfaceItems() throws(WitDiagnostic) -> [WitAST.InterfaceItem] {
        try lexer.expect(.leftBrace)
        var items: [WitAST.InterfaceItem] = []
        while true {
            let docs = try Self.parseDocs(&lexer)
            if try lexer.eat(.rightBrace) { break }
            let attributes = try parseAttributes()
            let t = try lexer.peek()
            switch t?.kind {
            case .type?, .flags?, .enum?, .variant?, .resource?, .record?:
                items.append(.typeDef(try parseTypeDef(docs: docs, attributes: attributes)))
            case .id?, .explicitId?:
                items.append(.function(try parseNamedFunc(docs: docs, attributes: attributes)))
            case .use?:
                items.append(.use(try parseUse(attributes: attributes)))
            default:
                throw lexer.expected("`type`, `resource` or `func`", found: t)
            }
        }
        return items
    }

    mutating func parseWorld(docs: WitAST.Docs, attributes: [WitAST.Attribute]) throws(WitDiagnostic) -> WitAST.World {
        try lexer.expect(.world)
        let name = try parseID()
        try lexer.expect(.leftBrace)
        var items: [WitAST.WorldItem] = []
        while true {
            let docs = try Self.parseDocs(&lexer)
            if try lexer.eat(.rightBrace) { break }
            let attributes = try parseAttributes()
            let t = try lexer.peek()
            switch t?.kind {
            case .import?:
                try lexer.expect(.import)
                items.append(.import(WitAST.Extern(docs: docs, attributes: attributes, kind: try parseExternKind())))
            case .export?:
                try lexer.expect(.export)
                items.append(.export(WitAST.Extern(docs: docs, attributes: attributes, kind: try parseExternKind())))
            case .use?:
                items.append(.use(try parseUse(attributes: attributes)))
            case .type?, .flags?, .resource?, .record?, .variant?, .enum?:
                items.append(.type(try parseTypeDef(docs: docs, attributes: attributes)))
            case .include?:
                items.append(.include(try parseInclude(attributes: attributes)))
            default:
                throw lexer.expected("`import`, `export`, `include`, `use`, or type definition", found: t)
            }
        }
        return WitAST.World(docs: docs, attributes: attributes, name: name, items: items)
    }

    /// What follows `import`/`export`: `name: func ...`, `name: interface
    /// {...}`, `name: path;` or a bare path. `ns:pkg/iface` also starts with
    /// `id :`, so a label is only taken when no `/` follows the next id.
    mutating func parseExternKind() throws(WitDiagnostic) -> WitAST.ExternKind {
        var probe = self
        let id = try probe.parseID()
        if try probe.lexer.eat(.colon) {
            let next = try probe.lexer.peek()?.kind
            if next == .func || next == .async {
                self = probe
                let f = try parseFunc()
                try lexer.expect(.semicolon)
                return .function(id, f)
            }
            if try probe.lexer.eat(.interface) {
                self = probe
                return .interface(id, try parseInterfaceItems())
            }
            var peek = probe
            let qualified: Bool
            do {
                _ = try peek.parseID()
                qualified = try peek.lexer.peekIs(.slash)
            } catch {
                qualified = false
            }
            if !qualified {
                self = probe
                let path = try parseUsePath()
                try lexer.expect(.semicolon)
                return .namedPath(id, path)
            }
        }
        let path = try parseUsePath()
        try lexer.expect(.semicolon)
        return .path(path)
    }

    mutating func parseUsePath() throws(WitDiagnostic) -> WitAST.UsePath {
        let id = try parseID()
        guard try lexer.eat(.colon) else { return .id(id) }
        let pkg = try parseID()
        try lexer.expect(.slash)
        let name = try parseID()
        let version = try parseOptVersion()
        let pn = WitAST.PackageName(docs: WitAST.Docs(), span: WitSpan(id.span.start, pkg.span.end),
                                    namespace: id, name: pkg, version: version)
        return .package(pn, name)
    }

    mutating func parseUse(attributes: [WitAST.Attribute]) throws(WitDiagnostic) -> WitAST.Use {
        try lexer.expect(.use)
        let from = try parseUsePath()
        try lexer.expect(.period)
        try lexer.expect(.leftBrace)
        var names: [(name: WitAST.Ident, asName: WitAST.Ident?)] = []
        while !(try lexer.eat(.rightBrace)) {
            let n = try parseID()
            let a = try lexer.eat(.as) ? try parseID() : nil
            names.append((n, a))
            if !(try lexer.eat(.comma)) {
                try lexer.expect(.rightBrace)
                break
            }
        }
        try lexer.expect(.semicolon)
        return WitAST.Use(attributes: attributes, from: from, names: names)
    }

    mutating func parseInclude(attributes: [WitAST.Attribute]) throws(WitDiagnostic) -> WitAST.Include {
        try lexer.expect(.include)
        let from = try parseUsePath()
        var names: [(name: WitAST.Ident, asName: WitAST.Ident)] = []
        if try lexer.eat(.with) {
            try lexer.expect(.leftBrace)
            while true {
                _ = try Self.parseDocs(&lexer)
                if try lexer.eat(.rightBrace) { break }
                let n = try parseID()
                try lexer.expect(.as)
                let a = try parseID()
                names.append((n, a))
                if !(try lexer.eat(.comma)) {
                    try lexer.expect(.rightBrace)
                    break
                }
            }
        } else {
            try lexer.expect(.semicolon)
        }
        return WitAST.Include(attributes: attributes, from: from, names: names)
    }

    // MARK: type definitions

    mutating func parseTypeDef(docs: WitAST.Docs, attributes: [WitAST.Attribute]) throws(WitDiagnostic) -> WitAST.TypeDef {
        let t = try lexer.peek()
        switch t?.kind {
        case .type?:
            try lexer.expect(.type)
            let name = try parseID()
            try lexer.expect(.equals)
            let ty = try parseType()
            try lexer.expect(.semicolon)
            return WitAST.TypeDef(docs: docs, attributes: attributes, name: name, type: ty)
        case .flags?:
            try lexer.expect(.flags)
            let name = try parseID()
            let flags = try parseList(.leftBrace, .rightBrace) { (p: inout WitParser, d: WitAST.Docs) throws(WitDiagnostic) in
                WitAST.NamedCase(docs: d, name: try p.parseID())
            }
            return WitAST.TypeDef(docs: docs, attributes: attributes, name: name, type: .flags(flags, name.span))
        case .enum?:
            try lexer.expect(.enum)
            let name = try parseID()
            let cases = try parseList(.leftBrace, .rightBrace) { (p: inout WitParser, d: WitAST.Docs) throws(WitDiagnostic) in
                WitAST.NamedCase(docs: d, name: try p.parseID())
            }
            return WitAST.TypeDef(docs: docs, attributes: attributes, name: name, type: .enumeration(cases, name.span))
        case .variant?:
            try lexer.expect(.variant)
            let name = try parseID()
            let cases = try parseList(.leftBrace, .rightBrace) { (p: inout WitParser, d: WitAST.Docs) throws(WitDiagnostic) in
                let n = try p.parseID()
                var ty: WitAST.TypeExpr?
                if try p.lexer.eat(.leftParen) {
                    ty = try p.parseType()
                    try p.lexer.expect(.rightParen)
                }
                return WitAST.Case(docs: d, name: n, type: ty)
            }
            return WitAST.TypeDef(docs: docs, attributes: attributes, name: name, type: .variant(cases, name.span))
        case .record?:
            try lexer.expect(.record)
            let name = try parseID()
            let fields = try parseList(.leftBrace, .rightBrace) { (p: inout WitParser, d: WitAST.Docs) throws(WitDiagnostic) in
                let n = try p.parseID()
                try p.lexer.expect(.colon)
                return WitAST.Field(docs: d, name: n, type: try p.parseType())
            }
            return WitAST.TypeDef(docs: docs, attributes: attributes, name: name, type: .record(fields, name.span))
        case .resource?:
            try lexer.expect(.resource)
            let name = try parseID()
            var funcs: [WitAST.ResourceFunc] = []
            if try lexer.eat(.leftBrace) {
                while !(try lexer.eat(.rightBrace)) {
                    let d = try Self.parseDocs(&lexer)
                    let attrs = try parseAttributes()
                    funcs.append(try parseResourceFunc(docs: d, attributes: attrs))
                }
            } else {
                try lexer.expect(.semicolon)
            }
            return WitAST.TypeDef(docs: docs, attributes: attributes, name: name, type: .resource(funcs, name.span))
        default:
            throw lexer.expected("a type definition", found: t)
        }
    }

    mutating func parseResourceFunc(docs: WitAST.Docs, attributes: [WitAST.Attribute]) throws(WitDiagnostic) -> WitAST.ResourceFunc {
        let t = try lexer.peek()
        switch t?.kind {
        case .constructor?:
            let span = try lexer.expect(.constructor)
            try lexer.expect(.leftParen)
            let params = try parseParams()
            let result = try lexer.eat(.rArrow) ? try parseType() : nil
            try lexer.expect(.semicolon)
            let f = WitAST.Func(span: span, isAsync: false, params: params, result: result)
            return WitAST.ResourceFunc(kind: .constructor, function: WitAST.NamedFunc(
                docs: docs, attributes: attributes, name: WitAST.Ident(name: "constructor", span: span), function: f))
        case .id?, .explicitId?:
            let name = try parseID()
            try lexer.expect(.colon)
            let kind: WitAST.ResourceFuncKind = try lexer.eat(.static) ? .static : .method
            let f = try parseFunc()
            try lexer.expect(.semicolon)
            return WitAST.ResourceFunc(kind: kind, function: WitAST.NamedFunc(docs: docs, attributes: attributes, name: name, function: f))
        default:
            throw lexer.expected("`constructor` or identifier", found: t)
        }
    }

    mutating func parseNamedFunc(docs: WitAST.Docs, attributes: [WitAST.Attribute]) throws(WitDiagnostic) -> WitAST.NamedFunc {
        let name = try parseID()
        try lexer.expect(.colon)
        let f = try parseFunc()
        try lexer.expect(.semicolon)
        return WitAST.NamedFunc(docs: docs, attributes: attributes, name: name, function: f)
    }

    /// `async? func(params) (-> type)?`
    mutating func parseFunc() throws(WitDiagnostic) -> WitAST.Func {
        let isAsync = try lexer.eat(.async)
        let span = try lexer.expect(.func)
        try lexer.expect(.leftParen)
        let params = try parseParams()
        let result = try lexer.eat(.rArrow) ? try parseType() : nil
        return WitAST.Func(span: span, isAsync: isAsync, params: params, result: result)
    }

    /// `name: type, ...)` after the opening parenthesis.
    mutating func parseParams() throws(WitDiagnostic) -> [(name: WitAST.Ident, type: WitAST.TypeExpr)] {
        try parseListTrailer(.rightParen) { (p: inout WitParser, _: WitAST.Docs) throws(WitDiagnostic) in
            let n = try p.parseID()
            try p.lexer.expect(.colon)
            return (n, try p.parseType())
        }
    }

    // MARK: type expressions

    /// Parses one type expression (`u32`, `list<tuple<a, b>>`, `result<_, e>`,
    /// `borrow<r>`, a name...). The entry point WAC reuses for its types.
    public mutating func parseType() throws(WitDiagnostic) -> WitAST.TypeExpr {
        try parseType(depth: 0)
    }

    mutating func parseType(depth: Int) throws(WitDiagnostic) -> WitAST.TypeExpr {
        let tok = try lexer.next()
        if depth >= Self.maxTypeDepth {
            throw WitDiagnostic(tok?.span ?? lexer.eofSpan, "type nesting too deep")
        }
        guard let t = tok else { throw lexer.expected("a type", found: nil) }
        let s = t.span
        switch t.kind {
        case .u8: return .primitive(.u8, s)
        case .u16: return .primitive(.u16, s)
        case .u32: return .primitive(.u32, s)
        case .u64: return .primitive(.u64, s)
        case .s8: return .primitive(.s8, s)
        case .s16: return .primitive(.s16, s)
        case .s32: return .primitive(.s32, s)
        case .s64: return .primitive(.s64, s)
        case .f32: return .primitive(.f32, s)
        case .f64: return .primitive(.f64, s)
        case .char: return .primitive(.char, s)
        case .bool: return .primitive(.bool, s)
        case .string: return .primitive(.string, s)
        case .errorContext: return .primitive(.errorContext, s)
        case .tuple:
            let types = try parseList(.lessThan, .greaterThan) { (p: inout WitParser, _: WitAST.Docs) throws(WitDiagnostic) in
                try p.parseType(depth: depth + 1)
            }
            return .tuple(types, s)
        case .list:
            try lexer.expect(.lessThan)
            let inner = try parseType(depth: depth + 1)
            if try lexer.eat(.comma) {
                let n = try lexer.next()
                guard let n, n.kind == .integer else { throw lexer.expected("fixed-length", found: n) }
                guard let size = UInt32(lexer.text(n.span)) else {
                    throw WitDiagnostic(n.span, "invalid list size: number too large to fit in target type")
                }
                try lexer.expect(.greaterThan)
                return .fixedList(inner, size, s)
            }
            try lexer.expect(.greaterThan)
            return .list(inner, s)
        case .map:
            try lexer.expect(.lessThan)
            let k = try parseType(depth: depth + 1)
            try lexer.expect(.comma)
            let v = try parseType(depth: depth + 1)
            try lexer.expect(.greaterThan)
            return .map(k, v, s)
        case .option:
            try lexer.expect(.lessThan)
            let inner = try parseType(depth: depth + 1)
            try lexer.expect(.greaterThan)
            return .option(inner, s)
        case .result:
            var ok: WitAST.TypeExpr?, err: WitAST.TypeExpr?
            if try lexer.eat(.lessThan) {
                if try lexer.eat(.underscore) {
                    try lexer.expect(.comma)
                    err = try parseType(depth: depth + 1)
                } else {
                    ok = try parseType(depth: depth + 1)
                    if try lexer.eat(.comma) { err = try parseType(depth: depth + 1) }
                }
                try lexer.expect(.greaterThan)
            }
            return .result(ok: ok, err: err, s)
        case .future, .stream:
            var inner: WitAST.TypeExpr?
            if try lexer.eat(.lessThan) {
                inner = try parseType(depth: depth + 1)
                try lexer.expect(.greaterThan)
            }
            return t.kind == .future ? .future(inner, s) : .stream(inner, s)
        case .own, .borrow:
            try lexer.expect(.lessThan)
            let r = try parseID()
            try lexer.expect(.greaterThan)
            return t.kind == .own ? .own(r) : .borrow(r)
        case .id:
            return .name(WitAST.Ident(name: try idText(t), span: s))
        case .explicitId:
            return .name(WitAST.Ident(name: try idText(t), span: s))
        default:
            throw lexer.expected("a type", found: t)
        }
    }

    // MARK: lists, identifiers, versions, docs, attributes

    mutating func parseList<T>(_ start: WitTokenKind, _ end: WitTokenKind,
                               _ item: (inout WitParser, WitAST.Docs) throws(WitDiagnostic) -> T) throws(WitDiagnostic) -> [T] {
        try lexer.expect(start)
        return try parseListTrailer(end, item)
    }

    /// Items separated by commas up to `end`, a trailing comma allowed.
    mutating func parseListTrailer<T>(_ end: WitTokenKind,
                                      _ item: (inout WitParser, WitAST.Docs) throws(WitDiagnostic) -> T) throws(WitDiagnostic) -> [T] {
        var items: [T] = []
        while true {
            let docs = try Self.parseDocs(&lexer)
            if try lexer.eat(end) { break }
            items.append(try item(&self, docs))
            if !(try lexer.eat(.comma)) {
                try lexer.expect(end)
                break
            }
        }
        return items
    }

    /// The name of an `id` or `%id` token, validated.
    func idText(_ t: WitToken) throws(WitDiagnostic) -> String {
        var text = lexer.text(t.span)
        var start = t.span.start
        if t.kind == .explicitId {
            text.removeFirst()
            start += 1
        }
        try WitLexer.validateID(Substring(text), at: t.kind == .explicitId ? t.span.start : start)
        return text
    }

    public mutating func parseID() throws(WitDiagnostic) -> WitAST.Ident {
        let t = try lexer.next()
        guard let t, t.kind == .id || t.kind == .explicitId else {
            throw lexer.expected("an identifier or string", found: t)
        }
        return WitAST.Ident(name: try idText(t), span: t.span)
    }

    mutating func parseOptVersion() throws(WitDiagnostic) -> (span: WitSpan, text: String)? {
        guard try lexer.eat(.at) else { return nil }
        return try parseVersion()
    }

    /// `1.2.3`, then an optional `-pre.release` and `+build.meta`. The
    /// lexer splits these into integers, ids, `-` and `.`; a `.` not followed
    /// by one of those belongs to the surrounding syntax (`use a:b/c@1.0.0.{x}`).
    mutating func parseVersion() throws(WitDiagnostic) -> (span: WitSpan, text: String) {
        let start = try lexer.expect(.integer).start
        try lexer.expect(.period)
        try lexer.expect(.integer)
        try lexer.expect(.period)
        var end = try lexer.expect(.integer).end
        for prefix in [WitTokenKind.minus, .plus] {
            guard try lexer.eat(prefix) else { continue }
            while true {
                var probe = lexer
                guard let t = try probe.next() else { break }
                if t.kind == .id || t.kind == .integer || t.kind == .minus {
                    end = t.span.end
                    lexer = probe
                    continue
                }
                if t.kind == .period, let u = try probe.next(), u.kind == .id || u.kind == .integer || u.kind == .minus {
                    end = u.span.end
                    lexer = probe
                    continue
                }
                break
            }
        }
        let span = WitSpan(start, end)
        let text = lexer.text(span)
        if let problem = WitVersion.problem(text) { throw WitDiagnostic(span, problem) }
        return (span, text)
    }

    /// The comments before an item. wit-parser keeps every comment as
    /// documentation, not only `///`, and the printed output follows that.
    static func parseDocs(_ lexer: inout WitLexer) throws(WitDiagnostic) -> WitAST.Docs {
        var docs = WitAST.Docs()
        var probe = lexer
        while let t = try probe.nextRaw() {
            if t.kind == .comment {
                let text = probe.text(t.span)
                if !docs.span.isKnown { docs.span = WitSpan(t.span.start, t.span.start) }
                let trailing = text.utf8.reversed().prefix { $0 == 0x20 || $0 == 0x09 || $0 == 0x0a || $0 == 0x0d || $0 == 0x0c }.count
                docs.span.end = t.span.end - trailing
                docs.comments.append(text)
            } else if t.kind != .whitespace {
                break
            }
            lexer = probe
        }
        return docs
    }

    mutating func parseAttributes() throws(WitDiagnostic) -> [WitAST.Attribute] {
        var out: [WitAST.Attribute] = []
        while try lexer.eat(.at) {
            let id = try parseID()
            switch id.name {
            case "since", "deprecated":
                try lexer.expect(.leftParen)
                try eatID("version")
                try lexer.expect(.equals)
                let v = try parseVersion()
                try lexer.expect(.rightParen)
                out.append(id.name == "since" ? .since(span: id.span, version: v.text) : .deprecated(span: id.span, version: v.text))
            case "unstable":
                try lexer.expect(.leftParen)
                try eatID("feature")
                try lexer.expect(.equals)
                let feature = try parseID()
                try lexer.expect(.rightParen)
                out.append(.unstable(span: id.span, feature: feature))
            case "external-id":
                try lexer.expect(.leftParen)
                let s = try lexer.next()
                guard let s, s.kind == .stringLiteral else { throw lexer.expected(WitTokenKind.stringLiteral.describe, found: s) }
                try lexer.expect(.rightParen)
                out.append(.externalId(span: id.span, id: try lexer.stringValue(s)))
            default:
                throw WitDiagnostic(id.span, "unknown attribute `\(id.name)`")
            }
        }
        return out
    }

    mutating func eatID(_ expected: String) throws(WitDiagnostic) {
        let id = try parseID()
        if id.name != expected { throw WitDiagnostic(id.span, "expected `\(expected)`, found `\(id.name)`") }
    }
}

/// Semantic versions as WIT writes them (`1.0.0`, `0.2.0-rc-2023-11-10`,
/// `1.0.0+build`): validation and the ordering `@since` gates compare with.
public struct WitVersion: Comparable, Sendable {
    public var major: UInt64, minor: UInt64, patch: UInt64
    public var pre: [Substring]
    public var build: [Substring]

    public init?(_ text: String) {
        guard WitVersion.problem(text) == nil else { return nil }
        var rest = Substring(text)
        var build: [Substring] = []
        if let plus = rest.firstIndex(of: "+") {
            build = rest[rest.index(after: plus)...].split(separator: ".", omittingEmptySubsequences: false)
            rest = rest[..<plus]
        }
        var pre: [Substring] = []
        if let dash = rest.firstIndex(of: "-") {
            pre = rest[rest.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false)
            rest = rest[..<dash]
        }
        let nums = rest.split(separator: ".").compactMap { UInt64($0) }
        guard nums.count == 3 else { return nil }
        major = nums[0]; minor = nums[1]; patch = nums[2]
        self.pre = pre; self.build = build
    }

    /// Why `text` is not a semantic version, or nil when it is one.
    static func problem(_ text: String) -> String? {
        var rest = Substring(text)
        var build: Substring?
        if let plus = rest.firstIndex(of: "+") { build = rest[rest.index(after: plus)...]; rest = rest[..<plus] }
        var pre: Substring?
        if let dash = rest.firstIndex(of: "-") { pre = rest[rest.index(after: dash)...]; rest = rest[..<dash] }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return "unexpected character after patch version number" }
        for p in parts {
            if p.count > 1 && p.first == "0" { return "invalid leading zero in version number" }
            if UInt64(p) == nil { return "value out of range for version number" }
        }
        func idents(_ s: Substring, numericRule: Bool, what: String) -> String? {
            for id in s.split(separator: ".", omittingEmptySubsequences: false) {
                if id.isEmpty { return "empty identifier segment in \(what)" }
                if !id.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }) {
                    return "unexpected character in \(what)"
                }
                if numericRule, id.count > 1, id.first == "0", id.allSatisfy({ $0.isNumber }) {
                    return "invalid leading zero in \(what) identifier"
                }
            }
            return nil
        }
        if let pre, let p = idents(pre, numericRule: true, what: "pre-release") { return p }
        if let build, let p = idents(build, numericRule: false, what: "build metadata") { return p }
        return nil
    }

    /// semver precedence: numbers, then pre-release (absent is greater),
    /// identifiers compared numerically when both are numbers; build
    /// metadata breaks remaining ties (as Rust's `semver::Version` does).
    public static func < (a: WitVersion, b: WitVersion) -> Bool {
        if (a.major, a.minor, a.patch) != (b.major, b.minor, b.patch) {
            return (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
        }
        let c = compareIdents(a.pre, b.pre, emptyIsGreatest: true)
        if c != 0 { return c < 0 }
        return compareIdents(a.build, b.build, emptyIsGreatest: false) < 0
    }

    public static func == (a: WitVersion, b: WitVersion) -> Bool {
        (a.major, a.minor, a.patch) == (b.major, b.minor, b.patch) && a.pre == b.pre && a.build == b.build
    }

    private static func compareIdents(_ a: [Substring], _ b: [Substring], emptyIsGreatest: Bool) -> Int {
        if a.isEmpty || b.isEmpty {
            if a.isEmpty && b.isEmpty { return 0 }
            return (a.isEmpty == emptyIsGreatest) ? 1 : -1
        }
        for (x, y) in zip(a, b) {
            let xn = UInt64(x), yn = UInt64(y)
            switch (xn, yn) {
            case let (p?, q?): if p != q { return p < q ? -1 : 1 }
            case (.some, nil): return -1
            case (nil, .some): return 1
            case (nil, nil): if x != y { return x < y ? -1 : 1 }
            }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}
