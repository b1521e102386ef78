/// Why a core module (or a world) could not be turned into a component.
///
/// Messages follow wit-component's wording where the corpus records it, so
/// a person who knows `wasm-tools component new` recognises them.
public struct WrapError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    /// The same error with `outer` said first (wit-component's `context`).
    func context(_ outer: String) -> WrapError { WrapError("\(outer): \(message)") }
}
