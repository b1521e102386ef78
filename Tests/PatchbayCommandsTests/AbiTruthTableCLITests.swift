import Foundation
import Testing

/// `patchbay abi --json`, run as a subprocess, against every row of the
/// Canonical ABI truth tables in the corpus (computed by the spec's reference
/// `definitions.py`). Every number is compared as JSON, field by field.
///
/// Value types are run twice: with the table's own `definition`s given
/// through `--define @FILE` (the calculator), and, for the named types that
/// the corpus' real component `crosscheck.wasm` exports, with that component
/// given beside `--type` (names taken from a component).
@Suite(.enabled(if: CLI.available && AbiTable.available, "needs the built patchbay and \(AbiTable.dir.path) (set PATCHBAY_CORPUS)"))
struct AbiTruthTableCLITests {
    @Test func everyValueTypeRow() throws {
        let rows = try AbiTable.rows("abi-types.json", key: "types")
        let defs = FileManager.default.temporaryDirectory.appendingPathComponent("abi-defs-\(getpid()).wit")
        let (common, large) = try AbiTable.declarations(rows)
        try common.write(to: defs, atomically: true, encoding: .utf8)
        // The 65537-label enum is declared only for its own row: parsing it
        // for every run would dominate the test's time.
        let largeDefs = FileManager.default.temporaryDirectory.appendingPathComponent("abi-defs-large-\(getpid()).wit")
        try (common + large.values.joined(separator: "\n")).write(to: largeDefs, atomically: true, encoding: .utf8)
        defer {
            try? FileManager.default.removeItem(at: defs)
            try? FileManager.default.removeItem(at: largeDefs)
        }
        let componentNames = try AbiTable.componentTypeNames()
        var matched = 0, viaComponent = 0, componentMatched = 0
        for row in rows {
            guard let type = row["type"] as? String else { Issue.record("row without a type: \(row)"); continue }
            var problems: [String] = []
            for memory in ["memory32", "memory64"] {
                guard let want = row[memory] as? [String: Any] else { problems.append("\(type): no \(memory) entry"); continue }
                if let error = want["error"] as? String {
                    // A type the spec rejects: its definition cannot be declared.
                    let definition = row["definition"] as? String ?? ""
                    let r = try CLI.run(["abi", "--define", definition, "--type", type, "--json"] + (memory == "memory64" ? ["--memory64"] : []))
                    // The reference asserts `0 < n <= 32` for flags; we say so in words.
                    if r.status != 1 || !r.stderr.contains("flags must have 1 to 32 labels") {
                        problems.append("\(type) [\(memory)]: the table rejects it (\(error)); patchbay exit \(r.status), stderr \(r.stderr)")
                    }
                    continue
                }
                let file = large[type] != nil ? largeDefs : defs
                problems += AbiTable.compare(type, memory, want, args: ["--define", "@" + file.path])
            }
            if problems.isEmpty { matched += 1 }
            if componentNames.contains(type) {
                viaComponent += 1
                var componentProblems: [String] = []
                for memory in ["memory32", "memory64"] {
                    guard let want = row[memory] as? [String: Any] else { continue }
                    componentProblems += AbiTable.compare(type, memory, want, args: [AbiTable.crosscheck.path]).map { "via crosscheck.wasm: " + $0 }
                }
                if componentProblems.isEmpty { componentMatched += 1 }
                problems += componentProblems
            }
            for p in problems { Issue.record(Comment(rawValue: p)) }
        }
        print("abi --type --json: \(matched)/\(rows.count) truth-table rows match (memory32 and memory64); "
              + "through crosscheck.wasm's names: \(componentMatched)/\(viaComponent)")
        #expect(rows.count == 112)
        #expect(matched == rows.count)
        // crosscheck.wit's imported interface `fi` uses 9 named value types
        // (point, mixed, big, v-mixed, v-f32-f64, flags9, flags17, e257, e1);
        // the component carries only the types its functions use.
        #expect(viaComponent == 9, "crosscheck.wasm should export the named types its functions use")
        #expect(componentMatched == viaComponent)
    }

    @Test func everyFunctionRow() throws {
        let rows = try AbiTable.rows("abi-functions.json", key: "functions")
        var matched = 0
        let keys = ["lift", "lower", "lift_memory64", "lower_memory64", "async_lift_callback", "async_lift_stackful", "async_lower"]
        for row in rows {
            guard let name = row["name"] as? String, let type = row["type"] as? String else { Issue.record("bad row \(row)"); continue }
            let r = try CLI.run(["abi", AbiTable.crosscheck.path, "--function", type, "--json"])
            guard r.status == 0,
                  let obj = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
                  let got = obj["function"] as? [String: Any],
                  let sigs = got["signatures"] as? [String: Any] else {
                Issue.record("\(name): exit \(r.status), stderr: \(r.stderr)")
                continue
            }
            var problems: [String] = []
            for key in ["flat_params", "flat_results"] where !AbiTable.same(row[key], got[key]) {
                problems.append("\(name) \(key): table \(AbiTable.text(row[key])), patchbay \(AbiTable.text(got[key]))")
            }
            for key in keys {
                guard let want = row[key] as? [String: Any], let have = sigs[key] as? [String: Any] else {
                    problems.append("\(name): \(key) missing"); continue
                }
                for part in ["params", "results"] where !AbiTable.same(want[part], have[part]) {
                    problems.append("\(name) \(key).\(part): table \(AbiTable.text(want[part])), patchbay \(AbiTable.text(have[part]))")
                }
            }
            if Set(sigs.keys) != Set(keys) { problems.append("\(name): signature keys \(sigs.keys.sorted())") }
            for p in problems { Issue.record(Comment(rawValue: p)) }
            if problems.isEmpty { matched += 1 }
        }
        print("abi --function --json: \(matched)/\(rows.count) truth-table rows match (7 signatures each)")
        #expect(rows.count == 31)
        #expect(matched == rows.count)
    }
}

/// Reading the corpus truth tables as plain JSON (no engine types), so the
/// comparison cannot share a decoding mistake with the program under test.
enum AbiTable {
    static let dir: URL = {
        if let env = ProcessInfo.processInfo.environment["PATCHBAY_CORPUS"], !env.isEmpty {
            return URL(fileURLWithPath: env).appendingPathComponent("abi")
        }
        return CLI.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/abi")
    }()
    static let crosscheck = dir.appendingPathComponent("crosscheck.wasm")

    static var available: Bool {
        FileManager.default.fileExists(atPath: dir.appendingPathComponent("abi-types.json").path)
            && FileManager.default.fileExists(atPath: crosscheck.path)
    }

    static func rows(_ file: String, key: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: dir.appendingPathComponent(file))
        let obj = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return obj?[key] as? [[String: Any]] ?? []
    }

    /// Runs `patchbay abi ARGS --type TYPE --json` for one memory and
    /// compares every field with the table's entry.
    static func compare(_ type: String, _ memory: String, _ want: [String: Any], args: [String]) -> [String] {
        let r: CLI.Result
        do { r = try CLI.run(["abi"] + args + ["--type", type, "--json"] + (memory == "memory64" ? ["--memory64"] : [])) } catch {
            return ["\(type) [\(memory)]: cannot run patchbay: \(error)"]
        }
        guard r.status == 0,
              let obj = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
              var got = obj["type"] as? [String: Any] else {
            return ["\(type) [\(memory)]: exit \(r.status), stderr: \(r.stderr)"]
        }
        var problems: [String] = []
        if got["memory"] as? String != memory { problems.append("\(type): memory says \(got["memory"] ?? "nothing")") }
        if got["type"] as? String != type { problems.append("\(type): type echoed as \(got["type"] ?? "nothing")") }
        got["memory"] = nil
        got["type"] = nil
        for key in Set(want.keys).union(got.keys) where !same(want[key], got[key]) {
            problems.append("\(type) [\(memory)] \(key): table \(text(want[key])), patchbay \(text(got[key]))")
        }
        return problems
    }

    /// The table's definitions, one per line, for `--define @FILE`: the
    /// resource `res` its handles use, every row's `definition` (those the
    /// table abbreviates with "..." in full from `crosscheck.wit`, which
    /// declares the same types); apart, by name, the enum rows that have no
    /// definition, rebuilt from their case lists.
    static func declarations(_ rows: [[String: Any]]) throws -> (common: String, large: [String: String]) {
        var large: [String: String] = [:]
        let wit = try String(contentsOf: dir.appendingPathComponent("crosscheck.wit"), encoding: .utf8)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        var out = ["resource res"]
        for row in rows {
            guard let type = row["type"] as? String, let m32 = row["memory32"] as? [String: Any], m32["error"] == nil else { continue }
            if var definition = row["definition"] as? String {
                if definition.contains("...") {
                    let head = definition.prefix { $0 != "{" }
                    guard let full = wit.first(where: { $0.hasPrefix(head) }) else { throw CocoaError(.fileReadCorruptFile) }
                    definition = full
                }
                out.append(definition)
            } else if type.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }), m32["layout"] != nil,
                      PrimitiveNames.all.contains(type) == false {
                large[type] = try enumDeclaration(type, from: m32)
            }
        }
        return (out.joined(separator: "\n") + "\n", large)
    }

    enum PrimitiveNames {
        static let all: Set<String> = ["bool", "s8", "u8", "s16", "u16", "s32", "u32", "s64", "u64", "f32", "f64",
                                       "char", "string", "error-context", "result", "stream", "future"]
    }

    /// The named types that `patchbay abi crosscheck.wasm --json` lays out.
    static func componentTypeNames() throws -> Set<String> {
        let r = try CLI.run(["abi", crosscheck.path, "--json"])
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        return Set((obj?["types"] as? [String: Any])?.keys ?? [:].keys)
    }

    /// The table's enum rows name their labels PREFIX0...PREFIXn; the row
    /// elides the middle of the list, so the declaration is rebuilt from its
    /// first and last case.
    static func enumDeclaration(_ name: String, from entry: [String: Any]) throws -> String {
        let layout = entry["layout"] as? [String: Any]
        let cases = layout?["cases"] as? [[String: Any]] ?? []
        guard let last = cases.last, let lastName = last["case"] as? String, let lastIndex = last["index"] as? Int else {
            throw CocoaError(.fileReadCorruptFile)
        }
        let prefix = String(lastName.reversed().drop(while: \.isNumber).reversed())
        return "enum \(name) { " + (0...lastIndex).map { "\(prefix)\($0)" }.joined(separator: ", ") + " }"
    }

    /// JSON equality: numbers by value, arrays in order, objects by key.
    static func same(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x as [String: Any], let y as [String: Any]):
            return Set(x.keys) == Set(y.keys) && x.keys.allSatisfy { same(x[$0], y[$0]) }
        case (let x as [Any], let y as [Any]):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (let x as String, let y as String): return x == y
        case (let x as NSNumber, let y as NSNumber): return x == y
        default: return false
        }
    }

    static func text(_ v: Any?) -> String {
        guard let v else { return "absent" }
        guard JSONSerialization.isValidJSONObject([v]),
              let d = try? JSONSerialization.data(withJSONObject: [v], options: [.sortedKeys]) else { return "\(v)" }
        let s = String(decoding: d, as: UTF8.self)
        return String(s.dropFirst().dropLast())
    }
}
