import Foundation
import Testing

/// `patchbay inspect` on the oracle's linked component of the corpus's
/// `link` case: the linked-libraries node in the tree and `linked` in JSON.
@Suite(.enabled(if: CLI.available, "the patchbay executable was not built"))
struct InspectLinkedCLITests {
    static let component: URL? = {
        let env = ProcessInfo.processInfo.environment["PATCHBAY_CORPUS"].map { URL(fileURLWithPath: $0) }
        let root = env ?? CLI.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        let u = root.appendingPathComponent("link/witc/link/component.wasm")
        return FileManager.default.fileExists(atPath: u.path) ? u : nil
    }()

    @Test(.enabled(if: component != nil, "corpus not found; set PATCHBAY_CORPUS"))
    func treeShowsLibrariesProvidersAndLayout() throws {
        let r = try CLI.run(["inspect", try #require(Self.component).path])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        for line in [
            "  linked libraries (3): memory 17 pages, table 1 slot",
            "    library bar: module 3, 420 bytes, memory_base 1048592, table_base 1",
            "      dylink.0: memory 20 bytes, align 2^4; table 0 slots, align 2^0",
            "        import \"env\" \"malloc\": func from library c: export \"malloc\" of core instance 2",
            "        import \"GOT.mem\" \"well\": global from library foo: address of foo's \"well\", set by the init module in main's global \"bar:well\"",
            "      memory 0x100010..0x100024: bar, 20 bytes",
            "      __heap_base: 1048640 (0x100040)",
        ] {
            #expect(r.stdout.contains(line + "\n"), "missing line: \(line)\n\(r.stdout)")
        }
    }

    @Test(.enabled(if: component != nil, "corpus not found; set PATCHBAY_CORPUS"))
    func jsonHasLinked() throws {
        let r = try CLI.run(["inspect", "--json", try #require(Self.component).path])
        #expect(r.status == 0)
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let linked = obj?["linked"] as? [String: Any]
        let libs = linked?["libraries"] as? [[String: Any]]
        #expect(libs?.compactMap { $0["name"] as? String } == ["bar", "c", "foo"])
        let foo = libs?.first { $0["name"] as? String == "foo" }
        let malloc = (foo?["imports"] as? [[String: Any]])?.first { $0["name"] as? String == "malloc" }
        #expect(malloc?["provider"] as? String == "c")
        #expect(malloc?["providerKind"] as? String == "library")
        #expect((linked?["layout"] as? [String: Any])?["heapEnd"] as? Int == 1_114_112)
    }

    @Test func componentsWithoutLibrariesHaveNoLinkedKey() throws {
        let r = try CLI.run(["inspect", "--json", CLI.sample("app.wasm")])
        #expect(r.status == 0)
        #expect(!r.stdout.contains("\"linked\""))
        let t = try CLI.run(["inspect", CLI.sample("app.wasm")])
        #expect(!t.stdout.contains("linked libraries"))
    }
}
