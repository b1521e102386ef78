/// A key and what it does, as shown in the status bar ("q quit").
public struct KeyHint: Hashable, Sendable {
    public var key: String
    public var label: String
    public init(key: String, label: String) { self.key = key; self.label = label }
}

/// The bottom line: key hints on the left, a message on the right. Hints
/// come from the keymap (`Keymap.hints`) so they never disagree with it.
public struct StatusBar: Widget, Sendable {
    public var hints: [KeyHint]
    public var message: String
    public var style: Style
    public var keyStyle: Style

    public init(hints: [KeyHint], message: String = "", style: Style = Style(attributes: .reverse), keyStyle: Style = Style(attributes: .bold)) {
        self.hints = hints
        self.message = message
        self.style = style
        self.keyStyle = keyStyle
    }

    public func render(in area: Rect, buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row)
        buffer.setStyle(style, in: row)
        let messageWidth = min(message.displayWidth, row.width)
        let hintsClip = Rect(x: row.x, y: row.y, width: row.width - messageWidth - (messageWidth > 0 ? 1 : 0), height: 1)
        var x = row.x + 1
        for hint in hints {
            let needed = hint.key.displayWidth + 1 + hint.label.displayWidth
            if x + needed > hintsClip.maxX { break }  // drop whole hints, never half of one
            x = buffer.write(hint.key, x: x, y: row.y, style: style.patched(with: keyStyle), clip: hintsClip)
            x = buffer.write(" " + hint.label, x: x, y: row.y, style: style, clip: hintsClip)
            x += 2
        }
        if messageWidth > 0 {
            buffer.write(message, x: row.maxX - messageWidth, y: row.y, style: style, clip: row)
        }
    }
}
