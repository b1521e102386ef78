/// A vertical scrollbar in a one-column area: a track with a thumb whose
/// size and place show which part of `total` rows is in view.
public struct Scrollbar: Widget, Sendable {
    public var total: Int
    public var offset: Int
    public var viewport: Int
    public var trackStyle: Style
    public var thumbStyle: Style
    public var trackSymbol: String
    public var thumbSymbol: String

    public init(total: Int, offset: Int, viewport: Int, trackStyle: Style = Style(attributes: .dim), thumbStyle: Style = .plain, trackSymbol: String = "│", thumbSymbol: String = "█") {
        self.total = total
        self.offset = offset
        self.viewport = viewport
        self.trackStyle = trackStyle
        self.thumbStyle = thumbStyle
        self.trackSymbol = trackSymbol
        self.thumbSymbol = thumbSymbol
    }

    /// The rows of the thumb within a track of `height`, or nil when
    /// everything fits and no bar is needed.
    public func thumb(height: Int) -> Range<Int>? {
        guard height > 0, total > viewport, viewport > 0 else { return nil }
        let length = max(1, height * viewport / total)
        let maxOffset = max(1, total - viewport)
        let start = (height - length) * min(max(0, offset), maxOffset) / maxOffset
        return start..<(start + length)
    }

    public func render(in area: Rect, buffer: inout CellBuffer) {
        guard let thumb = thumb(height: area.height) else { return }
        for row in 0..<area.height {
            let inThumb = thumb.contains(row)
            buffer.write(inThumb ? thumbSymbol : trackSymbol, x: area.x, y: area.y + row, style: inThumb ? thumbStyle : trackStyle, clip: area)
        }
    }
}
