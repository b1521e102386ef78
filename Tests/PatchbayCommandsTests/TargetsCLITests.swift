import Foundation
import Testing

/// `patchbay targets` run as a subprocess: exit statuses and the listed differences.
@Suite(.enabled(if: CLI.available, "the patchbay executable was not built"))
struct TargetsCLITests {
    static var cases: URL { WitCLITests.corpus.appendingPathComponent("compose/cases") }
    static var hasCorpus: Bool { FileManager.default.fileExists(atPath: cases.appendingPathComponent("scalars/scalars.wit").path) }

    @Test(.enabled(if: hasCorpus, "corpus not found; set PATCHBAY_CORPUS"))
    func conformsMismatchesAndAmbiguousWorlds() throws {
        let wit = Self.cases.appendingPathComponent("scalars/scalars.wit").path
        let good = try CLI.run(["targets", "provider-bad.wasm", Self.cases.appendingPathComponent("mismatch/mismatch.wit").path],
                               cwd: Self.cases.appendingPathComponent("mismatch"))
        #expect(good.status == 0, "stderr: \(good.stderr)")
        #expect(good.stdout == "provider-bad.wasm targets test:math/provider\n")

        let bad = try CLI.run(["targets", "provider-bad.wasm", wit, "--world", "provider"], cwd: Self.cases.appendingPathComponent("mismatch"))
        #expect(bad.status == 1)
        #expect(bad.stdout == """
            provider-bad.wasm does not target test:math/provider: 1 difference
            export `test:math/ops` → func `add` → param `a`: expected s32, found s64

            """)

        let ambiguous = try CLI.run(["targets", Self.cases.appendingPathComponent("scalars/provider.wasm").path, wit])
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr.contains("test:math/provider") && ambiguous.stderr.contains("test:math/consumer"))
    }
}
