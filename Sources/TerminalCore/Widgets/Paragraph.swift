/// Styled text, word-wrapped to the area (or clipped when `wrap` is off),
/// scrolled by `scroll` wrapped rows. Used for help, WIT source, messages.
public struct Paragraph: Widget, Sendable {
    public var lines: [TextLine]
    public var style: Style
    public var wrap: Bool
    public var scroll: Int
    public var alignment: Alignment
    /// Columns scrolled off to the left when `wrap` is off.
    public var hscroll = 0
    /// When set (and `wrap` is off), a row cut at the right edge ends in `›`
    /// and a row with text scrolled off to the left starts with `‹`, in this
    /// style, so clipped text does not pass for the whole of it.
    public var overflowStyle: Style?

    public init(_ lines: [TextLine], style: Style = .plain, wrap: Bool = true, scroll: Int = 0, alignment: Alignment = .left) {
        self.lines = lines
        self.style = style
        self.wrap = wrap
        self.scroll = scroll
        self.alignment = alignment
    }

    public init(text: String, style: Style = .plain, wrap: Bool = true, scroll: Int = 0, alignment: Alignment = .left) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { TextLine(String($0)) }
        self.init(lines, style: style, wrap: wrap, scroll: scroll, alignment: alignment)
    }

    /// The rows the text takes at `width`, for scroll limits and scrollbars.
    public func displayLines(width: Int) -> [TextLine] {
        wrap ? lines.flatMap { WordWrap.wrap($0, width: width) } : lines
    }

    public func render(in area: Rect, buffer: inout CellBuffer) {
        buffer.setStyle(style, in: area)
        let rows = displayLines(width: area.width)
        let start = min(max(0, scroll), max(0, rows.count - 1))
        let shift = wrap ? 0 : max(0, hscroll)
        for (offset, line) in rows.dropFirst(start).prefix(area.height).enumerated() {
            let x = area.x + alignment.offset(contentWidth: line.width, areaWidth: area.width) - shift
            let y = area.y + offset
            buffer.write(line, x: x, y: y, style: style, clip: area)
            guard let marker = overflowStyle, !wrap, area.width > 1 else { continue }
            if x + line.width > area.maxX { buffer.write("›", x: area.maxX - 1, y: y, style: style.patched(with: marker), clip: area) }
            if shift > 0 && line.width > 0 { buffer.write("‹", x: area.x, y: y, style: style.patched(with: marker), clip: area) }
        }
    }
}
