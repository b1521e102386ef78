/// Why a set of dynamic libraries could not be linked into one component.
///
/// Messages follow wit-component's wording where the corpus records it
/// (`missing libraries:`, `unresolved symbol(s):`), so a person who knows
/// `wasm-tools component link` recognises them.
public struct LinkError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
