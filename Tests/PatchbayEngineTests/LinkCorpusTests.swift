import Foundation
import Testing
@testable import PatchbayEngine

/// `patchbay link` against wit-component's linking tests
/// (../shared/corpus/link/witc): each case is linked with the options the
/// oracle was given (`commands.sh`). The result must validate with the
/// oracle and read back as the oracle's world; the `error-*` cases must fail
/// with the gist of `expected-error.txt`; where the corpus records a run
/// (`run-wasmtime.jsonl`, with `host.py` for the host functions), our
/// component must compute the same under wasmtime.
@Suite("component link (witc corpus)", .enabled(if: Corpus.enabled, Corpus.skipNote))
struct LinkCorpusTests {
    /// Cases that fail today, with the feature they need. Each is still run
    /// and reported, and one that starts passing must leave the list.
    static let knownGaps: [String: String] = [:]

    static func cases() -> [URL] {
        let dir = Corpus.url("link/witc")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().map { dir.appendingPathComponent($0) }.filter {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("commands.sh").path)
        }
    }

    /// `ran`: the recorded calls were run and matched.
    enum Outcome { case pass(ran: Bool = false), fail(String) }

    /// The oracle's `component link` arguments, as libraries and options.
    static func invocation(_ dir: URL) throws -> (libraries: [Linker.Library], options: Linker.Options, unsupported: [String]) {
        let script = try String(contentsOf: dir.appendingPathComponent("commands.sh"), encoding: .utf8)
        guard let line = script.split(separator: "\n").first(where: { $0.contains("component link") }),
              let range = line.range(of: "component link") else { return ([], Linker.Options(), ["no `component link` line"]) }
        var words = line[range.upperBound...].split(separator: " ").map(String.init)[...]
        var libraries: [Linker.Library] = [], dl: [Linker.Library] = []
        var options = Linker.Options()
        var unsupported: [String] = []
        func library(_ arg: String, _ dlOpenable: Bool) throws -> Linker.Library {
            let (name, path) = arg.contains("=") ? (String(arg.split(separator: "=", maxSplits: 1)[0]), String(arg.split(separator: "=", maxSplits: 1)[1])) : (URL(fileURLWithPath: arg).lastPathComponent, arg)
            return Linker.Library(name: name, bytes: try Corpus.bytes(dir.appendingPathComponent(path)), dlOpenable: dlOpenable)
        }
        while let w = words.popFirst() {
            switch w {
            case "--debug-names": continue  // only names in the name section
            case "-o": _ = words.popFirst()
            case "--dl-openable": if let a = words.popFirst() { dl.append(try library(a, true)) }
            case "--stub-missing-functions": options.stubMissingFunctions = true
            case "--use-built-in-libdl": options.useBuiltInLibdl = true
            case "--return-call-ref": options.returnCallRef = true
            case "--stack-size": options.stackSize = words.popFirst().flatMap { UInt32($0) }
            case "--adapt":
                if let a = words.popFirst(), let eq = a.firstIndex(of: "=") {
                    options.adapters.append(ComponentWrapper.Adapter(name: String(a[..<eq]), bytes: try Corpus.bytes(dir.appendingPathComponent(String(a[a.index(after: eq)...])))))
                }
            case _ where w.hasPrefix("-"): unsupported.append(w)
            default: libraries.append(try library(w, false))
            }
        }
        return (libraries + dl, options, unsupported)
    }

    static func run(_ dir: URL) throws -> Outcome {
        let (libraries, options, unsupported) = try invocation(dir)
        if !unsupported.isEmpty { return .fail("option not supported: \(unsupported.joined(separator: " "))") }
        if dir.lastPathComponent.hasPrefix("error-") {
            let expected = try String(contentsOf: dir.appendingPathComponent("expected-error.txt"), encoding: .utf8)
            // The whole message without wit-component's `error: ` prefix.
            var gist = expected.trimmingCharacters(in: .whitespacesAndNewlines)
            if gist.hasPrefix("error: ") { gist.removeFirst("error: ".count) }
            do {
                _ = try Linker.link(libraries, options: options)
                return .fail("linked, expected: \(gist)")
            } catch {
                return error.message.contains(gist) ? .pass() : .fail("said “\(error.message)”, expected “\(gist)”")
            }
        }
        let bytes: [UInt8]
        do { bytes = try Linker.link(libraries, options: options) } catch { return .fail("refused: \(error.message)") }
        if let why = try OracleTools.witcMismatch(bytes, expectedWit: dir.appendingPathComponent("component.wit")) { return .fail(why) }
        let url = OracleTools.temporaryFile("wasm")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try behaviour(dir, url)
    }

    /// Runs the recorded calls (witc-runs.tsv) and compares with run-wasmtime.jsonl.
    static func behaviour(_ dir: URL, _ component: URL) throws -> Outcome {
        let recorded = dir.appendingPathComponent("run-wasmtime.jsonl")
        let runner = Corpus.url("compose/run_case.py")
        guard FileManager.default.fileExists(atPath: recorded.path),
              FileManager.default.isExecutableFile(atPath: OracleTools.python.path),
              FileManager.default.fileExists(atPath: runner.path) else { return .pass() }
        let table = try String(contentsOf: Corpus.url("link/witc-runs.tsv"), encoding: .utf8)
        guard let row = table.split(separator: "\n").first(where: { $0.split(separator: "\t").first.map(String.init) == dir.lastPathComponent }) else { return .pass() }
        let calls = row.split(separator: "\t")[1].split(separator: " ").map(String.init)
        let host = dir.appendingPathComponent("host.py")
        var args = [runner.path, component.path]
        args += FileManager.default.fileExists(atPath: host.path) ? ["--host-py", host.path] : ["--trap-imports"]
        let r = try OracleTools.run(OracleTools.python, args + calls)
        let expected = try String(contentsOf: recorded, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let ours = r.output.trimmingCharacters(in: .whitespacesAndNewlines)
        return ours == expected ? .pass(ran: true) : .fail("runs differently:\n\(ours)\nexpected:\n\(expected)")
    }

    @Test("every witc link case: valid output with the oracle's world and behaviour, or the oracle's error")
    func corpus() throws {
        let cases = Self.cases()
        #expect(cases.count == 32, "expected the 32 witc link cases, found \(cases.count)")
        var passed = 0, ran = 0
        var gapsPassing: [String] = []
        for dir in cases {
            let name = dir.lastPathComponent
            switch try Self.run(dir) {
            case .pass(let didRun):
                passed += 1
                if didRun { ran += 1 }
                if Self.knownGaps[name] != nil { gapsPassing.append(name) }
            case .fail(let why):
                if let gap = Self.knownGaps[name] {
                    print("known gap \(name) (\(gap)): \(why.prefix(200))")
                } else {
                    Issue.record("\(name): \(why)")
                }
            }
        }
        print("component link: \(passed)/\(cases.count) witc cases pass (\(ran) of them also run as recorded under wasmtime); \(Self.knownGaps.count) known gaps")
        #expect(gapsPassing.isEmpty, "known gaps that pass now: \(gapsPassing)")
    }

    @Test("an unresolved symbol names the library that needs it and its type")
    func unresolvedNamesLibraryAndType() throws {
        let dir = Corpus.url("link/witc/error-link-missing-symbols")
        let lib = Linker.Library(name: "foo", bytes: try Corpus.bytes(dir.appendingPathComponent("build/lib-foo.wasm")))
        #expect(throws: LinkError.self) { _ = try Linker.link([lib]) }
        do { _ = try Linker.link([lib]) } catch {
            #expect(error.message.contains("\tfoo needs bar (function [I32] -> [I32])"))
        }
        // With stubs the same library links, and the result validates.
        var options = Linker.Options()
        options.stubMissingFunctions = true
        let bytes = try Linker.link([lib], options: options)
        #expect(Validator.validate(bytes).filter { $0.severity == .error }.isEmpty)
    }

    @Test("malformed libraries are errors, not crashes")
    func malformed() throws {
        #expect(throws: LinkError.self) { _ = try Linker.link([Linker.Library(name: "x", bytes: [1, 2, 3])]) }
        // A dylink.0 section with an unknown subsection 9.
        let module: [UInt8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x00, 0x0b, 0x08] + Array("dylink.0".utf8) + [0x09, 0x00]
        #expect(throws: LinkError.self) { _ = try Linker.link([Linker.Library(name: "x", bytes: module)]) }
        do { _ = try Linker.link([Linker.Library(name: "x", bytes: module)]) } catch {
            #expect(error.message.contains("unrecognized `dylink.0` subsection: 9"))
        }
    }
}
