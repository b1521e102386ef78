import Foundation
import Testing
@testable import PatchbayEngine

/// The component text parser (issue 9 item 2, started) against the corpus:
/// the oracle's print of a component parses back to the component's bytes.
@Suite(.enabled(if: Corpus.enabled, Corpus.skipNote))
struct ParseCorpusTests {
    /// Prints whose parse does not give the original bytes, with the reason
    /// class. Cases with core modules are out of scope for now (core module
    /// text is not parsed yet) and are counted separately.
    static let knownGaps: [String: String] = [
        // The import name uses the legacy 0x01 prefix, which text cannot
        // express; `wasm-tools print | wasm-tools parse` gives 0x00 too.
        "wt_import_L345": "legacy import-name prefix",
    ]

    @Test func oraclePrintsParseBackToTheSameBytes() throws {
        var inScope = 0, equal = 0, withCoreModules = 0
        var differing: [String: String] = [:]
        for wat in Corpus.files("components/wast", suffix: ".wat") {
            let name = wat.deletingPathExtension().lastPathComponent
            let text = try String(contentsOf: wat, encoding: .utf8)
            if text.contains("(core module") { withCoreModules += 1; continue }
            inScope += 1
            let want = try Corpus.bytes(wat.deletingPathExtension().appendingPathExtension("wasm"))
            do {
                let got = try ComponentTextParser.parse(text)
                if got == want { equal += 1 } else { differing[name] = "bytes differ (\(got.count) vs \(want.count))" }
            } catch {
                differing[name] = "error: \(error)"
            }
        }
        print("parse wast (no core modules): \(equal)/\(inScope) give the original bytes; \(withCoreModules) with core modules not attempted")
        for (k, v) in differing.sorted(by: { $0.key < $1.key }) { print("  \(k): \(v)") }
        let unexpected = differing.filter { Self.knownGaps[$0.key] == nil }
        #expect(unexpected.isEmpty, "new differences: \(unexpected.keys.sorted())")
        let fixed = Self.knownGaps.keys.filter { differing[$0] == nil }
        #expect(fixed.isEmpty, "now equal, remove from knownGaps: \(fixed.sorted())")
    }
}
