import Foundation
import Testing

@Suite(.enabled(if: CLI.available, "the patchbay executable was not built"))
struct InspectCLITests {
    @Test func inspectShowsTypesModulesAndCanon() throws {
        let r = try CLI.run(["inspect", CLI.sample("app.wasm")])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        for line in [
            "    import patchbay:samples/calc: instance",
            "      export add: func(a: s32, b: s32) -> s32",
            "    export run: func() -> s32",
            "      import \"patchbay:samples/calc\" \"eval\": func [i32 i32 i32 i32] -> []",
            "    core instance 2: instantiate module 0",
            "    canon lower: func 3, memory 0",
            "    canon lift: core func 5 as type 1",
            "      processed-by: wit-component 0.262.0",
        ] {
            #expect(r.stdout.contains(line + "\n"), "missing line: \(line)\n\(r.stdout)")
        }
    }

    @Test func inspectJSONIsStructured() throws {
        let r = try CLI.run(["inspect", "--json", CLI.sample("greeter.wasm")])
        #expect(r.status == 0)
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let exports = obj?["exports"] as? [[String: Any]]
        #expect(exports?.first?["name"] as? String == "patchbay:samples/greet")
        let inner = exports?.first?["exports"] as? [[String: Any]]
        #expect(inner?.first?["type"] as? String == "func(name: string) -> string")
        let canons = obj?["canons"] as? [[String: Any]]
        let lift = canons?.first { $0["kind"] as? String == "lift" }
        let opts = lift?["options"] as? [String: Any]
        #expect(opts?["memory"] as? Int == 0)
        #expect(opts?["realloc"] != nil)
    }

    @Test func missingFileIsAUsageError() throws {
        let r = try CLI.run(["inspect", "/nonexistent/x.wasm"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no such file"))
    }

    @Test func unknownOptionIsAUsageError() throws {
        let r = try CLI.run(["inspect", "--bogus"])
        #expect(r.status == 2)
    }

    @Test func corruptInputNamesTheOffset() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pb-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // A component header, then an import section claiming more bytes than exist.
        let bad: [UInt8] = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x0a, 0x40, 0x01]
        let f = dir.appendingPathComponent("bad.wasm")
        try Data(bad).write(to: f)
        let r = try CLI.run(["inspect", f.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("section too large"), "\(r.stderr)")
        #expect(r.stderr.contains("at offset 0x9"), "\(r.stderr)")
    }

    @Test func reencodeReproducesBytesAndProtectsInput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pb-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.wasm")
        let r = try CLI.run(["reencode", CLI.sample("calculator.wasm"), "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Data(contentsOf: out) == Data(contentsOf: URL(fileURLWithPath: CLI.sample("calculator.wasm"))))
        let same = try CLI.run(["reencode", out.path, "-o", out.path])
        #expect(same.status == 1)
        #expect(same.stderr.contains("refusing to overwrite the input"))
    }
}

@Suite(.enabled(if: CLI.available, "the patchbay executable was not built"))
struct AbiCLITests {
    @Test func componentFunctionsAndTypes() throws {
        let r = try CLI.run(["abi", CLI.sample("calculator.wasm")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("canon lift eval at 0x357: func(o: variant"))
        #expect(r.stdout.contains("  options: (memory 0)\n  core:    [i32 i32 i32] -> [i32]  (the core function agrees)"))
        #expect(r.stdout.contains("op  (memory32)  size 12  align 4"))
    }

    @Test func typeExpressionUsesComponentNames() throws {
        let r = try CLI.run(["abi", CLI.sample("calculator.wasm"), "--type", "list<op>", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let t = obj?["type"] as? [String: Any]
        #expect(t?["size"] as? Int == 8)
        #expect(t?["align"] as? Int == 4)
    }

    @Test func badTypeExpressionGivesColumn() throws {
        let r = try CLI.run(["abi", "--type", "list<u8"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("column 8: expected ',' or '>', found end of input"))
    }
}
