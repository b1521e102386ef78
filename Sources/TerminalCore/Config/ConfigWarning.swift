/// A problem found in a theme or config file. Loading never fails because of
/// one: the bad part is skipped (or the built-in default used) and the
/// warning says where, so the app can show it and still start.
public struct ConfigWarning: Hashable, Sendable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var message: String

    public init(file: String? = nil, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, the shape editors and terminals make clickable.
    public var description: String {
        var prefix = file ?? ""
        if let line { prefix += prefix.isEmpty ? "line \(line)" : ":\(line)" }
        return prefix.isEmpty ? message : "\(prefix): \(message)"
    }
}
