/// One terminal cell. A wide character occupies its cell and the next one;
/// the next one is a *continuation* with an empty symbol, so the buffer
/// always has exactly `width` cells per row and columns stay aligned.
public struct Cell: Hashable, Sendable {
    /// One grapheme cluster, `""` for the right half of a wide character.
    public var symbol: String
    public var fg: Color
    public var bg: Color
    public var attributes: Attributes

    public init(symbol: String = " ", fg: Color = .default, bg: Color = .default, attributes: Attributes = []) {
        self.symbol = symbol
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }

    public static let blank = Cell()

    public var isContinuation: Bool { symbol.isEmpty }

    public var style: Style { Style(fg: fg, bg: bg, attributes: attributes) }

    /// Lays a partial style over the cell (see `Style.patched(with:)`).
    public mutating func apply(_ style: Style) {
        if let fg = style.fg { self.fg = fg }
        if let bg = style.bg { self.bg = bg }
        attributes.formUnion(style.attributes)
    }
}

/// A cell that differs between two frames, with its position.
public struct CellChange: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cell: Cell

    public init(x: Int, y: Int, cell: Cell) {
        self.x = x
        self.y = y
        self.cell = cell
    }
}
