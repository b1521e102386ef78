import Foundation
import PatchbayEngine
import Testing

/// Host stubs that return given values: a consumer of compose/cases run on
/// its own, its imports served by the values its provider would return,
/// gives wasmtime's results for the composition (expected.jsonl).
@Suite(.enabled(if: Corpus.enabled, Corpus.skipNote))
struct RuntimeHostValuesTests {
    static func runtime(_ path: String, _ given: [String: [String]]) throws -> ComponentRuntime {
        try ComponentRuntime(try ComponentDecoder.decode(Corpus.bytes(Corpus.url(path))), hostValues: HostValues(given))
    }

    /// The results of expected.jsonl, read against the result types of `rt`'s exports.
    static func expected(_ dir: String, _ rt: ComponentRuntime) throws -> [ComponentValue] {
        try RuntimeCorpusTests.jsonLines(Corpus.url("compose/cases/\(dir)/expected.jsonl")).map { line in
            let f = try rt.function(line["call"] as? String ?? "")
            return try RuntimeJSON.fromCaseJSON(line["result"] ?? NSNull(), as: try #require(f.type.result))
        }
    }

    @Test("scalars/consumer.wasm alone, test:math/ops served by given values, gives expected.jsonl")
    func scalarsConsumer() throws {
        // consumer.core.wat: run(x) = add(x, 10) * 2 and dist(a, b) = hypot(a, b).
        // The values are what the provider (i32.add, wrapping; f64 sqrt)
        // returns for the calls of calls.json: 5+10, -20+10, 2147483647+10.
        let rt = try Self.runtime("compose/cases/scalars/consumer.wasm", [
            "test:math/ops#add": ["15", "-10", "-2147483639"],
            "test:math/ops#hypot": ["5.0"],
        ])
        let want = try Self.expected("scalars", rt)
        var got: [ComponentValue] = []
        for x: Int32 in [5, -20, 2_147_483_647] { got.append(try #require(try rt.call(rt.function("run"), [.s32(x)]))) }
        got.append(try #require(try rt.call(rt.function("dist"), [.f64(3), .f64(4)])))
        #expect(got == want, "got \(got.map(WaveSyntax.print)), want \(want.map(WaveSyntax.print))")
        #expect(rt.hostValues.calls == ["test:math/ops#add": 3, "test:math/ops#hypot": 1])
        // The last value repeats once the given ones are used up.
        #expect(try rt.call(rt.function("run"), [.s32(0)]) == .s32(-2147483639 &* 2))
    }

    @Test("strings/consumer.wasm alone: given strings are lowered into the consumer's memory through its realloc")
    func stringsConsumer() throws {
        // shout(s) = upper(concat(s, "!")), total-len(a, b) = byte-len(a) + byte-len(b).
        let rt = try Self.runtime("compose/cases/strings/consumer.wasm", [
            "test:str/text#concat": [#""hello!""#],
            "test:str/text#upper": [#""HELLO!""#],
            "test:str/text#byte-len": ["3"],
        ])
        let want = try Self.expected("strings", rt)
        let trace = CallTrace()
        let shout = try rt.call(rt.function("shout"), [.string("hello")], trace: trace)
        #expect(shout == want[0])
        #expect(try rt.call(rt.function("total-len"), [.string("abc"), .string("☃")]) == want[3])
        let lines = trace.render()
        // concat's result: the string "hello!" written by the host into the consumer's memory.
        #expect(lines.contains { $0.contains("← test:str/text#concat = \"hello!\"  [lower]") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("write 6 bytes at") && $0.hasSuffix("68 65 6c 6c 6f 21") }, "\(lines.joined(separator: "\n"))")
    }

    @Test("bad given values are refused at instantiation, naming the import and the type")
    func badValues() throws {
        #expect {
            _ = try Self.runtime("compose/cases/scalars/consumer.wasm", ["test:math/ops#add": ["\"x\""]])
        } throws: { e in
            "\(e)".contains("the value given for import `test:math/ops#add` does not fit its result type s32: column 1")
        }
        #expect {
            _ = try Self.runtime("compose/cases/scalars/consumer.wasm", ["test:math/ops#sub": ["1"]])
        } throws: { e in
            "\(e)" == "a value is given for `test:math/ops#sub`, which is not an imported function of the component; imported functions: test:math/ops#add, test:math/ops#hypot"
        }
        // An import without a value still traps, naming it.
        let rt = try Self.runtime("compose/cases/scalars/consumer.wasm", ["test:math/ops#add": ["1"]])
        #expect { _ = try rt.call(rt.function("dist"), [.f64(1), .f64(2)]) } throws: { e in
            (e as? ComponentTrap)?.message.contains("import `test:math/ops#hypot` is not provided") == true
        }
    }
}

/// The componentize-py consumer plugged with the CPython stub by the
/// engine's own composition (Plug + CompositionEncoder), then run.
@Suite(.enabled(if: Corpus.enabled, Corpus.skipNote))
struct RuntimeComposedCpyTests {
    @Test("cpy-demo-consumer.wasm composed with cpy-demo-stub.wasm gives cpy-demo-consumer.expected.jsonl")
    func consumerWithStub() throws {
        let big = Corpus.url("big")
        let socket = Plug.Input(name: "corpus:consumer", bytes: try Corpus.bytes(big.appendingPathComponent("cpy-demo-consumer.wasm")))
        let plug = Plug.Input(name: "corpus:stub", bytes: try Corpus.bytes(big.appendingPathComponent("cpy-demo-stub.wasm")))
        let (graph, report) = try Plug.build(socket: socket, plugs: [plug])
        #expect(report.wires.map(\.importName) == ["corpus:demo/api@0.1.0"])
        let composed = try CompositionEncoder.encode(graph)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-cpy-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("composed.wasm")
        try Data(composed).write(to: file)
        let results = try RuntimeCorpusTests.runScript(component: file,
                                                       calls: big.appendingPathComponent("cpy-demo-consumer.calls.json"),
                                                       expected: big.appendingPathComponent("cpy-demo-consumer.expected.jsonl"))
        for r in results { #expect(r.ok, "cpy-demo-consumer: \(r.call): \(r.detail)") }
        print("runtime: cpy-demo-consumer + cpy-demo-stub (plugged by the engine) \(results.filter(\.ok).count)/\(results.count) calls match")
        #expect(results.count == 1)
    }
}
