import Foundation
import Testing
@testable import PatchbayEngine

/// `Targets`: whether a component conforms to a WIT world, checked on the
/// corpus (wit-component's outputs against the worlds they were made from,
/// the composition cases) and against the oracle's `component targets`.
@Suite(.enabled(if: Corpus.enabled, Corpus.skipNote))
struct TargetsTests {
    static func report(_ component: URL, _ wit: URL, world: String? = nil) throws -> TargetsReport {
        let c = try ComponentDecoder.decode(try Corpus.bytes(component))
        let r = try TypeResolver.resolve(c)
        let (doc, main) = try WitPackageLoader.load(path: wit.path)
        let w = try Targets.selectWorld(doc, main: main, name: world)
        return try Targets.check(component: r.type, resourceNames: r.resourceNames, document: doc, world: w)
    }

    static var witcCases: [URL] {
        Corpus.files("components/witc", suffix: "component.wasm").map { $0.deletingLastPathComponent() }
    }

    @Test func everyWitComponentOutputTargetsItsOwnWorld() throws {
        var passed = 0
        var failures: [String] = []
        for dir in Self.witcCases {
            do {
                let r = try Self.report(dir.appendingPathComponent("component.wasm"), dir.appendingPathComponent("component.wit"))
                if r.conforms { passed += 1 } else { failures.append("\(dir.lastPathComponent): " + r.differences.map(\.description).joined(separator: "; ")) }
            } catch {
                failures.append("\(dir.lastPathComponent): \(error)")
            }
        }
        print("targets: \(passed)/\(Self.witcCases.count) wit-component outputs target their own component.wit")
        #expect(Self.witcCases.count > 0)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test func consumerTargetsItsWorld() throws {
        let cases = Corpus.url("compose/cases")
        let own = try Self.report(cases.appendingPathComponent("mismatch/consumer.wasm"), cases.appendingPathComponent("mismatch/consumer.wit"))
        #expect(own.conforms, "\(own.differences)")
        #expect(own.world == "root:component/root")
        let shared = try Self.report(cases.appendingPathComponent("mismatch/consumer.wasm"), cases.appendingPathComponent("scalars/scalars.wit"), world: "consumer")
        #expect(shared.conforms, "\(shared.differences)")
        #expect(shared.world == "test:math/consumer")
    }

    @Test func badProviderMissesTheGoodProvidersWorld() throws {
        let cases = Corpus.url("compose/cases")
        let bad = cases.appendingPathComponent("mismatch/provider-bad.wasm")
        // The good provider's world: add takes and returns s32.
        let r = try Self.report(bad, cases.appendingPathComponent("scalars/scalars.wit"), world: "provider")
        #expect(!r.conforms)
        #expect(r.differences.map(\.description) == ["export `test:math/ops` → func `add` → param `a`: expected s32, found s64"])
        #expect(r.differences.first?.path == [.export(sort: "export", name: "test:math/ops"), .export(sort: "func", name: "add"), .param("a")])
        // The world it was built from (add over s64) it does target.
        let own = try Self.report(bad, cases.appendingPathComponent("mismatch/mismatch.wit"))
        #expect(own.conforms, "\(own.differences)")
    }

    @Test func everyMissingAndExtraItemIsReported() throws {
        let cases = Corpus.url("compose/cases")
        let r = try Self.report(cases.appendingPathComponent("mismatch/consumer.wasm"), cases.appendingPathComponent("scalars/scalars.wit"), world: "provider")
        #expect(r.differences.map(\.description) == [
            "import `test:math/ops`: expected no such import (the world does not import it), found instance\n  note: the world imports nothing",
            "export `test:math/ops`: expected instance, found nothing (the component has no export of that name)\n  note: the component exports `run`, `dist`",
        ])
    }

    /// A world whose exported interface `use`s a resource from an imported
    /// one: a component that defines its own resource of that name does not
    /// fit, at the type and at every function that mentions it.
    @Test func resourcesCompareByIdentity() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-targets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let wit = dir.appendingPathComponent("use.wit")
        try """
        package test:res;

        interface types {
          resource counter {
            constructor(init: u32);
            inc: func(by: u32) -> u32;
            value: func() -> u32;
          }
        }

        interface counters {
          use types.{counter};
          sum: func(a: borrow<counter>, b: borrow<counter>) -> u32;
          dropped: func() -> u32;
        }

        world provider { export counters; }
        """.write(to: wit, atomically: true, encoding: .utf8)
        let provider = Corpus.url("compose/cases/resources/provider.wasm")
        let r = try Self.report(provider, wit)
        #expect(r.differences.map { $0.path.map(\.description).joined(separator: " → ") } == [
            "export `test:res/counters` → type `counter`",
            "export `test:res/counters` → func `sum` → param `a`",
        ])
        #expect(r.differences.allSatisfy { $0.notes.contains { $0.contains("different resources with the same name") } })
        #expect(r.differences.first?.notes.first == "expected resource `counter` defined by the world's import `test:res/types`")
        // The world it was made from, where counters defines the resource, fits.
        let own = try Self.report(provider, Corpus.url("compose/cases/resources/resources.wit"), world: "provider")
        #expect(own.conforms, "\(own.differences)")
        if OracleTools.enabled {
            let o = try OracleTools.run(OracleTools.wasmTools, ["component", "targets", wit.path, provider.path])
            #expect(o.status != 0, "the oracle accepts it: \(o.output)")
        }
    }

    @Test func worldSelection() throws {
        let (doc, main) = try WitPackageLoader.load(path: Corpus.url("compose/cases/scalars/scalars.wit").path)
        #expect(throws: WitError.self) { try Targets.selectWorld(doc, main: main, name: nil) }
        do { _ = try Targets.selectWorld(doc, main: main, name: nil) } catch {
            #expect(error.description.contains("test:math/provider") && error.description.contains("test:math/consumer"))
        }
        let byName = try Targets.selectWorld(doc, main: main, name: "consumer")
        let qualified = try Targets.selectWorld(doc, main: main, name: "test:math/consumer")
        #expect(byName == qualified)
        #expect(throws: WitError.self) { try Targets.selectWorld(doc, main: main, name: "nope") }
    }

    /// Verdicts agree with `wasm-tools component targets`: every
    /// wit-component output against its neighbour's world (mostly refused),
    /// and every composition-case component against every world of the
    /// cases' shared WIT files.
    @Test(.enabled(if: OracleTools.enabled, "oracle wasm-tools not installed; skipping the cross-check"))
    func verdictsAgreeWithTheOracle() throws {
        var pairs: [(component: URL, wit: URL, world: String?)] = []
        let witc = Self.witcCases
        for (i, dir) in witc.enumerated() {
            pairs.append((dir.appendingPathComponent("component.wasm"), witc[(i + 1) % witc.count].appendingPathComponent("component.wit"), nil))
        }
        let cases = Corpus.url("compose/cases")
        let components = Corpus.files("compose/cases", suffix: ".wasm").filter { !$0.lastPathComponent.hasPrefix("composed") }
        for name in ["scalars", "records", "resources", "lists", "strings", "result-option"] {
            let wit = cases.appendingPathComponent("\(name)/\(name).wit")
            for world in ["provider", "consumer"] {
                for c in components { pairs.append((c, wit, world)) }
            }
        }
        var agree = 0, refused = 0
        var disagreements: [String] = []
        for p in pairs {
            let ours = try Self.report(p.component, p.wit, world: p.world).conforms
            var args = ["component", "targets", p.wit.path, p.component.path]
            if let w = p.world { args += ["--world", w] }
            let oracle = try OracleTools.run(OracleTools.wasmTools, args).status == 0
            if !oracle { refused += 1 }
            if ours == oracle { agree += 1 } else { disagreements.append("\(p.component.path) vs \(p.wit.path) \(p.world ?? ""): ours \(ours), oracle \(oracle)") }
        }
        print("targets: \(agree)/\(pairs.count) verdicts agree with the oracle (\(refused) refused by it)")
        #expect(refused > 0 && refused < pairs.count)
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
    }
}
