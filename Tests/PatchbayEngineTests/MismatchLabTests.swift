import Foundation
import PatchbayEngine
import Testing

/// samples/mismatch-lab: each pair fails to compose, and the explanation is
/// exactly the one recorded beside it (read and checked by a person).
struct MismatchLabTests {
    static let lab = Corpus.packageRoot.appendingPathComponent("samples/mismatch-lab")

    @Test(arguments: ["wrong-primitive", "missing-field", "renamed-function", "different-resource", "version-skew"])
    func explanationIsWordForWord(_ name: String) throws {
        func input(_ role: String, _ ns: String) throws -> Plug.Input {
            Plug.Input(name: "\(ns):\(name)-\(role)", path: "\(name)-\(role).wasm",
                       bytes: Array(try Data(contentsOf: Self.lab.appendingPathComponent("\(name)-\(role).wasm"))))
        }
        let socket = try input("consumer", "socket"), plug = try input("provider", "plug")
        let expected = try String(contentsOf: Self.lab.appendingPathComponent("\(name).explanation.txt"), encoding: .utf8)
        do throws(CompositionError) {
            _ = try Plug.build(socket: socket, plugs: [plug])
            Issue.record("\(name) composed, but it must not")
        } catch {
            #expect(error.description + "\n" == expected)
        }
    }
}
