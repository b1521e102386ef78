import Testing
import TerminalCore

@Suite struct CharWidthTests {
    @Test(arguments: [
        ("a", 1), ("é", 1), ("日", 2), ("한", 2), ("Ａ", 2), ("🙂", 2), ("🇩🇪", 2), ("❤️", 2), ("❤", 1),
        ("\u{301}", 0), ("\u{200B}", 0), ("\t", 0), ("─", 1),
    ])
    func widths(text: String, width: Int) {
        #expect(CharWidth.of(text) == width)
    }

    @Test func stringHelpers() {
        #expect("a日b".displayWidth == 4)
        #expect("a日b".prefix(columns: 2) == "a")
        #expect("a日b".prefix(columns: 3) == "a日")
        #expect("日".padded(toColumns: 4) == "日  ")
        #expect("abcdef".padded(toColumns: 3) == "abc")
    }
}
