/// What loading a theme produced: a usable theme in every case, the
/// warnings to show, and whether the built-in default had to stand in.
public struct ThemeLoadResult: Sendable {
    public var theme: Theme
    public var warnings: [ConfigWarning]
    public var usedFallback: Bool
}

/// Reads theme TOML. Layout of a theme file:
///
///     name = "dark"
///     "ui.border" = { fg = "overlay" }
///     "ui.border.focused" = { fg = "blue", modifiers = ["bold"], mono = ["bold"] }
///     "ui.text" = "text"          # a bare string is the foreground
///     [palette]
///     overlay = "#45475a"
///
/// Roles may also be nested tables (`[ui.border]` with `focused = {...}`).
/// Colours are palette names, ANSI names (`red`, `bright-blue`), `#rrggbb`,
/// `#rgb`, 0-255 palette indexes, or `default`.
extension Theme {
    static let styleKeys: Set<String> = ["fg", "bg", "modifiers", "mono"]

    /// Parses a theme. A file with TOML syntax errors is rejected whole (the
    /// built-in default is returned) because a half-read theme can leave
    /// text invisible; a bad colour or modifier only drops that one setting.
    public static func parse(_ text: String, name fallbackName: String = "custom", file: String? = nil) -> ThemeLoadResult {
        let document = TOML.parse(text, file: file)
        guard document.isValid else {
            var warnings = document.warnings
            warnings.append(ConfigWarning(file: file, message: "theme not loaded; using the built-in '\(Theme.builtinDefault.name)' theme"))
            return ThemeLoadResult(theme: .builtinDefault, warnings: warnings, usedFallback: true)
        }
        var warnings: [ConfigWarning] = []
        let root = document.root
        var theme = Theme(name: root["name"]?.stringValue ?? fallbackName)

        if let paletteValue = root["palette"] {
            if let table = paletteValue.tableValue {
                for key in table.keys {
                    guard let value = table[key] else { continue }
                    switch parseColor(value, palette: [:]) {
                    case .success(let color): theme.palette[key] = color
                    case .failure(let message): warnings.append(ConfigWarning(file: file, line: table.line(of: key), message: "palette '\(key)': \(message)"))
                    }
                }
            } else {
                warnings.append(ConfigWarning(file: file, line: root.line(of: "palette"), message: "'palette' must be a table"))
            }
        }

        if root["inherits"] != nil {
            warnings.append(ConfigWarning(file: file, line: root.line(of: "inherits"), message: "'inherits' is not supported; missing roles fall back to their parent role instead"))
        }
        for key in root.keys where key != "name" && key != "palette" && key != "inherits" {
            guard let value = root[key] else { continue }
            collectRoles(key, value, line: root.line(of: key) ?? 0, theme: &theme, warnings: &warnings, file: file)
        }
        return ThemeLoadResult(theme: theme, warnings: warnings, usedFallback: false)
    }

    private static func collectRoles(_ role: String, _ value: TOMLValue, line: Int, theme: inout Theme, warnings: inout [ConfigWarning], file: String?) {
        switch value {
        case .string, .integer:
            switch parseColor(value, palette: theme.palette) {
            case .success(let color): theme.roles[role] = RoleStyle(Style(fg: color))
            case .failure(let message): warnings.append(ConfigWarning(file: file, line: line, message: "\(role): \(message)"))
            }
        case .table(let table):
            if table.keys.contains(where: { styleKeys.contains($0) }) {
                theme.roles[role] = parseRoleStyle(role, table, palette: theme.palette, warnings: &warnings, file: file)
            }
            for key in table.keys where !styleKeys.contains(key) {
                guard let child = table[key] else { continue }
                collectRoles(role + "." + key, child, line: table.line(of: key) ?? line, theme: &theme, warnings: &warnings, file: file)
            }
        default:
            warnings.append(ConfigWarning(file: file, line: line, message: "\(role): expected a colour or a style table, found \(value.kindName)"))
        }
    }

    private static func parseRoleStyle(_ role: String, _ table: TOMLTable, palette: [String: Color], warnings: inout [ConfigWarning], file: String?) -> RoleStyle {
        var entry = RoleStyle(.plain)
        for key in ["fg", "bg"] {
            guard let value = table[key] else { continue }
            switch parseColor(value, palette: palette) {
            case .success(let color):
                if key == "fg" { entry.style.fg = color } else { entry.style.bg = color }
            case .failure(let message):
                warnings.append(ConfigWarning(file: file, line: table.line(of: key), message: "\(role).\(key): \(message)"))
            }
        }
        for key in ["modifiers", "mono"] {
            guard let value = table[key] else { continue }
            let names: [TOMLValue] = value.arrayValue ?? [value]
            var attributes: Attributes = []
            for item in names {
                if let name = item.stringValue, let attribute = Attributes(name: name) {
                    attributes.insert(attribute)
                } else {
                    let shown = item.stringValue.map { "'\($0)'" } ?? item.kindName
                    warnings.append(ConfigWarning(file: file, line: table.line(of: key), message: "\(role).\(key): unknown modifier \(shown); expected one of bold, dim, italic, underline, reverse"))
                }
            }
            if key == "modifiers" { entry.style.attributes = attributes } else { entry.mono = attributes }
        }
        return entry
    }

    enum ColorParse: Equatable {
        case success(Color)
        case failure(String)
    }

    /// Reads one colour value; errors are phrased for the theme author.
    static func parseColor(_ value: TOMLValue, palette: [String: Color]) -> ColorParse {
        if let index = value.integerValue {
            guard (0...255).contains(index) else { return .failure("colour index \(index) is outside 0...255") }
            return .success(.indexed(UInt8(index)))
        }
        guard let text = value.stringValue else { return .failure("expected a colour, found \(value.kindName)") }
        if let named = palette[text] { return .success(named) }
        let lower = text.lowercased()
        if lower == "default" || lower == "reset" { return .success(.default) }
        if let ansi = ANSIColor(name: lower) { return .success(.ansi(ansi)) }
        if lower.hasPrefix("#") {
            let hex = Array(lower.dropFirst())
            let expanded: [Character]
            switch hex.count {
            case 6: expanded = hex
            case 3: expanded = hex.flatMap { [$0, $0] }
            default: return .failure("'\(text)' is not a #rrggbb colour")
            }
            guard let r = UInt8(String(expanded[0...1]), radix: 16), let g = UInt8(String(expanded[2...3]), radix: 16), let b = UInt8(String(expanded[4...5]), radix: 16) else {
                return .failure("'\(text)' is not a #rrggbb colour")
            }
            return .success(.rgb(r, g, b))
        }
        if let index = Int(lower), (0...255).contains(index) { return .success(.indexed(UInt8(index))) }
        return .failure("unknown colour '\(text)' (not in the palette, not an ANSI name, not #rrggbb)")
    }
}
