/// A terminal colour as the app asks for it. The backend downgrades it to
/// what the terminal can show (see `downgraded(to:)`), so themes can be
/// written once in true colour and still read well on a 16-colour console.
public enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the 16 ANSI colours, whose exact shade the terminal decides.
    case ansi(ANSIColor)
    /// An index into the xterm 256-colour palette.
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    public static let black = Color.ansi(.black)
    public static let red = Color.ansi(.red)
    public static let green = Color.ansi(.green)
    public static let yellow = Color.ansi(.yellow)
    public static let blue = Color.ansi(.blue)
    public static let magenta = Color.ansi(.magenta)
    public static let cyan = Color.ansi(.cyan)
    public static let white = Color.ansi(.white)
    public static let gray = Color.ansi(.brightBlack)
}

/// The 16 ANSI colours in their terminal index order (0...15).
public enum ANSIColor: UInt8, CaseIterable, Hashable, Sendable {
    case black = 0, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite

    /// The names accepted in theme files; `light-x` is helix's spelling of `bright-x`.
    public var name: String {
        let base = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
        let index = Int(rawValue)
        return index < 8 ? base[index] : "bright-" + base[index - 8]
    }

    public init?(name: String) {
        let lowered = name.lowercased()
        let aliases: [String: ANSIColor] = ["gray": .brightBlack, "grey": .brightBlack, "light-gray": .white, "light-grey": .white]
        if let alias = aliases[lowered] { self = alias; return }
        let normalized = lowered.replacing("light-", with: "bright-").replacing("_", with: "-")
        guard let match = ANSIColor.allCases.first(where: { $0.name == normalized }) else { return nil }
        self = match
    }
}
