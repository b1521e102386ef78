import Testing
import TerminalCore

@Suite struct WordWrapTests {
    @Test func wrapsAtSpaces() {
        #expect(WordWrap.wrap("the quick brown fox jumps", width: 10) == ["the quick", "brown fox", "jumps"])
    }

    @Test func exactFitAndNewlines() {
        #expect(WordWrap.wrap("abc def", width: 7) == ["abc def"])
        #expect(WordWrap.wrap("one\n\ntwo", width: 10) == ["one", "", "two"])
    }

    @Test func longWordsAreSplit() {
        #expect(WordWrap.wrap("a verylongword", width: 5) == ["a", "veryl", "ongwo", "rd"])
        #expect(WordWrap.wrap("abcdefgh", width: 3) == ["abc", "def", "gh"])
    }

    @Test func keepsFirstLineIndentation() {
        #expect(WordWrap.wrap("  indented text here", width: 10) == ["  indented", "text here"])
    }

    @Test func wideCharactersCountDouble() {
        #expect(WordWrap.wrap("日本語 日本", width: 6) == ["日本語", "日本"])
        #expect(WordWrap.wrap("日本語日本", width: 5) == ["日本", "語日", "本"])
    }

    @Test func zeroWidthGivesNothing() {
        #expect(WordWrap.wrap("abc", width: 0).isEmpty)
    }

    @Test func stylesSurviveWrapping() {
        let line = TextLine(spans: [TextSpan("red words", style: Style(fg: .red)), TextSpan(" plain")])
        let wrapped = WordWrap.wrap(line, width: 9)
        #expect(wrapped.map(\.plainText) == ["red words", "plain"])
        #expect(wrapped[0].spans == [TextSpan("red words", style: Style(fg: .red))])
        #expect(wrapped[1].spans == [TextSpan("plain")])
    }

    @Test func paragraphRendersWrappedAndScrolled() {
        var buffer = CellBuffer(width: 10, height: 2)
        Paragraph(text: "one two three four five", scroll: 1).render(in: buffer.area, buffer: &buffer)
        #expect(buffer.lines() == ["three four", "five"])
        #expect(Paragraph(text: "one two three four five").displayLines(width: 10).count == 3)
    }
}
