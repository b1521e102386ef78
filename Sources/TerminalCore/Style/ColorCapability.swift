/// How many colours the terminal can show. Ordered from least to most, so
/// `min(wanted, available)` works.
public enum ColorCapability: Int, Comparable, Hashable, Sendable, CaseIterable {
    /// No colour at all: `NO_COLOR` is set or the terminal has none. Only
    /// attributes (bold, reverse, ...) are drawn.
    case none = 0
    case ansi16 = 1
    case indexed256 = 2
    case trueColor = 3

    public static func < (lhs: ColorCapability, rhs: ColorCapability) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decides the capability from the environment and the number of colours
    /// the terminal database reports. `NO_COLOR` wins over everything, as
    /// https://no-color.org asks: present and not empty means no colour.
    public static func detect(environment: [String: String], terminalColors: Int) -> ColorCapability {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        let colorterm = environment["COLORTERM"]?.lowercased() ?? ""
        if terminalColors >= 256 && (colorterm == "truecolor" || colorterm == "24bit") { return .trueColor }
        if terminalColors >= 256 { return .indexed256 }
        if terminalColors >= 8 { return .ansi16 }
        return .none
    }
}
