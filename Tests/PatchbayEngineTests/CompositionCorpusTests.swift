import Foundation
import PatchbayEngine
import Testing

/// The composition engine against data nobody here wrote: wac's own graph
/// tests (../shared/corpus/compose/wac-graph) and the runnable composition
/// cases (../shared/corpus/compose/cases), checked with the oracles.
@Suite(.enabled(if: Corpus.enabled, Corpus.skipNote))
struct CompositionCorpusTests {
    static let graphCases: [String] = {
        let dir = Corpus.url("compose/wac-graph")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: dir.appendingPathComponent("\($0)/graph.json").path) }.sorted()
    }()

    /// wac's expected outcome that Patchbay deliberately does not reproduce,
    /// with the reason (see README, "Composition").
    static let knownDeviations: [String: String] = [
        "implicit-resource-import": "the graph passes `my-func` (whose result is the resource `x` of the composition's `foo:dependency/types` import, through `foo:test-import/my-interface`'s `use`) and bar's `foo:dependency/types` instance (with bar's own resource `x`) to baz, whose `my-func` must return baz's `foo:dependency/types` resource. With the real baz these are two different resources, so no valid composite honours both arguments: every valid one with the expected world would have to give baz the composition's `foo:dependency/types` instead of bar's. wac's expected output type-checks only because wac imports baz under a component type it rewrote (baz's `x` made an outer alias). Patchbay refuses the wire with an explanation.",
    ]

    static func build(_ name: String) throws -> Result<CompositionGraph, GraphScript.StepError> {
        let dir = Corpus.url("compose/wac-graph/\(name)")
        let script = try GraphScript.parse(Data(contentsOf: dir.appendingPathComponent("graph.json")))
        do {
            let g = try script.build { (p: String) throws(CompositionError) -> [UInt8] in
                let pre = dir.appendingPathComponent("prebuilt/\(p).wasm")
                guard let d = FileManager.default.contents(atPath: pre.path) else {
                    throw CompositionError(.unknownPackage, "no prebuilt package for \(p)")
                }
                return Array(d)
            }
            return .success(g)
        } catch {
            return .failure(error)
        }
    }

    /// wac's error.txt: the step line (without the test-case suffix) and
    /// the causes (without their `N: ` numbering).
    static func expectedError(_ text: String) -> (step: String, causes: [String]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
        var step = lines.first ?? ""
        if let r = step.range(of: " for test case `") { step = String(step[..<r.lowerBound]) }
        var causes: [String] = []
        for l in lines.dropFirst() where l != "Caused by:" {
            var c = Substring(l)
            if let colon = c.firstIndex(of: ":"), c[..<colon].allSatisfy(\.isNumber) { c = c[c.index(after: colon)...] }
            causes.append(c.trimmingCharacters(in: .whitespaces))
        }
        return (step, causes)
    }

    @Test(arguments: graphCases)
    func wacGraphCase(_ name: String) throws {
        let dir = Corpus.url("compose/wac-graph/\(name)")
        let errorFile = dir.appendingPathComponent("error.txt")
        if let deviation = Self.knownDeviations[name] {
            // Still refused with an explanation, never a crash or a bad binary.
            guard case .failure(let e) = try Self.build(name) else { Issue.record("\(name) was expected to be refused: \(deviation)"); return }
            #expect(e.error.misfit != nil, "refusal of \(name) carries no explanation")
            return
        }
        if FileManager.default.fileExists(atPath: errorFile.path) {
            let (step, causes) = Self.expectedError(try String(contentsOf: errorFile, encoding: .utf8))
            var ours: (step: String, text: String)
            switch try Self.build(name) {
            case .failure(let e): ours = (e.step, e.error.description)
            case .success(let g):
                do { _ = try CompositionEncoder.encode(g); Issue.record("\(name): encoded, but wac fails with: \(step)"); return }
                catch { ours = ("failed to encode the graph", error.description) }
            }
            // wac names a package by the path its test harness used.
            if step.hasPrefix("failed to register package") {
                #expect(ours.step.hasPrefix("failed to register package"), "\(name): failed at another step")
            } else {
                #expect(ours.step == step, "\(name): failed at another step")
            }
            for c in causes {
                #expect(ours.text.contains(c), "\(name): our error does not say “\(c)”:\n\(ours.text)")
            }
            return
        }
        guard case .success(let g) = try Self.build(name) else { Issue.record("\(name): refused"); return }
        let bytes = try CompositionEncoder.encode(g)
        if OracleTools.enabled {
            let v = try OracleTools.validate(bytes)
            #expect(v.ok, "\(name): the oracle rejects our output: \(v.message)")
        }
        // The expected encoding imports its packages under names wasm-tools
        // 1.262 no longer accepts, so compare worlds, not validity.
        let expected = try WitDecoder.witText(bytes: Corpus.bytes(dir.appendingPathComponent("encoded.wasm")))
        let ours = try WitDecoder.witText(bytes: bytes)
        #expect(ours == expected, "\(name): world differs")
        try WacRoundTrip.check(g)
    }

    // MARK: runnable cases

    static let pairs: [(name: String, socket: String, plugs: [String])] = [
        ("scalars", "consumer", ["provider"]), ("strings", "consumer", ["provider"]), ("lists", "consumer", ["provider"]),
        ("records", "consumer", ["provider"]), ("result-option", "consumer", ["provider"]), ("resources", "consumer", ["provider"]),
        ("handwritten", "root", ["provider"]), ("chain3", "c", ["b", "a"]),
    ]

    static func input(_ c: String, _ f: String, _ ns: String) throws -> Plug.Input {
        Plug.Input(name: "\(ns):\(f)", path: "\(c)/\(f).wasm", bytes: try Corpus.bytes(Corpus.url("compose/cases/\(c)/\(f).wasm")))
    }

    static func checkCase(_ c: String, _ bytes: [UInt8]) throws {
        guard OracleTools.enabled else { return }
        let v = try OracleTools.validate(bytes)
        #expect(v.ok, "\(c): the oracle rejects our output: \(v.message)")
        let out = OracleTools.temporaryFile("wasm")
        try Data(bytes).write(to: out)
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try OracleTools.run(OracleTools.python, [Corpus.url("compose/check_case.py").path, Corpus.url("compose/cases/\(c)").path, out.path])
        #expect(r.status == 0, "\(c): check_case.py failed:\n\(r.output)")
    }

    @Test(arguments: pairs.map(\.name))
    func plugCase(_ c: String) throws {
        let p = Self.pairs.first { $0.name == c }!
        var plugs: [Plug.Input] = []
        for f in p.plugs { plugs.append(try Self.input(c, f, "plug")) }
        let (g, _) = try Plug.build(socket: try Self.input(c, p.socket, "socket"), plugs: plugs, transitive: true)
        try Self.checkCase(c, try CompositionEncoder.encode(g))
        try WacRoundTrip.check(g)
    }

    /// The same cases written in WAC by hand: spread arguments, access
    /// expressions and a spread export.
    @Test(arguments: pairs.map(\.name))
    func wacCase(_ c: String) throws {
        let p = Self.pairs.first { $0.name == c }!
        var wac = "package test:composition;\n"
        var previous: String?
        for f in p.plugs.reversed() {
            wac += "let \(f) = new test:\(f) { \(previous.map { "...\($0), " } ?? "")... };\n"
            previous = f
        }
        wac += "let root = new test:\(p.socket) { ...\(previous!), ... };\nexport root...;\n"
        let g = try WacEvaluator.compose(source: wac, path: "\(c).wac") { (name: String, _: String?) throws(CompositionError) -> (bytes: [UInt8], path: String) in
            let file = String(name.dropFirst("test:".count))
            guard let d = FileManager.default.contents(atPath: Corpus.url("compose/cases/\(c)/\(file).wasm").path) else {
                throw CompositionError(.unknownPackage, "no package \(name)")
            }
            return (Array(d), file)
        }
        #expect(try CompositePlan(g).implicitImports.isEmpty, "\(c): something was left unplugged")
        try Self.checkCase(c, try CompositionEncoder.encode(g))
        try WacRoundTrip.check(g)
    }

    @Test func mismatchIsRefusedWithItsReason() throws {
        let socket = try Self.input("mismatch", "consumer", "socket"), plug = try Self.input("mismatch", "provider-bad", "plug")
        do throws(CompositionError) {
            _ = try Plug.build(socket: socket, plugs: [plug])
            Issue.record("the mismatch case composed")
        } catch {
            #expect(error.kind == .argumentMismatch)
            #expect(error.misfit?.description == "import `test:math/ops` → func `add` → param `a`: expected s32, found s64")
            #expect(error.misfit?.path == [Misfit.Step.import("test:math/ops"), .export(sort: "func", name: "add"), .param("a")])
        }
    }

    @Test func unsatisfiedSaysWhatWasCompared() throws {
        let socket = try Self.input("unsatisfied", "consumer", "socket"), plug = try Self.input("unsatisfied", "a", "plug")
        do throws(CompositionError) {
            _ = try Plug.build(socket: socket, plugs: [plug])
            Issue.record("the unsatisfied case composed")
        } catch {
            #expect(error.kind == .unsatisfied)
            #expect(error.causes == ["the socket imports `test:math/ops`", "plug `plug:a` exports `test:chain/base`"])
        }
    }
}

/// WAC print then parse gives the same graph.
enum WacRoundTrip {
    static func check(_ g: CompositionGraph) throws {
        let text = try WacPrinter.print(g)
        let back = try WacEvaluator.compose(source: text, path: "roundtrip.wac") { (name: String, version: String?) throws(CompositionError) -> (bytes: [UInt8], path: String) in
            guard let p = g.packages.first(where: { $0.name == name && $0.version?.description == version }) else {
                throw CompositionError(.unknownPackage, "no package \(name)")
            }
            return (p.bytes, p.path ?? name)
        }
        #expect(try back.structureText() == g.structureText(), "WAC round trip changed the graph:\n\(text)")
    }
}
