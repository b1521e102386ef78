import WasmParser

/// Trims an adapter module to what the component needs, as wit-component
/// does before instantiating it: only the exports asked for stay, and the
/// functions, function imports and globals they do not reach are removed
/// (so the component imports only the world functions the adapter really
/// calls). The module is written anew with its indices renumbered.
///
/// While writing it, the adapter gets what it cannot have on its own
/// (wit-component's conventions for adapters, which import their memory):
/// - its import of `__main_module__::cabi_realloc` is renamed to the
///   realloc the main module exports for adapters (`cabi_realloc_adapter`,
///   else `cabi_realloc`), or, when there is none, becomes a local realloc
///   that grows memory by one page;
/// - a live mutable i32 global named `__stack_pointer` gets a stack:
///   64 KiB from the main module's realloc, lazily at the start of every
///   export when the adapter also has an `allocation_state` global, else
///   from `memory.grow` in an injected start function.
///
/// Adapters have no element or data segments and at most one memory,
/// imported; anything else is refused with a message.
struct AdapterModuleGC {
    static let pageSize: Int64 = 65536

    enum Def { case imported(module: String, name: String), local(Int) }

    struct Function { var type: UInt32; var def: Def }
    struct Global { var raw: ArraySlice<UInt8>; var mutable: Bool; var isI32: Bool; var def: Def; var initRefs: [InitRef] }
    enum InitRef { case global(UInt32), function(UInt32) }
    struct OtherImport { var module: String; var name: String; var raw: ArraySlice<UInt8> }
    struct Export { var name: String; var kind: UInt8; var index: UInt32 }

    let name: String
    var types: [ArraySlice<UInt8>] = []
    var functions: [Function] = []
    var globals: [Global] = []
    /// Memory and table imports (kept as they are).
    var otherImports: [OtherImport] = []
    var memorySections: [ArraySlice<UInt8>] = []
    var exports: [Export] = []
    var start: UInt32?
    var codes: [Code] = []
    var functionNames: [UInt32: String] = [:]
    var globalNames: [UInt32: String] = [:]
    var definedMemories = 0
    var importedMemories = 0
    var tables = 0

    func fail(_ m: String) -> WrapError { WrapError("failed to reduce the adapter module `\(name)` to its minimal size: \(m)") }

    init(name: String, bytes: [UInt8]) throws(WrapError) {
        self.name = name
        let sections = try ModuleSections(bytes)
        do {
            for s in sections.sections {
                var r = ByteReader(slice: s.bytes)
                _ = try r.readByte(); _ = try r.readU32()
                switch s.id {
                case 0:
                    if s.customName == "name" { try readNames(s.customPayload) }
                case 1: try readTypes(&r)
                case 2: try readImports(&r)
                case 3:
                    let n = try r.readCount("functions")
                    for k in 0..<n { functions.append(Function(type: try r.readU32(), def: .local(k))) }
                case 4:
                    tables += try r.readCount("tables")
                    memorySections.append(s.bytes)
                case 5:
                    definedMemories += try r.readCount("memories")
                case 6: try readGlobals(&r)
                case 7:
                    let n = try r.readCount("exports")
                    for _ in 0..<n {
                        let name = try r.readName(); let kind = try r.readByte(); let index = try r.readU32()
                        exports.append(Export(name: name, kind: kind, index: index))
                    }
                case 8: start = try r.readU32()
                case 10, 12: break
                case 9: throw fail("adapter modules may not have element segments")
                case 11: throw fail("adapter modules may not have data segments")
                case 13: throw fail("adapter modules may not define tags")
                default: throw fail("unsupported section \(s.id) at offset \(s.offset)")
                }
            }
        } catch let e as WrapError {
            throw e
        } catch {
            throw fail("\(error)")
        }
        if definedMemories > 0 { throw fail("adapter modules may not define their own memory (it must be imported)") }
        if tables > 0 { throw fail("tables should not be present in an adapter module") }
        // Bodies are read with WasmKit's parser, which knows every instruction's immediates.
        var parser = WasmParser.Parser(bytes: sections.strippedBytes(), features: .all)
        do {
            while let payload = try parser.parseNext() {
                if case .codeSection(let c) = payload { codes = c }
            }
        } catch {
            throw fail("\(error)")
        }
        let defined = functions.filter { if case .local = $0.def { true } else { false } }.count
        guard codes.count == defined else { throw fail("the module declares \(defined) functions but has \(codes.count) bodies") }
    }

    // MARK: reading

    static func skipValType(_ r: inout ByteReader) throws(DecodeError) -> UInt8 {
        let b = try r.readByte()
        if b == 0x63 || b == 0x64 { _ = try r.readSigned(bits: 33) }
        return b
    }

    static func skipLimits(_ r: inout ByteReader) throws(DecodeError) {
        let flags = try r.readByte()
        _ = try r.readU64()
        if flags & 1 != 0 { _ = try r.readU64() }
        if flags & 8 != 0 { _ = try r.readU32() }
    }

    mutating func readTypes(_ r: inout ByteReader) throws(DecodeError) {
        let n = try r.readCount("types")
        for _ in 0..<n {
            let start = r.position
            let form = try r.readByte()
            guard form == 0x60 else { throw DecodeError("only function types are supported in adapter modules (found form 0x\(String(form, radix: 16)))", at: start) }
            for _ in 0..<2 {
                let k = try r.readCount("value types")
                for _ in 0..<k { _ = try Self.skipValType(&r) }
            }
            types.append(r.bytes[(r.bytes.startIndex + start)..<(r.bytes.startIndex + r.position)])
        }
    }

    mutating func readImports(_ r: inout ByteReader) throws(DecodeError) {
        let n = try r.readCount("imports")
        for _ in 0..<n {
            let module = try r.readName(), name = try r.readName()
            let start = r.position
            let kind = try r.readByte()
            switch kind {
            case 0x00: functions.append(Function(type: try r.readU32(), def: .imported(module: module, name: name)))
            case 0x01:
                _ = try Self.skipValType(&r); try Self.skipLimits(&r); tables += 1
                otherImports.append(OtherImport(module: module, name: name, raw: r.bytes[(r.bytes.startIndex + start)..<(r.bytes.startIndex + r.position)]))
            case 0x02:
                try Self.skipLimits(&r); importedMemories += 1
                otherImports.append(OtherImport(module: module, name: name, raw: r.bytes[(r.bytes.startIndex + start)..<(r.bytes.startIndex + r.position)]))
            case 0x03:
                let t = try Self.skipValType(&r)
                let m = try r.readByte()
                globals.append(Global(raw: r.bytes[(r.bytes.startIndex + start + 1)..<(r.bytes.startIndex + r.position)], mutable: m & 1 != 0, isI32: t == 0x7f, def: .imported(module: module, name: name), initRefs: []))
            default: throw DecodeError("unsupported import kind 0x\(String(kind, radix: 16)) in an adapter module", at: start)
            }
        }
    }

    mutating func readGlobals(_ r: inout ByteReader) throws(DecodeError) {
        let n = try r.readCount("globals")
        for i in 0..<n {
            let start = r.position
            let t = try Self.skipValType(&r)
            let m = try r.readByte()
            var refs: [InitRef] = []
            // A constant expression: the instructions allowed there, up to `end`.
            loop: while true {
                let at = r.position
                let op = try r.readByte()
                switch op {
                case 0x0b: break loop
                case 0x41: _ = try r.readSigned(bits: 32)
                case 0x42: _ = try r.readSigned(bits: 64)
                case 0x43: _ = try r.readBytes(4)
                case 0x44: _ = try r.readBytes(8)
                case 0x23: refs.append(.global(try r.readU32()))
                case 0xd2: refs.append(.function(try r.readU32()))
                case 0xd0: _ = try r.readSigned(bits: 33)
                case 0x6a, 0x6b, 0x6c, 0x7c, 0x7d, 0x7e: break
                default: throw DecodeError("unsupported instruction 0x\(String(op, radix: 16)) in the initializer of global \(i)", at: at)
                }
            }
            globals.append(Global(raw: r.bytes[(r.bytes.startIndex + start)..<(r.bytes.startIndex + r.position)], mutable: m & 1 != 0, isI32: t == 0x7f, def: .local(i), initRefs: refs))
        }
    }

    mutating func readNames(_ payload: ArraySlice<UInt8>) throws(DecodeError) {
        var r = ByteReader(slice: payload)
        while !r.isAtEnd {
            let id = try r.readByte()
            var sub = try r.subReader(Int(try r.readU32()))
            guard id == 1 || id == 7 else { continue }
            let n = try sub.readCount("names")
            for _ in 0..<n {
                let i = try sub.readU32(), s = try sub.readName()
                if id == 1 { functionNames[i] = s } else { globalNames[i] = s }
            }
        }
    }

    // MARK: liveness

    /// Function and global references of one body, in order, with the
    /// byte range of each referring instruction within the expression.
    struct Reference { enum Kind { case call, returnCall, refFunc, globalGet, globalSet }; var kind: Kind; var index: UInt32; var range: Range<Int> }

    struct ReferenceSpy: AnyInstructionVisitor {
        struct Failure: Error {}
        typealias VisitorError = Failure
        var binaryOffset = 0
        var last: (Reference.Kind, UInt32)?
        mutating func visit(_ instruction: Instruction) throws(Failure) {
            switch instruction {
            case .call(let f): last = (.call, f)
            case .returnCall(let f): last = (.returnCall, f)
            case .refFunc(let f): last = (.refFunc, f)
            case .globalGet(let g): last = (.globalGet, g)
            case .globalSet(let g): last = (.globalSet, g)
            default: last = nil
            }
        }
    }

    func references(_ code: Code, function: Int) throws(WrapError) -> [Reference] {
        var parser = ExpressionParser(code: code)
        let base = parser.offset
        var out: [Reference] = []
        var spy = ReferenceSpy()
        do {
            while true {
                let start = parser.offset - base
                guard let visit = try parser.parse() else { break }
                try visit(visitor: &spy)
                if let (k, i) = spy.last { out.append(Reference(kind: k, index: i, range: start..<(parser.offset - base))) }
            }
        } catch {
            throw fail("function \(function): \(error)")
        }
        return out
    }

    struct Result {
        var bytes: [UInt8]
    }

    /// The reduced module, keeping the function exports in `required`.
    /// `mainRealloc`: the main module's realloc export for adapters (nil
    /// with `--realloc-via-memory-grow` or when it has none).
    func reduce(required: Set<String>, mainRealloc: String?) throws(WrapError) -> [UInt8] {
        for r in required.sorted() where !exports.contains(where: { $0.name == r && $0.kind == 0 }) {
            throw WrapError("adapter module `\(name)` did not export `\(r)`")
        }
        let kept = exports.filter { $0.kind == 0 && required.contains($0.name) }
        let importedFuncCount = functions.filter { if case .imported = $0.def { true } else { false } }.count
        var bodyRefs: [Int: [Reference]] = [:]
        var liveFuncs = Set<UInt32>(), liveGlobals = Set<UInt32>()
        var work: [UInt32] = kept.map(\.index)
        if let start { work.append(start) }
        func markGlobal(_ g: UInt32) throws(WrapError) -> [UInt32] {
            var funcs: [UInt32] = []
            var pending = [g]
            while let g = pending.popLast() {
                guard Int(g) < globals.count else { throw fail("global \(g) is out of bounds") }
                guard liveGlobals.insert(g).inserted else { continue }
                for ref in globals[Int(g)].initRefs {
                    switch ref { case .global(let x): pending.append(x); case .function(let f): funcs.append(f) }
                }
            }
            return funcs
        }
        while let f = work.popLast() {
            guard Int(f) < functions.count else { throw fail("function \(f) is out of bounds") }
            guard liveFuncs.insert(f).inserted else { continue }
            guard case .local(let k) = functions[Int(f)].def else { continue }
            let refs = try references(codes[k], function: Int(f))
            bodyRefs[k] = refs
            for ref in refs {
                switch ref.kind {
                case .call, .returnCall, .refFunc: work.append(ref.index)
                case .globalGet, .globalSet: work += try markGlobal(ref.index)
                }
            }
        }

        // The stack pointer and allocation state, by name, among live globals.
        func namedGlobal(_ n: String) throws(WrapError) -> UInt32? {
            let found = liveGlobals.sorted().filter { globals[Int($0)].mutable && globals[Int($0)].isI32 && globalNames[$0] == n }
            if found.count > 1 { throw fail("found \(found.count) mutable i32 globals with name \(n)") }
            return found.first
        }
        let sp = try namedGlobal("__stack_pointer")
        let allocationState = try namedGlobal("allocation_state")

        // New indices. Function imports first (a realloc import the main
        // module cannot satisfy turns into a local function).
        var w = ByteWriter()
        var typeBytes = types.map { Array($0) }
        func typeIndex(_ params: [UInt8], _ results: [UInt8]) -> UInt32 {
            var t = ByteWriter(); t.byte(0x60)
            t.vector(params) { $0.byte($1) }; t.vector(results) { $0.byte($1) }
            if let i = typeBytes.firstIndex(of: t.bytes) { return UInt32(i) }
            typeBytes.append(t.bytes)
            return UInt32(typeBytes.count - 1)
        }
        let i32: UInt8 = 0x7f
        func isRealloc(_ m: String, _ n: String) -> Bool { m == "__main_module__" && (n == "cabi_realloc" || n == "canonical_abi_realloc") }

        var funcMap: [UInt32: UInt32] = [:]
        var importEntries: [(module: String, name: String, desc: [UInt8])] = []
        for o in otherImports { importEntries.append((o.module, o.name, Array(o.raw))) }
        var globalMap: [UInt32: UInt32] = [:]
        var nextGlobal: UInt32 = 0
        for (i, g) in globals.enumerated() where liveGlobals.contains(UInt32(i)) {
            if case .imported(let m, let n) = g.def {
                importEntries.append((m, n, [0x03] + Array(g.raw)))
                globalMap[UInt32(i)] = nextGlobal; nextGlobal += 1
            }
        }
        var nextFunc: UInt32 = 0
        var reallocIndex: UInt32?
        var localRealloc: UInt32?  // old index of a realloc import turned local
        for (i, f) in functions.enumerated() where liveFuncs.contains(UInt32(i)) {
            guard case .imported(let m, let n) = f.def else { continue }
            if isRealloc(m, n) {
                guard let mainRealloc else { localRealloc = UInt32(i); continue }
                reallocIndex = nextFunc
                var d = ByteWriter(); d.byte(0); d.u32(f.type)
                importEntries.append((m, mainRealloc, d.bytes))
            } else {
                var d = ByteWriter(); d.byte(0); d.u32(f.type)
                importEntries.append((m, n, d.bytes))
            }
            funcMap[UInt32(i)] = nextFunc; nextFunc += 1
        }
        let reallocType = typeIndex([i32, i32, i32, i32], [i32])
        let emptyType = typeIndex([], [])
        if let mainRealloc, sp != nil, reallocIndex == nil {
            var d = ByteWriter(); d.byte(0); d.u32(reallocType)
            importEntries.append(("__main_module__", mainRealloc, d.bytes))
            reallocIndex = nextFunc; nextFunc += 1
        }
        // Local functions: a realloc standing in for the import, then the live bodies.
        var bodies: [(type: UInt32, body: [UInt8])] = []
        if let localRealloc {
            funcMap[localRealloc] = nextFunc
            reallocIndex = nextFunc
            bodies.append((reallocType, Self.reallocViaMemoryGrow()))
            nextFunc += 1
        }
        var liveBodies: [(old: UInt32, k: Int)] = []
        for (i, f) in functions.enumerated() where liveFuncs.contains(UInt32(i)) {
            guard case .local(let k) = f.def else { continue }
            funcMap[UInt32(i)] = nextFunc; nextFunc += 1
            liveBodies.append((UInt32(i), k))
        }
        for (i, g) in globals.enumerated() where liveGlobals.contains(UInt32(i)) {
            if case .local = g.def { globalMap[UInt32(i)] = nextGlobal; nextGlobal += 1 }
        }
        let lazy = sp != nil && allocationState != nil && mainRealloc != nil
        let lazyIndex: UInt32? = lazy ? nextFunc + UInt32(0) : nil
        let exportedFuncs = Set(kept.map(\.index))

        func remapBody(_ k: Int, old: UInt32) throws(WrapError) -> [UInt8] {
            let code = codes[k]
            var out = ByteWriter()
            // Locals, grouped in runs as the binary format writes them.
            var runs: [(UInt32, UInt8)] = []
            for l in code.locals {
                let b: UInt8
                switch l {
                case .i32: b = 0x7f
                case .i64: b = 0x7e
                case .f32: b = 0x7d
                case .f64: b = 0x7c
                case .v128: b = 0x7b
                case .ref(let r):
                    guard case .abstract(let a) = r.heapType, r.isNullable else { throw fail("function \(old) has a local of a typed reference, which adapters may not use") }
                    switch a {
                    case .funcRef: b = 0x70
                    case .externRef: b = 0x6f
                    default: throw fail("function \(old) has a local of an unsupported reference type")
                    }
                }
                if let last = runs.last, last.1 == b { runs[runs.count - 1].0 += 1 } else { runs.append((1, b)) }
            }
            out.vector(runs) { $0.u32($1.0); $0.byte($1.1) }
            if let lazyIndex, exportedFuncs.contains(old) { out.byte(0x10); out.u32(lazyIndex) }
            let expr = code.expression
            var at = 0
            for ref in bodyRefs[k] ?? [] {
                out.append(expr[(expr.startIndex + at)..<(expr.startIndex + ref.range.lowerBound)])
                switch ref.kind {
                case .call, .returnCall, .refFunc:
                    guard let n = funcMap[ref.index] else { throw fail("function \(ref.index) is referenced but not kept") }
                    out.byte(ref.kind == .call ? 0x10 : ref.kind == .returnCall ? 0x12 : 0xd2); out.u32(n)
                case .globalGet, .globalSet:
                    guard let n = globalMap[ref.index] else { throw fail("global \(ref.index) is referenced but not kept") }
                    out.byte(ref.kind == .globalGet ? 0x23 : 0x24); out.u32(n)
                }
                at = ref.range.upperBound
            }
            out.append(expr[(expr.startIndex + at)...])
            return out.bytes
        }
        for (old, k) in liveBodies { bodies.append((functions[Int(old)].type, try remapBody(k, old: old))) }
        if let lazyIndex, let reallocIndex, let sp, let spNew = globalMap[sp] {
            _ = lazyIndex
            bodies.append((emptyType, Self.allocateStack(realloc: reallocIndex, sp: spNew, state: allocationState.flatMap { globalMap[$0] })))
            nextFunc += 1
        }
        var startIndex: UInt32? = try start.map { (s: UInt32) throws(WrapError) -> UInt32 in
            guard let n = funcMap[s] else { throw fail("the start function is not kept") }
            return n
        }
        if let sp, let spNew = globalMap[sp], !lazy, importedMemories > 0 {
            // Without a way to stop re-entry (no allocation state) the main
            // module's realloc is not safe here: the stack comes from memory.grow.
            if reallocIndex == nil || allocationState == nil {
                reallocIndex = nextFunc; nextFunc += 1
                bodies.append((reallocType, Self.reallocViaMemoryGrow()))
            }
            if let reallocIndex {
                if importedMemories != 1 { throw fail("adapter modules don't support multi-memory") }
                if startIndex != nil { throw fail("the adapter has a start function and a stack pointer to initialize") }
                bodies.append((emptyType, Self.allocateStack(realloc: reallocIndex, sp: spNew, state: allocationState.flatMap { globalMap[$0] })))
                startIndex = nextFunc; nextFunc += 1
            }
        }

        // Writing.
        w.append(CoreModuleWriter.header)
        func section(_ id: UInt8, _ body: [UInt8]) { w.section(id, body) }
        var s = ByteWriter()
        s.vector(typeBytes) { $0.append($1) }
        section(1, s.bytes)
        if !importEntries.isEmpty {
            s = ByteWriter()
            s.vector(importEntries) { $0.name($1.module); $0.name($1.name); $0.append($1.desc) }
            section(2, s.bytes)
        }
        if !bodies.isEmpty {
            s = ByteWriter(); s.vector(bodies) { $0.u32($1.type) }; section(3, s.bytes)
        }
        let localGlobals = globals.enumerated().filter { liveGlobals.contains(UInt32($0.offset)) && { if case .local = $0.def { true } else { false } }($0.element) }
        if !localGlobals.isEmpty {
            s = ByteWriter()
            var failure: WrapError?
            s.vector(localGlobals) { out, g in
                // Re-encode the initializer with renumbered references.
                var r = ByteReader(slice: g.element.raw)
                do {
                    _ = try Self.skipValType(&r); _ = try r.readByte()
                    out.append(g.element.raw.prefix(r.position))
                    var refs = g.element.initRefs.makeIterator()
                    while !r.isAtEnd {
                        let op = try r.readByte()
                        switch op {
                        case 0x23, 0xd2:
                            _ = try r.readU32()
                            out.byte(op)
                            switch refs.next() {
                            case .global(let x)?: out.u32(globalMap[x] ?? 0)
                            case .function(let f)?: out.u32(funcMap[f] ?? 0)
                            case nil: break
                            }
                        case 0x41: out.byte(op); out.s64(try r.readSigned(bits: 32))
                        case 0x42: out.byte(op); out.s64(try r.readSigned(bits: 64))
                        case 0x43: out.byte(op); out.append(try r.readBytes(4))
                        case 0x44: out.byte(op); out.append(try r.readBytes(8))
                        case 0xd0: out.byte(op); out.s64(try r.readSigned(bits: 33))
                        default: out.byte(op)
                        }
                    }
                } catch {
                    failure = fail("global initializer: \(error)")
                }
            }
            if let failure { throw failure }
            section(6, s.bytes)
        }
        s = ByteWriter()
        var exportFailure: WrapError?
        s.vector(kept) { out, e in
            out.name(e.name); out.byte(0)
            if let n = funcMap[e.index] { out.u32(n) } else { exportFailure = fail("export `\(e.name)` lost its function") }
        }
        if let exportFailure { throw exportFailure }
        section(7, s.bytes)
        if let startIndex { s = ByteWriter(); s.u32(startIndex); section(8, s.bytes) }
        if !bodies.isEmpty {
            s = ByteWriter()
            s.vector(bodies) { $0.u32(UInt32($1.body.count)); $0.append($1.body) }
            section(10, s.bytes)
        }
        return w.bytes
    }

    // MARK: injected functions

    /// `cabi_realloc` by `memory.grow`: only fresh allocations of one page.
    static func reallocViaMemoryGrow() -> [UInt8] {
        var b = ByteWriter()
        b.append([0x01, 0x01, 0x7f])  // one i32 local
        func trapUnless(_ b: inout ByteWriter, _ value: Int64, local: UInt32) {
            b.byte(0x41); b.s64(value); b.byte(0x20); b.u32(local); b.byte(0x47)
            b.append([0x04, 0x40, 0x00, 0x0b])
        }
        trapUnless(&b, 0, local: 0)
        trapUnless(&b, 0, local: 1)
        trapUnless(&b, pageSize, local: 3)
        b.append([0x41, 0x01, 0x40, 0x00, 0x22, 0x04])  // memory.grow 1 page, tee
        b.append([0x41, 0x7f, 0x46, 0x04, 0x40, 0x00, 0x0b])  // -1: trap
        b.append([0x20, 0x04, 0x41, 0x10, 0x74, 0x0b])  // page << 16
        return b.bytes
    }

    /// Sets the stack pointer to the top of a fresh 64 KiB block; with an
    /// allocation state, only once (0 unallocated, 1 allocating, 2 done).
    static func allocateStack(realloc: UInt32, sp: UInt32, state: UInt32?) -> [UInt8] {
        var b = ByteWriter()
        b.byte(0x00)
        if let state {
            b.byte(0x23); b.u32(state); b.append([0x41, 0x00, 0x46, 0x04, 0x40, 0x41, 0x01]); b.byte(0x24); b.u32(state)
        }
        b.append([0x41, 0x00, 0x41, 0x00, 0x41, 0x08]); b.byte(0x41); b.s64(pageSize)
        b.byte(0x10); b.u32(realloc)
        b.byte(0x41); b.s64(pageSize); b.byte(0x6a)
        b.byte(0x24); b.u32(sp)
        if let state { b.append([0x41, 0x02]); b.byte(0x24); b.u32(state); b.byte(0x0b) }
        b.byte(0x0b)
        return b.bytes
    }
}
