import Foundation
import Testing
@testable import PatchbayEngine
import WasmParser
import WasmTypes

/// The core function body type checker on small hand-assembled modules (one
/// function, one memory), and on the real modules of the corpus.
struct CoreBodyCheckerTests {
    /// A module with one memory and one function `[params] -> [results]`
    /// whose body (without the final `end`) is `body`.
    static func module(_ params: [UInt8] = [], _ results: [UInt8], locals: [UInt8] = [], body: [UInt8]) -> [UInt8] {
        func section(_ id: UInt8, _ content: [UInt8]) -> [UInt8] { [id, UInt8(content.count)] + content }
        let type: [UInt8] = [0x01, 0x60, UInt8(params.count)] + params + [UInt8(results.count)] + results
        let localDecls: [UInt8] = locals.isEmpty ? [0x00] : [UInt8(locals.count)] + locals.flatMap { [0x01, $0] }
        let code = localDecls + body + [0x0b]
        return [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]
            + section(0x01, type)
            + section(0x03, [0x01, 0x00])
            + section(0x05, [0x01, 0x00, 0x01])
            + section(0x0a, [0x01, UInt8(code.count)] + code)
    }

    static let i32: UInt8 = 0x7f, i64: UInt8 = 0x7e

    /// A module with `count` functions `[] -> []`, each `nop` except the
    /// ones in `bad`, which are `i32.add` (LEB128 sizes, as the count is large).
    static func manyFunctions(_ count: Int, bad: Set<Int>) -> [UInt8] {
        func leb(_ v: Int) -> [UInt8] {
            var v = v, out: [UInt8] = []
            repeat { var b = UInt8(v & 0x7f); v >>= 7; if v != 0 { b |= 0x80 }; out.append(b) } while v != 0
            return out
        }
        func section(_ id: UInt8, _ content: [UInt8]) -> [UInt8] { [id] + leb(content.count) + content }
        var code: [UInt8] = leb(count)
        for i in 0..<count { code += [0x03, 0x00, bad.contains(i) ? 0x6a : 0x01, 0x0b] }
        return [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]
            + section(0x01, [0x01, 0x60, 0x00, 0x00])
            + section(0x03, leb(count) + [UInt8](repeating: 0, count: count))
            + section(0x0a, code)
    }

    func check(_ bytes: [UInt8]) -> CoreModuleReader.CoreCheck {
        CoreModuleReader.check(bytes[...], offset: 0)
    }

    func error(_ bytes: [UInt8]) -> String? {
        if case .invalid(let e) = check(bytes) { return e.message }
        return nil
    }

    @Test func wellTypedBodiesPass() {
        // i32.const 1; i32.const 2; i32.add
        #expect(check(Self.module([], [Self.i32], body: [0x41, 0x01, 0x41, 0x02, 0x6a])) == .valid)
        // i32.const 0; i32.load align=2 offset=0
        #expect(check(Self.module([], [Self.i32], body: [0x41, 0x00, 0x28, 0x02, 0x00])) == .valid)
        // unreachable; i32.add — the stack is polymorphic after unreachable
        #expect(check(Self.module([], [Self.i32], body: [0x00, 0x6a])) == .valid)
        // local.get 0 (param i64); i32.wrap_i64
        #expect(check(Self.module([Self.i64], [Self.i32], body: [0x20, 0x00, 0xa7])) == .valid)
        // block (result i32) i32.const 1 br 0 end
        #expect(check(Self.module([], [Self.i32], body: [0x02, 0x7f, 0x41, 0x01, 0x0c, 0x00, 0x0b])) == .valid)
        // i32.const 1; if (result i32) i32.const 2 else i32.const 3 end
        #expect(check(Self.module([], [Self.i32], body: [0x41, 0x01, 0x04, 0x7f, 0x41, 0x02, 0x05, 0x41, 0x03, 0x0b])) == .valid)
    }

    @Test func illTypedBodiesAreRejectedWithTheProblem() {
        #expect(error(Self.module([], [], body: [0x6a]))?.contains("func 0 failed to validate: type mismatch: expected i32 but nothing on stack") == true)
        #expect(error(Self.module([], [Self.i32], body: [0x42, 0x01]))?.contains("type mismatch: expected i32, found i64") == true)
        #expect(error(Self.module([], [Self.i32], body: [0x41, 0x01, 0x41, 0x02]))?.contains("values remaining on stack") == true)
        #expect(error(Self.module([], [Self.i32], body: [0x41, 0x01, 0x04, 0x7f, 0x41, 0x02, 0x0b]))?.contains("else branch missing") == true)
        #expect(error(Self.module([], [], body: [0x0c, 0x05]))?.contains("unknown label") == true)
        #expect(error(Self.module([], [Self.i32], body: [0x20, 0x03]))?.contains("unknown local 3") == true)
        #expect(error(Self.module([], [], body: [0x23, 0x00]))?.contains("unknown global 0") == true)
        #expect(error(Self.module([], [], body: [0x10, 0x07]))?.contains("unknown function 7") == true)
    }

    @Test func theOffsetPointsAtTheInstruction() {
        // header 8 + type section 6 + function 4 + memory 5 + code header 4
        // + locals 1 = 28: the i32.add (wasm-tools gives 0x21 for the same
        // body in the corpus' core-modules_L25, whose module starts at 0x0a)
        guard case .invalid(let e) = check(Self.module([], [], body: [0x6a])) else { Issue.record("accepted"); return }
        #expect(e.offset == 28)
    }

    /// Large code sections are checked in parallel; the error is still the
    /// lowest-numbered failing function, whichever worker finds it first.
    @Test func manyBodiesReportTheFirstFailingFunction() {
        #expect(check(Self.manyFunctions(3000, bad: [])) == .valid)
        for _ in 0..<3 {
            let message = error(Self.manyFunctions(3000, bad: [2999, 1700, 2200]))
            #expect(message?.contains("func 1700 failed to validate") == true, "\(message ?? "accepted")")
        }
    }

    @Test func uncoveredInstructionsAreCountedNotGuessed() {
        // i32.const 0; i8x16.splat (0xfd 0x0f); drop — SIMD beyond v128 memory access
        let simd = Self.module([], [], body: [0x41, 0x00, 0xfd, 0x0f, 0x1a])
        #expect(check(simd) == .partlyChecked(functions: 1, of: 1))
    }

    /// The big real modules: every body of CPython's module is checked.
    @Test(.enabled(if: Corpus.enabled, Corpus.skipNote)) func realModulesAreChecked() throws {
        let bytes = try Corpus.bytes(Corpus.url("big/cpy-demo.wasm"))
        let component = try ComponentDecoder.decode(bytes)
        var checked = 0, partly: [String] = []
        func walk(_ c: Component) {
            for s in c.sections {
                switch s.content {
                case .coreModule(let m):
                    switch CoreModuleReader.check(m.bytes, offset: m.offset) {
                    case .valid: checked += 1
                    case .partlyChecked(let n, let total): partly.append("\(n) of \(total)")
                    case .unchecked(let r): Issue.record("unchecked: \(r)")
                    case .invalid(let e): Issue.record("rejected: \(e.message)")
                    }
                case .component(let inner): walk(inner)
                default: break
                }
            }
        }
        walk(component)
        print("cpy-demo.wasm: \(checked) core modules fully type-checked; partly: \(partly)")
        #expect(checked >= 1)
    }

    /// What the fast checker says about the one function of `bytes`
    /// (a module from `module(...)`): true = valid, fully checked.
    func fast(_ bytes: [UInt8]) throws -> Bool {
        var parser = Parser(bytes: bytes, features: .all)
        var m = CoreBodyChecker.Module()
        var codes: [WasmParser.Code] = []
        while let payload = try parser.parseNext() {
            switch payload {
            case .typeSection(let groups): for g in groups { for t in g.types { m.types.append(t.body) } }
            case .functionSection(let types): m.functions += types
            case .memorySection(let memories): m.memories += memories.map(\.type)
            case .codeSection(let c): codes = c
            default: break
            }
        }
        guard let code = codes.first, let type = m.functionType(m.functions[0]) else { return false }
        return FastBodyChecker.check(code, type: type, module: FastBodyChecker.Module(m))
    }

    /// The fast path decides the common bodies itself, and gives up (leaving
    /// the slow path to report) on type errors, malformed immediates and
    /// instructions it does not cover.
    @Test func fastPathDecidesCommonBodies() throws {
        let i32 = Self.i32, i64 = Self.i64
        // i32.const 1; i32.const 2; i32.add
        #expect(try fast(Self.module([], [i32], body: [0x41, 0x01, 0x41, 0x02, 0x6a])))
        // i32.const 0; i64.load align=3 offset=16
        #expect(try fast(Self.module([], [i64], body: [0x41, 0x00, 0x29, 0x03, 0x10])))
        // block (result i32) i32.const 1 br 0 end; loop end; unreachable; i64.add; drop; i32.const -1
        #expect(try fast(Self.module([], [i32], body: [0x02, 0x7f, 0x41, 0x01, 0x0c, 0x00, 0x0b, 0x1a, 0x03, 0x40, 0x0b,
                                                          0x41, 0x7f])))
        // local.get 0; if (result i64) i64.const 1 else i64.const 2 end
        #expect(try fast(Self.module([i32], [i64], body: [0x20, 0x00, 0x04, 0x7e, 0x42, 0x01, 0x05, 0x42, 0x02, 0x0b])))
        // local.get 0; br_table 0 0 0 (in the function frame, no results)
        #expect(try fast(Self.module([i32], [], body: [0x20, 0x00, 0x0e, 0x02, 0x00, 0x00, 0x00])))
        // i64.const 0; i32.add: a type error, left to the slow path
        #expect(try !fast(Self.module([], [i32], body: [0x42, 0x00, 0x41, 0x00, 0x6a])))
        // i32.const 0; i32.load align=3 (more than natural): left to the slow path
        #expect(try !fast(Self.module([], [i32], body: [0x41, 0x00, 0x28, 0x03, 0x00])))
        // i32.const with an overlong LEB128 (6 bytes)
        #expect(try !fast(Self.module([], [i32], body: [0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00])))
        // i32.const 0; i8x16.splat; drop — SIMD is not covered
        #expect(try !fast(Self.module([], [], body: [0x41, 0x00, 0xfd, 0x0f, 0x1a])))
        // if without else whose params differ from its results
        #expect(try !fast(Self.module([i32], [i32], body: [0x20, 0x00, 0x04, 0x7f, 0x41, 0x01, 0x0b])))
    }

    /// The fast path never changes an outcome: every core module of the
    /// corpus (valid and invalid components) gets the same result, message
    /// and offset with it as without it.
    @Test(.enabled(if: Corpus.enabled, Corpus.skipNote)) func fastPathAgreesWithSlowPathOnCorpus() throws {
        var urls = Corpus.validComponents()
        urls += Corpus.files("invalid/wast", suffix: ".wasm")
        var modules = 0, differences: [String] = []
        for u in urls {
            guard let component = try? ComponentDecoder.decode(try Corpus.bytes(u)) else { continue }
            func walk(_ c: Component) {
                for s in c.sections {
                    switch s.content {
                    case .coreModule(let m):
                        modules += 1
                        let a = CoreModuleReader.check(m.bytes, offset: m.offset)
                        let b = CoreModuleReader.check(m.bytes, offset: m.offset, fastPath: false)
                        if a != b { differences.append("\(u.lastPathComponent) @\(m.offset): fast \(a), slow \(b)") }
                    case .component(let inner): walk(inner)
                    default: break
                    }
                }
            }
            walk(component)
        }
        #expect(differences.isEmpty, "\(differences.prefix(10))")
        #expect(modules > 300)
        print("fast path: \(modules) core modules, \(differences.count) differences")
    }
}
