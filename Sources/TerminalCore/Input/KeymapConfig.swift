/// Overrides from a config file:
///
///     [keys]
///     quit = ["q", "ctrl+c"]
///     help = "f1"
///     filter = []          # unbind
///
/// Each listed action gets exactly the listed keys; a key taken from
/// another action leaves that action. Unknown actions, unknown keys and
/// wrong value types are reported with their line and skipped; the rest of
/// the file still applies.
extension Keymap {
    public func applying(configText text: String, registry: ActionRegistry, file: String? = nil) -> (keymap: Keymap, warnings: [ConfigWarning]) {
        let document = TOML.parse(text, file: file)
        var copy = self
        var warnings = document.warnings
        warnings += copy.apply(config: document.root, registry: registry, file: file)
        return (copy, warnings)
    }

    /// Applies the `[keys]` table of an already parsed config; other tables
    /// belong to other settings and are ignored.
    public mutating func apply(config root: TOMLTable, registry: ActionRegistry, file: String? = nil) -> [ConfigWarning] {
        guard let section = root["keys"] else { return [] }
        guard let table = section.tableValue else {
            return [ConfigWarning(file: file, line: root.line(of: "keys"), message: "'keys' must be a table of action = [keys]")]
        }
        var warnings: [ConfigWarning] = []
        for name in table.keys {
            guard let value = table[name] else { continue }
            let line = table.line(of: name)
            guard registry.contains(name) else {
                let known = registry.actions.map(\.name).joined(separator: ", ")
                warnings.append(ConfigWarning(file: file, line: line, message: "unknown action '\(name)' (known: \(known))"))
                continue
            }
            let items: [TOMLValue]
            switch value {
            case .string: items = [value]
            case .array(let array): items = array
            default:
                warnings.append(ConfigWarning(file: file, line: line, message: "\(name): expected a key or a list of keys, found \(value.kindName)"))
                continue
            }
            var keys: [Key] = []
            for item in items {
                guard let text = item.stringValue else {
                    warnings.append(ConfigWarning(file: file, line: line, message: "\(name): expected a key name, found \(item.kindName)"))
                    continue
                }
                guard let key = Key(parsing: text) else {
                    warnings.append(ConfigWarning(file: file, line: line, message: "\(name): unknown key '\(text)' (examples: \"q\", \"ctrl+c\", \"enter\", \"shift+tab\", \"f5\")"))
                    continue
                }
                keys.append(key)
            }
            setKeys(keys, for: name)
        }
        return warnings
    }
}
