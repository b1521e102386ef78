/// A recursive-descent parser for WAC, following the grammar in wac's
/// LANGUAGE.md. Errors name the line and column, show the line with a
/// caret, and say what was expected and what was found.
public struct WacParser {
    var tokens: [WacToken]
    var at = 0
    let source: String
    let path: String

    public static func parse(_ source: String, path: String) throws(WacError) -> WacDocument {
        var lexer = WacLexer(source, path: path)
        var p = WacParser(tokens: try lexer.tokens(), source: source, path: path)
        return try p.document()
    }

    init(tokens: [WacToken], source: String, path: String) {
        self.tokens = tokens; self.source = source; self.path = path
    }

    var tok: WacToken { tokens[min(at, tokens.count - 1)] }
    var pos: WacPos { WacPos(line: tok.line, column: tok.column) }

    func fail(_ expected: String) -> WacError {
        WacError.at(source, path: path, line: tok.line, column: tok.column, "expected \(expected), found \(tok.text)")
    }

    func isPunct(_ p: String) -> Bool { tok.kind == .punct(p) }
    func isKeyword(_ k: String) -> Bool { tok.kind == .id(k) }

    mutating func eat(_ p: String) -> Bool {
        if isPunct(p) { at += 1; return true }
        return false
    }

    mutating func expect(_ p: String) throws(WacError) {
        guard eat(p) else { throw fail("`\(p)`") }
    }

    mutating func eatKeyword(_ k: String) -> Bool {
        if isKeyword(k) { at += 1; return true }
        return false
    }

    /// An identifier; `%name` escapes a keyword and means `name`.
    mutating func id(_ what: String = "an identifier") throws(WacError) -> String {
        guard case .id(let s) = tok.kind else { throw fail(what) }
        at += 1
        return s.hasPrefix("%") ? String(s.dropFirst()) : s
    }

    mutating func string() throws(WacError) -> String {
        guard case .string(let s) = tok.kind else { throw fail("a string") }
        at += 1
        return s
    }

    // MARK: document

    mutating func document() throws(WacError) -> WacDocument {
        guard eatKeyword("package") else { throw fail("`package` directive") }
        let (name, version) = try packageName()
        var targets: String?
        var targetsPos: WacPos?
        if eatKeyword("targets") { let (t, tp) = try packagePath(); targets = t; targetsPos = tp }
        try expect(";")
        var statements: [WacStatement] = []
        while tok.kind != .end { statements.append(try statement()) }
        return WacDocument(package: name, packageVersion: version, targets: targets, statements: statements, targetsPos: targetsPos)
    }

    /// `ns:name(:more)*(@version)?`
    mutating func packageName() throws(WacError) -> (String, String?) {
        var name = try id("a package name")
        guard isPunct(":") else { throw fail("`:` in the package name") }
        while eat(":") { name += ":" + (try id()) }
        var version: String?
        if eat("@") {
            guard case .version(let v) = tok.kind else { throw fail("a version") }
            at += 1
            version = v
        }
        return (name, version)
    }

    /// `ns:pkg/iface(/more)*(@version)?`, returned as written.
    mutating func packagePath() throws(WacError) -> (String, WacPos) {
        let p = pos
        var s = try id("a package path")
        guard isPunct(":") else { throw fail("`:` in the package path") }
        while eat(":") { s += ":" + (try id()) }
        guard isPunct("/") else { throw fail("`/` and an interface name in the package path") }
        while eat("/") { s += "/" + (try id()) }
        if eat("@") {
            guard case .version(let v) = tok.kind else { throw fail("a version") }
            at += 1
            s += "@" + v
        }
        return (s, p)
    }

    func looksLikePath() -> Bool {
        if case .id = tok.kind, at + 1 < tokens.count, tokens[at + 1].kind == .punct(":") { return true }
        return false
    }

    mutating func statement() throws(WacError) -> WacStatement {
        let p = pos
        if eatKeyword("import") {
            let local = try id("the import's local name")
            var asName: String?
            if eatKeyword("as") {
                if case .string = tok.kind { asName = try string() } else { asName = try id("a name after `as`") }
            }
            try expect(":")
            let t = try externType(allowPath: true)
            try expect(";")
            return .import(local: local, as: asName, t, p)
        }
        if eatKeyword("let") {
            let name = try id("a name to bind")
            try expect("=")
            let e = try expr()
            try expect(";")
            return .let(name, e, p)
        }
        if eatKeyword("export") {
            let e = try expr()
            var asName: String?
            var spread = false
            if eat("...") { spread = true }
            else if eatKeyword("as") {
                if case .string = tok.kind { asName = try string() } else { asName = try id("a name after `as`") }
            }
            try expect(";")
            return .export(e, as: asName, spread: spread, p)
        }
        if eatKeyword("interface") {
            let name = try id("an interface name")
            try expect("{")
            at -= 1
            return .interface(name, try interfaceBody(), p)
        }
        if eatKeyword("world") {
            let name = try id("a world name")
            return .world(name, try worldBody(), p)
        }
        if let d = try typeDecl() { return .type(d) }
        throw fail("`import`, `let`, `export`, `interface`, `world` or a type declaration")
    }

    /// A function type, an inline interface, a package path (where
    /// allowed) or the name of a declared type.
    mutating func externType(allowPath: Bool) throws(WacError) -> WacImportType {
        if isKeyword("func") { return .function(try funcType()) }
        if eatKeyword("interface") { return .interface(try interfaceBody()) }
        if allowPath, looksLikePath() { let (s, pp) = try packagePath(); return .path(s, pp) }
        let pp = pos
        return .named(try id("an import type"), pp)
    }

    /// `{ use ...; type ...; resource ...; import ...; export ...; include ...; }`
    mutating func worldBody() throws(WacError) -> [WacWorldItem] {
        try expect("{")
        var items: [WacWorldItem] = []
        while !eat("}") {
            if isKeyword("use") { items.append(.use(try use())); continue }
            if isKeyword("resource") { items.append(.resource(try resourceDecl())); continue }
            if let d = try typeDecl() { items.append(.type(d)); continue }
            let p = pos
            if eatKeyword("import") { items.append(.import(try worldItemPath())); try expect(";"); continue }
            if eatKeyword("export") { items.append(.export(try worldItemPath())); try expect(";"); continue }
            if eatKeyword("include") {
                let ref: String
                if looksLikePath() { ref = try packagePath().0 } else { ref = try id("a world to include") }
                var with: [(from: String, to: String)] = []
                if eatKeyword("with") {
                    try expect("{")
                    while !eat("}") {
                        let from = try id("a name in the included world")
                        guard eatKeyword("as") else { throw fail("`as`") }
                        with.append((from, try id("a new name")))
                        if !eat(",") { try expect("}"); break }
                    }
                }
                try expect(";")
                items.append(.include(ref, with: with, p))
                continue
            }
            throw fail("`use`, a type declaration, `import`, `export`, `include` or `}`")
        }
        return items
    }

    /// `name: type`, `ns:pkg/iface`, or a declared interface's name.
    mutating func worldItemPath() throws(WacError) -> WacWorldItemPath {
        let p = pos
        if looksLikePath() {
            // `name: type` and `ns:pkg/path` both start with `id :`; a path
            // has a `/` after its package name.
            var k = at + 1
            while k + 1 < tokens.count, tokens[k].kind == .punct(":"), case .id = tokens[k + 1].kind { k += 2 }
            if k < tokens.count, tokens[k].kind == .punct("/") || tokens[k].kind == .punct("@") {
                let (s, pp) = try packagePath()
                return .path(s, pp)
            }
            let name = try id()
            try expect(":")
            return .named(name, try externType(allowPath: false), p)
        }
        return .id(try id("a world item"), p)
    }

    /// `use path.{a, b as c};`
    mutating func use() throws(WacError) -> WacUse {
        let p = pos
        guard eatKeyword("use") else { throw fail("`use`") }
        var path: String
        var isPackagePath = false
        if looksLikePath() { path = try packagePath().0; isPackagePath = true } else { path = try id("an interface name") }
        _ = path
        try expect(".")
        try expect("{")
        var items: [(name: String, as: String?, pos: WacPos)] = []
        while !eat("}") {
            let ip = pos
            let n = try id("a type name")
            var alias: String?
            if eatKeyword("as") { alias = try id("a new name") }
            items.append((n, alias, ip))
            if !eat(",") { try expect("}"); break }
        }
        if items.isEmpty { throw WacError.at(source, path: self.path, line: p.line, column: p.column, "`use` must name at least one type") }
        try expect(";")
        return WacUse(path: path, isPackagePath: isPackagePath, items: items, pos: p)
    }

    /// `resource r;` or `resource r { constructor(...); m: static? func(...); }`
    mutating func resourceDecl() throws(WacError) -> WacResourceDecl {
        let p = pos
        guard eatKeyword("resource") else { throw fail("`resource`") }
        let name = try id("a resource name")
        var items: [WacResourceDecl.Item] = []
        if eat(";") { return WacResourceDecl(name: name, items: items, pos: p) }
        try expect("{")
        while !eat("}") {
            let ip = pos
            if eatKeyword("constructor") {
                items.append(.constructor(try paramList(), ip))
            } else {
                let m = try id("`constructor`, a method name or `}`")
                try expect(":")
                let isStatic = eatKeyword("static")
                items.append(.method(m, isStatic: isStatic, try funcType(), ip))
            }
            try expect(";")
        }
        return WacResourceDecl(name: name, items: items, pos: p)
    }

    // MARK: types

    mutating func interfaceBody() throws(WacError) -> [WacInterfaceItem] {
        try expect("{")
        var items: [WacInterfaceItem] = []
        while !eat("}") {
            if isKeyword("use") { items.append(.use(try use())); continue }
            if isKeyword("resource") { items.append(.resource(try resourceDecl())); continue }
            if let d = try typeDecl() { items.append(.type(d)); continue }
            let name = try id("a function name, a type declaration or `}`")
            try expect(":")
            if isKeyword("func") { items.append(.function(name, try funcType())) }
            else { let fp = pos; items.append(.functionNamed(name, try id("`func` or a function type's name"), fp)) }
            try expect(";")
        }
        return items
    }

    mutating func typeDecl() throws(WacError) -> WacTypeDecl? {
        let p = pos
        if eatKeyword("record") {
            let name = try id("a record name")
            try expect("{")
            var fields: [(name: String, type: WacTypeExpr)] = []
            while !eat("}") {
                let f = try id("a field name")
                try expect(":")
                fields.append((f, try type()))
                if !eat(",") { try expect("}"); break }
            }
            return .record(name, fields, p)
        }
        if eatKeyword("variant") {
            let name = try id("a variant name")
            try expect("{")
            var cases: [(name: String, type: WacTypeExpr?)] = []
            while !eat("}") {
                let c = try id("a case name")
                var t: WacTypeExpr?
                if eat("(") { t = try type(); try expect(")") }
                cases.append((c, t))
                if !eat(",") { try expect("}"); break }
            }
            return .variant(name, cases, p)
        }
        for (kw, isEnum) in [("enum", true), ("flags", false)] where eatKeyword(kw) {
            let name = try id("a name")
            try expect("{")
            var names: [String] = []
            while !eat("}") {
                names.append(try id())
                if !eat(",") { try expect("}"); break }
            }
            return isEnum ? .enumeration(name, names, p) : .flags(name, names, p)
        }
        if eatKeyword("type") {
            let name = try id("a type name")
            try expect("=")
            if isKeyword("func") { let f = try funcType(); try expect(";"); return .funcAlias(name, f, p) }
            let t = try type()
            try expect(";")
            return .alias(name, t, p)
        }
        return nil
    }

    mutating func funcType() throws(WacError) -> WacFuncType {
        let fp = pos
        guard eatKeyword("func") else { throw fail("`func`") }
        let params = try paramList()
        var result: WacTypeExpr?
        if eat("->") {
            if isPunct("(") {
                throw WacError.at(source, path: path, line: tok.line, column: tok.column, "named results are not supported: a function returns one type")
            }
            result = try type()
        }
        return WacFuncType(params: params, result: result, pos: fp)
    }

    /// `(name: type, ...)`
    mutating func paramList() throws(WacError) -> [(name: String, type: WacTypeExpr)] {
        try expect("(")
        var params: [(name: String, type: WacTypeExpr)] = []
        while !eat(")") {
            let n = try id("a parameter name")
            try expect(":")
            params.append((n, try type()))
            if !eat(",") { try expect(")"); break }
        }
        return params
    }

    mutating func type() throws(WacError) -> WacTypeExpr {
        let p = pos
        let name = try id("a type")
        if let prim = PrimitiveType.allCases.first(where: { $0.witName == name }), name != "error-context" { return .primitive(prim) }
        switch name {
        case "tuple":
            try expect("<")
            var ts: [WacTypeExpr] = []
            repeat { if isPunct(">") { break }; ts.append(try type()) } while eat(",")
            try expect(">")
            return .tuple(ts)
        case "list": try expect("<"); let t = try type(); try expect(">"); return .list(t)
        case "option": try expect("<"); let t = try type(); try expect(">"); return .option(t)
        case "borrow":
            try expect("<"); let rp = pos; let r = try id("a resource name"); try expect(">")
            return .borrow(r, rp)
        case "result":
            guard eat("<") else { return .result(ok: nil, err: nil) }
            var ok: WacTypeExpr?
            if !eat("_") { ok = try type() }
            var err: WacTypeExpr?
            if eat(",") { err = try type() }
            try expect(">")
            return .result(ok: ok, err: err)
        default:
            return .named(name, p)
        }
    }

    // MARK: expressions

    mutating func expr() throws(WacError) -> WacExpr {
        var e = try primary()
        while true {
            let p = pos
            if isPunct("."), at + 1 < tokens.count, case .id = tokens[at + 1].kind {
                at += 1
                e = .access(e, try id(), p)
            } else if eat("[") {
                let s = try string()
                try expect("]")
                e = .namedAccess(e, s, p)
            } else {
                return e
            }
        }
    }

    mutating func primary() throws(WacError) -> WacExpr {
        let p = pos
        if eat("(") { let e = try expr(); try expect(")"); return e }
        if eatKeyword("new") {
            let (name, version) = try packageName()
            try expect("{")
            var args: [WacArg] = []
            var ellipsis = false
            while !eat("}") {
                let ap = pos
                if eat("...") {
                    if case .id = tok.kind { args.append(.spread(try id(), ap)) }
                    else { ellipsis = true; _ = eat(","); try expect("}"); break }
                } else if case .string(let s) = tok.kind {
                    at += 1
                    try expect(":")
                    args.append(.named(s, quoted: true, try expr(), ap))
                } else {
                    let n = try id("an instantiation argument")
                    if eat(":") { args.append(.named(n, quoted: false, try expr(), ap)) } else { args.append(.inferred(n, ap)) }
                }
                if !eat(",") { try expect("}"); break }
            }
            return .new(package: name, version: version, args: args, ellipsis: ellipsis, p)
        }
        return .name(try id("an expression"), p)
    }
}
