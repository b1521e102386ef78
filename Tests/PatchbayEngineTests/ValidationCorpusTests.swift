import Foundation
import Testing
@testable import PatchbayEngine

/// The validator against data nobody here wrote: every valid corpus
/// component must validate, every invalid binary from the spec test suites
/// must be rejected, ideally with the message the suites expect.
@Suite(.enabled(if: Corpus.enabled, Corpus.skipNote))
struct ValidationCorpusTests {
    @Test func everyValidComponentValidates() throws {
        var failures: [String] = []
        let files = Corpus.validComponents()
        for f in files {
            let diags = Validator.validate(try Corpus.bytes(f))
            if let e = diags.first(where: \.isError) { failures.append("\(f.lastPathComponent): \(e)") }
        }
        #expect(!files.isEmpty)
        #expect(failures.isEmpty, "\(failures.count) of \(files.count) rejected:\n\(failures.prefix(40).joined(separator: "\n"))")
    }

    struct InvalidCase {
        var file: String
        var kind: String
        var expected: String
        var features: FeatureSet
    }

    /// Rows of invalid/MANIFEST.tsv with the features their notes ask for.
    static func invalidCases() throws -> [InvalidCase] {
        let text = try String(contentsOf: Corpus.url("invalid/MANIFEST.tsv"), encoding: .utf8)
        var out: [InvalidCase] = []
        for line in text.split(separator: "\n").dropFirst() {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 6 else { continue }
            var expected = cols[3]
            for p in ["invalid: ", "malformed: "] where expected.hasPrefix(p) { expected.removeFirst(p.count) }
            // Offsets belong to wasm-tools' encoding of the message, not to the rule.
            if let r = expected.range(of: " (at offset 0x") { expected = String(expected[..<r.lowerBound]) }
            var features = FeatureSet.all
            if let r = cols[5].range(of: "features="), let end = cols[5][r.upperBound...].firstIndex(of: ";") {
                features = FeatureSet.parse(String(cols[5][r.upperBound..<end])) ?? .all
            }
            out.append(InvalidCase(file: cols[0], kind: cols[1], expected: expected, features: features))
        }
        return out
    }

    /// Invalid binaries the validator accepts today, with the missing rule
    /// (none left). The test fails if one of these starts being rejected
    /// (remove it then) or if any other invalid binary is accepted.
    static let knownGaps: [String: String] = [:]

    @Test func everyInvalidBinaryIsRejected() throws {
        let all = try Self.invalidCases()
        let cases = all.filter { $0.kind == "component-binary" }
        for c in all where c.kind.hasPrefix("binary") {
            let d = Validator.validate(try Corpus.bytes(Corpus.url("invalid/" + c.file)), features: c.features)
            #expect(d.contains { $0.isError }, "\(c.file) (bad header) was not rejected")
        }
        var accepted: [String] = []
        var unmatched: [String] = []
        for c in cases {
            let diags = Validator.validate(try Corpus.bytes(Corpus.url("invalid/" + c.file)), features: c.features)
            guard let e = diags.first(where: \.isError) else { accepted.append(c.file); continue }
            if !e.message.contains(c.expected) { unmatched.append("\(c.file): expected `\(c.expected)`, got `\(e.message)`") }
        }
        let matched = cases.count - accepted.count - unmatched.count
        print("invalid binaries: \(cases.count - accepted.count)/\(cases.count) rejected, \(matched) with the expected message")
        if !unmatched.isEmpty { print("rejected with another message:\n" + unmatched.joined(separator: "\n")) }
        #expect(cases.count == 134)
        if !Self.knownGaps.isEmpty {
            print("known gaps (accepted): " + Self.knownGaps.map { "\($0.key): \($0.value)" }.sorted().joined(separator: "; "))
        }
        #expect(Set(accepted) == Set(Self.knownGaps.keys), "accepted invalid binaries:\n\(accepted.joined(separator: "\n"))")
        #expect(Double(matched) >= 0.9 * Double(cases.count),
                "only \(matched) of \(cases.count) messages contain the expected text:\n\(unmatched.joined(separator: "\n"))")
    }

    /// The validator takes binaries: text inputs are refused as such (the
    /// text format's own rejection of these 15 cases, with line and column,
    /// is tested in ParseCorpusTests).
    @Test func textCasesAreNotBinaries() throws {
        let wats = try Self.invalidCases().filter { $0.file.hasSuffix(".wat") }
        #expect(wats.count == 15)
        for c in wats {
            let diags = Validator.validate(try Corpus.bytes(Corpus.url("invalid/" + c.file)), features: c.features)
            let rejected = diags.contains { $0.isError }
            #expect(rejected, "\(c.file) was not rejected")
        }
    }
}
