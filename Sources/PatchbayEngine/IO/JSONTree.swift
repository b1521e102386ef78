#if canImport(FoundationEssentials)
import FoundationEssentials
#else
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#endif

/// JSON read into plain Swift values, as `JSONSerialization.jsonObject`
/// gave them (objects `[String: Any]`, arrays `[Any]`, strings, numbers as
/// `Double`, booleans, `JSONTree.Null`), through FoundationEssentials'
/// `JSONDecoder` (`JSONSerialization` is only in full Foundation).
public enum JSONTree {
    /// JSON's `null`.
    public struct Null: Sendable, Hashable {}

    public static func parse(_ bytes: [UInt8]) throws -> Any {
        try JSONDecoder().decode(Node.self, from: Data(bytes)).value
    }

    struct Node: Decodable {
        var value: Any
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { value = Null() }
            else if let b = try? c.decode(Bool.self) { value = b }
            else if let d = try? c.decode(Double.self) { value = d }
            else if let s = try? c.decode(String.self) { value = s }
            else if let a = try? c.decode([Node].self) { value = a.map(\.value) }
            else { value = try c.decode([String: Node].self).mapValues(\.value) }
        }
    }
}
