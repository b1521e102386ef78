import Foundation
import Testing
@testable import PatchbayEngine

/// `WitEncoder` against the WIT corpus: every passing case of wit-parser's
/// suite (`wit/ui`) and every world printed from the wit-component suite
/// (`components/witc/*/component.wit`) is loaded, encoded as a package
/// binary, decoded again and printed; the print must equal the print of
/// what was loaded. With the oracle present, the bytes are compared with
/// `wasm-tools component wit --wasm` and the `component-type` payload with
/// `wasm-tools component embed --only-custom`.
@Suite("WIT encoder (corpus)", .enabled(if: Corpus.enabled, Corpus.skipNote))
struct WitEncoderTests {
    /// The corpus WIT sources: (label, path).
    static func sources() -> [(String, String)] {
        var out: [(String, String)] = []
        let ui = Corpus.url("wit/ui")
        for c in WITParseCorpusTests.passingCases() where !WITParseCorpusTests.wasmEncodedPackages.contains(c) {
            out.append(("ui/\(c)", ui.appendingPathComponent(c).path))
        }
        for u in Corpus.files("components/witc", suffix: "component.wit") {
            out.append(("witc/\(u.deletingLastPathComponent().lastPathComponent)", u.path))
        }
        return out
    }

    /// Sources that load without features (the oracle's view); cases the
    /// oracle refuses (`expected-print/NAME.err`) are left out.
    static func loadable() -> [(label: String, path: String, doc: WitDocument, main: WitPackageID)] {
        var out: [(String, String, WitDocument, WitPackageID)] = []
        for (label, path) in sources() {
            guard let (doc, main) = try? WitPackageLoader.load(path: path) else { continue }
            out.append((label, path, doc, main))
        }
        return out
    }

    @Test func packagesRoundTripThroughTheBinary() throws {
        let all = Self.loadable()
        #expect(all.count >= 140, "found \(all.count) loadable sources")
        var equal = 0, emptyPackages = 0
        var failures: [String] = []
        for (label, _, doc, main) in all {
            do {
                let want = try WitPrinter.print(doc, main: main)
                let bytes = try WitEncoder.encodePackage(doc, main)
                let (back, backMain) = try WitDecoder.decode(bytes: bytes)
                let got = try WitPrinter.print(back, main: backMain)
                if doc[main].interfaces.isEmpty && doc[main].worlds.isEmpty {
                    // Nothing to export: the binary is a component without
                    // exports, which reads back (here and in wasm-tools) as
                    // an empty component world.
                    if got == "package root:component;\n\nworld root {\n}\n" { emptyPackages += 1 } else { failures.append("\(label): empty package read back as \(got)") }
                } else if Self.samePackage(got, want) {
                    equal += 1
                } else {
                    failures.append("\(label): \(WITCorpusTests.firstDifference(got, want))")
                }
            } catch {
                failures.append("\(label): \(error)")
            }
        }
        print("WIT encode → decode → print: \(equal)/\(all.count - emptyPackages) equal the loaded print; \(emptyPackages) empty packages read back as empty worlds")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// A decoded package holds only the parts of foreign packages its types
    /// use, so only the main package's text is compared: everything before
    /// the first nested `package a:b {` block.
    static func samePackage(_ a: String, _ b: String) -> Bool {
        func head(_ s: String) -> Substring {
            guard let r = s.range(of: "\npackage ") else { return s[...] }
            return s[..<r.lowerBound]
        }
        func trimmed(_ s: Substring) -> Substring {
            var s = s
            while s.last == "\n" { s = s.dropLast() }
            return s
        }
        return trimmed(head(a)) == trimmed(head(b))
    }

    @Test(.enabled(if: OracleTools.enabled, "oracle wasm-tools not found"))
    func packageBytesEqualTheOracle() throws {
        let all = Self.loadable()
        var compared = 0, equal = 0
        var failures: [String] = []
        for (label, path, doc, main) in all {
            let out = OracleTools.temporaryFile("wasm")
            defer { try? FileManager.default.removeItem(at: out) }
            let r = try OracleTools.run(OracleTools.wasmTools, ["component", "wit", "--wasm", path, "-o", out.path])
            guard r.status == 0, let want = try? Corpus.bytes(out) else { continue }
            compared += 1
            do {
                let got = try WitEncoder.encodePackage(doc, main)
                if got == want { equal += 1 } else { failures.append("\(label): \(got.count) bytes vs \(want.count)") }
            } catch {
                failures.append("\(label): \(error)")
            }
        }
        print("WIT package bytes: \(equal)/\(compared) equal `wasm-tools component wit --wasm`")
        #expect(compared >= 140)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// Every world of every source, as a `component-type` payload, against
    /// `wasm-tools component embed --only-custom`.
    @Test(.enabled(if: OracleTools.enabled, "oracle wasm-tools not found"))
    func worldMetadataEqualsTheOracle() throws {
        var compared = 0, equal = 0
        var failures: [String] = []
        for (label, path, doc, main) in Self.loadable() {
            for (name, wid) in doc[main].worlds {
                let out = OracleTools.temporaryFile("wasm")
                defer { try? FileManager.default.removeItem(at: out) }
                let r = try OracleTools.run(OracleTools.wasmTools, ["component", "embed", "--only-custom", path, "--world", name, "-o", out.path])
                guard r.status == 0, let want = try? Corpus.bytes(out) else { continue }
                compared += 1
                do {
                    let got = try WitEncoder.worldMetadata(doc, wid)
                    if got == want { equal += 1 } else { failures.append("\(label) world \(name): \(got.count) bytes vs \(want.count)") }
                } catch {
                    failures.append("\(label) world \(name): \(error)")
                }
            }
        }
        print("component-type payloads: \(equal)/\(compared) equal `wasm-tools component embed --only-custom`")
        #expect(compared >= 100)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// The corpus's own package binaries (`kinds-of-deps/deps/e.wasm`, ...)
    /// decode, and print as the oracle prints them.
    @Test(.enabled(if: OracleTools.enabled, "oracle wasm-tools not found"))
    func corpusPackageBinariesDecode() throws {
        let files = Corpus.files("wit/ui", suffix: ".wasm")
        #expect(!files.isEmpty)
        for f in files {
            let r = try OracleTools.run(OracleTools.wasmTools, ["component", "wit", f.path])
            #expect(r.status == 0)
            let got = try WitDecoder.witText(bytes: try Corpus.bytes(f))
            #expect(got == r.output, "\(f.lastPathComponent): \(WITCorpusTests.firstDifference(got, r.output))")
        }
    }
}

/// `WorldEmbedder` (`patchbay embed`, `new --from-world`) against the
/// oracle, for every world of the composition cases' WIT, the samples, and
/// the worlds printed from the wit-component suite:
/// - the placeholder module with its section equals
///   `wasm-tools component embed --dummy-names legacy` byte for byte;
/// - embedding into an existing module equals `wasm-tools component embed`;
/// - the placeholder wrapped by `ComponentWrapper` validates and reads back
///   (`wasm-tools component wit`) as the oracle's `embed` + `component new`.
@Suite("world embedding (oracle)", .enabled(if: Corpus.enabled && OracleTools.enabled, "corpus or oracle missing"))
struct WorldEmbedderTests {
    static func worldSources() -> [(group: String, path: String)] {
        var out: [(String, String)] = []
        for u in Corpus.files("compose/cases", suffix: ".wit") { out.append(("compose", u.path)) }
        let samples = Corpus.packageRoot.appendingPathComponent("samples")
        for n in ((try? FileManager.default.contentsOfDirectory(atPath: samples.path)) ?? []).sorted() where n.hasSuffix(".wit") {
            out.append(("samples", samples.appendingPathComponent(n).path))
        }
        for u in Corpus.files("components/witc", suffix: "component.wit") { out.append(("witc", u.path)) }
        return out
    }

    static func oracle(_ args: [String]) throws -> (ok: Bool, bytes: [UInt8], message: String) {
        let out = OracleTools.temporaryFile("wasm")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try OracleTools.run(OracleTools.wasmTools, args + ["-o", out.path])
        return (r.status == 0, (try? Corpus.bytes(out)) ?? [], r.output)
    }

    static func witText(_ bytes: [UInt8]) throws -> String {
        let f = OracleTools.temporaryFile("wasm")
        defer { try? FileManager.default.removeItem(at: f) }
        try Data(bytes).write(to: f)
        return try OracleTools.run(OracleTools.wasmTools, ["component", "wit", f.path]).output
    }

    @Test func placeholdersAndEmbeddingMatchTheOracle() throws {
        var worlds = 0, dummyEqual = 0, embedEqual = 0
        var newCompared: [String: (ok: Int, total: Int)] = [:]
        var failures: [String] = []
        var wrapGaps: [String] = []
        for (group, path) in Self.worldSources() {
            guard let (doc, main) = try? WitPackageLoader.load(path: path) else { continue }
            let label = path.split(separator: "/").suffix(2).joined(separator: "/")
            for (name, wid) in doc[main].worlds {
                worlds += 1
                let theirs = try Self.oracle(["component", "embed", "--dummy-names", "legacy", path, "--world", name])
                guard theirs.ok else { failures.append("\(label) \(name): oracle embed failed: \(theirs.message)"); continue }
                let dummy = try WorldEmbedder.dummyModule(doc, world: wid)
                let ours = try WorldEmbedder.embed(module: dummy, doc, world: wid)
                if ours == theirs.bytes { dummyEqual += 1 } else { failures.append("\(label) \(name): placeholder differs from the oracle's") }

                // Embedding into a module that has no section yet.
                let plain = OracleTools.temporaryFile("wasm")
                defer { try? FileManager.default.removeItem(at: plain) }
                try Data(dummy).write(to: plain)
                let embedded = try Self.oracle(["component", "embed", path, plain.path, "--world", name])
                if embedded.ok && embedded.bytes == ours { embedEqual += 1 } else { failures.append("\(label) \(name): embed differs from the oracle's") }

                // The placeholder component.
                let theirsFile = OracleTools.temporaryFile("wasm")
                defer { try? FileManager.default.removeItem(at: theirsFile) }
                try Data(theirs.bytes).write(to: theirsFile)
                let wantNew = try Self.oracle(["component", "new", theirsFile.path])
                var counts = newCompared[group] ?? (0, 0)
                counts.total += 1
                do {
                    let component = try ComponentWrapper.new(module: ours)
                    let valid = try OracleTools.validate(component)
                    let got = try Self.witText(component)
                    let want = wantNew.ok ? try Self.witText(wantNew.bytes) : ""
                    if valid.ok && wantNew.ok && got == want {
                        counts.ok += 1
                    } else if group == "witc" {
                        wrapGaps.append("\(label) \(name): " + (valid.ok ? "reads back differently" : "invalid: \(valid.message.prefix(120))"))
                    } else {
                        failures.append("\(label) \(name): " + (valid.ok ? WITCorpusTests.firstDifference(got, want) : "invalid: \(valid.message)"))
                    }
                } catch {
                    if group == "witc" { wrapGaps.append("\(label) \(name): \(error)") } else { failures.append("\(label) \(name): \(error)") }
                }
                newCompared[group] = counts
            }
        }
        print("embed: \(worlds) worlds; placeholders byte-equal to `component embed --dummy-names legacy`: \(dummyEqual)/\(worlds); embedding byte-equal to `component embed`: \(embedEqual)/\(worlds)")
        for (g, c) in newCompared.sorted(by: { $0.key < $1.key }) {
            print("new --from-world (\(g)): \(c.ok)/\(c.total) validate and read back as the oracle's embed --dummy + new")
        }
        if !wrapGaps.isEmpty { print("wrapper gaps on witc worlds:\n  " + wrapGaps.joined(separator: "\n  ")) }
        #expect(worlds >= 150)
        // Every world printed from the wit-component suite wraps as the
        // oracle's does (97 when measured).
        #expect((newCompared["witc"]?.ok ?? 0) >= 97)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}

