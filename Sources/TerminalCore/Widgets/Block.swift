/// A bordered box with an optional title. Panes draw a Block and then their
/// content into `inner(area)`; focus is shown by passing a different border
/// style, so the caller (which knows focus) decides, not the block.
public struct Block: Widget, Sendable {
    public var title: String?
    public var borders: Bool
    public var borderStyle: Style
    public var titleStyle: Style
    public var style: Style
    public var symbols: BorderSymbols

    public init(title: String? = nil, borders: Bool = true, borderStyle: Style = .plain, titleStyle: Style = .plain, style: Style = .plain, symbols: BorderSymbols = .rounded) {
        self.title = title
        self.borders = borders
        self.borderStyle = borderStyle
        self.titleStyle = titleStyle
        self.style = style
        self.symbols = symbols
    }

    /// The area left for content.
    public func inner(_ area: Rect) -> Rect {
        borders ? area.inset(by: 1) : Rect(x: area.x, y: area.y + (title == nil ? 0 : 1), width: area.width, height: area.height - (title == nil ? 0 : 1))
    }

    public func render(in area: Rect, buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        buffer.fill(area, with: Cell())
        buffer.setStyle(style, in: area)
        if borders && area.width >= 2 && area.height >= 2 {
            let s = symbols
            let edge = style.patched(with: borderStyle)
            let horizontal = String(repeating: s.horizontal, count: area.width - 2)
            buffer.write(s.topLeft + horizontal + s.topRight, x: area.x, y: area.y, style: edge)
            buffer.write(s.bottomLeft + horizontal + s.bottomRight, x: area.x, y: area.maxY - 1, style: edge)
            for y in (area.y + 1)..<(area.maxY - 1) {
                buffer.write(s.vertical, x: area.x, y: y, style: edge)
                buffer.write(s.vertical, x: area.maxX - 1, y: y, style: edge)
            }
        }
        if let title, !title.isEmpty {
            let x = borders ? area.x + 1 : area.x
            let clip = Rect(x: x, y: area.y, width: borders ? area.width - 2 : area.width, height: 1)
            // A title too long for the edge is cut with `…`, keeping a space before the corner.
            let room = borders ? clip.width - 2 : clip.width
            var shown = title
            if shown.displayWidth > room && room > 0 { shown = shown.prefix(columns: room - 1) + "…" }
            if room > 0 {
                buffer.write(borders ? " \(shown) " : shown, x: x, y: area.y, style: style.patched(with: titleStyle), clip: clip)
            }
        }
    }
}

/// The characters of a border.
public struct BorderSymbols: Hashable, Sendable {
    public var topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: String

    public init(topLeft: String, topRight: String, bottomLeft: String, bottomRight: String, horizontal: String, vertical: String) {
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
        self.horizontal = horizontal
        self.vertical = vertical
    }

    public static let plain = BorderSymbols(topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│")
    public static let rounded = BorderSymbols(topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯", horizontal: "─", vertical: "│")
    public static let thick = BorderSymbols(topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛", horizontal: "━", vertical: "┃")
    public static let double = BorderSymbols(topLeft: "╔", topRight: "╗", bottomLeft: "╚", bottomRight: "╝", horizontal: "═", vertical: "║")
    /// For terminals or fonts without box drawing.
    public static let ascii = BorderSymbols(topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|")
}
