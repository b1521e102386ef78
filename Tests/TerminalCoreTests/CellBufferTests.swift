import Testing
@testable import TerminalCore

@Suite struct CellBufferTests {
    @Test func writeClipsToBufferAndRect() {
        var buffer = CellBuffer(width: 8, height: 2)
        buffer.write("hello world", x: 0, y: 0)
        buffer.write("abcdef", x: 2, y: 1, clip: Rect(x: 2, y: 1, width: 3, height: 1))
        buffer.write("ignored", x: 0, y: 5)
        #expect(buffer.lines() == ["hello wo", "  abc"])
    }

    @Test func negativeStartIsClipped() {
        var buffer = CellBuffer(width: 5, height: 1)
        let end = buffer.write("abcdef", x: -2, y: 0)
        #expect(renderToText(buffer) == "cdef")
        #expect(end == 4)
    }

    @Test func wideCharactersTakeTwoCells() {
        var buffer = CellBuffer(width: 6, height: 1)
        let end = buffer.write("日本x", x: 0, y: 0)
        #expect(end == 5)
        #expect(buffer[0, 0].symbol == "日")
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer[2, 0].symbol == "本")
        #expect(buffer[4, 0].symbol == "x")
        #expect(renderToText(buffer) == "日本x")
    }

    @Test func wideCharacterThatDoesNotFitIsNotSplit() {
        var buffer = CellBuffer(width: 3, height: 1)
        buffer.write("a日本", x: 0, y: 0)
        #expect(buffer.lines(trimmingTrailingSpaces: false) == ["a日"])
        var narrow = CellBuffer(width: 2, height: 1)
        narrow.write("a日", x: 0, y: 0)
        #expect(narrow.lines(trimmingTrailingSpaces: false) == ["a "])
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.write("日本", x: 0, y: 0)
        buffer.write("x", x: 1, y: 0)  // right half of 日
        #expect(buffer.lines(trimmingTrailingSpaces: false) == [" x本"])
        buffer.write("y", x: 2, y: 0)  // left half of 本
        #expect(buffer.lines(trimmingTrailingSpaces: false) == [" xy "])
        #expect(!buffer[3, 0].isContinuation)
    }

    @Test func emojiAndCombiningMarks() {
        var buffer = CellBuffer(width: 6, height: 1)
        buffer.write("🙂e\u{301}!", x: 0, y: 0)
        #expect(buffer[0, 0].symbol == "🙂")
        #expect(buffer[2, 0].symbol == "e\u{301}")
        #expect(buffer[3, 0].symbol == "!")
    }

    @Test func stylesPatchExistingCells() {
        var buffer = CellBuffer(width: 3, height: 1)
        buffer.setStyle(Style(bg: .blue), in: buffer.area)
        buffer.write("ab", x: 0, y: 0, style: Style(fg: .red, attributes: .bold))
        #expect(buffer[0, 0] == Cell(symbol: "a", fg: .red, bg: .blue, attributes: .bold))
        #expect(buffer[2, 0] == Cell(symbol: " ", fg: .default, bg: .blue))
    }

    @Test func diffReportsOnlyChangedCells() {
        var old = CellBuffer(width: 5, height: 2)
        old.write("hello", x: 0, y: 0)
        var new = old
        new.write("J", x: 0, y: 0)
        new.write("!", x: 4, y: 1, style: Style(fg: .green))
        let changes = CellBuffer.diff(old, new)
        #expect(changes == [
            CellChange(x: 0, y: 0, cell: Cell(symbol: "J")),
            CellChange(x: 4, y: 1, cell: Cell(symbol: "!", fg: .green)),
        ])
        #expect(CellBuffer.diff(new, new).isEmpty)
    }

    @Test func diffOfStyleOnlyChange() {
        var old = CellBuffer(width: 3, height: 1)
        old.write("abc", x: 0, y: 0)
        var new = old
        new.setStyle(Style(attributes: .reverse), in: Rect(x: 1, y: 0, width: 1, height: 1))
        #expect(CellBuffer.diff(old, new).map(\.x) == [1])
    }

    @Test func diffSkipsContinuationsAndSizeChangeRedrawsAll() {
        let old = CellBuffer(width: 4, height: 1)
        var new = old
        new.write("日a", x: 0, y: 0)
        #expect(CellBuffer.diff(old, new).map(\.x) == [0, 2])
        let resized = CellBuffer(width: 2, height: 2)
        #expect(CellBuffer.diff(old, resized).count == 4)
    }

    @Test func applyingADiffReproducesTheNewFrame() {
        var old = CellBuffer(width: 6, height: 2)
        old.write("ab日cd", x: 0, y: 0)
        old.write("xyz", x: 0, y: 1)
        var new = CellBuffer(width: 6, height: 2)
        new.write("日本語", x: 0, y: 0)
        new.write("x", x: 0, y: 1, style: Style(fg: .red))
        var screen = old
        screen.apply(CellBuffer.diff(old, new))
        #expect(screen == new)
    }

    @Test func resizeKeepsTopLeftAndNeverHalvesAWideCharacter() {
        var buffer = CellBuffer(width: 4, height: 2)
        buffer.write("ab日", x: 0, y: 0)
        buffer.resize(width: 3, height: 1)
        #expect(buffer.lines(trimmingTrailingSpaces: false) == ["ab "])
        #expect(buffer.width == 3 && buffer.height == 1)
    }
}
