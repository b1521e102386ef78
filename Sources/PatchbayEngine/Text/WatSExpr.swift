/// The text format read as S-expressions: a tree of parenthesized lists and
/// atoms, each with the position of its first token. The component and core
/// grammars are recognized on top of this tree; keeping token positions lets
/// every later error name a line and column.
public indirect enum WatNode: Sendable, Equatable {
    case atom(WatToken)
    /// A list: its opening token (`(` or `(@annotation`), its items, and
    /// the scalar offset just past its closing paren.
    case list(open: WatToken, items: [WatNode], end: Int)

    public var token: WatToken {
        switch self {
        case .atom(let t): t
        case .list(let open, _, _): open
        }
    }

    /// The keyword a list starts with (`module` in `(module ...)`).
    public var head: String? {
        guard case .list(_, let items, _) = self, case .atom(let t)? = items.first, case .keyword(let k) = t.kind else { return nil }
        return k
    }
}

public enum WatSExpr {
    /// Nesting deeper than this is refused rather than risking the stack
    /// of whatever walks the tree.
    public static let maxDepth = 2_000

    /// Items (components, modules, types, instances) may nest at most this
    /// deep, counting every enclosing paren, as in wasm-tools.
    public static let maxItemDepth = 100
    static let itemKeywords: Set<String> = ["component", "module", "type", "instance", "core"]

    /// Reads all top-level S-expressions of `source`.
    public static func parse(_ source: String) throws(WatError) -> [WatNode] {
        let tokens = try WatLexer.tokenize(source)
        var stack: [(open: WatToken, items: [WatNode])] = []
        var top: [WatNode] = []
        for t in tokens {
            switch t.kind {
            case .lparen, .annotation:
                if stack.count >= maxDepth {
                    throw WatError("nesting too deep (more than \(maxDepth) levels)", line: t.line, column: t.column)
                }
                stack.append((t, []))
            case .rparen:
                guard let (open, items) = stack.popLast() else {
                    throw WatError("unexpected `)`: no list is open", line: t.line, column: t.column)
                }
                let node = WatNode.list(open: open, items: items, end: t.end)
                if stack.isEmpty { top.append(node) } else { stack[stack.count - 1].items.append(node) }
            default:
                if case .keyword(let k) = t.kind, stack.count > maxItemDepth, let last = stack.last,
                   last.items.isEmpty, case .lparen = last.open.kind, itemKeywords.contains(k) {
                    throw WatError("item nesting too deep", line: t.line, column: t.column)
                }
                if stack.isEmpty { top.append(.atom(t)) } else { stack[stack.count - 1].items.append(.atom(t)) }
            }
        }
        if let (open, _) = stack.last {
            throw WatError("unclosed `(`: expected `)` before the end of the text", line: open.line, column: open.column)
        }
        return top
    }
}
