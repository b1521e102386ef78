import Foundation
import Testing
@testable import PatchbayEngine

/// `patchbay new --adapt` against the wit-component cases whose oracle
/// command adapts the module (`component new ... --adapt NAME=ADAPTER.wasm`):
/// the same checks as the plain cases (the oracle validates our component,
/// its world reads back as the oracle's; `error-*` cases fail with the gist
/// of `expected-error.txt`), with the adapters and flags of `commands.sh`.
extension ComponentNewTests {
    /// Adapter cases that fail today, with the feature they need.
    static let adapterGaps: [String: String] = [:]

    static func adapterCases() -> [URL] {
        let dir = Corpus.url("components/witc")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().map { dir.appendingPathComponent($0) }.filter { d in
            guard let cmd = try? String(contentsOf: d.appendingPathComponent("commands.sh"), encoding: .utf8) else { return false }
            return cmd.contains("component new") && cmd.contains("--adapt")
        }
    }

    /// The adapters and `--realloc-via-memory-grow` of the case's
    /// `component new` line. (`--return-call-ref`, used by one case, only
    /// changes how shims call through their table; the case runs without it.)
    static func adapterArguments(_ dir: URL) throws -> (adapters: [ComponentWrapper.Adapter], grow: Bool) {
        let cmd = try String(contentsOf: dir.appendingPathComponent("commands.sh"), encoding: .utf8)
        guard let line = cmd.split(separator: "\n").first(where: { $0.contains("component new") }) else { return ([], false) }
        let words = line.split(separator: " ").map(String.init)
        var adapters: [ComponentWrapper.Adapter] = []
        for (i, w) in words.enumerated() where w == "--adapt" && i + 1 < words.count {
            let spec = words[i + 1]
            guard let eq = spec.firstIndex(of: "=") else { continue }
            let bytes = try Corpus.bytes(dir.appendingPathComponent(String(spec[spec.index(after: eq)...])))
            adapters.append(ComponentWrapper.Adapter(name: String(spec[..<eq]), bytes: bytes))
        }
        return (adapters, words.contains("--realloc-via-memory-grow"))
    }

    static func runAdapted(_ dir: URL) throws -> Outcome {
        let (adapters, grow) = try adapterArguments(dir)
        if adapters.isEmpty { return .fail("no --adapt found in commands.sh") }
        return try run(dir) { (m: [UInt8]) throws(WrapError) in
            try ComponentWrapper.new(module: m, adapters: adapters, reallocViaMemoryGrow: grow)
        }
    }

    @Test("every `component new --adapt` case: valid output with the oracle's world, or the oracle's error")
    func adapterCorpus() throws {
        let cases = Self.adapterCases()
        #expect(cases.count >= 27, "expected the 27 witc cases with adapters, found \(cases.count)")
        var passed = 0
        var gapsPassing: [String] = []
        for dir in cases {
            let name = dir.lastPathComponent
            switch try Self.runAdapted(dir) {
            case .pass:
                passed += 1
                if Self.adapterGaps[name] != nil { gapsPassing.append(name) }
            case .fail(let why):
                if let gap = Self.adapterGaps[name] {
                    print("known gap \(name) (\(gap)): \(why.prefix(200))")
                } else {
                    Issue.record("\(name): \(why)")
                }
            }
        }
        print("component new --adapt: \(passed)/\(cases.count) witc cases pass; \(Self.adapterGaps.count) known gaps")
        #expect(gapsPassing.isEmpty, "known gaps that pass now: \(gapsPassing)")
    }

    @Test("a malformed or mismatched adapter is an error, not a crash")
    func malformedAdapters() throws {
        let dir = Corpus.url("components/witc/adapt-inject-stack")
        guard FileManager.default.fileExists(atPath: dir.path) else { return }
        let module = try Corpus.bytes(dir.appendingPathComponent("build/module.wasm"))
        let adapter = try Corpus.bytes(dir.appendingPathComponent("build/adapt-old.wasm"))
        for bad in [[1, 2, 3], Array(adapter.prefix(adapter.count / 2)), Array(adapter.prefix(40))] as [[UInt8]] {
            #expect(throws: WrapError.self) { _ = try ComponentWrapper.new(module: module, adapters: [.init(name: "old", bytes: bad)]) }
        }
        // The module imports `old::get_sum`; an adapter under another name leaves it unresolved.
        #expect(throws: WrapError.self) { _ = try ComponentWrapper.new(module: module, adapters: [.init(name: "other", bytes: adapter)]) }
        // An adapter that does not export what the module imports.
        let empty = try Corpus.bytes(Corpus.url("components/witc/adapt-empty-interface/build/adapt-old.wasm"))
        do {
            _ = try ComponentWrapper.new(module: module, adapters: [.init(name: "old", bytes: empty)])
            Issue.record("accepted an adapter without `get_sum`")
        } catch {
            #expect(error.message.contains("adapter module did not export `get_sum`"))
        }
    }
}
