extension TypeEnvironment {
    /// Adds the WIT type declarations in `source` to this environment:
    /// `record`, `variant`, `enum`, `flags`, `type name = …` and `resource`.
    ///
    /// Declarations are processed in order, so a later one may use an earlier
    /// name (as the corpus definitions do); on error nothing is added.
    public mutating func declare(_ source: String) throws {
        var p = WITParser(source, environment: self)
        while try p.peek().kind != .end {
            try p.parseDeclaration()
        }
        self = p.environment
    }
}

extension WITParser {
    static let declarationExpected = "a declaration (record, variant, enum, flags, type or resource)"

    mutating func parseDeclaration() throws {
        if try consume(";") { return }
        let keywordToken = try peek()
        guard case .identifier(let keyword) = keywordToken.kind else {
            throw fail(Self.declarationExpected, at: keywordToken)
        }
        position += 1
        switch keyword {
        case "record":
            let name = try expectIdentifier("a record name")
            let fields = try braced("a field name") { p in
                let field = try p.expectIdentifier("a field name")
                try p.expect(":")
                return ValueType.Field(field, try p.parseType())
            }
            environment.define(name, as: .record(fields))
        case "variant":
            let name = try expectIdentifier("a variant name")
            let cases = try braced("a case name") { p in
                let c = try p.expectIdentifier("a case name")
                var payload: ValueType?
                if try p.consume("(") {
                    payload = try p.parseType()
                    try p.expect(")")
                }
                return ValueType.Case(c, payload)
            }
            environment.define(name, as: .variant(cases))
        case "enum":
            let name = try expectIdentifier("an enum name")
            environment.define(name, as: .enumeration(try braced("an enum case") { try $0.expectIdentifier("an enum case") }))
        case "flags":
            let name = try expectIdentifier("a flags name")
            environment.define(name, as: .flags(try braced("a flag name") { try $0.expectIdentifier("a flag name") }))
        case "type":
            let name = try expectIdentifier("a type name")
            try expect("=")
            environment.define(name, as: try parseType())
            _ = try consume(";")
        case "resource":
            let name = try expectIdentifier("a resource name")
            environment.declareResource(name)
            if try consume("{") { try skipBlock() } else { _ = try consume(";") }
        default:
            throw fail(Self.declarationExpected, at: keywordToken)
        }
    }

    /// `{ item, item, … }` with an optional trailing comma.
    private mutating func braced<T>(_ itemExpected: String, _ item: (inout WITParser) throws -> T) throws -> [T] {
        try expect("{")
        var items: [T] = []
        while try peek().kind != .symbol("}") {
            items.append(try item(&self))
            if !(try consume(",")) { break }
        }
        try expect("}", items.isEmpty ? "\(itemExpected) or '}'" : "',' or '}'")
        return items
    }

    /// Skips a resource body (methods are irrelevant to layouts), balancing braces.
    private mutating func skipBlock() throws {
        var depth = 1
        while depth > 0 {
            let t = try advance()
            switch t.kind {
            case .symbol("{"): depth += 1
            case .symbol("}"): depth -= 1
            case .end: throw fail("'}'", at: t)
            default: break
            }
        }
    }
}
