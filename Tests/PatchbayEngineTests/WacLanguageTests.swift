import Foundation
import PatchbayEngine
import Testing

/// WAC's type language (wac's LANGUAGE.md): resources in inline and
/// declared interfaces, `use` between interfaces, worlds with includes,
/// imports typed by a world, and `targets`. The WAC is written here; the
/// packages are the corpus's composition cases, and the oracle validates
/// what is encoded.
@Suite(.enabled(if: Corpus.enabled, Corpus.skipNote))
struct WacLanguageTests {
    static let consumer = Corpus.url("compose/cases/resources/consumer.wasm")
    static var consumerPath: String { consumer.standardizedFileURL.path }

    static func compose(_ source: String) throws(WacError) -> CompositionGraph {
        try WacEvaluator.compose(source: source, path: "t.wac") { (name: String, _: String?) throws(CompositionError) -> (bytes: [UInt8], path: String) in
            guard name == "test:consumer", let d = FileBytes.read(consumer.path) else { throw CompositionError(.unknownPackage, "no package \(name)") }
            return (d, consumer.path)
        }
    }

    /// Encodes, has the oracle validate, prints as WAC, reads that back and
    /// encodes it again: the same bytes.
    static func encodeAndRoundTrip(_ g: CompositionGraph) throws -> (bytes: [UInt8], wac: String) {
        let bytes = try CompositionEncoder.encode(g)
        if OracleTools.enabled {
            let v = try OracleTools.validate(bytes)
            #expect(v.ok, "the oracle rejects the composite: \(v.message)")
        }
        let wac = try WacPrinter.print(g)
        let back = try compose(wac)
        #expect(try back.structureText() == g.structureText(), "WAC round trip changed the graph:\n\(wac)")
        #expect(try CompositionEncoder.encode(back) == bytes, "the printed WAC encodes differently:\n\(wac)")
        return (bytes, wac)
    }

    static let countersBody = """
            resource counter {
                constructor(init: u32);
                inc: func(by: u32) -> u32;
                value: func() -> u32;
            }
            sum: func(a: borrow<counter>, b: borrow<counter>) -> u32;
            dropped: func() -> u32;
        """

    @Test func inlineInterfaceWithAResourceImportsIt() throws {
        let g = try Self.compose("""
            package test:comp;

            import counters as "test:res/counters": interface {
            \(Self.countersBody)
            };
            let c = new test:consumer { counters };
            export c.run;
            """)
        let (bytes, wac) = try Self.encodeAndRoundTrip(g)
        #expect(wac == """
            package composition:composed;

            // patchbay-dep test:consumer=\(Self.consumerPath)

            import counters as "test:res/counters": interface {
                resource counter {
                    constructor(init: u32);
                    inc: func(by: u32) -> u32;
                    value: func() -> u32;
                }
                sum: func(a: borrow<counter>, b: borrow<counter>) -> u32;
                dropped: func() -> u32;
            };
            let c = new test:consumer { "test:res/counters": counters };

            export c["run"] as "run";

            """)
        let wit = try WitDecoder.witText(bytes: bytes)
        #expect(wit.contains("""
              interface counters {
                resource counter {
                  constructor(init: u32);
                  inc: func(by: u32) -> u32;
                  value: func() -> u32;
                }

                sum: func(a: borrow<counter>, b: borrow<counter>) -> u32;
            """), "\(wit)")
    }

    /// A declared interface `use`s another's resource: both imports share it,
    /// and the composite's WIT says `use types.{counter}`.
    @Test func useSharesAResourceBetweenDeclaredInterfaces() throws {
        let g = try Self.compose("""
            package test:mine;

            interface types {
                resource counter {
                    constructor(init: u32);
                    zero: static func() -> counter;
                }
                type handle = counter;
            }

            interface counters {
                use types.{counter, handle as h};
                record pair { a: u32, b: u32 }
                sum: func(a: borrow<counter>, b: borrow<h>) -> u32;
                make: func(p: pair) -> counter;
            }

            import types: types;
            import counters: counters;
            let c = new test:consumer { ... };
            export c.run;
            """)
        let (bytes, wac) = try Self.encodeAndRoundTrip(g)
        #expect(wac.contains("""
            interface types-iface {
                resource counter {
                    constructor(init: u32);
                    zero: static func() -> counter;
                }
                type handle = counter;
            }
            import types as "test:mine/types": types-iface;
            import counters as "test:mine/counters": interface {
                use types-iface.{counter};
                type h = counter;
                record pair { a: u32, b: u32 }
                sum: func(a: borrow<counter>, b: borrow<counter>) -> u32;
                make: func(p: pair) -> counter;
            };
            """), "\(wac)")
        let wit = try WitDecoder.witText(bytes: bytes)
        #expect(wit.contains("  import test:mine/types;\n  import test:mine/counters;\n"), "\(wit)")
        #expect(wit.contains("  interface counters {\n    use types.{counter};\n"), "\(wit)")
    }

    /// Two imports of one declared interface have two resources.
    @Test func eachImportOfAnInterfaceHasItsOwnResource() throws {
        let g = try Self.compose("""
            package test:mine;

            interface types { resource counter; }
            import a as "a": types;
            import b as "b": types;
            """)
        var resources: [ResourceID] = []
        for id in g.liveNodes { resources += try g.type(of: id).introducedResources }
        #expect(resources.count == 2 && resources[0] != resources[1])
        _ = try Self.encodeAndRoundTrip(g)
    }

    /// `package ... targets` with a world declared in the document, built
    /// with `include ... with`; and the same world made not to fit.
    @Test func targetsADeclaredWorld() throws {
        func doc(_ run: String) -> String {
            """
            package test:res targets test:res/host;

            interface counters {
            \(Self.countersBody)
            }

            world base {
                export go: \(run);
            }

            world host {
                import counters;
                include base with { go as run };
            }

            let c = new test:consumer { ... };
            export c.run;
            """
        }
        _ = try Self.compose(doc("func(init: u32, times: u32) -> u32"))
        do throws(WacError) {
            _ = try Self.compose(doc("func(init: u32, times: u32) -> u64"))
            Issue.record("a composition that does not fit the world was accepted")
        } catch {
            #expect(error.description == """
                t.wac:1:26: the composition does not target world `test:res/host`
                1 | package test:res targets test:res/host;
                                             ^
                  caused by: export `run`: result: expected u64, found u32
                """)
        }
    }

    /// An import typed by a world is a component import; printed back, the
    /// world is declared and the import names it.
    @Test func importTypedByAWorld() throws {
        let g = try Self.compose("""
            package test:app;

            world plugin {
                import log: func(msg: string);
                import tools: interface {
                    record point { x: s32, y: s32 }
                    resource pen {
                        constructor(width: u32);
                        draw: func(p: point);
                    }
                };
                export run: func() -> u32;
            }

            import plugin: plugin;
            let c = new test:consumer { ... };
            export c.run;
            """)
        let (_, wac) = try Self.encodeAndRoundTrip(g)
        #expect(wac.contains("""
            world plugin-world {
                import log: func(msg: string);
                import tools: interface {
                    record point { x: s32, y: s32 }
                    resource pen {
                        constructor(width: u32);
                        draw: func(p: point);
                    }
                };
                export run: func() -> u32;
            }
            import plugin as "test:app/plugin": plugin-world;
            """), "\(wac)")
    }

    @Test(arguments: [
        ("interface i {\n    resource r {\n        constructor();\n        constructor(x: u32);\n    }\n}\n",
         "t.wac:6:9: resource `r` has more than one constructor\n6 |         constructor(x: u32);\n            ^"),
        ("interface i {\n    resource r;\n    f: func() -> borrow<r>;\n}\n",
         "t.wac:5:8: a function cannot return a borrowed handle (`borrow<...>`)\n5 |     f: func() -> borrow<r>;\n           ^"),
        ("interface i {\n    type t = u32;\n}\n\ninterface j {\n    use i.{t, u};\n}\n",
         "t.wac:8:15: interface `i` has no type named `u`\n8 |     use i.{t, u};\n                  ^\n  caused by: it has `t`"),
        ("world w {\n    include v;\n}\n",
         "t.wac:4:5: `v` is not a declared world\n4 |     include v;\n        ^"),
        ("type t = u32;\n\ninterface j {\n    use t.{x};\n}\n",
         "t.wac:6:5: `t` is a value type, not an interface\n6 |     use t.{x};\n        ^"),
        ("world w {\n    import f: func();\n    import f: func(x: u32);\n}\n",
         "t.wac:5:12: the world already imports `f`\n5 |     import f: func(x: u32);\n               ^"),
        ("interface i {\n    resource r { m: func(); m: static func(); }\n}\n",
         "t.wac:4:29: resource `r` has more than one function named `m`\n4 |     resource r { m: func(); m: static func(); }\n                                ^"),
        ("interface i {\n    f: func(x: borrow<u32>);\n}\n",
         "t.wac:4:23: `u32` is not a declared type\n4 |     f: func(x: borrow<u32>);\n                          ^"),
        ("record p { x: u32 }\n\ninterface i {\n    f: func(x: borrow<p>);\n}\n",
         "t.wac:6:23: `borrow<p>` needs a resource, and `p` is a value type\n6 |     f: func(x: borrow<p>);\n                          ^"),
        ("world w {\n    include x:y/z with { a b };\n}\n",
         "t.wac:4:28: expected `as`, found `b`\n4 |     include x:y/z with { a b };\n                               ^"),
    ])
    func errorsPointAtTheLine(_ body: String, _ expected: String) throws {
        do throws(WacError) {
            _ = try Self.compose("package a:b;\n\n" + body)
            Issue.record("accepted: \(body)")
        } catch {
            #expect(error.description == expected)
        }
    }

    // MARK: session replay

    /// A session whose first package vanished: the nodes after it keep
    /// their meaning (later edits land on the nodes they were made for).
    @Test func replayMapsNodeIdsWhenAnEditIsSkipped() throws {
        let dir = Corpus.url("compose/cases/chain3")
        var s = CompositionSession()
        let load: (String) throws(CompositionError) -> [UInt8] = { (p: String) throws(CompositionError) -> [UInt8] in
            guard let d = FileBytes.read(p) else { throw CompositionError(.invalidPackage, "cannot read \(p)") }
            return d
        }
        let edits: [GraphEdit] = [
            .registerPackage(name: "test:a", version: nil, path: dir.appendingPathComponent("a.wasm").path),
            .registerPackage(name: "test:b", version: nil, path: dir.appendingPathComponent("b.wasm").path),
            .registerPackage(name: "test:c", version: nil, path: dir.appendingPathComponent("c.wasm").path),
            .addInstantiation(package: "test:a", name: "a"),             // node 0
            .addInstantiation(package: "test:b", name: "b"),             // node 1
            .addAlias(source: 0, export: "test:chain/base", name: nil),  // node 2
            .setArgument(target: 1, name: "test:chain/base", source: 2),
            .addInstantiation(package: "test:c", name: "c"),             // node 3
            .addAlias(source: 1, export: "test:chain/mid", name: nil),   // node 4
            .setArgument(target: 3, name: "test:chain/mid", source: 4),
            .addAlias(source: 3, export: "run", name: "run"),            // node 5
            .export(node: 5, name: "run"),
            .rename(node: 1, name: "middle"),
        ]
        for e in edits { try s.apply(e, load: load) }
        let saved = s.encoded()
        // Package a is gone: its registration, instance, alias and wire are skipped.
        let gone = dir.appendingPathComponent("a.wasm").path
        let r = try CompositionSession.replay(saved) { (p: String) throws(CompositionError) -> [UInt8] in
            if p == gone { throw CompositionError(.invalidPackage, "cannot read \(p)") }
            return try load(p)
        }
        #expect(r.skipped.count == 4, "\(r.skipped)")
        #expect(r.skipped.last == "wire node 2 into `test:chain/base` of node 1: node 2 was not restored")
        #expect(r.nodeIDs == [1: 0, 3: 1, 4: 2, 5: 3])
        let g = r.session.graph
        #expect(g.displayName(.init(0)) == "middle")
        #expect(g.exports.count == 1 && g.exports[0].name == "run" && g.exports[0].node == .init(3))
        #expect(try g.node(.init(1)).arguments == ["test:chain/mid": .init(2)])
        #expect(try g.node(.init(0)).arguments.isEmpty)
        guard case .alias(let src, let export) = try g.node(.init(3)).kind else { Issue.record("node 3 is not an alias"); return }
        #expect(src == .init(1) && export == "run")
        // The restored session's own edits use the new ids and replay to the same graph.
        let again = try CompositionSession.replay(r.session.encoded(), load: load)
        #expect(again.skipped.isEmpty)
        #expect(try again.session.graph.structureText() == g.structureText())
    }
}
