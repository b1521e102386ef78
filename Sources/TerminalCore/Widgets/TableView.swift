/// A column of a table: header text, width rule and alignment.
public struct TableColumn: Hashable, Sendable {
    public var title: String
    public var width: Constraint
    public var alignment: Alignment

    public init(_ title: String, width: Constraint = .fill, alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// Rows of cells under a header row, with a selectable row. Widths come
/// from the same constraint solver as pane layouts, so a column can be
/// fixed (offsets), a percentage, or take the rest (names).
public struct TableView: Sendable {
    public var columns: [TableColumn]
    public var rows: [[TextLine]]
    public var style: Style
    public var headerStyle: Style
    public var selectedStyle: Style
    public var columnSpacing: Int

    public init(columns: [TableColumn], rows: [[TextLine]], style: Style = .plain, headerStyle: Style = Style(attributes: .bold), selectedStyle: Style = Style(attributes: .reverse), columnSpacing: Int = 1) {
        self.columns = columns
        self.rows = rows
        self.style = style
        self.headerStyle = headerStyle
        self.selectedStyle = selectedStyle
        self.columnSpacing = columnSpacing
    }

    /// Convenience for plain-text cells.
    public init(columns: [TableColumn], textRows: [[String]], style: Style = .plain, headerStyle: Style = Style(attributes: .bold), selectedStyle: Style = Style(attributes: .reverse)) {
        self.init(columns: columns, rows: textRows.map { $0.map { TextLine($0) } }, style: style, headerStyle: headerStyle, selectedStyle: selectedStyle)
    }

    /// Rows available for data below the header.
    public func bodyHeight(for area: Rect) -> Int { max(0, area.height - 1) }

    public func render(in area: Rect, buffer: inout CellBuffer, state: ListState) {
        guard !area.isEmpty else { return }
        buffer.setStyle(style, in: area)
        let cells = area.split(.horizontal, columns.map(\.width), spacing: columnSpacing)
        let header = area.row(0)
        buffer.setStyle(headerStyle, in: header)
        for (column, cell) in zip(columns, cells) {
            let x = cell.x + column.alignment.offset(contentWidth: column.title.displayWidth, areaWidth: cell.width)
            buffer.write(column.title, x: x, y: header.y, style: style.patched(with: headerStyle), clip: Rect(x: cell.x, y: header.y, width: cell.width, height: 1))
        }
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        let offset = state.visibleOffset(viewHeight: body.height, count: rows.count)
        for line in 0..<body.height {
            let index = offset + line
            guard index < rows.count else { break }
            let rowArea = body.row(line)
            let isSelected = index == state.selected
            if isSelected { buffer.setStyle(selectedStyle, in: rowArea) }
            let rowStyle = isSelected ? style.patched(with: selectedStyle) : style
            for (columnIndex, cell) in cells.enumerated() where columnIndex < rows[index].count {
                let text = rows[index][columnIndex]
                let clip = Rect(x: cell.x, y: rowArea.y, width: cell.width, height: 1)
                let x = cell.x + columns[columnIndex].alignment.offset(contentWidth: text.width, areaWidth: cell.width)
                buffer.write(text, x: x, y: rowArea.y, style: rowStyle, clip: clip)
            }
        }
    }
}
