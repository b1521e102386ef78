/// A component that decodes but breaks a rule of the component model:
/// what is wrong and the offset of the definition that breaks it.
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var offset: Int
    public init(_ message: String, at offset: Int) { self.message = message; self.offset = offset }
    public var description: String { "\(message) (at offset 0x\(String(offset, radix: 16)))" }
}
