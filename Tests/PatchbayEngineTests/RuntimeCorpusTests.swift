import Foundation
import PatchbayEngine
import Testing

/// The component runtime against behaviour recorded by wasmtime: the
/// composition cases' `expected.jsonl` (compose/cases/*) and the spec
/// tests' `NAME.commands.json` assertions (components/wast).
@Suite(.enabled(if: Corpus.enabled, Corpus.skipNote))
struct RuntimeCorpusTests {
    static let caseNames: [String] = {
        let dir = Corpus.url("compose/cases")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter {
            FileManager.default.fileExists(atPath: dir.appendingPathComponent("\($0)/calls.json").path)
                && FileManager.default.fileExists(atPath: dir.appendingPathComponent("\($0)/composed.wasm").path)
        }.sorted()
    }()

    static func jsonLines(_ url: URL) throws -> [[String: Any]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8), options: [.fragmentsAllowed]) as? [String: Any] ?? [:]
        }
    }

    /// Runs a run_case.py call script on a component; returns one line per call
    /// (`ok` or what differed) compared with the expected lines.
    static func runScript(component: URL, calls: URL, expected: URL) throws -> [(call: String, ok: Bool, detail: String)] {
        let rt = try ComponentRuntime(try ComponentDecoder.decode(Corpus.bytes(component)))
        let script = try JSONSerialization.jsonObject(with: Data(contentsOf: calls)) as? [[String: Any]] ?? []
        let want = try jsonLines(expected)
        var refs: [String: ComponentValue] = [:]
        var out: [(String, Bool, String)] = []
        for (i, c) in script.enumerated() {
            let name = c["call"] as? String ?? ""
            let argsJSON = c["args"] as? [Any] ?? []
            let exp = i < want.count ? want[i] : [:]
            do {
                let f = try rt.function(name)
                let args = try zip(argsJSON, f.type.params).map { try RuntimeJSON.fromCaseJSON($0, as: $1.type, refs: refs) }
                let result = try rt.call(f, args)
                if let b = c["bind"] as? String, let result { refs[b] = result }
                if exp["error"] != nil {
                    out.append((name, false, "expected an error (\(exp["error"] ?? "")), got \(result.map(WaveSyntax.print) ?? "()")"))
                    continue
                }
                let expJSON = exp["result"] ?? NSNull()
                if let rtype = f.type.result {
                    if case .own = rtype, expJSON as? String == "<resource>", case .own? = result { out.append((name, true, "")); continue }
                    let e = try RuntimeJSON.fromCaseJSON(expJSON, as: rtype)
                    out.append((name, e == result, e == result ? "" : "expected \(WaveSyntax.print(e)), got \(result.map(WaveSyntax.print) ?? "()")"))
                } else {
                    out.append((name, expJSON is NSNull, "expected \(expJSON), got no result"))
                }
            } catch {
                let ok = exp["error"] != nil
                out.append((name, ok, ok ? "" : "\(error)"))
            }
        }
        return out
    }

    @Test("every composed case gives the results wasmtime gives (expected.jsonl)")
    func composedCases() throws {
        #expect(Self.caseNames.count >= 8, "expected at least 8 runnable cases, found \(Self.caseNames)")
        var passed = 0, total = 0
        for name in Self.caseNames {
            let dir = Corpus.url("compose/cases/\(name)")
            let results = try Self.runScript(component: dir.appendingPathComponent("composed.wasm"),
                                             calls: dir.appendingPathComponent("calls.json"),
                                             expected: dir.appendingPathComponent("expected.jsonl"))
            for r in results {
                total += 1
                if r.ok { passed += 1 }
                #expect(r.ok, "\(name): \(r.call): \(r.detail)")
            }
        }
        print("runtime: compose cases \(passed)/\(total) calls match expected.jsonl over \(Self.caseNames.count) cases")
        #expect(passed == total)
    }

    @Test("the componentize-py component (CPython inside) gives cpy-demo.expected.jsonl")
    func cpyDemo() throws {
        let big = Corpus.url("big")
        let results = try Self.runScript(component: big.appendingPathComponent("cpy-demo-stub.wasm"),
                                         calls: big.appendingPathComponent("cpy-demo.calls.json"),
                                         expected: big.appendingPathComponent("cpy-demo.expected.jsonl"))
        for r in results { #expect(r.ok, "cpy-demo: \(r.call): \(r.detail)") }
        print("runtime: cpy-demo-stub \(results.filter(\.ok).count)/\(results.count) calls match")
        #expect(results.count == 17)
    }

    @Test("a host-stub import traps naming the import, the core function and the component functions")
    func trapNamesFunctions() throws {
        let c = try ComponentDecoder.decode(Corpus.bytes(Corpus.url("compose/cases/strings/consumer.wasm")))
        let rt = try ComponentRuntime(c)
        let f = try rt.function("shout")
        do {
            _ = try rt.call(f, [.string("x")])
            Issue.record("expected a trap from the unprovided import")
        } catch let t as ComponentTrap {
            #expect(t.message.contains("import `test:str/text#concat` is not provided"), "\(t)")
            #expect(t.componentFunction == "test:str/text#concat")
            #expect(t.callers == ["shout"])
            #expect(t.coreFunction?.contains("`shout`") == true, "\(t)")
        }
    }

    // MARK: wast assertions

    /// Spec-test components the runtime does not run, with why.
    static func unsupportedReason(_ name: String) -> String? {
        if name.hasPrefix("cm_async_") { return "async (tasks, streams, futures, waitables) is not supported" }
        return nil
    }

    struct WastOutcome {
        var passed = 0, failed = 0
        var unsupported: [String: String] = [:]
        var failures: [String] = []
    }

    static func runWast() -> WastOutcome {
        var o = WastOutcome()
        for file in Corpus.files("components/wast", suffix: ".commands.json") {
            let name = String(file.lastPathComponent.dropLast(".commands.json".count))
            if let why = unsupportedReason(name) { o.unsupported[name] = why; continue }
            guard let data = try? Data(contentsOf: file),
                  let commands = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]],
                  let bytes = try? Corpus.bytes(file.deletingLastPathComponent().appendingPathComponent(name + ".wasm")),
                  let component = try? ComponentDecoder.decode(bytes) else {
                o.failures.append("\(name): cannot read the component or its commands"); o.failed += 1; continue
            }
            var rt: ComponentRuntime
            do { rt = try ComponentRuntime(component) } catch {
                o.unsupported[name] = "does not instantiate: \(error)"
                continue
            }
            for c in commands {
                let kind = c["type"] as? String ?? ""
                let line = c["line"] as? Int ?? 0
                if kind == "module_instance" {
                    // A fresh instance of the component, as the wast script asks.
                    do { rt = try ComponentRuntime(component) } catch {
                        o.failures.append("\(name):\(line): re-instantiation failed: \(error)"); o.failed += 1
                    }
                    continue
                }
                guard kind == "assert_return" || kind == "assert_trap" || kind == "action",
                      let action = c["action"] as? [String: Any], let field = action["field"] as? String else { continue }
                let argsJSON = action["args"] as? [Any] ?? []
                do {
                    let f = try rt.function(field)
                    let args = try zip(argsJSON, f.type.params).map { try RuntimeJSON.fromWast($0, as: $1.type) }
                    let result: ComponentValue?
                    do { result = try rt.call(f, args) } catch let t as ComponentTrap {
                        if kind == "assert_trap" { o.passed += 1 } else {
                            o.failed += 1; o.failures.append("\(name):\(line) \(field): unexpected \(t)")
                        }
                        continue
                    }
                    switch kind {
                    case "assert_trap":
                        o.failed += 1
                        o.failures.append("\(name):\(line) \(field): expected a trap (\(c["text"] ?? "")), got \(result.map(WaveSyntax.print) ?? "()")")
                    case "assert_return":
                        let expected = c["expected"] as? [Any] ?? []
                        let want = try expected.first.map { j in try RuntimeJSON.fromWast(j, as: f.type.result ?? .bool) }
                        if want == result { o.passed += 1 } else {
                            o.failed += 1
                            o.failures.append("\(name):\(line) \(field): expected \(want.map(WaveSyntax.print) ?? "()"), got \(result.map(WaveSyntax.print) ?? "()")")
                        }
                    default: o.passed += 1
                    }
                } catch {
                    o.failed += 1
                    o.failures.append("\(name):\(line) \(field): \(error)")
                }
            }
        }
        return o
    }

    @Test("spec-test components pass their assert_return / assert_trap assertions where supported")
    func wastAssertions() {
        let o = Self.runWast()
        print("runtime: wast assertions \(o.passed)/\(o.passed + o.failed) pass in supported components; \(o.unsupported.count) components unsupported:")
        for (n, why) in o.unsupported.sorted(by: { $0.key < $1.key }) { print("  unsupported \(n): \(why)") }
        for f in o.failures { print("  FAIL \(f)") }
        #expect(o.passed > 0)
        #expect(o.failures.isEmpty, "\(o.failures.count) assertions failed")
    }
}

/// Traps raised inside core code, on a component assembled by the oracle.
@Suite(.enabled(if: OracleTools.enabled, "wasm-tools oracle not installed"))
struct RuntimeCoreTrapTests {
    @Test("a core trap names the trapping core function (name section) and the component function")
    func coreTrapIsNamed() throws {
        let wat = """
            (component
              (core module $m
                (func $inner (export "inner") (result i32) unreachable)
                (func (export "run") (result i32) call $inner))
              (core instance $i (instantiate $m))
              (func (export "run") (result u32) (canon lift (core func $i "run"))))
            """
        let src = OracleTools.temporaryFile("wat"), out = OracleTools.temporaryFile("wasm")
        defer { try? FileManager.default.removeItem(at: src); try? FileManager.default.removeItem(at: out) }
        try Data(wat.utf8).write(to: src)
        let r = try OracleTools.run(OracleTools.wasmTools, ["parse", src.path, "-o", out.path])
        #expect(r.status == 0, "\(r.output)")
        let rt = try ComponentRuntime(try ComponentDecoder.decode(Array(Data(contentsOf: out))))
        do {
            _ = try rt.call(try rt.function("run"), [])
            Issue.record("expected a trap")
        } catch let t as ComponentTrap {
            #expect(t.message == "unreachable")
            #expect(t.coreFunction == "inner (called through `run` of core instance `i` in the root component)")
            #expect(t.componentFunction == "run")
        }
    }
}
