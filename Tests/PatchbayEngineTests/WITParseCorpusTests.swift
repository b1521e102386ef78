import Foundation
import Testing
@testable import PatchbayEngine

/// The WIT text front end against wit-parser's own test suite (corpus
/// `wit/ui`), the oracle's prints of it (`wit/expected-print`), and the
/// worlds printed from the components corpus.
///
/// Error gist rule: the gist of a `.wit.result` is its first line with
/// wit-parser's context prefixes removed (`failed to resolve directory
/// while parsing WIT for path [...]: `, `failed to parse package: DIR: `,
/// or a leading `path:line:col: `). Our error (message with its context)
/// must contain that gist verbatim; and where the result has a
/// `--> path:line:col` line, our error must point at the same file name,
/// line and column.
@Suite(.enabled(if: Corpus.enabled, Corpus.skipNote))
struct WITParseCorpusTests {
    /// Cases upstream expects to pass that this front end refuses (none
    /// since packages encoded as WebAssembly are decoded and read like text;
    /// kept so a regression names itself).
    static let wasmEncodedPackages: Set<String> = []

    /// Features wit-parser's test runner enables.
    static let uiFeatures: Set<String> = ["active"]

    static var ui: URL { Corpus.url("wit/ui") }

    /// Every passing case: `.wit` files and package directories of `wit/ui`.
    static func passingCases() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: ui.path)) ?? []
        return names.filter { n in
            n != "parse-fail" && !n.hasSuffix(".json") && !n.hasSuffix(".md") && !n.hasPrefix(".")
        }.sorted()
    }

    /// Every `parse-fail` case that has a source (a few upstream `.result`
    /// files are stale, without their `.wit`): (source path, result text).
    static func failingCases() -> [(source: URL, result: String)] {
        let dir = ui.appendingPathComponent("parse-fail")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        var out: [(URL, String)] = []
        for n in names.sorted() where n.hasSuffix(".wit.result") {
            let base = String(n.dropLast(".result".count))
            var src = dir.appendingPathComponent(base)
            if !FileManager.default.fileExists(atPath: src.path) {
                src = dir.appendingPathComponent(String(base.dropLast(".wit".count)))
            }
            guard FileManager.default.fileExists(atPath: src.path),
                  let text = try? String(contentsOf: dir.appendingPathComponent(n), encoding: .utf8) else { continue }
            out.append((src, text))
        }
        return out
    }

    static func gist(_ result: String) -> String {
        var first = String(result.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        if first.hasPrefix("failed to resolve directory while parsing WIT for path ["), let r = first.range(of: "]: ") {
            first = String(first[r.upperBound...])
        }
        if first.hasPrefix("failed to parse package: "), let r = first.range(of: ": ", range: first.index(first.startIndex, offsetBy: 25)..<first.endIndex) {
            first = String(first[r.upperBound...])
        }
        if let m = first.firstMatch(of: #/^\S+:\d+:\d+: /#) { first = String(first[m.range.upperBound...]) }
        return first
    }

    /// The `--> path:line:col` of a rendered error.
    static func location(_ text: String) -> (file: String, line: Int, column: Int)? {
        guard let m = text.firstMatch(of: /--> (\S+):(\d+):(\d+)/), let l = Int(m.2), let c = Int(m.3) else { return nil }
        return (String(m.1.split(separator: "/").last ?? ""), l, c)
    }

    // MARK: passing cases

    @Test func everyPassingCaseResolves() throws {
        let cases = Self.passingCases()
        #expect(cases.count >= 70, "found \(cases.count) cases")
        var resolved = 0
        var failures: [String] = []
        var refusedAsWasm: [String] = []
        for c in cases {
            do {
                _ = try WitPackageLoader.load(path: Self.ui.appendingPathComponent(c).path, features: Self.uiFeatures)
                resolved += 1
            } catch {
                if Self.wasmEncodedPackages.contains(c) && error.description.contains("encoded as WebAssembly") {
                    refusedAsWasm.append(c)
                } else {
                    failures.append("\(c): \(error)")
                }
            }
        }
        print("WIT ui: \(resolved)/\(cases.count) resolve; refused as wasm-encoded: \(refusedAsWasm)")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(resolved == cases.count - Self.wasmEncodedPackages.count)
    }

    /// With no features enabled (how the oracle printed them), every case
    /// with an expected print prints exactly that.
    @Test func printsEqualTheOracle() throws {
        let dir = Corpus.url("wit/expected-print")
        var compared = 0, equal = 0
        var failures: [String] = []
        for c in Self.passingCases() where !Self.wasmEncodedPackages.contains(c) {
            let stem = c.hasSuffix(".wit") ? String(c.dropLast(4)) : c
            let expected = dir.appendingPathComponent(stem + ".wit")
            guard let want = try? String(contentsOf: expected, encoding: .utf8) else { continue }
            compared += 1
            do {
                let (doc, main) = try WitPackageLoader.load(path: Self.ui.appendingPathComponent(c).path)
                let got = try WitPrinter.print(doc, main: main)
                if got == want { equal += 1 } else { failures.append("\(c): \(WITCorpusTests.firstDifference(got, want))") }
            } catch {
                failures.append("\(c): \(error)")
            }
        }
        print("WIT ui prints: \(equal)/\(compared) equal the oracle's")
        #expect(compared >= 60)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// Where the oracle refused a passing case (`NAME.err`): a missing
    /// feature must fail the same way here. The oracle (1.262) also rejects
    /// empty records, which wit-parser's suite still expects to pass; we
    /// follow the suite (and report those cases).
    @Test func oracleRefusalsWithoutFeatures() throws {
        let dir = Corpus.url("wit/expected-print")
        let errs = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".err") }.sorted()
        #expect(!errs.isEmpty)
        var acceptedEmptyRecords: [String] = []
        for e in errs {
            let text = try String(contentsOf: dir.appendingPathComponent(e), encoding: .utf8)
            let stem = String(e.dropLast(4))
            let path = FileManager.default.fileExists(atPath: Self.ui.appendingPathComponent(stem).path)
                ? Self.ui.appendingPathComponent(stem).path : Self.ui.appendingPathComponent(stem + ".wit").path
            let gist = Self.gist(String(text.dropFirst("error: ".count)))
            if gist.hasSuffix("empty record") {
                #expect(throws: Never.self, "\(stem): the ui suite expects this to pass") {
                    _ = try WitPackageLoader.load(path: path)
                }
                acceptedEmptyRecords.append(stem)
                continue
            }
            do {
                _ = try WitPackageLoader.load(path: path)
                Issue.record("\(stem): resolved, the oracle says \(gist)")
            } catch {
                #expect(error.description.contains(gist), "\(stem): \(error.description) should contain \(gist)")
                if let want = Self.location(text) {
                    #expect(error.line == want.line && error.column == want.column, "\(stem): at \(error.line ?? 0):\(error.column ?? 0)")
                }
            }
        }
        print("WIT: empty records accepted (oracle 1.262 rejects them, wit-parser's suite accepts): \(acceptedEmptyRecords)")
    }

    // MARK: failing cases

    @Test func everyParseFailCaseFailsWithItsGist() throws {
        let cases = Self.failingCases()
        #expect(cases.count >= 150, "found \(cases.count) parse-fail cases")
        var gistOK = 0, located = 0, locationOK = 0
        var failures: [String] = []
        for (src, result) in cases {
            let name = src.lastPathComponent
            let gist = Self.gist(result)
            do {
                _ = try WitPackageLoader.load(path: src.path, features: Self.uiFeatures)
                failures.append("\(name): resolved, expected `\(gist)`")
            } catch {
                let text = error.description
                if text.contains(gist) { gistOK += 1 } else { failures.append("\(name): `\(error.message)` lacks `\(gist)`") }
                if let want = Self.location(result) {
                    located += 1
                    if let got = Self.location(text), got.file == want.file, got.line == want.line, got.column == want.column {
                        locationOK += 1
                    } else {
                        failures.append("\(name): at \(Self.location(text).map { "\($0)" } ?? "nowhere"), want \(want)")
                    }
                }
            }
        }
        print("WIT parse-fail: \(gistOK)/\(cases.count) carry their gist, \(locationOK)/\(located) point at the same line:column")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    // MARK: round trip of component worlds

    /// Worlds printed from components whose re-parse cannot print the same
    /// text, each for a reason the oracle shares (checked with
    /// `wasm-tools component wit` on the printed text):
    /// - the print mentions a type of an exported inline interface in a
    ///   world function, which WIT cannot name (wasm-tools: "name `command`
    ///   does not exist");
    static let notReparseable: [String: String] = [
        "cm_async_big-interleaving-test_L14.wasm": "name `command` does not exist",
    ]

    @Test func componentWorldsParseBackAndPrintIdentically() throws {
        var printed = 0, identical = 0, reordered = 0
        var failures: [String] = []
        for url in Corpus.validComponents() {
            guard let bytes = try? Corpus.bytes(url), let text = try? WitDecoder.witText(bytes: bytes) else { continue }
            printed += 1
            let name = url.lastPathComponent
            do {
                let (doc, main) = try WitPackageLoader.load(source: text, path: name + ".wit")
                let again = try WitPrinter.print(doc, main: main)
                if again == text {
                    identical += 1
                } else if Self.packageBlocks(again) == Self.packageBlocks(text) {
                    // Text packages are ordered by dependency then name (as
                    // wit-parser orders them, and the oracle prints them so
                    // too); a decoded component lists them by first use.
                    reordered += 1
                } else {
                    failures.append("\(name): \(WITCorpusTests.firstDifference(again, text))")
                }
            } catch {
                if let why = Self.notReparseable[name], "\(error)".contains(why) { continue }
                failures.append("\(name): \(error)")
            }
        }
        print("WIT round trip: \(identical)/\(printed) identical, \(reordered) equal up to the order of package blocks, \(Self.notReparseable.count) not WIT-expressible")
        #expect(printed >= 300)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(identical + reordered + Self.notReparseable.count == printed)
    }

    /// The main package and the sorted nested `package a:b { ... }` blocks.
    static func packageBlocks(_ text: String) -> [String] {
        var blocks: [String] = []
        var cur = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("package ") && line.hasSuffix("{") && !cur.isEmpty {
                blocks.append(cur.trimmingCharacters(in: .newlines))
                cur = ""
            }
            cur += line + "\n"
        }
        blocks.append(cur.trimmingCharacters(in: .newlines))
        return [blocks[0]] + blocks.dropFirst().sorted()
    }
}

/// Small direct checks of the pieces others build on.
struct WITParseUnitTests {
    @Test func typeExpressionsParseAlone() throws {
        var p = WitParser(lexer: try WitLexer("result<list<tuple<u8, string>, 4>, borrow<r>> rest"))
        let t = try p.parseType()
        guard case .result(let ok?, let err?, _) = t, case .fixedList(.tuple(let parts, _), 4, _) = ok, parts.count == 2,
              case .borrow(let r) = err else {
            Issue.record("unexpected shape \(t)")
            return
        }
        #expect(r.name == "r")
        #expect(try p.lexer.next()?.kind == .id)
    }

    @Test func errorsShowFileLineColumnSourceAndCaret() throws {
        let src = "package a:b;\n\ninterface i {\n  x: func() -> lisst;\n}\n"
        do {
            _ = try WitPackageLoader.load(source: src, path: "dir/i.wit")
            Issue.record("resolved")
        } catch {
            #expect(error.kind == .resolve)
            #expect(error.path == "dir/i.wit" && error.line == 4 && error.column == 16)
            #expect(error.description == """
                name `lisst` does not exist
                     --> dir/i.wit:4:16
                      |
                    4 |   x: func() -> lisst;
                      |                ^----
                """)
        }
        do {
            _ = try WitParser.parse(source: "package a:b;\ninterface i { type t = u32 }\n", path: "s.wit")
            Issue.record("parsed")
        } catch {
            #expect(error.kind == .syntax)
            #expect(error.message == "expected ';', found '}'")
            #expect(error.line == 2 && error.column == 28 && error.caret == String(repeating: " ", count: 27) + "^")
        }
    }

    @Test func featuresSelectUnstableItems() throws {
        let src = """
            package a:b@1.0.0;

            interface i {
              @since(version = 1.0.0)
              f: func();
              @unstable(feature = fancy)
              g: func();
            }
            """
        let plain = try WitPackageLoader.load(source: src, path: "g.wit")
        #expect(plain.document.interfaces[0].functions.map(\.name) == ["f"])
        let fancy = try WitPackageLoader.load(source: src, path: "g.wit", features: ["fancy"])
        #expect(fancy.document.interfaces[0].functions.map(\.name) == ["f", "g"])
        let all = try WitPackageLoader.load(source: src, path: "g.wit", allFeatures: true)
        let text = try WitPrinter.print(all.document, main: all.main)
        #expect(text.contains("@unstable(feature = fancy)\n  g: func();"))
    }

    @Test func worldsGainTheImportsTheirInterfacesUse() throws {
        let src = """
            package a:b;
            interface types { type t = u32; }
            interface api { use types.{t}; f: func() -> t; }
            world w { export api; }
            """
        let (doc, main) = try WitPackageLoader.load(source: src, path: "w.wit")
        let text = try WitPrinter.print(doc, main: main)
        #expect(text.hasSuffix("world w {\n  import types;\n\n  export api;\n}\n"), "\(text)")
    }

    @Test func packageCyclesAndUnknownPackagesAreErrors() throws {
        let cyclic = """
            package a:main;
            package x:one { interface i { use x:two/j.{t}; } }
            package x:two { interface j { use x:one/i.{u}; type t = u32; } }
            """
        #expect(throws: WitLoadError.self) { try WitPackageLoader.load(source: cyclic, path: "c.wit") }
        do {
            _ = try WitPackageLoader.load(source: "package a:b;\ninterface i { use q:r/s.{t}; }\n", path: "u.wit")
        } catch {
            #expect(error.message.hasPrefix("package 'q:r' not found"))
            #expect(error.line == 2)
        }
    }

    @Test func hostileInputFailsCleanly() throws {
        let deep = "package a:b;\ninterface i { type t = " + String(repeating: "list<", count: 5000) + "u8" + String(repeating: ">", count: 5000) + "; }"
        #expect(throws: WitLoadError.self) { try WitPackageLoader.load(source: deep, path: "d.wit") }
        for bad in ["package a:b;\n/* open", "package a:b;\ninterface i { @since(version = 01.0.0) f: func(); }", "\u{202e}", "package %:b;", "package a:b;\ninterface \"x"] {
            #expect(throws: WitLoadError.self, "\(bad)") { try WitPackageLoader.load(source: bad, path: "h.wit") }
        }
    }
}
