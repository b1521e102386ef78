import Foundation
import Testing
@testable import PatchbayEngine

@Suite(.enabled(if: Corpus.enabled, Corpus.skipNote))
struct ResolverTests {
    /// Every valid corpus component resolves: all its imports and exports get types.
    @Test func everyValidComponentResolves() throws {
        var failures: [String] = []
        let files = Corpus.validComponents()
        for f in files {
            do {
                let c = try ComponentDecoder.decode(try Corpus.bytes(f))
                _ = try TypeResolver.resolve(c)
            } catch {
                failures.append("\(f.lastPathComponent): \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(files.count) failed:\n\(failures.prefix(40).joined(separator: "\n"))")
    }

    /// The consumer of the componentize-py demo imports one interface whose
    /// function sums a list: check the resolved signature exactly.
    @Test func consumerImportType() throws {
        let c = try ComponentDecoder.decode(try Corpus.bytes(Corpus.url("big/cpy-demo-consumer.wasm")))
        let r = try TypeResolver.resolve(c)
        #expect(r.type.imports.map(\.name.name) == ["corpus:demo/api@0.1.0"])
        #expect(r.type.exports.map(\.name.name) == ["run"])
        guard case .function(let run) = r.type.exports[0].type else { Issue.record("run is not a function"); return }
        #expect(run.params.isEmpty && run.result == .s64)
    }
}
