/// The dark theme, built in so the app always has a complete theme, even
/// with no theme directory installed or a broken theme file. It is the same
/// text as themes/dark.toml (a test checks they parse to the same theme).
extension Theme {
    static let builtinSource = #"""
# Patchbay dark theme, the default.
# The same text is built into Sources/TerminalCore/Theme/BuiltinTheme.swift so
# the app works without any theme directory; a test keeps the two equal.
# Roles fall back to their parent: a missing "ui.border.focused" uses "ui.border".
# `mono` lists the attributes used instead of colours under NO_COLOR.
name = "dark"

"ui.background" = { fg = "text", bg = "base" }
"ui.text" = { fg = "text" }
"ui.text.dim" = { fg = "muted" }
"ui.border" = { fg = "overlay" }
"ui.border.focused" = { fg = "blue", modifiers = ["bold"], mono = ["bold"] }
"ui.title" = { fg = "lavender", modifiers = ["bold"] }
"ui.selection" = { fg = "base", bg = "blue", mono = ["reverse"] }
"ui.selection.unfocused" = { bg = "surface", mono = ["underline"] }
"ui.statusbar" = { fg = "subtext", bg = "surface", mono = ["reverse"] }
"ui.statusbar.key" = { fg = "peach", modifiers = ["bold"] }
"ui.help" = { fg = "text", bg = "mantle" }
"ui.modal" = { fg = "text", bg = "surface", mono = ["bold"] }
"ui.input" = { fg = "text", bg = "surface", mono = ["underline"] }

"diag.error" = { fg = "red", modifiers = ["bold"] }
"diag.warning" = { fg = "yellow" }
"diag.info" = { fg = "sapphire" }

"wit.keyword" = { fg = "mauve", modifiers = ["bold"] }
"wit.type" = { fg = "yellow" }
"wit.name" = { fg = "blue" }
"wit.punct" = { fg = "subtext" }
"wit.comment" = { fg = "muted", modifiers = ["italic"] }

"abi.field.0" = { fg = "base", bg = "blue", mono = ["bold"] }
"abi.field.1" = { fg = "base", bg = "green", mono = ["underline"] }
"abi.field.2" = { fg = "base", bg = "peach", mono = ["reverse"] }
"abi.field.3" = { fg = "base", bg = "mauve", mono = ["bold", "underline"] }
"abi.field.4" = { fg = "base", bg = "teal", mono = ["italic"] }
"abi.field.5" = { fg = "base", bg = "pink", mono = ["bold", "reverse"] }
"abi.padding" = { fg = "muted", modifiers = ["dim"] }
"abi.discriminant" = { fg = "base", bg = "red", modifiers = ["bold"], mono = ["reverse", "bold"] }

"canvas.box" = { fg = "text" }
"canvas.port.import" = { fg = "sapphire" }
"canvas.port.export" = { fg = "green" }
"canvas.wire" = { fg = "lavender" }
"canvas.wire.bad" = { fg = "red", modifiers = ["bold"], mono = ["bold", "underline"] }

[palette]
base = "#1e1e2e"
mantle = "#181825"
surface = "#313244"
overlay = "#585b70"
text = "#cdd6f4"
subtext = "#a6adc8"
muted = "#7f849c"
blue = "#89b4fa"
lavender = "#b4befe"
sapphire = "#74c7ec"
teal = "#94e2d5"
green = "#a6e3a1"
yellow = "#f9e2af"
peach = "#fab387"
red = "#f38ba8"
mauve = "#cba6f7"
pink = "#f5c2e7"
"""#

    /// The theme used when no other loads.
    public static let builtinDefault: Theme = {
        let document = TOML.parse(builtinSource)
        // Checked first so a broken built-in can never recurse into itself.
        guard document.isValid else { return Theme(name: "dark") }
        return parse(builtinSource, name: "dark").theme
    }()
}
