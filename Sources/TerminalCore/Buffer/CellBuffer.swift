/// The single render target: widgets draw into a rectangle of it, the
/// backend copies only the cells that changed since the last frame.
/// Writes outside the buffer (or outside a clip rectangle) are dropped, so a
/// widget given a too-small area degrades instead of trapping.
public struct CellBuffer: Hashable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown (a text input sets it); `nil` hides it.
    public var cursor: Position?

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    private func index(_ x: Int, _ y: Int) -> Int? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        return y * width + x
    }

    /// The cell at a position; a blank cell outside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        get { index(x, y).map { cells[$0] } ?? .blank }
        set { if let i = index(x, y) { cells[i] = newValue } }
    }

    /// Overwrites every cell of `rect` with `cell` (a blank by default).
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let clipped = rect.intersection(area)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { self[x, y] = cell }
        }
    }

    /// Lays a style over every cell of `rect` without changing the text.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let clipped = rect.intersection(area)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX {
                if let i = index(x, y) { cells[i].apply(style) }
            }
        }
    }

    /// Writes `text` on one row starting at column `x`, clipped to `clip`
    /// (the whole buffer by default). Returns the column after the last
    /// character written. Zero-width characters are skipped; a wide
    /// character that does not fit entirely is not drawn.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let bounds = (clip ?? area).intersection(area)
        guard y >= bounds.y, y < bounds.maxY else { return x }
        var column = x
        for character in text {
            let w = CharWidth.of(character)
            if w == 0 { continue }
            if column >= bounds.maxX { break }
            if column < bounds.x {
                // Partly left of the clip edge: show the visible half as blank.
                let visible = max(column, bounds.x)..<max(bounds.x, min(column + w, bounds.maxX))
                for c in visible { put(" ", width: 1, x: c, y: y, style: style) }
                column += w
                continue
            }
            if column + w > bounds.maxX {
                for c in column..<bounds.maxX { put(" ", width: 1, x: c, y: y, style: style) }
                column = bounds.maxX
                break
            }
            put(String(character), width: w, x: column, y: y, style: style)
            column += w
        }
        return column
    }

    /// Places one symbol, repairing any wide character it cuts in half so
    /// no orphan continuation or orphan lead is left behind.
    private mutating func put(_ symbol: String, width w: Int, x: Int, y: Int, style: Style) {
        guard let i = index(x, y) else { return }
        if cells[i].isContinuation, let lead = index(x - 1, y) { cells[lead].symbol = " " }
        let lastCovered = x + w - 1
        if let after = index(lastCovered + 1, y), cells[after].isContinuation { cells[after].symbol = " " }
        cells[i].symbol = symbol
        cells[i].apply(style)
        if w == 2, let next = index(x + 1, y) {
            cells[next] = cells[i]
            cells[next].symbol = ""
        }
    }

    /// Resizes, keeping the top-left content that still fits.
    public mutating func resize(width newWidth: Int, height newHeight: Int) {
        var next = CellBuffer(width: newWidth, height: newHeight)
        for y in 0..<min(height, next.height) {
            for x in 0..<min(width, next.width) { next[x, y] = self[x, y] }
            // A wide lead cut at the new right edge would leave half a character.
            if next.width > 0, next.width < width, self[next.width, y].isContinuation { next[next.width - 1, y].symbol = " " }
        }
        next.cursor = cursor
        self = next
    }

    /// The cells of `new` that differ from `old`, in row-major order.
    /// Continuation cells are left out: writing a wide lead covers them.
    /// If the sizes differ every cell of `new` is returned (a full redraw).
    public static func diff(_ old: CellBuffer, _ new: CellBuffer) -> [CellChange] {
        var changes: [CellChange] = []
        let full = old.width != new.width || old.height != new.height
        for y in 0..<new.height {
            for x in 0..<new.width {
                let i = y * new.width + x
                let cell = new.cells[i]
                if cell.isContinuation { continue }
                if full || old.cells[i] != cell || (x + 1 < new.width && old.cells[i + 1] != new.cells[i + 1] && new.cells[i + 1].isContinuation) {
                    changes.append(CellChange(x: x, y: y, cell: cell))
                }
            }
        }
        return changes
    }

    /// Applies changes produced by `diff`, as a terminal would: a wide
    /// symbol also claims the cell to its right.
    public mutating func apply(_ changes: [CellChange]) {
        for change in changes {
            let w = max(1, CharWidth.of(change.cell.symbol))
            put(change.cell.symbol, width: min(w, 2), x: change.x, y: change.y, style: .plain)
            if let i = index(change.x, change.y) {
                cells[i] = change.cell
                if w == 2, let next = index(change.x + 1, change.y) {
                    cells[next] = change.cell
                    cells[next].symbol = ""
                }
            }
        }
    }
}
