/// A run of text in one style.
public struct TextSpan: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public var width: Int { text.displayWidth }
}

/// One line of styled text (syntax-coloured WIT, a diagnostic, a list item).
/// Named `TextLine` rather than `Line` so it does not collide with source
/// positions in the engine when both modules are imported.
public struct TextLine: Hashable, Sendable, ExpressibleByStringLiteral {
    public var spans: [TextSpan]

    public init(spans: [TextSpan]) { self.spans = spans }
    public init(_ text: String, style: Style = .plain) { self.spans = [TextSpan(text, style: style)] }
    public init(stringLiteral value: String) { self.init(value) }

    public var width: Int { spans.reduce(0) { $0 + $1.width } }
    public var plainText: String { spans.map(\.text).joined() }

    /// The same text with `style` laid under every span's own style.
    public func styled(_ style: Style) -> TextLine {
        TextLine(spans: spans.map { TextSpan($0.text, style: style.patched(with: $0.style)) })
    }

    /// The line as a selected row draws it: the selection's colours win over
    /// the spans' own (red text on a blue bar would be unreadable), the
    /// spans keep what the selection leaves unset and their attributes.
    public func selected(_ selection: Style) -> TextLine {
        TextLine(spans: spans.map { TextSpan($0.text, style: $0.style.patched(with: selection)) })
    }
}

extension CellBuffer {
    /// Writes styled spans one after the other; returns the next column.
    @discardableResult
    public mutating func write(_ line: TextLine, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        var column = x
        for span in line.spans {
            column = write(span.text, x: column, y: y, style: style.patched(with: span.style), clip: clip)
        }
        return column
    }
}

/// Horizontal placement of text within its area.
public enum Alignment: Hashable, Sendable {
    case left, center, right

    func offset(contentWidth: Int, areaWidth: Int) -> Int {
        switch self {
        case .left: return 0
        case .center: return max(0, (areaWidth - contentWidth) / 2)
        case .right: return max(0, areaWidth - contentWidth)
        }
    }
}
