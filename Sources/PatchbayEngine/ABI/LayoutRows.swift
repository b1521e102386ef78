/// One line of a layout table: a byte range and what occupies it.
///
/// The rows are the bridge between the layout tree and any rendering (plain
/// text here, a TUI screen later): the tree is walked once, and each leaf,
/// padding gap or variant payload becomes a row with a one-character mark.
public struct LayoutRow: Hashable, Sendable {
    public enum Role: Hashable, Sendable {
        /// A leaf part with its own mark in the ruler.
        case field
        /// Unused bytes, drawn as `.`.
        case padding
        /// A variant's shared payload area (all cases overlap here).
        case payload
        /// One case of the variant above; informational, not drawn.
        case variantCase
        /// A summary of parts left out to keep the table short.
        case elided
    }
    public var role: Role
    /// The ruler character: a letter for fields, `.` for padding, a space
    /// for rows that are not drawn.
    public var mark: Character
    public var offset: Int
    public var size: Int
    /// Dotted field path, e.g. `p.x`, `items.ptr`, `[2]`, `tag`.
    public var path: String
    public var typeText: String
}

extension Layout {
    /// Fixed-list elements and variant cases beyond these counts are summarised.
    public static let maxListedElements = 16
    public static let maxListedCases = 12

    /// The table rows of this layout, in offset order within each level.
    public var rows: [LayoutRow] {
        var builder = RowBuilder()
        builder.walk(self, base: 0, path: "")
        return builder.rows
    }
}

private struct RowBuilder {
    var rows: [LayoutRow] = []
    var nextMark = 0
    static let marks = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    mutating func mark() -> Character {
        defer { nextMark += 1 }
        return nextMark < Self.marks.count ? Self.marks[nextMark] : "#"
    }

    static func join(_ path: String, _ name: String) -> String {
        if path.isEmpty { return name }
        return name.hasPrefix("[") ? path + name : path + "." + name
    }

    mutating func leaf(_ layout: Layout, base: Int, path: String, typeText: String? = nil) {
        rows.append(LayoutRow(role: .field, mark: mark(), offset: base, size: layout.size,
                              path: path.isEmpty ? "(value)" : path, typeText: typeText ?? layout.typeText))
    }

    mutating func padding(_ ranges: [ByteRange], base: Int) -> [(Int, LayoutRow)] {
        ranges.map { ($0.offset, LayoutRow(role: .padding, mark: ".", offset: base + $0.offset, size: $0.size,
                                             path: "", typeText: "padding")) }
    }

    mutating func walk(_ layout: Layout, base: Int, path: String) {
        switch layout.kind {
        case .record:
            var pads = padding(layout.padding, base: base)[...]
            for m in layout.members {
                while let p = pads.first, p.0 < m.offset { rows.append(p.1); pads = pads.dropFirst() }
                walk(m.layout, base: base + m.offset, path: Self.join(path, m.name))
            }
            rows += pads.map(\.1)
        case .string:
            for m in layout.members {
                let what = m.layout.kind == .pointer ? "\(m.layout.typeText) to the string's bytes"
                                                     : "\(m.layout.typeText) of \(layout.typeText)"
                leaf(m.layout, base: base + m.offset, path: Self.join(path, m.name), typeText: what)
            }
        case .list(let element):
            for m in layout.members {
                let what = m.layout.kind == .pointer
                    ? "\(m.layout.typeText) to \(element.typeText) × len (\(element.size) B, align \(element.alignment))"
                    : "\(m.layout.typeText) of \(layout.typeText)"
                leaf(m.layout, base: base + m.offset, path: Self.join(path, m.name), typeText: what)
            }
        case .fixedList(let element, let length):
            let shown = min(Int(length), Layout.maxListedElements)
            for i in 0..<shown {
                walk(element, base: base + i * element.size, path: Self.join(path, "[\(i)]"))
            }
            if Int(length) > shown {
                let rest = Int(length) - shown
                rows.append(LayoutRow(role: .elided, mark: mark(), offset: base + shown * element.size,
                                      size: rest * element.size, path: Self.join(path, "[\(shown)…\(Int(length) - 1)]"),
                                      typeText: "\(rest) more × \(element.typeText)"))
            }
        case .variant(let v):
            let tagPath = Self.join(path, "tag")
            leaf(layout.members.first?.layout ?? layout, base: base, path: tagPath,
                 typeText: "\(v.discriminant.rawValue) discriminant of \(layout.typeText) (\(v.cases.count) cases)")
            let pads = padding(layout.padding, base: base)
            rows += pads.filter { $0.0 < v.payloadOffset }.map(\.1)
            if v.payloadSize > 0 {
                let withPayload = v.cases.filter { $0.payload != nil }.count
                rows.append(LayoutRow(role: .payload, mark: mark(), offset: base + v.payloadOffset, size: v.payloadSize,
                                      path: Self.join(path, "payload"),
                                      typeText: "union of \(withPayload) case payload\(withPayload == 1 ? "" : "s")"))
            }
            for c in v.cases.prefix(Layout.maxListedCases) {
                rows.append(LayoutRow(role: .variantCase, mark: " ", offset: base + v.payloadOffset,
                                      size: c.payload?.size ?? 0, path: "  \(c.index): \(c.name)",
                                      typeText: c.payload?.typeText ?? "no payload"))
            }
            if v.cases.count > Layout.maxListedCases {
                rows.append(LayoutRow(role: .elided, mark: " ", offset: base + v.payloadOffset, size: 0,
                                      path: "  …", typeText: "\(v.cases.count - Layout.maxListedCases) more cases"))
            }
            rows += pads.filter { $0.0 >= v.payloadOffset }.map(\.1)
        case .flags(let labels):
            leaf(layout, base: base, path: path, typeText: "\(layout.typeText): \(labels.count) bits in \(layout.size) B")
        case .handle(let kind):
            leaf(layout, base: base, path: path, typeText: "\(layout.typeText): i32 \(kind.rawValue) handle index")
        case .scalar, .pointer, .length:
            leaf(layout, base: base, path: path)
        }
    }
}
