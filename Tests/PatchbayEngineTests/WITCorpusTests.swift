import Foundation
import Testing
@testable import PatchbayEngine

/// `WitDecoder` + `WitPrinter` against the oracle: every corpus component
/// with a `.wit` beside it must print exactly that text (95% at least, the
/// rest are listed), and every `.wit.err` case must fail with an error.
@Suite(.enabled(if: Corpus.enabled, Corpus.skipNote))
struct WITCorpusTests {
    /// A component and the oracle's WIT for it.
    struct Case {
        var wasm: URL
        var wit: URL
    }

    static func cases(_ set: String) -> [Case] {
        switch set {
        case "wast":
            return Corpus.files("components/wast", suffix: ".wasm").compactMap { w in
                let wit = w.deletingPathExtension().appendingPathExtension("wit")
                return FileManager.default.fileExists(atPath: wit.path) ? Case(wasm: w, wit: wit) : nil
            }
        case "witc":
            return Corpus.files("components/witc", suffix: "component.wasm").compactMap { w in
                let wit = w.deletingLastPathComponent().appendingPathComponent("component.wit")
                return FileManager.default.fileExists(atPath: wit.path) ? Case(wasm: w, wit: wit) : nil
            }
        default:
            return Corpus.files("big", suffix: ".wasm").compactMap { w in
                let wit = w.deletingPathExtension().appendingPathExtension("wit")
                return FileManager.default.fileExists(atPath: wit.path) ? Case(wasm: w, wit: wit) : nil
            }
        }
    }

    /// The first line where `got` and `want` differ, for the failure list.
    static func firstDifference(_ got: String, _ want: String) -> String {
        let g = got.split(separator: "\n", omittingEmptySubsequences: false)
        let w = want.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(g.count, w.count) {
            let a = i < g.count ? String(g[i]) : "<end>"
            let b = i < w.count ? String(w[i]) : "<end>"
            if a != b { return "line \(i + 1): got `\(a)`, want `\(b)`" }
        }
        return "identical lines (whitespace at end?)"
    }

    @Test(arguments: ["wast", "witc", "big"])
    func printsTheOraclesWit(set: String) throws {
        let cases = Self.cases(set)
        #expect(!cases.isEmpty, "no \(set) cases found")
        var matches = 0
        var mismatches: [String] = []
        for c in cases {
            let want = try String(contentsOf: c.wit, encoding: .utf8)
            do {
                let got = try WitDecoder.witText(bytes: try Corpus.bytes(c.wasm))
                if got == want {
                    matches += 1
                } else {
                    mismatches.append("\(c.wasm.path): \(Self.firstDifference(got, want))")
                }
            } catch {
                mismatches.append("\(c.wasm.path): error: \(error)")
            }
        }
        let ratio = Double(matches) / Double(max(cases.count, 1))
        print("WIT \(set): \(matches)/\(cases.count) match (\(Int(ratio * 100))%)")
        if !mismatches.isEmpty { print(mismatches.joined(separator: "\n")) }
        #expect(ratio >= 0.95, "\(set): \(matches)/\(cases.count)\n\(mismatches.prefix(40).joined(separator: "\n"))")
    }

    /// Components wasm-tools cannot show as WIT give an error, never a crash.
    @Test func oracleFailuresAreErrors() throws {
        let errs = Corpus.files("components/wast", suffix: ".wit.err")
        #expect(!errs.isEmpty)
        var printed: [String] = []
        for e in errs {
            let wasm = URL(fileURLWithPath: String(e.path.dropLast(".wit.err".count)) + ".wasm")
            guard let bytes = try? Corpus.bytes(wasm) else { continue }
            if let text = try? WitDecoder.witText(bytes: bytes) {
                printed.append("\(wasm.lastPathComponent):\n\(text)")
            }
        }
        #expect(printed.isEmpty, "printed WIT where wasm-tools fails:\n\(printed.joined(separator: "\n"))")
    }

    @Test func exportOfATypeIsReportedLikeWasmTools() throws {
        let errs = Corpus.files("components/wast", suffix: ".wit.err")
        for e in errs {
            let message = try String(contentsOf: e, encoding: .utf8)
            guard message.hasPrefix("error: component export") else { continue }
            let wasm = URL(fileURLWithPath: String(e.path.dropLast(".wit.err".count)) + ".wasm")
            #expect(throws: WitError.self) { try WitDecoder.witText(bytes: try Corpus.bytes(wasm)) }
            do {
                _ = try WitDecoder.witText(bytes: try Corpus.bytes(wasm))
            } catch let error as WitError {
                #expect("error: \(error)\n" == message, "\(wasm.lastPathComponent)")
            }
        }
    }
}
