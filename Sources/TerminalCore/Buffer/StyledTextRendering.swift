/// Views of a buffer that keep its colours: ANSI escape text for
/// `patchbay render --ansi`, and a readable style map for golden files
/// (the plain text alone cannot show that a theme switch recoloured the screen).
extension CellBuffer {
    /// The buffer as text with ANSI SGR escapes, one line per row. Each row
    /// starts from a reset and ends with one, so lines can be cut apart; an
    /// escape is written only where the style changes. Trailing spaces are
    /// kept because their background is part of the picture.
    public func ansiLines() -> [String] {
        (0..<height).map { y in
            var line = ""
            var current: Style? = nil
            for x in 0..<width {
                let cell = self[x, y]
                if cell.isContinuation { continue }
                let style = cell.style
                if style != current {
                    line += Self.sgr(style)
                    current = style
                }
                line += cell.symbol
            }
            return line + "\u{1B}[0m"
        }
    }

    /// The SGR sequence that sets exactly `style` (starting with a reset).
    static func sgr(_ style: Style) -> String {
        var codes = ["0"]
        let a = style.attributes
        if a.contains(.bold) { codes.append("1") }
        if a.contains(.dim) { codes.append("2") }
        if a.contains(.italic) { codes.append("3") }
        if a.contains(.underline) { codes.append("4") }
        if a.contains(.reverse) { codes.append("7") }
        codes.append(sgrColor(style.fg ?? .default, background: false))
        codes.append(sgrColor(style.bg ?? .default, background: true))
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    static func sgrColor(_ color: Color, background: Bool) -> String {
        switch color {
        case .default: return background ? "49" : "39"
        case .ansi(let c):
            let n = Int(c.rawValue)
            if n < 8 { return String((background ? 40 : 30) + n) }
            return String((background ? 100 : 90) + n - 8)
        case .indexed(let n): return (background ? "48;5;" : "38;5;") + String(n)
        case .rgb(let r, let g, let b): return (background ? "48;2;" : "38;2;") + "\(r);\(g);\(b)"
        }
    }

    /// A map of styles: one letter per cell (the right half of a wide
    /// character repeats its left half's letter), and a legend naming each
    /// letter's colours and attributes. Letters are given in order of first
    /// appearance, row by row, so the map of a screen is deterministic.
    public func styleMap() -> (rows: [String], legend: [String]) {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var order: [Style] = []
        var index: [Style: Int] = [:]
        var rows: [String] = []
        for y in 0..<height {
            var row = ""
            var last: Character = " "
            for x in 0..<width {
                let cell = self[x, y]
                if cell.isContinuation { row.append(last); continue }
                let style = cell.style
                let i: Int
                if let known = index[style] { i = known } else {
                    i = order.count
                    order.append(style)
                    index[style] = i
                }
                // Past 62 styles every further one shares `?`; the legend says so.
                last = i < letters.count ? letters[i] : "?"
                row.append(last)
            }
            rows.append(row)
        }
        var legend: [String] = []
        for (i, style) in order.enumerated() where i < letters.count {
            legend.append("\(letters[i])  \(Self.describe(style))")
        }
        if order.count > letters.count { legend.append("?  \(order.count - letters.count) more styles") }
        return (rows, legend)
    }

    /// The screen as golden files and `patchbay render --style-map` print it:
    /// the text rows (trailing spaces trimmed), then with `styles`, a blank
    /// line, `styles:`, the style map rows, a blank line and the legend.
    public func snapshot(styles: Bool) -> String {
        var out = lines()
        if styles {
            let map = styleMap()
            out += ["", "styles:"] + map.rows + [""] + map.legend
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// `fg=#1e66f5 bg=default bold`: the words of a style map legend.
    public static func describe(_ style: Style) -> String {
        var words = ["fg=" + describe(style.fg ?? .default), "bg=" + describe(style.bg ?? .default)]
        for (name, attr) in [("bold", Attributes.bold), ("dim", .dim), ("italic", .italic), ("underline", .underline), ("reverse", .reverse)]
        where style.attributes.contains(attr) {
            words.append(name)
        }
        return words.joined(separator: " ")
    }

    static func describe(_ color: Color) -> String {
        switch color {
        case .default: return "default"
        case .ansi(let c): return c.name
        case .indexed(let n): return "idx\(n)"
        case .rgb(let r, let g, let b):
            func hex(_ v: UInt8) -> String { let s = String(v, radix: 16); return s.count == 1 ? "0" + s : s }
            return "#" + hex(r) + hex(g) + hex(b)
        }
    }
}
