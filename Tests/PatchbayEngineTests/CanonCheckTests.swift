import Foundation
import Testing
@testable import PatchbayEngine

/// Every `canon lift` in the corpus references a core function whose
/// signature is the one the Canonical ABI computes: real toolchain output
/// checks the ABI engine and the resolver together.
@Suite(.enabled(if: Corpus.enabled, Corpus.skipNote))
struct CanonCheckTests {
    @Test func liftsAgreeWithTheirCoreFunctions() throws {
        var checked = 0
        var problems: [String] = []
        for f in Corpus.validComponents() where !f.path.contains("/big/") {
            guard let c = try? ComponentDecoder.decode(try Corpus.bytes(f)),
                  let r = try? TypeResolver.resolve(c) else { continue }
            for check in CanonCheck.run(c, resolved: r) where check.kind == "lift" && check.actual != nil {
                checked += 1
                if let p = check.problem { problems.append("\(f.lastPathComponent): \(p)") }
            }
        }
        #expect(checked > 200, "only \(checked) lifts had a known core signature")
        #expect(problems.isEmpty, "\(problems.count) of \(checked):\n\(problems.prefix(30).joined(separator: "\n"))")
    }
}
