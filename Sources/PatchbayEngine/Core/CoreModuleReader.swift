import Dispatch
import Synchronization
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import WasmParser
import WasmTypes

/// Reads what the component layer needs from an embedded core module (its
/// imports, exports and their types) through WasmKit's parser.
///
/// Parsing stops at the first section after the exports, so code bodies of
/// large modules are never visited.
public enum CoreModuleReader {
    public struct Summary: Sendable, Hashable {
        public var type: CoreModuleType
        public var functionCount: Int
        public var customSections: [String]
    }

    /// The module's declarations, read by `CoreModuleScanner` (not WasmKit,
    /// which rejects some newer valid modules); code bodies are never read.
    public static func summarize(_ bytes: ArraySlice<UInt8>, offset: Int) throws(DecodeError) -> Summary {
        var scanner = CoreModuleScanner(bytes, offset: offset)
        return try scanner.scan()
    }

    /// Outcome of full core validation of one module.
    public enum CoreCheck: Sendable, Hashable {
        case valid
        /// Valid as far as checked: `functions` bodies use instructions the
        /// body checker does not cover, and were only parsed.
        case partlyChecked(functions: Int, of: Int)
        /// WasmKit rejected the module but it uses a proposal WasmKit does
        /// not implement, so the failure says nothing about validity.
        case unchecked(reason: String)
        case invalid(DecodeError)
    }

    /// Parses every section and every instruction of a core module with
    /// WasmKit's parser, and type-checks function bodies with
    /// `CoreBodyChecker`.
    /// `fastPath: false` checks every body the slow way (for the tests
    /// that compare the two).
    public static func check(_ bytes: ArraySlice<UInt8>, offset: Int, fastPath: Bool = true) -> CoreCheck {
        var parser = Parser(bytes: bytes, features: .all)
        var module = CoreBodyChecker.Module()
        var importedFunctions = 0
        var unchecked = 0, bodies = 0
        do {
            while let payload = try parser.parseNext() {
                switch payload {
                case .typeSection(let groups):
                    for g in groups { for t in g.types { module.types.append(t.body) } }
                case .importSection(let imports):
                    for i in imports {
                        switch i.descriptor {
                        case .function(let t): module.functions.append(t); importedFunctions += 1
                        case .table(let t): module.tables.append(t)
                        case .memory(let m): module.memories.append(m)
                        case .global(let g): module.globals.append(g)
                        case .tag: break
                        }
                    }
                case .functionSection(let types): module.functions += types
                case .tableSection(let tables): module.tables += tables.map(\.type)
                case .memorySection(let memories): module.memories += memories.map(\.type)
                case .globalSection(let globals): module.globals += globals.map(\.type)
                case .elementSection(let segments): module.elementCount = segments.count
                case .dataCount(let n): module.dataCount = n
                case .codeSection(let codes):
                    bodies += codes.count
                    unchecked += try checkBodies(codes, module: module, firstIndex: importedFunctions, moduleOffset: offset, fastPath: fastPath)
                default: break
                }
            }
            return unchecked == 0 ? .valid : .partlyChecked(functions: unchecked, of: bodies)
        } catch let e as BodyError {
            return .invalid(DecodeError("invalid core module: func \(e.function) failed to validate: \(e.message)", at: e.offset))
        } catch {
            let at = offset + parser.offset
            let message = "invalid core module: " + Self.stableText(of: error)
            let unsupported = unsupportedProposals(bytes)
            if !unsupported.isEmpty {
                return .unchecked(reason: "core module at offset 0x\(String(offset, radix: 16)) uses \(unsupported.joined(separator: ", ")), which the core parser does not support; its code was not validated (\(message))")
            }
            return .invalid(DecodeError(message, at: at))
        }
    }

    struct BodyError: Error { var function: Int; var message: String; var offset: Int }

    /// WasmKit prints the bytes it expected from a `Set`, in an order that
    /// changes from run to run; sort that list so the same input always
    /// gives the same message.
    static func stableText(of error: any Error) -> String {
        let text = "\(error)"
        let marker = "Expected one of ["
        guard let start = text.firstRange(of: marker)?.upperBound,
              let end = text[start...].firstIndex(of: "]") else { return text }
        let items = text[start..<end].split(separator: ",").map { String($0.drop(while: { $0 == " " })) }.sorted()
        return String(text[..<start]) + items.joined(separator: ", ") + String(text[end...])
    }

    /// Checks every body and returns how many were only parsed. Bodies are
    /// independent once the module's declarations are known, so large code
    /// sections are split across the processors (as wasm-tools does); the
    /// error reported is the one of the lowest-numbered failing function.
    static func checkBodies(_ codes: [Code], module: CoreBodyChecker.Module, firstIndex: Int, moduleOffset: Int, fastPath: Bool = true) throws -> Int {
        let fast = fastPath ? FastBodyChecker.Module(module) : nil
        @Sendable func run(_ range: Range<Int>) -> (unchecked: Int, error: (index: Int, error: any Error)?) {
            var unchecked = 0
            var scratch = FastBodyChecker.Scratch()
            for i in range {
                let index = firstIndex + i
                let type = index < module.functions.count ? module.functionType(module.functions[index]) : nil
                // Most bodies are decided by the fast checker; the rest
                // (and every invalid one, for its message) the slow way.
                if let type, let fast, FastBodyChecker.check(codes[i], type: type, module: fast, scratch: &scratch) { continue }
                do {
                    if try !checkBody(codes[i], type: type, module: module, index: index, moduleOffset: moduleOffset) { unchecked += 1 }
                } catch {
                    return (unchecked, (index, error))
                }
            }
            return (unchecked, nil)
        }
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, codes.count / 256)
        guard workers > 1 else {
            let r = run(0..<codes.count)
            if let e = r.error { throw e.error }
            return r.unchecked
        }
        let results = ChunkResults(count: workers)
        let per = (codes.count + workers - 1) / workers
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let range = (w * per)..<min(codes.count, (w + 1) * per)
            results.set(w, run(range))
        }
        var unchecked = 0
        for r in results.all() {
            if let e = r.error { throw e.error }  // chunks are in function order
            unchecked += r.unchecked
        }
        return unchecked
    }

    /// Per-chunk outcomes written by the workers of `checkBodies`.
    private final class ChunkResults: @unchecked Sendable {
        private let slots: Mutex<[(unchecked: Int, error: (index: Int, error: any Error)?)]>
        init(count: Int) { slots = Mutex(Array(repeating: (0, nil), count: count)) }
        func set(_ i: Int, _ r: (unchecked: Int, error: (index: Int, error: any Error)?)) {
            slots.withLock { $0[i] = r }
        }
        func all() -> [(unchecked: Int, error: (index: Int, error: any Error)?)] {
            slots.withLock { $0 }
        }
    }

    /// Parses one body and type-checks it; false when it uses instructions
    /// the checker does not cover (or its type is unknown), so it was only parsed.
    static func checkBody(_ code: Code, type: WasmTypes.FunctionType?, module: CoreBodyChecker.Module, index: Int, moduleOffset: Int) throws -> Bool {
        var parser = ExpressionParser(code: code)
        guard let type else {
            while try parser.parse() != nil {}
            return false
        }
        var checker = CoreBodyChecker(module: module, type: type, locals: code.locals)
        var checking = true
        while let visit = try parser.parse() {
            guard checking else { continue }
            do { try visit(visitor: &checker) } catch {
                if error.offset < 0 { checking = false; continue }
                throw BodyError(function: index, message: error.message, offset: moduleOffset + error.offset)
            }
        }
        if checking && !checker.finished {
            throw BodyError(function: index, message: "control frames remain at the end of the function", offset: moduleOffset + parser.offset)
        }
        return checking
    }

    /// Proposals that the module visibly uses and WasmKit 0.4.2 rejects.
    static func unsupportedProposals(_ bytes: ArraySlice<UInt8>) -> [String] {
        var scanner = CoreModuleScanner(bytes, offset: 0)
        _ = try? scanner.scan()
        var out: [String] = []
        if scanner.usesCustomPageSizes { out.append("custom-page-sizes") }
        if scanner.usesShared { out.append("shared-everything-threads") }
        return out
    }

    static func convert(_ f: WasmTypes.FunctionType) -> CoreFuncType {
        CoreFuncType(params: f.parameters.map(convert), results: f.results.map(convert))
    }

    static func convert(_ v: WasmTypes.ValueType) -> CoreValType {
        switch v {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        case .v128: .v128
        case .ref(let r): .ref(convert(r))
        }
    }

    static func convert(_ r: WasmTypes.ReferenceType) -> RefType {
        switch r.heapType {
        case .concrete(let i): return RefType(nullable: r.isNullable, heap: .concrete(i), shorthand: false)
        case .abstract(let a): return RefType(nullable: r.isNullable, heap: .abstract(a.rawValue, shared: false), shorthand: r.isNullable)
        }
    }

    static func convert(_ l: WasmParser.Limits) -> Limits {
        var flags: UInt8 = 0
        if l.max != nil { flags |= 1 }
        if l.shared { flags |= 2 }
        if l.isMemory64 { flags |= 4 }
        return Limits(flags: flags, min: l.min, max: l.max, pageSizeLog2: nil)
    }
}
