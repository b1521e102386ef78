import Foundation
@testable import PatchbayEngine
import Testing

/// Composites whose packages are imported by reference (`compose
/// --import-dependencies`, wac's `define_components: false`), for every
/// success case of the wac graph tests and every runnable composition case.
///
/// Each must validate with the oracle, keep the world of the embedded
/// encoding (wac's `encoded.wat` for the graph cases), and import each
/// package under a component type equal to the package's own: the same
/// imports and exports in the same order, with the resources it introduces
/// its own (a type that reached out to the composite's resources would
/// validate but say something else about the package).
@Suite(.enabled(if: Corpus.enabled, Corpus.skipNote))
struct ImportDependenciesTests {
    /// Graph success cases not encoded in this mode, with the reason.
    static let exceptions: [String: String] = [
        "implicit-resource-import": "refused when its arguments are wired, in both modes (see CompositionCorpusTests.knownDeviations)",
    ]

    static let successCases: [String] = CompositionCorpusTests.graphCases.filter {
        !FileManager.default.fileExists(atPath: Corpus.url("compose/wac-graph/\($0)/error.txt").path)
    }

    @Test func allThirteenSuccessCasesAreCovered() {
        #expect(Self.successCases.count == 13, "\(Self.successCases)")
        #expect(Set(Self.exceptions.keys).isSubset(of: Set(Self.successCases)))
    }

    @Test(arguments: successCases)
    func wacGraphCase(_ name: String) throws {
        let built = try CompositionCorpusTests.build(name)
        if let why = Self.exceptions[name] {
            guard case .failure = built else { Issue.record("\(name) is listed as an exception (\(why)) but builds now"); return }
            return
        }
        guard case .success(let g) = built else { Issue.record("\(name): refused"); return }
        let bytes = try CompositionEncoder.encode(g, options: .init(importDependencies: true))
        let expected = try Corpus.bytes(Corpus.url("compose/wac-graph/\(name)/encoded.wasm"))
        try Self.check(name, g, bytes)
        #expect(try WitDecoder.witText(bytes: bytes) == WitDecoder.witText(bytes: expected), "\(name): world differs from encoded.wat")
        // wac imports the same package types (under `unlocked-dep=<..>`
        // names), in the same order.
        #expect(try Self.dependencyTypes(bytes).map(\.text) == Self.dependencyTypes(expected).map(\.text),
                "\(name): imported package types differ from encoded.wat")
    }

    @Test(arguments: CompositionCorpusTests.pairs.map(\.name))
    func plugCase(_ c: String) throws {
        let p = CompositionCorpusTests.pairs.first { $0.name == c }!
        var plugs: [Plug.Input] = []
        for f in p.plugs { plugs.append(try CompositionCorpusTests.input(c, f, "plug")) }
        let (g, _) = try Plug.build(socket: try CompositionCorpusTests.input(c, p.socket, "socket"), plugs: plugs, transitive: true)
        let bytes = try CompositionEncoder.encode(g, options: .init(importDependencies: true))
        try Self.check(c, g, bytes)
        #expect(try WitDecoder.witText(bytes: bytes) == WitDecoder.witText(bytes: CompositionEncoder.encode(g)), "\(c): world differs from the embedded encoding")
    }

    // MARK: checks

    /// Valid for the oracle; one component import per instantiated package,
    /// named after it, typed exactly as the package.
    static func check(_ name: String, _ g: CompositionGraph, _ bytes: [UInt8]) throws {
        if OracleTools.enabled {
            let v = try OracleTools.validate(bytes)
            #expect(v.ok, "\(name): the oracle rejects the composite: \(v.message)")
        }
        var used: [Int] = []
        for id in g.liveNodes {
            if case .instantiation(let p) = try g.node(id).kind, !used.contains(p) { used.append(p) }
        }
        // Imported where first instantiated, in dependency order.
        let deps = try dependencyTypes(bytes)
        let labels = used.map { CompositionEncoderState.dependencyLabel(g.packages[$0].key) }
        #expect(deps.map(\.name).sorted() == labels.sorted(), "\(name): imported packages")
        for dep in deps {
            guard let p = used.first(where: { CompositionEncoderState.dependencyLabel(g.packages[$0].key) == dep.name }) else { continue }
            let own = try TypeResolver.resolve(ComponentDecoder.decode(g.packages[p].bytes)).type
            #expect(dep.text == Canonical.text(own, outer: []), "\(name): `\(dep.name)` is not imported with the type of \(g.packages[p].key)")
        }
    }

    /// The component-typed imports of a composite, as canonical text.
    static func dependencyTypes(_ bytes: [UInt8]) throws -> [(name: String, text: String)] {
        let type = try TypeResolver.resolve(ComponentDecoder.decode(bytes)).type
        // Resources the composite itself imports or exports: a package type
        // mentioning one of them would be bound to the composite.
        var outer = Set<Int>()
        for e in type.imports + type.exports {
            if case .component = e.type { continue }
            e.type.collectResources(into: &outer)
        }
        return type.imports.compactMap { e in
            guard case .component(let ct) = e.type else { return nil }
            return (e.name.name, Canonical.text(ct, outer: outer))
        }
    }
}

/// A component type as text in which resources are numbered in order of
/// first mention (so two resolutions of the same type read the same) and a
/// resource of the enclosing composite reads `outer`.
enum Canonical {
    static func text(_ ct: ComponentType, outer: Set<Int>) -> String {
        // Print with each resource as a unique token, then renumber.
        var ids = Set<Int>()
        for e in ct.imports + ct.exports { collect(e.type, &ids) }
        var names: [Int: String] = [:]
        for id in ids { names[id] = "\u{1}\(id)\u{1}" }
        let raw = component(ct, TypeText(resourceNames: names))
        var out = "", order: [String: Int] = [:]
        let parts = raw.split(separator: "\u{1}", omittingEmptySubsequences: false)
        for (i, part) in parts.enumerated() {
            guard i % 2 == 1, let id = Int(part) else { out += part; continue }
            if outer.contains(id) { out += "outer"; continue }
            let n = order[part.description] ?? order.count
            order[part.description] = n
            out += "r\(n)"
        }
        return out
    }

    /// Resources anywhere in `e`, including nested component types.
    static func collect(_ e: EntityType, _ ids: inout Set<Int>) {
        switch e {
        case .component(let c), .type(.component(let c)): for x in c.imports + c.exports { collect(x.type, &ids) }
        case .instance(let i), .type(.instance(let i)): for x in i.exports { collect(x.type, &ids) }
        default: e.collectResources(into: &ids)
        }
    }

    static func component(_ c: ComponentType, _ tt: TypeText) -> String {
        "component { " + c.imports.map { "import \($0.name.name): \(entity($0.type, tt)); " }.joined()
            + c.exports.map { "export \($0.name.name): \(entity($0.type, tt)); " }.joined() + "}"
    }

    static func instance(_ i: InstanceType, _ tt: TypeText) -> String {
        "instance { " + i.exports.map { "\($0.name.name): \(entity($0.type, tt)); " }.joined() + "}"
    }

    static func entity(_ e: EntityType, _ tt: TypeText) -> String {
        switch e {
        case .instance(let i): instance(i, tt)
        case .component(let c): component(c, tt)
        case .type(.instance(let i)): "type " + instance(i, tt)
        case .type(.component(let c)): "type " + component(c, tt)
        case .module(let m): "module \(m)"
        default: tt.entity(e)
        }
    }
}
