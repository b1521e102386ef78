import Foundation
import Testing
@testable import PatchbayEngine

/// `patchbay new` against the wit-component test suite
/// (../shared/corpus/components/witc): every case the oracle ran as a plain
/// `component new` (no adapters). Our component must validate with the
/// oracle and read back as the world the oracle's component has; the
/// `error-*` cases must fail with the gist of `expected-error.txt`.
@Suite("component new (witc corpus)", .enabled(if: Corpus.enabled, Corpus.skipNote))
struct ComponentNewTests {
    /// Cases that fail today, with the feature they need. Listed so the
    /// count is honest; each one is still run and reported.
    static let knownGaps: [String: String] = [:]

    static func cases() -> [URL] {
        let dir = Corpus.url("components/witc")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().map { dir.appendingPathComponent($0) }.filter { d in
            guard let cmd = try? String(contentsOf: d.appendingPathComponent("commands.sh"), encoding: .utf8) else { return false }
            return cmd.contains("component new") && !cmd.contains("--adapt")
        }
    }

    enum Outcome { case pass, fail(String) }

    /// One case: `wrap` makes the component from the case's embedded
    /// module (plain `new` by default; the adapter cases pass their adapters).
    static func run(_ dir: URL, wrap: ([UInt8]) throws(WrapError) -> [UInt8] = { (m: [UInt8]) throws(WrapError) in try ComponentWrapper.new(module: m) }) throws -> Outcome {
        let name = dir.lastPathComponent
        let input = try Corpus.bytes(dir.appendingPathComponent("build/module.wasm"))
        if name.hasPrefix("error-") {
            let expected = try String(contentsOf: dir.appendingPathComponent("expected-error.txt"), encoding: .utf8)
            let gist = expected.split(separator: "\n").first.map(String.init) ?? expected
            do {
                _ = try wrap(input)
                return .fail("accepted, expected: \(gist)")
            } catch {
                return error.message.contains(gist) ? .pass : .fail("said “\(error.message)”, expected “\(gist)”")
            }
        }
        let bytes: [UInt8]
        do { bytes = try wrap(input) } catch { return .fail("refused: \(error.message)") }
        if let why = try OracleTools.witcMismatch(bytes, expectedWit: dir.appendingPathComponent("component.wit")) { return .fail(why) }
        return .pass
    }

    @Test("every plain `component new` case: valid output with the oracle's world, or the oracle's error")
    func corpus() throws {
        let cases = Self.cases()
        #expect(cases.count >= 80, "expected the 84 plain witc cases, found \(cases.count)")
        var passed = 0
        var gapsPassing: [String] = []
        for dir in cases {
            let name = dir.lastPathComponent
            switch try Self.run(dir) {
            case .pass:
                passed += 1
                if Self.knownGaps[name] != nil { gapsPassing.append(name) }
            case .fail(let why):
                if let gap = Self.knownGaps[name] {
                    print("known gap \(name) (\(gap)): \(why.prefix(200))")
                } else {
                    Issue.record("\(name): \(why)")
                }
            }
        }
        print("component new: \(passed)/\(cases.count) witc cases pass; \(Self.knownGaps.count) known gaps")
        // A gap that now passes must leave the list, so the list stays true.
        #expect(gapsPassing.isEmpty, "known gaps that pass now: \(gapsPassing)")
    }

    @Test("a module without a component-type section and with imports is refused with wit-component's message")
    func missingMetadata() throws {
        let dir = Corpus.url("components/witc/error-missing-module-metadata")
        guard FileManager.default.fileExists(atPath: dir.path) else { return }
        let input = try Corpus.bytes(dir.appendingPathComponent("build/module.wasm"))
        #expect(throws: WrapError.self) { _ = try ComponentWrapper.new(module: input) }
    }

    @Test("malformed input is an error with an offset, not a crash")
    func malformed() throws {
        #expect(throws: WrapError.self) { _ = try ComponentWrapper.new(module: [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]) }
        #expect(throws: WrapError.self) { _ = try ComponentWrapper.new(module: [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x00, 0x7f]) }
        #expect(throws: WrapError.self) { _ = try ComponentWrapper.new(module: [1, 2, 3]) }
    }
}
