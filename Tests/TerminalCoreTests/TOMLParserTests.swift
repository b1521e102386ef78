import Testing
import TerminalCore

@Suite struct TOMLParserTests {
    @Test func parsesTablesKeysAndValues() {
        let document = TOML.parse("""
        # a comment
        name = "dark"   # trailing comment
        count = 1_000
        ratio = 0.5
        on = true
        "ui.border" = { fg = "blue", bg = '#1e1e2e', modifiers = ["bold", "italic"] }
        nested.key = -3

        [keys]
        quit = [
          "q",      # primary
          "ctrl+c",
        ]
        [a."b.c"]
        x = "esc\\"aped\\u00e9\\n"
        """)
        #expect(document.warnings == [])
        let root = document.root
        #expect(root.keys == ["name", "count", "ratio", "on", "ui.border", "nested", "keys", "a"])
        #expect(root["name"] == .string("dark"))
        #expect(root["count"] == .integer(1000))
        #expect(root["ratio"] == .float(0.5))
        #expect(root["on"] == .bool(true))
        #expect(root["nested"]?.tableValue?["key"] == .integer(-3))
        let border = root["ui.border"]?.tableValue
        #expect(border?["bg"] == .string("#1e1e2e"))
        #expect(border?["modifiers"] == .array([.string("bold"), .string("italic")]))
        #expect(root["keys"]?.tableValue?["quit"] == .array([.string("q"), .string("ctrl+c")]))
        #expect(root["keys"]?.tableValue?.line(of: "quit") == 10)
        #expect(root["a"]?.tableValue?["b.c"]?.tableValue?["x"] == .string("esc\"apedé\n"))
    }

    @Test func malformedInputGivesLineNumbersAndKeepsGoing() {
        let document = TOML.parse("""
        good = "yes"
        bad = "unterminated
        nokey
        value = blue
        dup = 1
        dup = 2
        [t]
        [t]
        arr = [1, 2
        after = "still read"
        """, file: "theme.toml")
        let lines = document.warnings.map { $0.line }
        #expect(lines == [2, 3, 4, 6, 8, 10])
        #expect(document.warnings[0].description == "theme.toml:2: unterminated string")
        #expect(document.warnings[1].message.contains("expected '='"))
        #expect(document.warnings[2].message.contains("strings need quotes"))
        #expect(document.warnings[3].message.contains("duplicate key 'dup' (first set on line 5)"))
        #expect(document.warnings[4].message.contains("defined twice"))
        #expect(document.warnings[5].message.contains("array opened on line 9"))
        #expect(document.root["good"] == .string("yes"))
        #expect(document.root["dup"] == .integer(1))
        #expect(!document.isValid)
    }

    @Test func unsupportedFeaturesAreReported() {
        let document = TOML.parse("""
        [[servers]]
        text = \"\"\"long\"\"\"
        when = 1979-05-27
        x = { a = 1
        """)
        #expect(document.warnings.map(\.line) == [1, 2, 3, 4])
        #expect(document.warnings[0].message.contains("arrays of tables"))
        #expect(document.warnings[1].message.contains("multi-line strings"))
        #expect(document.warnings[2].message.contains("dates"))
    }

    @Test func deepNestingIsBounded() {
        let deep = "x = " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        let document = TOML.parse(deep)
        #expect(document.warnings.count == 1)
        #expect(document.warnings[0].message.contains("nested"))
    }

    @Test func keyConflictsAreReported() {
        let document = TOML.parse("a = 1\na.b = 2\n")
        #expect(document.warnings.map(\.line) == [2])
        #expect(document.warnings[0].message.contains("already an integer"))
    }
}
