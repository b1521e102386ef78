/// A partial style: `nil` colours leave what is already in a cell, so a
/// widget can set only the foreground and keep the pane's background.
public struct Style: Hashable, Sendable {
    public var fg: Color?
    public var bg: Color?
    public var attributes: Attributes

    public init(fg: Color? = nil, bg: Color? = nil, attributes: Attributes = []) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }

    public static let plain = Style()

    /// `other` laid over `self`: its colours win where set, attributes add up.
    public func patched(with other: Style) -> Style {
        Style(fg: other.fg ?? fg, bg: other.bg ?? bg, attributes: attributes.union(other.attributes))
    }

    public func adding(_ extra: Attributes) -> Style {
        Style(fg: fg, bg: bg, attributes: attributes.union(extra))
    }

    /// Colours brought down to what the terminal can show.
    public func downgraded(to capability: ColorCapability) -> Style {
        Style(fg: fg?.downgraded(to: capability), bg: bg?.downgraded(to: capability), attributes: attributes)
    }
}
