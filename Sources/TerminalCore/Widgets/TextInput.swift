/// The text and cursor of a one-line input (the `/` filter). The cursor is
/// an index in characters (grapheme clusters), never inside one.
public struct TextInputState: Hashable, Sendable {
    public private(set) var text: String
    public private(set) var cursor: Int
    /// Longest accepted input; filters are short and this bounds memory.
    public var maxLength: Int

    public init(text: String = "", maxLength: Int = 1024) {
        self.text = String(text.prefix(maxLength))
        self.cursor = self.text.count
        self.maxLength = maxLength
    }

    private func index(_ offset: Int) -> String.Index { text.index(text.startIndex, offsetBy: offset) }

    public mutating func insert(_ character: Character) {
        guard text.count < maxLength, CharWidth.of(character) > 0 else { return }
        text.insert(character, at: index(cursor))
        cursor += 1
    }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        text.remove(at: index(cursor - 1))
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < text.count else { return }
        text.remove(at: index(cursor))
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(text.count, cursor + 1) }
    public mutating func moveToStart() { cursor = 0 }
    public mutating func moveToEnd() { cursor = text.count }
    public mutating func clear() { text = ""; cursor = 0 }

    /// Applies an editing key. Returns false for keys that are not editing
    /// (Enter, Esc, arrows up/down...), which the caller then handles.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c): insert(c)
        case .backspace, .ctrl("h"): backspace()
        case .delete, .ctrl("d"): deleteForward()
        case .left, .ctrl("b"): moveLeft()
        case .right, .ctrl("f"): moveRight()
        case .home, .ctrl("a"): moveToStart()
        case .end, .ctrl("e"): moveToEnd()
        case .ctrl("u"): clear()
        default: return false
        }
        return true
    }
}

/// Draws a prompt and the input, scrolled so the cursor stays visible, and
/// asks the backend to show the terminal cursor there.
public struct TextInput: Sendable {
    public var prompt: String
    public var placeholder: String
    public var style: Style
    public var promptStyle: Style
    public var placeholderStyle: Style
    public var showsCursor: Bool

    public init(prompt: String = "/", placeholder: String = "", style: Style = .plain, promptStyle: Style = Style(attributes: .bold), placeholderStyle: Style = Style(attributes: .dim), showsCursor: Bool = true) {
        self.prompt = prompt
        self.placeholder = placeholder
        self.style = style
        self.promptStyle = promptStyle
        self.placeholderStyle = placeholderStyle
        self.showsCursor = showsCursor
    }

    public func render(in area: Rect, buffer: inout CellBuffer, state: TextInputState) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row)
        buffer.setStyle(style, in: row)
        let start = buffer.write(prompt, x: row.x, y: row.y, style: style.patched(with: promptStyle), clip: row)
        let field = Rect(x: start, y: row.y, width: row.maxX - start, height: 1)
        guard field.width > 0 else { return }
        if state.text.isEmpty && !placeholder.isEmpty {
            buffer.write(placeholder, x: field.x, y: field.y, style: style.patched(with: placeholderStyle), clip: field)
        }
        // Scroll horizontally: keep one spare column for the cursor at the end.
        let characters = Array(state.text)
        let beforeCursor = characters[..<min(state.cursor, characters.count)].reduce(0) { $0 + CharWidth.of($1) }
        var skip = 0
        var skippedWidth = 0
        while beforeCursor - skippedWidth >= field.width, skip < characters.count {
            skippedWidth += CharWidth.of(characters[skip])
            skip += 1
        }
        buffer.write(String(characters[skip...]), x: field.x, y: field.y, style: style, clip: field)
        if showsCursor { buffer.cursor = Position(x: field.x + beforeCursor - skippedWidth, y: field.y) }
    }
}
