/// Reads the items of one S-expression list in order, with errors that
/// point at the offending token.
struct TextCursor {
    let items: [WatNode]
    let open: WatToken
    private(set) var index = 0

    init(_ node: WatNode) {
        if case .list(let open, let items, _) = node {
            self.items = items
            self.open = open
        } else {
            self.items = []
            self.open = node.token
        }
    }

    var isAtEnd: Bool { index >= items.count }
    func peek(_ k: Int = 0) -> WatNode? { index + k < items.count ? items[index + k] : nil }

    /// Where to point when something is missing: the last item, or the list's start.
    var here: WatToken { peek()?.token ?? items.last?.token ?? open }

    func error(_ message: String, at t: WatToken? = nil) -> WatError {
        let t = t ?? here
        return WatError(message, line: t.line, column: t.column)
    }

    mutating func next(_ what: String) throws(WatError) -> WatNode {
        guard let n = peek() else { throw error("unexpected end of list, expected \(what)") }
        index += 1
        return n
    }

    /// Consumes the keyword `k` if it is next.
    mutating func keyword(_ k: String) -> Bool {
        if case .atom(let t)? = peek(), case .keyword(k) = t.kind { index += 1; return true }
        return false
    }

    mutating func expectKeyword(_ k: String) throws(WatError) {
        guard keyword(k) else { throw error("unexpected token, expected `\(k)`") }
    }

    /// The next keyword, whatever it is.
    mutating func anyKeyword(_ what: String) throws(WatError) -> String {
        let n = try next(what)
        guard case .atom(let t) = n, case .keyword(let k) = t.kind else { throw error("unexpected token, expected \(what)", at: n.token) }
        return k
    }

    /// Whether the item `k` places ahead is a string.
    func nextIsString(after k: Int) -> Bool {
        if case .atom(let t)? = peek(k), case .string = t.kind { return true }
        return false
    }

    var nextIsString: Bool {
        if case .atom(let t)? = peek(), case .string = t.kind { return true }
        return false
    }

    mutating func stringBytes() throws(WatError) -> [UInt8] {
        let n = try next("a string")
        guard case .atom(let t) = n, case .string(let b) = t.kind else { throw error("unexpected token, expected a string", at: n.token) }
        return b
    }

    mutating func string() throws(WatError) -> String {
        let at = here
        let b = try stringBytes()
        guard let s = String(validating: b, as: UTF8.self) else { throw error("malformed UTF-8 encoding", at: at) }
        return s
    }

    /// `$id` and `(@name "...")`, both optional.
    mutating func ident() throws(WatError) -> TextIdent {
        var out = TextIdent()
        if case .atom(let t)? = peek(), case .id(let s) = t.kind { out.id = s; out.token = t; index += 1 }
        if case .list(let open, _, _)? = peek(), case .annotation("name") = open.kind {
            var c = TextCursor(peek()!)
            index += 1
            out.name = try c.string()
            try c.done()
        }
        return out
    }

    /// A nested list that starts with keyword `k`, if it is next.
    mutating func list(_ k: String) -> TextCursor? {
        if let n = peek(), n.head == k {
            index += 1
            var c = TextCursor(n)
            _ = c.keyword(k)
            return c
        }
        return nil
    }

    /// A `(type X)` type use, if it is next: exactly one atom after
    /// `type` (a `(type $t (record ...))` declaration is not one).
    mutating func typeUse() -> TextCursor? {
        guard let n = peek(), n.head == "type", case .list(_, let items, _) = n, items.count == 2,
              case .atom = items[1] else { return nil }
        return list("type")
    }

    var nextIsList: Bool {
        if case .list? = peek() { return true }
        return false
    }

    mutating func u32(_ what: String = "a u32") throws(WatError) -> UInt32 {
        let n = try next(what)
        guard case .atom(let t) = n, case .number(let s) = t.kind else { throw error("unexpected token, expected \(what)", at: n.token) }
        guard let (neg, v) = WatNumbers.integer(s), !neg, v <= UInt64(UInt32.max) else {
            throw error("invalid u32 number: constant out of range", at: t)
        }
        return UInt32(v)
    }

    var nextIsNumber: Bool {
        if case .atom(let t)? = peek(), case .number = t.kind { return true }
        return false
    }

    func done() throws(WatError) {
        if let n = peek() { throw error("unexpected token", at: n.token) }
    }
}
