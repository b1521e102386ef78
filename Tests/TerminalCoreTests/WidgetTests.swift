import Testing
import TerminalCore

@Suite struct WidgetTests {
    @Test func blockDrawsBorderTitleAndInnerArea() {
        var buffer = CellBuffer(width: 12, height: 4)
        let block = Block(title: "WIT", symbols: .plain)
        block.render(in: buffer.area, buffer: &buffer)
        #expect(buffer.lines() == ["┌ WIT ─────┐", "│          │", "│          │", "└──────────┘"])
        #expect(block.inner(buffer.area) == Rect(x: 1, y: 1, width: 10, height: 2))
    }

    @Test func blockTitleIsClipped() {
        var buffer = CellBuffer(width: 8, height: 3)
        Block(title: "a very long title", symbols: .ascii).render(in: buffer.area, buffer: &buffer)
        // Cut with an ellipsis, keeping the space before the corner.
        #expect(buffer.lines()[0] == "+ a v… +")
    }

    @Test func themedBlockUsesFocusedBorder() {
        let theme = Theme.builtinDefault
        var buffer = CellBuffer(width: 6, height: 3)
        Block.themed("x", theme: theme, focused: true).render(in: buffer.area, buffer: &buffer)
        #expect(buffer[0, 1].fg == theme.style(ThemeRole.borderFocused).fg)
        #expect(buffer[0, 1].attributes.contains(.bold))
        Block.themed("x", theme: theme, focused: false).render(in: buffer.area, buffer: &buffer)
        #expect(buffer[0, 1].fg == theme.style(ThemeRole.border).fg)
    }

    @Test func tableAlignsColumns() {
        let table = TableView(
            columns: [TableColumn("field", width: .fill), TableColumn("off", width: .fixed(3), alignment: .right), TableColumn("size", width: .fixed(4), alignment: .right)],
            textRows: [["tag", "0", "1"], ["payload", "4", "8"]]
        )
        var buffer = CellBuffer(width: 20, height: 3)
        table.render(in: buffer.area, buffer: &buffer, state: ListState(selected: 1))
        #expect(buffer.lines() == ["field       off size", "tag           0    1", "payload       4    8"])
        #expect(buffer[0, 2].attributes.contains(.reverse))
        #expect(buffer[0, 0].attributes.contains(.bold))
    }

    @Test func statusBarDropsHintsThatDoNotFit() {
        var buffer = CellBuffer(width: 24, height: 1)
        StatusBar(hints: [KeyHint(key: "q", label: "quit"), KeyHint(key: "?", label: "help"), KeyHint(key: "/", label: "filter")], message: "ok").render(in: buffer.area, buffer: &buffer)
        #expect(buffer.lines() == [" q quit  ? help       ok"])
    }

    @Test func modalIsCenteredWithButtons() {
        var buffer = CellBuffer(width: 40, height: 9)
        let modal = Modal(title: "Quit", message: "Discard changes?", buttons: ["Yes", "No"])
        modal.render(in: buffer.area, buffer: &buffer, selectedButton: 1)
        let lines = buffer.lines()
        #expect(modal.area(in: buffer.area) == Rect(x: 8, y: 1, width: 24, height: 6))
        #expect(lines[0] == "")
        #expect(lines[1] == "        ╭ Quit " + String(repeating: "─", count: 16) + "╮")
        #expect(lines[2] == "        │ Discard changes?     │")
        #expect(lines[5] == "        │   [ Yes ]  [ No ]    │")
        #expect(lines[6] == "        ╰" + String(repeating: "─", count: 22) + "╯")
        // The selected button is highlighted, the other is not.
        #expect(buffer[21, 5].attributes.contains(.reverse))
        #expect(!buffer[12, 5].attributes.contains(.reverse))
    }

    @Test func textInputEditsAndPlacesCursor() {
        var state = TextInputState()
        for key in Key.script("wasi<left><backspace>x<home>") { _ = state.handle(key) }
        #expect(state.text == "waxi")
        #expect(state.cursor == 0)
        #expect(state.handle(.enter) == false)
        _ = state.handle(.end)
        var buffer = CellBuffer(width: 10, height: 1)
        TextInput(prompt: "/").render(in: buffer.area, buffer: &buffer, state: state)
        #expect(buffer.lines() == ["/waxi"])
        #expect(buffer.cursor == Position(x: 5, y: 0))
    }

    @Test func textInputScrollsToKeepCursorVisible() {
        var state = TextInputState()
        for c in "abcdefghij" { state.insert(c) }
        var buffer = CellBuffer(width: 6, height: 1)
        TextInput(prompt: "/").render(in: buffer.area, buffer: &buffer, state: state)
        #expect(buffer.lines() == ["/ghij"])
        #expect(buffer.cursor == Position(x: 5, y: 0))
    }

    @Test func scrollbarThumbTracksOffset() {
        #expect(Scrollbar(total: 100, offset: 0, viewport: 10).thumb(height: 10) == 0..<1)
        #expect(Scrollbar(total: 100, offset: 90, viewport: 10).thumb(height: 10) == 9..<10)
        #expect(Scrollbar(total: 20, offset: 5, viewport: 10).thumb(height: 10) == 2..<7)
        #expect(Scrollbar(total: 5, offset: 0, viewport: 10).thumb(height: 10) == nil)
        var buffer = CellBuffer(width: 1, height: 4)
        Scrollbar(total: 8, offset: 4, viewport: 4).render(in: buffer.area, buffer: &buffer)
        #expect(buffer.lines() == ["│", "│", "█", "█"])
    }
}
