import Foundation
import Testing

/// `patchbay run` as a subprocess: results in WAVE, the `--trace` of boundary
/// crossings, traps naming the functions, and exit statuses.
@Suite(.enabled(if: CLI.available, "the patchbay executable was not built"))
struct RunCLITests {
    @Test func runsTheCalculatorAppWithATrace() throws {
        // wasmtime (compose/run_case.py) gives run() = 1030 for this composition.
        let r = try CLI.run(["run", CLI.sample("app-with-calculator.wasm"), "run()", "--trace"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.last == "1030")
        // The top-level lift, with its (empty) core arguments and its i32 result.
        #expect(lines.first?.hasPrefix("→ run()  [lift into ") == true, "\(r.stdout)")
        #expect(lines.contains { $0.hasPrefix("← run = 1030  [lift]  core: (i32 1030)") })
        // The app calls the calculator's add(2, 3) through canon lower, then canon lift: core i32s both sides.
        #expect(lines.contains { $0.contains("→ patchbay:samples/calc#add(2, 3)  [lower: called from") && $0.hasSuffix("core: (i32 2, i32 3)") })
        #expect(lines.contains { $0.contains("→ patchbay:samples/calc#add(2, 3)  [lift into") && $0.hasSuffix("core: (i32 2, i32 3)") })
        #expect(lines.contains { $0.contains("← patchbay:samples/calc#add = 5  [lift]  core: (i32 5)") })
        // eval returns result<s32, _> through memory: the bytes read and written show in the trace.
        #expect(lines.contains { $0.contains("read 4 bytes at") && $0.hasSuffix("fb ff ff ff") }, "\(r.stdout)")
        #expect(lines.contains { $0.contains("write 4 bytes at") && $0.hasSuffix("fb ff ff ff") })
    }

    @Test func resultsInWaveAndErrors() throws {
        let r = try CLI.run(["run", CLI.sample("app-with-calculator.wasm"), "run()", "run()"])
        #expect(r.status == 0)
        #expect(r.stdout == "1030\n1030\n")

        let unknown = try CLI.run(["run", CLI.sample("app-with-calculator.wasm"), "nope()"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: call 1 `nope()`: no exported function `nope`; exported functions: run\n")

        let badArgs = try CLI.run(["run", CLI.sample("app-with-calculator.wasm"), "run(1)"])
        #expect(badArgs.status == 1)
        #expect(badArgs.stderr.contains("column 1: expected 0 arguments"))

        // The app alone still imports the calculator: the host stub traps naming it.
        let trap = try CLI.run(["run", CLI.sample("app.wasm"), "run()"])
        #expect(trap.status == 1)
        #expect(trap.stderr.contains("import `patchbay:samples/calc#add` is not provided"), "\(trap.stderr)")
        #expect(trap.stderr.contains("in component function patchbay:samples/calc#add"))
        #expect(trap.stderr.contains("called from component function run"))
        #expect(trap.stderr.contains("in core function `run`"))

        let noCall = try CLI.run(["run", CLI.sample("app-with-calculator.wasm")])
        #expect(noCall.status == 2)
        #expect(noCall.stdout == "run: func() -> s32\n")
    }
}
