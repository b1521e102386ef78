import Foundation
import Testing

/// `patchbay run --import NAME=VALUE`: a consumer of the composition cases
/// run alone, its imports served by values given on the command line, gives
/// the results wasmtime gives for the composed case (expected.jsonl).
@Suite(.enabled(if: CLI.available, "the patchbay executable was not built"))
struct RunImportCLITests {
    static var cases: URL { WitCLITests.corpus.appendingPathComponent("compose/cases") }
    static var hasCorpus: Bool { FileManager.default.fileExists(atPath: cases.appendingPathComponent("scalars/consumer.wasm").path) }
    static var consumer: String { cases.appendingPathComponent("scalars/consumer.wasm").path }

    /// expected.jsonl's results, printed as WAVE prints them (numbers as JSON has them).
    static func expectedResults(_ name: String) throws -> [String] {
        let text = try String(contentsOf: cases.appendingPathComponent("\(name)/expected.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            return "\(o["result"] ?? "missing")"
        }
    }

    @Test(.enabled(if: hasCorpus, "corpus not found; set PATCHBAY_CORPUS"))
    func scalarsConsumerServedFromTheCommandLine() throws {
        // run(x) = add(x, 10) * 2 in consumer.core.wat; the values are the
        // provider's wrapping sums for x = 5, -20, 2147483647.
        let r = try CLI.run(["run", Self.consumer, "run(5)", "run(-20)", "run(2147483647)", "dist(3.0, 4.0)",
                             "--import", "test:math/ops#add=15", "--import", "test:math/ops#add=-10",
                             "--import", "test:math/ops#add=-2147483639", "--import", "test:math/ops#hypot=5.0"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.split(separator: "\n").map(String.init) == (try Self.expectedResults("scalars")))
    }

    @Test(.enabled(if: hasCorpus, "corpus not found; set PATCHBAY_CORPUS"))
    func traceShowsTheHostValue() throws {
        let r = try CLI.run(["run", Self.consumer, "run(5)", "--trace", "--import", "test:math/ops#add=15"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout == """
            → run(5)  [lift into the root component]  core: (i32 5)
              → test:math/ops#add(5, 10)  [lower: called from the root component]  core: (i32 5, i32 10)
              ← test:math/ops#add = 15  [lower]  core: (i32 15)
            ← run = 30  [lift]  core: (i32 30)
            30

            """)
    }

    @Test(.enabled(if: hasCorpus, "corpus not found; set PATCHBAY_CORPUS"))
    func errors() throws {
        let bad = try CLI.run(["run", Self.consumer, "run(5)", "--import", "test:math/ops#add=1.5"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("cannot instantiate: the value given for import `test:math/ops#add` does not fit its result type s32: column 1:"), "\(bad.stderr)")

        let unknown = try CLI.run(["run", Self.consumer, "run(5)", "--import", "add=1"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("a value is given for `add`, which is not an imported function of the component; imported functions: test:math/ops#add, test:math/ops#hypot"))

        let noEquals = try CLI.run(["run", Self.consumer, "run(5)", "--import", "test:math/ops#add"])
        #expect(noEquals.status == 2)
        #expect(noEquals.stderr == "error: --import 1 `test:math/ops#add`: expected NAME=VALUE such as 'test:math/ops#add=7', found no `=`\n")

        let missing = try CLI.run(["run", Self.consumer, "dist(1.0, 2.0)", "--import", "test:math/ops#add=1"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("import `test:math/ops#hypot` is not provided"))
        #expect(missing.stderr.contains("--import 'test:math/ops#hypot=VALUE'"))

        let repeated = try CLI.run(["run", Self.consumer, "run(5)", "--repeat", "50", "--import", "test:math/ops#add=15"])
        #expect(repeated.status == 0)
        #expect(repeated.stdout == "30\n")
        #expect(repeated.stderr.hasPrefix("time: call 1 `run(5)`: 50 calls in "), "\(repeated.stderr)")
        #expect(repeated.stderr.hasSuffix(" ns per call\n"))

        let zero = try CLI.run(["run", Self.consumer, "run(5)", "--repeat", "0"])
        #expect(zero.status == 2)
        #expect(zero.stderr == "error: --repeat: expected a count from 1 to 10000000, found 0\n")
    }
}
