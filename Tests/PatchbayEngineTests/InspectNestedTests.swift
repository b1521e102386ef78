import Foundation
import Testing
@testable import PatchbayEngine

/// A nested component's report reuses the module summaries of the outer
/// resolution; it must be the report the nested component gets when it is
/// resolved and read from scratch.
@Suite(.enabled(if: Corpus.enabled, Corpus.skipNote))
struct InspectNestedTests {
    /// The report of `c` with nothing reused (each module read again).
    func fresh(_ c: Component) -> InspectReport {
        let resolved = try? TypeResolver.resolve(c)
        return InspectReport.build(c, types: resolved?.type, text: TypeText(resourceNames: resolved?.resourceNames ?? [:]))
    }

    @Test func nestedReportsMatchFreshOnes() throws {
        var compared = 0, withModules = 0
        for url in Corpus.validComponents() {
            let bytes = try Corpus.bytes(url)
            guard bytes.count < 1_000_000, let component = try? ComponentDecoder.decode(bytes),
                  let resolved = try? TypeResolver.resolve(component) else { continue }
            let report = InspectReport.build(component, types: resolved.type, text: TypeText(resourceNames: resolved.resourceNames),
                                             summaries: resolved.moduleSummaries)
            let nested = component.sections.compactMap { s -> Component? in
                if case .component(let n) = s.content { return n }
                return nil
            }
            #expect(nested.count == report.components.count, "\(url.lastPathComponent)")
            for (n, sub) in zip(nested, report.components) {
                var want = fresh(n)
                want.offset = n.offset
                #expect(sub == want, "\(url.lastPathComponent): nested component at \(n.offset)")
                compared += 1
                if !sub.coreModules.isEmpty { withModules += 1 }
            }
        }
        print("inspect nested: \(compared) nested components compared, \(withModules) with core modules")
        #expect(withModules > 0)
    }
}
