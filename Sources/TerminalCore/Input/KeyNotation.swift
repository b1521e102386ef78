/// The text form of keys used in config files, help and status hints:
/// `q`, `G`, `ctrl+c`, `enter`, `shift+tab`, `pgdn`, `f5`, `space`.
/// `Key(parsing:)` accepts some common aliases (`C-c`, `return`, `escape`);
/// `notation` always gives the canonical form, so help shows one spelling.
extension Key {
    private static let named: [(String, Key)] = [
        ("up", .up), ("down", .down), ("left", .left), ("right", .right),
        ("enter", .enter), ("esc", .esc), ("tab", .tab), ("shift+tab", .backTab), ("backspace", .backspace),
        ("del", .delete), ("ins", .insert), ("home", .home), ("end", .end), ("pgup", .pageUp), ("pgdn", .pageDown),
        ("space", .char(" ")),
    ]

    private static let aliases: [String: Key] = [
        "return": .enter, "ret": .enter, "escape": .esc, "backtab": .backTab, "s-tab": .backTab, "delete": .delete,
        "insert": .insert, "pageup": .pageUp, "pagedown": .pageDown, "page-up": .pageUp, "page-down": .pageDown,
        "pgdown": .pageDown, "bs": .backspace, "minus": .char("-"), "plus": .char("+"),
    ]

    public var notation: String {
        switch self {
        case .char(" "): return "space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "ctrl+" + (c == " " ? "space" : String(c))
        case .function(let n): return "f\(n)"
        default: return Key.named.first { $0.1 == self }?.0 ?? "?"
        }
    }

    /// Parses one key in config notation; nil if it names no key.
    public init?(parsing text: String) {
        let trimmed = text.trimmingSpaces()
        if trimmed.count == 1, let c = trimmed.first {
            self = .char(c)
            return
        }
        let lower = trimmed.lowercased()
        if let match = Key.named.first(where: { $0.0 == lower }) { self = match.1; return }
        if let alias = Key.aliases[lower] { self = alias; return }
        for prefix in ["ctrl+", "ctrl-", "c-"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            if rest == "space" { self = .ctrl(" "); return }
            guard rest.count == 1, let c = rest.first, c.isLetter, c.isASCII else { return nil }
            self = .ctrl(c)
            return
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) {
            self = .function(n)
            return
        }
        return nil
    }

    /// Turns a key script into keys, for tests and demos: plain characters
    /// are typed as they are, `<name>` is any key notation (`<enter>`,
    /// `<ctrl+c>`, `<lt>` for a literal `<`). An unknown `<...>` is typed literally.
    public static func script(_ text: String) -> [Key] {
        var keys: [Key] = []
        var rest = Substring(text)
        while let c = rest.first {
            if c == "<", let close = rest.firstIndex(of: ">") {
                let name = String(rest[rest.index(after: rest.startIndex)..<close])
                if name == "lt" { keys.append(.char("<")); rest = rest[rest.index(after: close)...]; continue }
                if name.count > 1, let key = Key(parsing: name) {
                    keys.append(key)
                    rest = rest[rest.index(after: close)...]
                    continue
                }
            }
            keys.append(.char(c))
            rest = rest.dropFirst()
        }
        return keys
    }
}
