import Foundation
import Testing
@testable import PatchbayEngine

/// The component text parser (issue 9 item 2, started) against the corpus:
/// the oracle's print of a component parses back to the component's bytes.
/// (`wasm-tools print | wasm-tools parse` itself gives 234 of 235.)
@Suite(.enabled(if: Corpus.enabled, Corpus.skipNote))
struct ParseCorpusTests {
    /// Why a print does not parse back to its bytes yet.
    enum Gap: String {
        /// WasmKit's core text parser does not know `(pagesize N)`.
        case wasmkit_custom_page_sizes
        /// WasmKit's core text parser does not know shared-everything threads.
        case wasmkit_shared_everything
        /// The import name uses the legacy 0x01 prefix, which text cannot
        /// express; `wasm-tools print | wasm-tools parse` gives 0x00 too.
        case legacy_import_name
    }

    /// Every print that does not parse back to its bytes, with the reason.
    /// The test fails when a case leaves or joins this set.
    static let knownGaps: [String: Gap] = [
        "wt_custom-page-sizes_L38": .wasmkit_custom_page_sizes,
        "wt_custom-page-sizes_L4": .wasmkit_custom_page_sizes,
        "wt_custom-page-sizes_L45": .wasmkit_custom_page_sizes,
        "wt_import_L345": .legacy_import_name,
        "wt_shared-everything-threads_not-accepted_L13": .wasmkit_shared_everything,
    ]

    /// `patchbay print` then `patchbay parse` on every wast component
    /// (our print equals the oracle's, checked in PrintCorpusTests).
    @Test func printThenParseGivesTheSameBytes() throws {
        var total = 0, equal = 0, withCoreModules = 0, withCoreModulesEqual = 0
        var differing: [String: String] = [:]
        for wasm in Corpus.files("components/wast", suffix: ".wasm") {
            let name = wasm.deletingPathExtension().lastPathComponent
            let bytes = try Corpus.bytes(wasm)
            let text = ComponentPrinter.print(try ComponentDecoder.decode(bytes)).text
            let hasCore = text.contains("(core module")
            total += 1
            if hasCore { withCoreModules += 1 }
            do {
                if try ComponentTextParser.parse(text) == bytes {
                    equal += 1
                    if hasCore { withCoreModulesEqual += 1 }
                } else {
                    differing[name] = "bytes differ"
                }
            } catch {
                differing[name] = "error: \(error)"
            }
        }
        print("print+parse wast: \(equal)/\(total) give the original bytes (\(withCoreModulesEqual)/\(withCoreModules) of those with core modules)")
        for (k, v) in differing.sorted(by: { $0.key < $1.key }) where Self.knownGaps[k] == nil { print("  \(k): \(v)") }
        let unexpected = differing.filter { Self.knownGaps[$0.key] == nil }
        #expect(unexpected.isEmpty, "new differences: \(unexpected.keys.sorted())")
        let fixed = Self.knownGaps.keys.filter { differing[$0] == nil }
        #expect(fixed.isEmpty, "now equal, remove from knownGaps: \(fixed.sorted())")
        #expect(equal == total - Self.knownGaps.count)
    }

    /// The wit-component outputs. Their bytes cannot come back from text
    /// (`wasm-tools print | wasm-tools parse` gives 0 of 97: producers and
    /// name sections move), so the parse is compared with the oracle's parse
    /// of the same text, run live.
    @Test(.enabled(if: OracleTools.enabled, "oracle wasm-tools not installed"))
    func witComponentTextsParseLikeTheOracle() throws {
        var total = 0, equal = 0
        var differing: [String] = []
        for wat in Corpus.files("components/witc", suffix: "component.wat") {
            let name = wat.deletingLastPathComponent().lastPathComponent
            total += 1
            let out = OracleTools.temporaryFile("wasm")
            defer { try? FileManager.default.removeItem(at: out) }
            let r = try OracleTools.run(OracleTools.wasmTools, ["parse", wat.path, "-o", out.path])
            #expect(r.status == 0, "\(name): \(r.output)")
            let want = try Corpus.bytes(out)
            do {
                if try ComponentTextParser.parse(try String(contentsOf: wat, encoding: .utf8)) == want { equal += 1 } else { differing.append(name) }
            } catch {
                differing.append("\(name): \(error)")
            }
        }
        print("parse witc: \(equal)/\(total) equal to wasm-tools parse")
        // custom-page-sizes: WasmKit's core text parser does not know `(pagesize N)`.
        #expect(differing.count == 1 && differing.first?.hasPrefix("custom-page-sizes") == true, "\(differing)")
    }

    /// The component texts of `invalid/` are rejected with the gist of the
    /// expected message, at wasm-tools' line and column where it gives one.
    @Test func invalidTextsAreRejectedWithLineAndColumn() throws {
        let manifest = try String(contentsOf: Corpus.url("invalid/MANIFEST.tsv"), encoding: .utf8)
        var expected: [String: String] = [:]
        for line in manifest.split(separator: "\n") {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count > 3, cols[0].hasSuffix(".wat") else { continue }
            expected[String(cols[0].split(separator: "/").last!)] = String(cols[3]).replacingOccurrences(of: "malformed: ", with: "")
        }
        let files = Corpus.files("invalid/wast", suffix: ".wat")
        #expect(files.count == 15)
        var positioned = 0
        for f in files {
            let name = f.lastPathComponent
            let want = try #require(expected[name], "\(name) not in the manifest")
            let source = try String(contentsOf: f, encoding: .utf8)
            do {
                _ = try ComponentTextParser.parse(source)
                Issue.record("\(name): accepted")
            } catch {
                #expect(error.message.contains(want), "\(name): \(error) does not contain \(want)")
                let oracle = try String(contentsOf: URL(fileURLWithPath: f.path + ".err.txt"), encoding: .utf8)
                if let r = oracle.range(of: #"\.wat:(\d+):(\d+)"#, options: .regularExpression) {
                    let parts = oracle[r].dropFirst(5).split(separator: ":")
                    #expect("\(error.line):\(error.column)" == parts.joined(separator: ":"), "\(name)")
                    positioned += 1
                }
            }
        }
        #expect(positioned == 14)
    }
}

/// Abbreviated component text (written by hand here, not printed), parsed
/// by us and by the oracle: the bytes must be equal.
@Suite(.enabled(if: OracleTools.enabled, "oracle wasm-tools not installed"))
struct ParseAbbreviationTests {
    static let cases: [String] = [
        // Inline function and value types in imports, inline instance and component types.
        """
        (component $root
          (import "f" (func $f (param "x" (list u8)) (result (option string))))
          (import "i" (instance $i
            (type $t (record (field "a" u32) (field "b" (tuple s8 (list char)))))
            (export "t" (type $t' (eq $t)))
            (export "g" (func (param "v" $t')))))
          (import "c" (component $c (import "x" (func)) (export "y" (func (result u32)))))
          (type $r (export "r") (variant (case "a") (case "b" (result u32 (error string)))))
          (core module $m
            (func (export "f") (param i32) (result i32) local.get 0)
            (memory (export "memory") 1))
          (core instance $mi (instantiate $m))
          (func $lifted (export "lifted") (export "again") (param "a" u32) (result u32) (canon lift (core func $mi "f")))
          (core func $lowered (canon lower (func $i "g") (memory (core memory $mi "memory"))))
          (instance $bag (export "x" (func $f)) (export "y" (type $r)))
          (component $inner
            (type $u (list $r))
            (import "z" (func (param "q" $u))))
          (instance $ci (instantiate $c (with "x" (func $lifted))))
          (export "out" (func $ci "y")))
        """,
        // Inline imports, resources, canon built-ins, nested instance exports.
        """
        (component
          (type $res (resource (rep i32)))
          (core func $new (canon resource.new $res))
          (core func $drop (canon resource.drop $res))
          (func $g (import "g") (param "h" (own $res)) (result (borrow $res)))
          (instance $outer (import "outer") (export "inner" (instance (export "f" (func)))))
          (alias export $outer "inner" (instance $inner))
          (core func (canon lower (func $outer "inner" "f")))
          (core module $cm (import "m") (import "a" "b" (func)) (export "c" (memory 1)))
          (type (flags "a" "b-c"))
          (type (enum "x" "y"))
          (export "res" (type $res)))
        """,
        // A nested component using its parent's types by name (implicit outer aliases).
        """
        (component $p
          (type $t u32)
          (type $f (func (param "a" $t)))
          (component $c
            (import "a" (func (type $f)))
            (type (list $t))))
        """,
    ]

    @Test(arguments: Array(cases.indices))
    func abbreviationsEncodeLikeTheOracle(index: Int) throws {
        let text = Self.cases[index]
        let src = OracleTools.temporaryFile("wat"), out = OracleTools.temporaryFile("wasm")
        defer { try? FileManager.default.removeItem(at: src); try? FileManager.default.removeItem(at: out) }
        try text.write(to: src, atomically: true, encoding: .utf8)
        let r = try OracleTools.run(OracleTools.wasmTools, ["parse", src.path, "-o", out.path])
        try #require(r.status == 0, "the oracle refused case \(index): \(r.output)")
        #expect(try ComponentTextParser.parse(text) == (try Corpus.bytes(out)))
    }
}
