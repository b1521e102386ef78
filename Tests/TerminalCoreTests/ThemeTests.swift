import Foundation
import Testing
@testable import TerminalCore

@Suite struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes").path

    @Test func dottedRolesFallBackToParents() {
        let result = Theme.parse("""
        "ui.border" = { fg = "gray" }
        "ui.border.focused" = { fg = "blue", modifiers = ["bold"] }
        "ui" = { fg = "white" }
        """)
        #expect(result.warnings == [])
        let theme = result.theme
        #expect(theme.style("ui.border.focused") == Style(fg: .blue, attributes: .bold))
        #expect(theme.style("ui.border.unknown.deep") == Style(fg: .gray))
        #expect(theme.style("ui.title") == Style(fg: .white))
        #expect(theme.style("canvas.wire") == .plain)
    }

    @Test func nestedTablesAndPaletteAndBareStrings() {
        let result = Theme.parse("""
        name = "mine"
        "wit.keyword" = "accent"
        [ui.border]
        fg = "#112233"
        focused = { fg = "accent", bg = 236 }
        [palette]
        accent = "#ff8800"
        """)
        #expect(result.warnings == [])
        #expect(result.theme.name == "mine")
        // Palette entries are read first, so roles above the [palette] table can use them.
        #expect(result.theme.style("wit.keyword") == Style(fg: .rgb(0xff, 0x88, 0)))
        #expect(result.theme.style("ui.border") == Style(fg: .rgb(0x11, 0x22, 0x33)))
        #expect(result.theme.style("ui.border.focused") == Style(fg: .rgb(0xff, 0x88, 0), bg: .indexed(236)))
    }

    @Test func badEntriesWarnWithLinesAndAreSkipped() {
        let result = Theme.parse("""
        "ui.text" = { fg = "blu" }
        "ui.border" = { fg = "red", modifiers = ["blink"] }
        "ui.title" = true
        "ui.help" = { bg = "#12345" }
        inherits = "dark"
        """, file: "mine.toml")
        #expect(!result.usedFallback)
        #expect(result.warnings.map(\.line) == [5, 1, 2, 3, 4])
        #expect(result.warnings[1].description == "mine.toml:1: ui.text.fg: unknown colour 'blu' (not in the palette, not an ANSI name, not #rrggbb)")
        #expect(result.warnings[2].message.contains("unknown modifier 'blink'"))
        #expect(result.theme.style("ui.border") == Style(fg: .red))
    }

    @Test func syntaxErrorsFallBackToTheBuiltInTheme() {
        let result = Theme.parse("""
        "ui.text" = { fg = "red" }
        "ui.border" = { fg = "red"
        """, file: "broken.toml")
        #expect(result.usedFallback)
        #expect(result.theme == Theme.builtinDefault)
        #expect(result.warnings.first?.line == 2)
        #expect(result.warnings.last?.message.contains("built-in 'dark'") == true)
    }

    @Test func missingFileFallsBack() {
        let result = Theme.load(contentsOf: "/nonexistent/theme.toml")
        #expect(result.usedFallback)
        #expect(result.theme.name == "dark")
        let named = Theme.load(named: "nope", searchPaths: [Self.themesDirectory])
        #expect(named.usedFallback)
        #expect(named.warnings.count == 1)
    }

    @Test(arguments: ["dark", "light", "high-contrast"])
    func bundledThemesLoadCleanAndDefineEveryRole(name: String) throws {
        let result = Theme.load(named: name, searchPaths: [Self.themesDirectory])
        #expect(result.warnings == [])
        #expect(!result.usedFallback)
        #expect(result.theme.name == name)
        for role in ThemeRole.all {
            #expect(result.theme.lookup(role) != nil, "\(name) lacks \(role)")
        }
        let selection = try #require(result.theme.lookup(ThemeRole.selection))
        #expect(!selection.mono.isEmpty, "selection must stay visible without colour")
    }

    @Test func builtInThemeMatchesTheFile() {
        let file = Theme.load(named: "dark", searchPaths: [Self.themesDirectory]).theme
        #expect(file == Theme.builtinDefault)
        #expect(Theme.builtinDefault.roles.count >= ThemeRole.all.count)
    }

    @Test func noColorKeepsAttributesOnly() {
        let capability = ColorCapability.detect(environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"], terminalColors: 256)
        #expect(capability == .none)
        let theme = Theme.builtinDefault.adapted(to: capability)
        #expect(theme.style(ThemeRole.selection) == Style(attributes: .reverse))
        #expect(theme.style(ThemeRole.borderFocused) == Style(attributes: .bold))
        #expect(theme.style(ThemeRole.witComment) == Style(attributes: .italic))
        #expect(theme.style(ThemeRole.text) == .plain)
    }

    @Test func themesAdaptToTheTerminal() {
        let theme = Theme.builtinDefault.adapted(to: .ansi16)
        guard case .ansi = theme.style(ThemeRole.borderFocused).fg else {
            Issue.record("expected an ANSI colour")
            return
        }
        #expect(Theme.builtinDefault.style(ThemeRole.borderFocused).fg == .rgb(0x89, 0xb4, 0xfa))
        #expect(ThemeRole.abiField(7) == "abi.field.1")
        #expect(ThemeRole.abiField(-1) == "abi.field.5")
    }
}

@Suite struct ColorTests {
    @Test func capabilityDetection() {
        #expect(ColorCapability.detect(environment: [:], terminalColors: 256) == .indexed256)
        #expect(ColorCapability.detect(environment: ["COLORTERM": "truecolor"], terminalColors: 256) == .trueColor)
        #expect(ColorCapability.detect(environment: ["COLORTERM": "truecolor"], terminalColors: 8) == .ansi16)
        #expect(ColorCapability.detect(environment: ["NO_COLOR": ""], terminalColors: 8) == .ansi16)
        #expect(ColorCapability.detect(environment: ["NO_COLOR": "yes"], terminalColors: 256) == .none)
        #expect(ColorCapability.detect(environment: [:], terminalColors: 0) == .none)
    }

    @Test func rgbDowngradesTo256() {
        #expect(Color.rgb(255, 0, 0).downgraded(to: .indexed256) == .indexed(196))
        #expect(Color.rgb(0, 0, 0).downgraded(to: .indexed256) == .indexed(16))
        #expect(Color.rgb(128, 128, 128).downgraded(to: .indexed256) == .indexed(244))
        #expect(Color.rgb(0x87, 0xaf, 0xff).downgraded(to: .indexed256) == .indexed(111))
        #expect(Color.rgb(1, 2, 3).downgraded(to: .trueColor) == .rgb(1, 2, 3))
    }

    @Test func downgradesTo16() {
        #expect(Color.rgb(250, 10, 10).downgraded(to: .ansi16) == .ansi(.brightRed))
        #expect(Color.rgb(0, 0, 200).downgraded(to: .ansi16) == .ansi(.blue))
        #expect(Color.indexed(196).downgraded(to: .ansi16) == .ansi(.brightRed))
        #expect(Color.indexed(4).downgraded(to: .ansi16) == .ansi(.blue))
        #expect(Color.indexed(236).downgraded(to: .ansi16) == .ansi(.black))
        #expect(Color.ansi(.cyan).downgraded(to: .indexed256) == .ansi(.cyan))
    }

    @Test func noColorDropsEverything() {
        #expect(Color.rgb(1, 2, 3).downgraded(to: .none) == .default)
        #expect(Color.ansi(.red).downgraded(to: .none) == .default)
        #expect(Style(fg: .red, bg: .blue, attributes: .bold).downgraded(to: .none) == Style(fg: .default, bg: .default, attributes: .bold))
    }

    @Test func colourNames() {
        #expect(ANSIColor(name: "light-red") == .brightRed)
        #expect(ANSIColor(name: "bright_blue") == .brightBlue)
        #expect(ANSIColor(name: "gray") == .brightBlack)
        #expect(ANSIColor(name: "purple") == nil)
    }
}
