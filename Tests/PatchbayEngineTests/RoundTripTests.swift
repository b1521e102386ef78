import Foundation
import Testing
@testable import PatchbayEngine

/// decode then encode must reproduce every valid corpus component byte for byte.
@Suite(.enabled(if: Corpus.enabled, Corpus.skipNote))
struct RoundTripTests {
    @Test func everyValidComponentRoundTrips() throws {
        let files = Corpus.validComponents()
        #expect(files.count > 300, "expected the corpus components, found \(files.count)")
        var failures: [String] = []
        for f in files {
            let input = try Corpus.bytes(f)
            do {
                let c = try ComponentDecoder.decode(input)
                let out = ComponentEncoder.encode(c)
                if out != input {
                    let i = zip(out, input).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(out.count, input.count)
                    failures.append("\(f.lastPathComponent): bytes differ at offset \(i) (sizes \(input.count) vs \(out.count))")
                }
            } catch {
                failures.append("\(f.lastPathComponent): \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(files.count) failed:\n\(failures.prefix(40).joined(separator: "\n"))")
    }
}
