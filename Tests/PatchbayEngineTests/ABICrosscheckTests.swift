import Foundation
import Testing
@testable import PatchbayEngine

/// The truth tables against a real component: `crosscheck.wasm` (made by
/// wasm-tools from `crosscheck.wit`, with the fixed-length-lists feature)
/// imports interface `fi` and exports `fe`, each with one function per
/// function row (`f-NAME`), and the named types they use. Its core module's
/// imports are wasm-tools' lowered signatures and its exports the lifted
/// ones, so the table, wasm-tools and Patchbay must all agree.
@Suite(.enabled(if: ABICorpus.available, "corpus not found at \(ABICorpus.abiDirectory.path) (set PATCHBAY_CORPUS)"))
struct ABICrosscheckTests {
    static let url = ABICorpus.abiDirectory.appendingPathComponent("crosscheck.wasm")

    func load() throws -> (Component, TypeResolver.Result) {
        let bytes = Array(try Data(contentsOf: Self.url))
        let component = try ComponentDecoder.decode(bytes)
        return (component, try TypeResolver.resolve(component))
    }

    @Test func decodesAndValidates() throws {
        let bytes = Array(try Data(contentsOf: Self.url))
        #expect(Validator.validate(bytes).filter(\.isError).isEmpty)
        #expect(ComponentEncoder.encode(try ComponentDecoder.decode(bytes)) == bytes)
    }

    @Test func namedTypesMatchTheTable() throws {
        let (_, resolved) = try load()
        let rows = Dictionary(try ABICorpus.loadTypes().map { ($0.type, $0) }, uniquingKeysWith: { a, _ in a })
        var compared: [String] = []
        for e in resolved.type.imports + resolved.type.exports {
            guard case .instance(let inst) = e.type else { continue }
            for x in inst.exports {
                guard case .type(.value(let v)) = x.type else { continue }
                let name = x.name.name
                guard let row = rows[name] else { Issue.record("crosscheck.wasm type \(name) has no table row"); continue }
                for (memory64, want) in [(false, row.memory32), (true, row.memory64)] {
                    let problems = ABICompare.layout(of: v, memory64: memory64, expected: want,
                                                     context: "crosscheck.wasm \(e.name.name) \(name) [\(memory64 ? "memory64" : "memory32")]")
                    for p in problems { Issue.record(Comment(rawValue: p)) }
                }
                compared.append(name)
            }
        }
        print("crosscheck.wasm: \(Set(compared).count) named value types compared with abi-types.json: \(Set(compared).sorted().joined(separator: ", "))")
        #expect(Set(compared).count == 9)
    }

    /// Every function of `fi` (lowered) and `fe` (lifted): the signature
    /// Patchbay computes from the component's own types, the signature of
    /// the core import or export wasm-tools generated, and the table's row.
    @Test func functionSignaturesAgreeThreeWays() throws {
        let (component, resolved) = try load()
        let rows = Dictionary(try ABICorpus.loadFunctions().map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var core: [String: CoreFuncType] = [:]
        for s in component.sections {
            guard case .coreModule(let m) = s.content else { continue }
            let summary = try CoreModuleReader.summarize(m.bytes, offset: m.offset)
            for i in summary.type.imports where i.module == "abi:check/fi" {
                if case .function(let f?) = i.type { core["lower " + i.name] = f }
            }
            for x in summary.type.exports where x.name.hasPrefix("abi:check/fe#") {
                if case .function(let f?) = x.type { core["lift " + x.name.dropFirst("abi:check/fe#".count)] = f }
            }
        }
        var checked = 0
        for e in resolved.type.imports + resolved.type.exports {
            guard case .instance(let inst) = e.type else { continue }
            let context: ABIContext
            switch e.name.name {
            case "abi:check/fi": context = .lower
            case "abi:check/fe": context = .lift
            default: continue
            }
            for x in inst.exports {
                guard case .function(let f) = x.type else { continue }
                let fname = x.name.name
                guard fname.hasPrefix("f-"), let row = rows[String(fname.dropFirst(2))] else {
                    Issue.record("\(e.name.name) \(fname) has no table row"); continue
                }
                let want = context == .lower ? row.lower : row.lift
                let ours = try CanonicalABI.coreSignature(of: f, context: context, options: .sync32)
                let label = "\(context == .lower ? "lower" : "lift") \(fname)"
                #expect(ours.params == want.params && ours.results == want.results,
                        "\(label): Patchbay \(ours.params) -> \(ours.results), table \(want.params) -> \(want.results)")
                guard let theirs = core[label] else { Issue.record("\(label): no core \(context == .lower ? "import" : "export") in crosscheck.wasm"); continue }
                let wantCore = CoreFuncType(params: want.params.map(\.coreValType), results: want.results.map(\.coreValType))
                #expect(theirs == wantCore, "\(label): wasm-tools' core function is \(theirs), the table says \(wantCore)")
                // The other six rows of the table, from the component's own types.
                for p in ABICompare.function(f, expected: row) { Issue.record(Comment(rawValue: "crosscheck.wasm: " + p)) }
                checked += 1
            }
        }
        print("crosscheck.wasm: \(checked) functions (31 lowered, 31 lifted) agree with abi-functions.json and the core module")
        #expect(checked == 2 * rows.count)
        // And the canon definitions as `patchbay abi FILE` checks them.
        let checks = CanonCheck.run(component, resolved: resolved)
        #expect(!checks.isEmpty)
        for c in checks where c.problem != nil { Issue.record("canon \(c.kind) \(c.name ?? "?"): \(c.problem ?? "")") }
    }
}
