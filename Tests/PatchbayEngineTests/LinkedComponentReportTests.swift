import Foundation
import Testing
@testable import PatchbayEngine

/// The linked-libraries report read back from real links: the oracle's
/// `component link --debug-names` outputs in ../shared/corpus/link/witc
/// (whose printed text names every module and global, so the report can be
/// checked against text nobody here wrote) and Patchbay's own links of the
/// same inputs (no names: the report must deduce them and agree).
@Suite("linked component report (witc link corpus)", .enabled(if: Corpus.enabled, Corpus.skipNote))
struct LinkedComponentReportTests {
    static func report(_ url: URL) throws -> LinkedComponentReport? {
        let bytes = try Corpus.bytes(url)
        return LinkedComponentReport.build(try ComponentDecoder.decode(bytes))
    }

    /// From the oracle's printed component: `(core module $NAME (;k;)` and the
    /// main module's `(export "NAME:memory_base" (global g))` with its
    /// `(global (;g;) i32 i32.const V)`, and each module's `(mem-info (memory S A))`.
    struct Printed {
        var moduleIndex: [String: Int] = [:]
        var globalValues: [String: UInt32] = [:]
        var memInfo: [String: (UInt32, UInt32)] = [:]

        init(_ wat: String) {
            var module: String?
            var mainGlobals: [Int: UInt32] = [:]
            for raw in wat.split(separator: "\n") {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.hasPrefix("(core module $"), let end = line.range(of: " (;") {
                    let name = String(line[line.index(line.startIndex, offsetBy: 14)..<end.lowerBound])
                    let idx = line[end.upperBound...].prefix { $0.isNumber }
                    module = name
                    moduleIndex[name] = Int(idx)
                } else if module == "main", line.hasPrefix("(global (;"), line.contains("i32.const") {
                    let g = Int(line.dropFirst("(global (;".count).prefix { $0.isNumber })
                    let v = UInt32(line.split(separator: " ").last?.dropLast() ?? "")
                    if let g, let v { mainGlobals[g] = v }
                } else if module == "main", line.hasPrefix("(export \""), line.contains("(global ") {
                    let name = line.dropFirst("(export \"".count).prefix { $0 != "\"" }
                    let g = Int(line.components(separatedBy: "(global ").last?.prefix { $0.isNumber } ?? "")
                    if let g, let v = mainGlobals[g] { globalValues[String(name)] = v }
                } else if let m = module, line.hasPrefix("(mem-info (memory ") {
                    let nums = line.dropFirst("(mem-info (memory ".count).split(separator: " ").map { UInt32($0.prefix { $0.isNumber }) }
                    if nums.count >= 2, let s = nums[0], let a = nums[1] { memInfo[m] = (s, a) }
                }
            }
        }
    }

    @Test("every oracle link: library names, modules, bases and dylink.0 as the oracle prints them")
    func oracleLinks() throws {
        var checked = 0, libraries = 0
        for dir in LinkCorpusTests.cases() where !dir.lastPathComponent.hasPrefix("error-") {
            let wasm = dir.appendingPathComponent("component.wasm")
            guard FileManager.default.fileExists(atPath: wasm.path),
                  let wat = try? String(contentsOf: dir.appendingPathComponent("component.wat"), encoding: .utf8),
                  wat.contains(":memory_base\"") else { continue }  // `multi-package` links no library
            let printed = Printed(wat)
            let r = try #require(try Self.report(wasm), "\(dir.lastPathComponent): not recognised as a link")
            for lib in r.libraries {
                let ctx = "\(dir.lastPathComponent) library \(lib.name)"
                #expect(lib.module == printed.moduleIndex[lib.name], "\(ctx): module")
                #expect(lib.memoryBase == printed.globalValues["\(lib.name):memory_base"], "\(ctx): memory_base")
                #expect(lib.tableBase == printed.globalValues["\(lib.name):table_base"], "\(ctx): table_base")
                if let (s, a) = printed.memInfo[lib.name] {
                    #expect(lib.memorySize == s && lib.memoryAlignment == a, "\(ctx): mem-info")
                }
                #expect(!lib.imports.contains { $0.providerKind == "unknown" }, "\(ctx): an import without a provider")
                libraries += 1
            }
            #expect(r.layout?.stackPointer == printed.globalValues["__stack_pointer"] ?? r.layout?.stackPointer)
            #expect(r.layout?.heapBase == printed.globalValues["__heap_base"] ?? r.layout?.heapBase)
            checked += 1
        }
        print("linked report: \(checked) oracle links, \(libraries) libraries checked against the printed text")
        #expect(checked >= 20)
    }

    @Test("the `link` case: who provides what, and the layout")
    func linkCase() throws {
        let r = try #require(try Self.report(Corpus.url("link/witc/link/component.wasm")))
        #expect(r.libraries.map(\.name) == ["bar", "c", "foo"])  // the order given to the linker
        func provider(_ lib: String, _ module: String, _ name: String) -> String? {
            r.libraries.first { $0.name == lib }?.imports.first { $0.module == module && $0.name == name }?.provider
        }
        #expect(provider("foo", "env", "malloc") == "c")
        #expect(provider("foo", "env", "abort") == "c")
        #expect(provider("bar", "env", "foo") == "foo")
        #expect(provider("bar", "GOT.mem", "well") == "foo")
        #expect(provider("foo", "GOT.mem", "um") == "bar")
        #expect(provider("foo", "env", "__memory_base") == "main")
        #expect(provider("foo", "test:test/test", "bar") == "test:test/test#bar")
        #expect(r.libraries.first { $0.name == "bar" }?.needed == ["foo"])
        #expect(r.layout == .init(stackPointer: 1_048_576, heapBase: 1_048_640, heapEnd: 1_114_112, memoryPages: 17, tableSize: 1))
        #expect(r.memoryRegions.map(\.owner) == ["stack", "bar", "foo", "heap"])
    }

    @Test("`link-got-func`: a GOT.func slot traced to the library in that table slot")
    func gotFunc() throws {
        let r = try #require(try Self.report(Corpus.url("link/witc/link-got-func/component.wasm")))
        let s = try #require(r.libraries.first { $0.name == "foo" }?.imports.first { $0.module == "GOT.func" && $0.name == "foo" })
        #expect(s.provider == "bar")
        #expect(s.via.contains("table slot 1"))
    }

    @Test("Patchbay's own links (no debug names) report what the oracle's named links report")
    func ownLinksAgree() throws {
        var compared = 0
        for dir in LinkCorpusTests.cases() where !dir.lastPathComponent.hasPrefix("error-") {
            let oracle = dir.appendingPathComponent("component.wasm")
            guard FileManager.default.fileExists(atPath: oracle.path), let expected = try Self.report(oracle) else { continue }
            let (libs, options, unsupported) = try LinkCorpusTests.invocation(dir)
            guard unsupported.isEmpty, let bytes = try? Linker.link(libs, options: options) else { continue }
            // Patchbay's built-in libdl is its own (another size, no libc.so
            // needed, so an otherwise unused libc.so is dropped): its links
            // are not laid out like the oracle's by design.
            if options.useBuiltInLibdl { print("linked report: \(dir.lastPathComponent): built-in libdl, not compared"); continue }
            let ours = try #require(LinkedComponentReport.build(try ComponentDecoder.decode(bytes)), "\(dir.lastPathComponent)")
            // Library names, memory bases and sizes must agree, and so must
            // every provider both linkers took from a library. Where the two
            // linkers differ by design (table bases after the stubs, a canon
            // built-in for the stack pointer) the difference is printed.
            func norm(_ n: String) -> String { n.hasSuffix(":stubs") ? "stubs" : n }
            #expect(ours.libraries.map { "\(norm($0.name)) \($0.memoryBase ?? 0) \($0.memorySize ?? 0)" }
                    == expected.libraries.map { "\(norm($0.name)) \($0.memoryBase ?? 0) \($0.memorySize ?? 0)" }, "\(dir.lastPathComponent)")
            for (a, b) in zip(ours.libraries, expected.libraries) {
                if a.tableBase != b.tableBase { print("linked report: \(dir.lastPathComponent) \(a.name): table_base \(a.tableBase ?? 0), oracle \(b.tableBase ?? 0)") }
                for s in b.imports {
                    guard let t = a.imports.first(where: { $0.module == s.module && $0.name == s.name }) else {
                        Issue.record("\(dir.lastPathComponent) \(a.name): no import \(s.module).\(s.name)"); continue
                    }
                    if s.providerKind == "library" && t.providerKind == "library" {
                        #expect(norm(t.provider) == norm(s.provider), "\(dir.lastPathComponent) \(a.name) \(s.module).\(s.name)")
                    } else if s.providerKind != t.providerKind {
                        print("linked report: \(dir.lastPathComponent) \(a.name) \(s.module).\(s.name): from \(t.providerKind) \(t.provider), oracle \(s.providerKind) \(s.provider)")
                    }
                }
            }
            compared += 1
        }
        print("linked report: \(compared) Patchbay links agree with the oracle's")
        #expect(compared >= 15)
    }

    @Test("components that are not links have no report (wit-component `new` outputs, compositions)")
    func notLinks() throws {
        var urls = Corpus.files("components/witc", suffix: "component.wasm")
        urls += Corpus.files("compose/cases", suffix: "composed.wasm")
        urls.append(Corpus.url("link/witc/multi-package/component.wasm"))
        var checked = 0
        for url in urls {
            guard let bytes = try? Corpus.bytes(url), let c = try? ComponentDecoder.decode(bytes) else { continue }
            #expect(LinkedComponentReport.build(c) == nil, "\(url.path)")
            checked += 1
        }
        print("linked report: \(checked) non-link components have none")
        #expect(checked >= 100)
    }
}
