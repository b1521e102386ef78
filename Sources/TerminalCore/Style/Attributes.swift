/// Text attributes a cell can carry. They survive `NO_COLOR`, which is why
/// themes use them (reverse, bold) to keep selection and focus visible.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Attributes(rawValue: 1 << 0)
    public static let dim = Attributes(rawValue: 1 << 1)
    public static let italic = Attributes(rawValue: 1 << 2)
    public static let underline = Attributes(rawValue: 1 << 3)
    public static let reverse = Attributes(rawValue: 1 << 4)

    /// Names as written in theme files (`modifiers = ["bold"]`).
    public static let names: [(String, Attributes)] = [
        ("bold", .bold), ("dim", .dim), ("italic", .italic), ("underline", .underline), ("underlined", .underline), ("reverse", .reverse), ("reversed", .reverse),
    ]

    public init?(name: String) {
        guard let match = Attributes.names.first(where: { $0.0 == name.lowercased() }) else { return nil }
        self = match.1
    }
}
