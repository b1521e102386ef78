/// Plain-text rendering of a layout: a header, one table row per byte range
/// and a byte ruler, all within 80 columns.
///
/// Text only (no terminal codes) so the CLI, tests and the workbench can all
/// use it; the TUI may draw `Layout.rows` itself with colours instead.
public enum LayoutRenderer {
    public static let width = 80
    /// Bytes drawn per ruler line (four groups of four).
    public static let bytesPerLine = 16
    /// Ruler lines beyond this are summarised.
    public static let maxRulerLines = 16

    /// The whole block: header, flat types, table, ruler and notes.
    public static func render(_ layout: Layout) -> String {
        var lines: [String] = []
        lines.append("\(layout.typeText)  (\(layout.addressWidth.rawValue))  size \(layout.size)  align \(layout.alignment)")
        lines.append("flat: \(compact(layout.flat)) (\(layout.flat.count))")
        lines.append("")
        lines += table(layout.rows)
        lines.append("")
        lines += ruler(layout)
        let notes = self.notes(layout)
        if !notes.isEmpty { lines.append(""); lines += notes }
        return lines.map(clip).joined(separator: "\n") + "\n"
    }

    /// `mark offset size path type`, one line per row.
    public static func table(_ rows: [LayoutRow]) -> [String] {
        let pathWidth = min(24, max(5, rows.map { $0.path.count }.max() ?? 5))
        var lines = ["   offset  size  " + pad("field", pathWidth) + "  type"]
        for r in rows {
            let size = r.role == .variantCase && r.size == 0 ? "-" : String(r.size)
            lines.append("\(r.mark)  " + leftPad(String(r.offset), 6) + leftPad(size, 6) + "  "
                         + pad(shorten(r.path, pathWidth), pathWidth) + "  " + r.typeText)
        }
        return lines
    }

    /// The byte ruler, e.g.
    /// `|00 01 02 03|04 05 06 07|` over `| a  .  .  .| b  b  b  b|`.
    public static func ruler(_ layout: Layout) -> [String] {
        guard layout.size > 0 else { return ["(no bytes)"] }
        var marks = [Character](repeating: "?", count: layout.size)
        for r in layout.rows where r.role != .variantCase {
            guard r.role != .elided || r.mark != " " else { continue }
            for i in r.offset..<min(layout.size, r.offset + r.size) where i >= 0 { marks[i] = r.mark }
        }
        let lineCount = (layout.size + bytesPerLine - 1) / bytesPerLine
        let margin = layout.size > bytesPerLine ? 7 : 2
        var lines: [String] = []
        for line in 0..<min(lineCount, maxRulerLines) {
            let start = line * bytesPerLine
            let end = min(layout.size, start + bytesPerLine)
            var head = margin > 2 ? leftPad("+\(start)", margin - 2) + "  " : "  "
            var body = String(repeating: " ", count: margin)
            for i in start..<end {
                let sep = (i - start) % 4 == 0 ? "|" : " "
                let label = String(i % 100)
                head += sep + (label.count < 2 ? "0" + label : label)
                body += sep + " " + String(marks[i])
            }
            lines.append(head + "|")
            lines.append(body + "|")
        }
        if lineCount > maxRulerLines {
            lines.append("  … \(layout.size - maxRulerLines * bytesPerLine) more bytes not drawn")
        }
        return lines
    }

    /// What the numbers alone do not say: string encodings, flag bits, handles.
    public static func notes(_ layout: Layout) -> [String] {
        var notes: [String] = []
        if layout.contains(where: { $0.kind == .string }) {
            let m64 = layout.addressWidth == .memory64
            notes.append("string = (ptr, len); what len counts depends on string-encoding:")
            for e in StringEncoding.allCases {
                notes.append("  \(pad(e.rawValue, 12)) \(e.lengthMeaning(memory64: m64))")
            }
        }
        if case .flags(let labels) = layout.kind {
            let shown = labels.prefix(4).enumerated().map { "bit \($0.offset) = \($0.element)" }
            notes.append("flags: \(shown.joined(separator: ", "))\(labels.count > 4 ? ", …" : ""); flattened to one i32")
        }
        if let v = layout.variant {
            notes.append("variant: \(v.discriminant.rawValue) tag at 0, payload at \(v.payloadOffset); flat payload slots are joined across cases")
        }
        return notes
    }

    /// Core types with runs of four or more written once, e.g. `i32×16 i64`.
    public static func compact(_ types: [CoreValueType]) -> String {
        guard !types.isEmpty else { return "(none)" }
        var parts: [String] = []
        var i = 0
        while i < types.count {
            var j = i
            while j < types.count, types[j] == types[i] { j += 1 }
            let run = j - i
            parts += run >= 4 ? ["\(types[i].rawValue)×\(run)"] : Array(repeating: types[i].rawValue, count: run)
            i = j
        }
        return parts.joined(separator: " ")
    }

    static func clip(_ line: String) -> String {
        line.count <= width ? line : String(line.prefix(width - 1)) + "…"
    }
    static func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
    }
    static func leftPad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : String(repeating: " ", count: n - s.count) + s
    }
    static func shorten(_ s: String, _ n: Int) -> String {
        s.count <= n ? s : "…" + String(s.suffix(n - 1))
    }
}

extension Layout {
    /// True if this node or any node below it (members, elements, case
    /// payloads) satisfies `predicate`.
    public func contains(where predicate: (Layout) -> Bool) -> Bool {
        if predicate(self) { return true }
        if members.contains(where: { $0.layout.contains(where: predicate) }) { return true }
        switch kind {
        case .list(let e), .fixedList(let e, _): return e.contains(where: predicate)
        case .variant(let v): return v.cases.contains { $0.payload?.contains(where: predicate) ?? false }
        default: return false
        }
    }
}
