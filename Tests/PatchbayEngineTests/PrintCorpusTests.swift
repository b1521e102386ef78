import Foundation
import Testing
@testable import PatchbayEngine

/// `ComponentPrinter` against the oracle's `wasm-tools print` output stored
/// in the corpus. Comparison is byte for byte: no normalization at all.
@Suite(.enabled(if: Corpus.enabled, Corpus.skipNote))
struct PrintCorpusTests {
    /// Cases whose print differs from the oracle's, by name, with the reason
    /// class. Empty today; a case that starts differing or stops differing
    /// fails the test, so this list is always the exact set.
    static let knownGaps: [String: String] = [:]

    static func wastCases() -> [(wasm: URL, wat: URL)] {
        Corpus.files("components/wast", suffix: ".wasm").compactMap { w in
            let wat = w.deletingPathExtension().appendingPathExtension("wat")
            return FileManager.default.fileExists(atPath: wat.path) ? (w, wat) : nil
        }
    }

    static func printed(_ url: URL, skeleton: Bool = false) throws -> (text: String, fallbacks: [ComponentPrinter.Fallback]) {
        let component = try ComponentDecoder.decode(try Corpus.bytes(url))
        return ComponentPrinter.print(component, options: .init(skeleton: skeleton))
    }

    @Test func wastComponentsPrintLikeTheOracle() throws {
        let cases = Self.wastCases()
        #expect(cases.count >= 200, "expected the wast corpus, found \(cases.count) cases")
        var differing: [String: String] = [:]
        for c in cases {
            let name = c.wasm.deletingPathExtension().lastPathComponent
            let want = try String(contentsOf: c.wat, encoding: .utf8)
            do {
                let (got, fallbacks) = try Self.printed(c.wasm)
                if got != want {
                    differing[name] = WITCorpusTests.firstDifference(got, want)
                } else {
                    #expect(fallbacks.isEmpty, "\(name): equal text but fallbacks reported")
                }
            } catch {
                differing[name] = "error: \(error)"
            }
        }
        let equal = cases.count - differing.count
        print("print wast: \(equal)/\(cases.count) equal to wasm-tools print")
        #expect(Double(equal) >= 0.95 * Double(cases.count))
        let unexpected = differing.filter { Self.knownGaps[$0.key] == nil }
        #expect(unexpected.isEmpty, "new differences:\n\(unexpected.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "\n"))")
        let fixed = Self.knownGaps.keys.filter { differing[$0] == nil }
        #expect(fixed.isEmpty, "now equal, remove from knownGaps: \(fixed.sorted())")
    }

    /// The wit-component outputs: the rate is reported (the brief sets no
    /// threshold), but no module may need the skeleton fallback.
    @Test func witComponentOutputsPrintLikeTheOracle() throws {
        let cases = Corpus.files("components/witc", suffix: "component.wasm").compactMap { w -> (URL, URL)? in
            let wat = w.deletingLastPathComponent().appendingPathComponent("component.wat")
            return FileManager.default.fileExists(atPath: wat.path) ? (w, wat) : nil
        }
        #expect(!cases.isEmpty)
        var equal = 0
        var differing: [String] = []
        for (wasm, wat) in cases {
            let (got, fallbacks) = try Self.printed(wasm)
            #expect(fallbacks.isEmpty, "\(wasm.path): \(fallbacks)")
            if got == (try String(contentsOf: wat, encoding: .utf8)) {
                equal += 1
            } else {
                differing.append(wasm.deletingLastPathComponent().lastPathComponent)
            }
        }
        print("print witc: \(equal)/\(cases.count) equal to wasm-tools print")
        if !differing.isEmpty { print("differing: \(differing.joined(separator: ", "))") }
    }

    /// `--skeleton` against `wasm-tools print --skeleton`, run live.
    @Test(.enabled(if: OracleTools.enabled, "oracle wasm-tools not installed"))
    func skeletonsMatchTheOracle() throws {
        let cases = Array(Self.wastCases().map(\.wasm).prefix(60))
            + Array(Corpus.files("components/witc", suffix: "component.wasm").prefix(20))
        var differing: [String] = []
        for wasm in cases {
            let oracle = try OracleTools.run(OracleTools.wasmTools, ["print", "--skeleton", wasm.path])
            #expect(oracle.status == 0)
            let (got, _) = try Self.printed(wasm, skeleton: true)
            if got != oracle.output { differing.append("\(wasm.lastPathComponent): \(WITCorpusTests.firstDifference(got, oracle.output))") }
        }
        #expect(differing.isEmpty, "\(differing.joined(separator: "\n"))")
    }

    /// Damaged core modules give an error or a skeleton, never a crash or a hang.
    @Test func truncatedModulesAreReportedNotFatal() throws {
        var modules: [ArraySlice<UInt8>] = []
        for c in Self.wastCases().prefix(40) {
            let component = try ComponentDecoder.decode(try Corpus.bytes(c.wasm))
            for s in component.sections { if case .coreModule(let m) = s.content { modules.append(m.bytes) } }
        }
        #expect(!modules.isEmpty)
        var errors = 0
        for m in modules {
            let bytes = Array(m)
            for cut in stride(from: 8, to: bytes.count, by: max(1, bytes.count / 13)) {
                var damaged = bytes
                damaged.removeSubrange(cut...)
                do {
                    _ = try ComponentPrinter.printCoreModule(damaged)
                } catch {
                    errors += 1
                    #expect(error.offset >= 0 && error.offset <= bytes.count, "offset out of range: \(error)")
                }
            }
        }
        #expect(errors > 0)
    }
}

/// Pieces of the printer checked against values the oracle printed.
struct PrintUnitTests {
    @Test func floatsPrintInHexWithTheShortestDecimal() {
        // Expected strings from `wasm-tools print` output.
        #expect(FloatText.f64(bits: (-4.4).bitPattern) == "-0x1.199999999999ap+2 (;=-4.4;)")
        #expect(FloatText.f32(bits: Float(-3.3).bitPattern) == "-0x1.a66666p+1 (;=-3.3;)")
        #expect(FloatText.f64(bits: 4.0.bitPattern) == "0x1p+2 (;=4;)")
        #expect(FloatText.f32(bits: Float(1e-7).bitPattern) == "0x1.ad7f2ap-24 (;=0.0000001;)")
        #expect(FloatText.f32(bits: Float(123456789).bitPattern) == "0x1.d6f346p+26 (;=123456790;)")
        #expect(FloatText.f64(bits: 1e21.bitPattern) == "0x1.b1ae4d6e2ef5p+69 (;=1000000000000000000000;)")
        #expect(FloatText.f64(bits: (-0.0).bitPattern) == "-0x0p+0 (;=-0;)")
        #expect(FloatText.f32(bits: 0x7fc0_0000) == "nan (;=NaN;)")
        #expect(FloatText.f32(bits: 0xffa0_0000) == "-nan:0x200000 (;=NaN;)")
        #expect(FloatText.f32(bits: 0x7f80_0000) == "inf (;=inf;)")
        // The smallest subnormals keep wasm-tools' `0x1.p-N` spelling.
        #expect(FloatText.f32(bits: 0x8000_0001) == "-0x1.p-149 (;=-0.000000000000000000000000000000000000000000001;)")
        #expect(FloatText.f64(bits: 1).hasPrefix("0x1.p-1074 (;=0.0000000000"))
    }

    @Test func namesBecomeIdentifiers() {
        var used: Set<String>? = []
        #expect(Naming("log_utf8", index: 0, group: "func", used: &used).definition == "$log_utf8")
        #expect(Naming("my mod", index: 1, group: "func", used: &used).definition == "$\"my mod\"")
        #expect(Naming("log_utf8", index: 2, group: "func", used: &used).definition == "$\"#func2 log_utf8\" (@name \"log_utf8\")")
        #expect(Naming("", index: 3, group: "func", used: &used).identifier == "$\"#func3 \"")
        #expect(TextWriter.escaped("a\"b\\c\u{1F600}\n") == "a\\u{22}b\\u{5c}c\\u{1f600}\\u{a}")
    }

    /// SIMD and legacy exception instructions, as the oracle printed these bytes.
    @Test func simdAndLegacyExceptions() throws {
        // (module (func (result v128) v128.const i64x2 1 2))
        var simd: [UInt8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
                             0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b,
                             0x03, 0x02, 0x01, 0x00,
                             0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c]
        simd += [1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0x0b]
        #expect(try ComponentPrinter.printCoreModule(simd).text == """
            (module
              (type (;0;) (func (result v128)))
              (func (;0;) (type 0) (result v128)
                v128.const i32x4 0x00000001 0x00000000 0x00000002 0x00000000
              )
            )

            """)
        // (module (func try end))
        let legacy: [UInt8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
                               0x03, 0x02, 0x01, 0x00, 0x0a, 0x07, 0x01, 0x05, 0x00, 0x06, 0x40, 0x0b, 0x0b]
        #expect(try ComponentPrinter.printCoreModule(legacy).text == """
            (module
              (type (;0;) (func))
              (func (;0;) (type 0)
                try ;; label = @1
                end
              )
            )

            """)
    }

    /// A module using an opcode outside the table (here stack switching's
    /// `cont.new`) prints as a skeleton with a note instead of failing.
    @Test func unsupportedOpcodesFallBackToASkeleton() throws {
        let bytes: [UInt8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
                              0x03, 0x02, 0x01, 0x00, 0x0a, 0x06, 0x01, 0x04, 0x00, 0xe0, 0x00, 0x0b]
        let (text, fallbacks) = try ComponentPrinter.printCoreModule(bytes)
        #expect(text == """
            (module
              (type (;0;) (func))
              (func (;0;) (type 0) ...)
            ) ;; printed as a skeleton: unsupported or invalid opcode 0xe0 (at byte offset 0x17)

            """)
        #expect(fallbacks.count == 1)
    }
}
