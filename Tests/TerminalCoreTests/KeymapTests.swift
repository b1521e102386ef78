import Testing
import TerminalCore

@Suite struct KeyNotationTests {
    @Test(arguments: [
        ("q", Key.char("q")), ("G", .char("G")), ("ctrl+c", .ctrl("c")), ("C-x", .ctrl("x")), ("Ctrl-A", .ctrl("a")),
        ("enter", .enter), ("return", .enter), ("esc", .esc), ("shift+tab", .backTab), ("backtab", .backTab),
        ("pgdn", .pageDown), ("PageUp", .pageUp), ("f5", .function(5)), ("space", .char(" ")), ("/", .char("/")),
    ])
    func parses(text: String, key: Key) {
        #expect(Key(parsing: text) == key)
    }

    @Test(arguments: ["", "ctrl+", "ctrl+ab", "f99", "hyper+x", "enterr"])
    func rejects(text: String) {
        #expect(Key(parsing: text) == nil)
    }

    @Test func notationRoundTrips() {
        for key in [Key.char("q"), .ctrl("c"), .backTab, .pageDown, .function(12), .char(" "), .up, .esc] {
            #expect(Key(parsing: key.notation) == key)
        }
    }

    @Test func scripts() {
        #expect(Key.script("jj<enter><ctrl+c><lt>x<nope>") == [
            .char("j"), .char("j"), .enter, .ctrl("c"), .char("<"), .char("x"),
            .char("<"), .char("n"), .char("o"), .char("p"), .char("e"), .char(">"),
        ])
    }

    @Test func terminalCharacterCodes() {
        #expect(Key.fromCharacterCode(3) == .ctrl("c"))
        #expect(Key.fromCharacterCode(9) == .tab)
        #expect(Key.fromCharacterCode(13) == .enter)
        #expect(Key.fromCharacterCode(27) == .esc)
        #expect(Key.fromCharacterCode(127) == .backspace)
        #expect(Key.fromCharacterCode(0x65E5) == .char("日"))
        #expect(Key.fromCharacterCode(0xD800) == nil)
    }
}

@Suite struct KeymapTests {
    @Test func standardBindings() {
        let keymap = Keymap.standard
        #expect(keymap.action(for: .char("j")) == StandardAction.moveDown)
        #expect(keymap.action(for: .down) == StandardAction.moveDown)
        #expect(keymap.action(for: .char("G")) == StandardAction.goBottom)
        #expect(keymap.action(for: .backTab) == StandardAction.focusPrevious)
        #expect(keymap.action(for: .char("x")) == nil)
        #expect(keymap.keys(for: StandardAction.quit) == [.char("q"), .ctrl("c")])
        // Every default binding names a registered action.
        for binding in keymap.bindings { #expect(ActionRegistry.standard.contains(binding.action)) }
    }

    @Test func configOverridesAndWarns() {
        let config = """
        theme = "light"

        [keys]
        quit = ["Q", "ctrl+q"]
        help = "f1"
        filter = []
        move_down = ["j", "ctrl+"]
        qiut = ["x"]
        go_top = 5
        page_down = "q"
        """
        let (keymap, warnings) = Keymap.standard.applying(configText: config, registry: .standard, file: "config.toml")
        #expect(keymap.keys(for: StandardAction.quit) == [.char("Q"), .ctrl("q")])
        #expect(keymap.action(for: .char("?")) == nil)
        #expect(keymap.keys(for: StandardAction.help) == [.function(1)])
        #expect(keymap.keys(for: StandardAction.filter).isEmpty)
        #expect(keymap.keys(for: StandardAction.moveDown) == [.char("j")])
        #expect(keymap.action(for: .char("q")) == StandardAction.pageDown)
        #expect(keymap.keys(for: StandardAction.goTop) == [.char("g"), .home])
        #expect(warnings.map(\.line) == [7, 8, 9])
        #expect(warnings[0].description == #"config.toml:7: move_down: unknown key 'ctrl+' (examples: "q", "ctrl+c", "enter", "shift+tab", "f5")"#)
        #expect(warnings[1].message.hasPrefix("unknown action 'qiut'"))
        #expect(warnings[2].message == "go_top: expected a key or a list of keys, found an integer")
    }

    @Test func brokenConfigStillAppliesTheGoodParts() {
        let (keymap, warnings) = Keymap.standard.applying(configText: "[keys]\nquit = [\"Q\"]\nhelp = [\"?\"\n", registry: .standard)
        #expect(keymap.keys(for: StandardAction.quit) == [.char("Q")])
        #expect(warnings.count == 1)
        #expect(warnings[0].line == 3)
    }

    @Test func hintsComeFromTheKeymap() {
        var keymap = Keymap.standard
        keymap.setKeys([.function(10)], for: StandardAction.quit)
        let hints = keymap.hints([StandardAction.quit, StandardAction.help, "missing"], registry: .standard, labels: [StandardAction.help: "help"])
        #expect(hints == [KeyHint(key: "f10", label: "quit"), KeyHint(key: "?", label: "help")])
    }

    @Test func helpTextIsGeneratedFromActionsAndKeys() {
        var registry = ActionRegistry([
            Action("quit", "Quit", category: "General"),
            Action("help", "Show help", category: "General"),
            Action("move_down", "Move down", category: "Navigation"),
            Action("export", "Export the composite", category: "Composition"),
        ])
        registry.register(Action("help", "Show or hide help", category: "General"))
        let keymap = Keymap([KeyBinding(.char("q"), "quit"), KeyBinding(.ctrl("c"), "quit"), KeyBinding(.char("?"), "help"), KeyBinding(.char("j"), "move_down"), KeyBinding(.down, "move_down")])
        #expect(HelpText.lines(registry: registry, keymap: keymap) == [
            "General",
            "  q, ctrl+c  Quit",
            "  ?          Show or hide help",
            "",
            "Navigation",
            "  j, down    Move down",
            "",
            "Composition",
            "  (unbound)  Export the composite",
        ])
    }
}
