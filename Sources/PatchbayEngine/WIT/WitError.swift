/// Why a component cannot be shown as WIT, with the chain of contexts that
/// led there (`failed to decode WIT from import `a``: cause).
public struct WitError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Outermost context first, the root cause last.
    public var messages: [String]

    public init(_ message: String) { messages = [message] }

    /// The same error wrapped in one more layer of context.
    public func context(_ outer: String) -> WitError {
        var e = self
        e.messages.insert(outer, at: 0)
        return e
    }

    public var description: String { messages.joined(separator: ": ") }
}
