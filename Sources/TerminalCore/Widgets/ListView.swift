/// A vertical list of one-line items with a highlighted selection.
public struct ListView: Sendable {
    public var items: [TextLine]
    public var style: Style
    public var selectedStyle: Style
    /// Drawn before the selected item (others get the same width of spaces).
    public var highlightSymbol: String?

    public init(_ items: [TextLine], style: Style = .plain, selectedStyle: Style = Style(attributes: .reverse), highlightSymbol: String? = nil) {
        self.items = items
        self.style = style
        self.selectedStyle = selectedStyle
        self.highlightSymbol = highlightSymbol
    }

    public func render(in area: Rect, buffer: inout CellBuffer, state: ListState) {
        buffer.setStyle(style, in: area)
        let offset = state.visibleOffset(viewHeight: area.height, count: items.count)
        let gutter = highlightSymbol?.displayWidth ?? 0
        for row in 0..<area.height {
            let index = offset + row
            guard index < items.count else { break }
            let rowArea = area.row(row)
            let isSelected = index == state.selected
            if isSelected { buffer.setStyle(selectedStyle, in: rowArea) }
            let rowStyle = isSelected ? style.patched(with: selectedStyle) : style
            if let symbol = highlightSymbol {
                buffer.write(isSelected ? symbol : String(repeating: " ", count: gutter), x: area.x, y: rowArea.y, style: rowStyle, clip: area)
            }
            buffer.write(isSelected ? items[index].selected(selectedStyle) : items[index], x: area.x + gutter, y: rowArea.y, style: rowStyle, clip: area)
        }
    }
}
