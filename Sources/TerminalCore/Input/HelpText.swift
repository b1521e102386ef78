/// The help overlay's text, generated from the action table and the keymap
/// so it is always true to the current bindings (including overrides).
public enum HelpText {
    /// Plain lines: a category heading, then `  keys  description` rows
    /// with the key column aligned.
    public static func lines(registry: ActionRegistry, keymap: Keymap) -> [String] {
        styledLines(registry: registry, keymap: keymap, headingStyle: .plain, keyStyle: .plain).map(\.plainText)
    }

    public static func styledLines(registry: ActionRegistry, keymap: Keymap, headingStyle: Style, keyStyle: Style, textStyle: Style = .plain) -> [TextLine] {
        let keyColumn = registry.actions.map { keyText(keymap.keys(for: $0.name)).displayWidth }.max() ?? 0
        var lines: [TextLine] = []
        for category in registry.categories {
            if !lines.isEmpty { lines.append(TextLine("")) }
            lines.append(TextLine(category, style: headingStyle))
            for action in registry.actions where action.category == category {
                let keys = keyText(keymap.keys(for: action.name))
                lines.append(TextLine(spans: [
                    TextSpan("  "),
                    TextSpan(keys.padded(toColumns: keyColumn), style: keyStyle),
                    TextSpan("  " + action.description, style: textStyle),
                ]))
            }
        }
        return lines
    }

    private static func keyText(_ keys: [Key]) -> String {
        keys.isEmpty ? "(unbound)" : keys.map(\.notation).joined(separator: ", ")
    }
}
