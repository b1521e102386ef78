import WasmParser
import WasmTypes

/// The hot path of core code validation: decodes a function body straight
/// from its bytes and type-checks it in one pass, for the instructions real
/// toolchains emit (the 2.0 set without SIMD, atomics, GC, exceptions and
/// typed function references; value types numeric, v128, funcref and
/// externref).
///
/// Why: going through WasmKit's instruction decoder (a byte stream object,
/// an `Instruction` value per instruction, a visitor) and `CoreBodyChecker`
/// cost more than half of `plug`'s time on an 18 MB package.
///
/// It only ever answers "valid and fully checked" or "don't know": anything
/// it does not cover, any malformed encoding and any type error makes it
/// give up, and `CoreModuleReader` checks that body the slow way, which gives
/// the error message with its offset (so messages are the same as before).
/// Its rules are the spec's, and never looser than `CoreBodyChecker`'s.
struct FastBodyChecker {
    /// Value types as their one-byte binary codes; 0 is the unknown operand
    /// of unreachable code.
    typealias Code = UInt8
    static let i32: Code = 0x7f, i64: Code = 0x7e, f32: Code = 0x7d, f64: Code = 0x7c, v128: Code = 0x7b
    static let funcref: Code = 0x70, externref: Code = 0x6f, unknown: Code = 0
    /// A declaration whose type is outside the covered set.
    static let complex: Code = 0xff

    struct Signature: Sendable { var params: [Code]; var results: [Code] }

    /// The module's declarations in compact form, built once per module.
    struct Module: Sendable {
        /// Per type index: the function signature, nil when not a function
        /// type or when it uses types outside the covered set.
        var types: [Signature?] = []
        /// Per function index: its type index.
        var functions: [UInt32] = []
        /// Per table: index type and element type (`complex` if not covered).
        var tables: [(index: Code, element: Code)] = []
        var memories: [Code] = []          // address type per memory
        var globals: [(type: Code, mutable: Bool)] = []
        var elementCount = 0
        var dataCount: UInt32?

        init(_ m: CoreBodyChecker.Module) {
            types = m.types.map { t in
                guard case .function(let f)? = t else { return nil }
                var ps: [Code] = [], rs: [Code] = []
                for p in f.parameters { guard let c = FastBodyChecker.code(p) else { return nil }; ps.append(c) }
                for r in f.results { guard let c = FastBodyChecker.code(r) else { return nil }; rs.append(c) }
                return Signature(params: ps, results: rs)
            }
            functions = m.functions
            tables = m.tables.map { t in
                (t.limits.isMemory64 ? FastBodyChecker.i64 : FastBodyChecker.i32,
                 FastBodyChecker.code(.ref(t.elementType)) ?? FastBodyChecker.complex)
            }
            memories = m.memories.map { $0.isMemory64 ? FastBodyChecker.i64 : FastBodyChecker.i32 }
            globals = m.globals.map { (FastBodyChecker.code($0.valueType) ?? FastBodyChecker.complex, $0.mutability == .variable) }
            elementCount = m.elementCount
            dataCount = m.dataCount
        }
    }

    static func code(_ t: WasmTypes.ValueType) -> Code? {
        switch t {
        case .i32: i32
        case .i64: i64
        case .f32: f32
        case .f64: f64
        case .v128: v128
        case .ref(let r):
            switch (r.isNullable, r.heapType) {
            case (true, .abstract(.funcRef)): funcref
            case (true, .abstract(.externRef)): externref
            default: nil
            }
        }
    }

    /// Thrown to give up (unsupported, malformed or ill-typed).
    struct GiveUp: Error {}

    struct Frame {
        enum Kind: UInt8 { case block, loop, `if`, `else`, function }
        var kind: Kind
        var params: [Code]
        var results: [Code]
        var height: Int
        var unreachable = false
    }

    /// True when the body is valid and every instruction was checked;
    /// false when the slow path must decide.
    static func check(_ code: WasmParser.Code, type: WasmTypes.FunctionType, module: Module) -> Bool {
        var scratch = Scratch()
        return check(code, type: type, module: module, scratch: &scratch)
    }

    /// Buffers kept from one body to the next by a worker, so checking a
    /// body allocates nothing in the common case.
    struct Scratch {
        var locals: [Code] = []
        var stack: [Code] = []
        var frames: [Frame] = []
    }

    static func check(_ code: WasmParser.Code, type: WasmTypes.FunctionType, module: Module, scratch: inout Scratch) -> Bool {
        scratch.locals.removeAll(keepingCapacity: true)
        for t in type.parameters { guard let c = Self.code(t) else { return false }; scratch.locals.append(c) }
        for t in code.locals { guard let c = Self.code(t) else { return false }; scratch.locals.append(c) }
        var results: [Code] = []
        for t in type.results { guard let c = Self.code(t) else { return false }; results.append(c) }
        return code.expression.withUnsafeBytes { raw -> Bool in
            var checker = FastBodyChecker(bytes: raw, module: module, results: results)
            // The buffers are swapped in and out (never shared), so appends
            // do not copy them.
            swap(&checker.locals, &scratch.locals)
            swap(&checker.stack, &scratch.stack)
            swap(&checker.frames, &scratch.frames)
            defer {
                swap(&checker.locals, &scratch.locals)
                swap(&checker.stack, &scratch.stack)
                swap(&checker.frames, &scratch.frames)
            }
            checker.stack.removeAll(keepingCapacity: true)
            checker.frames.removeAll(keepingCapacity: true)
            checker.frames.append(Frame(kind: .function, params: [], results: results, height: 0))
            do { try checker.run() } catch { return false }
            return true
        }
    }

    let bytes: UnsafeRawBufferPointer
    var at = 0
    let module: Module
    var locals: [Code] = []
    let results: [Code]
    var stack: [Code] = []
    var frames: [Frame] = []

    init(bytes: UnsafeRawBufferPointer, module: Module, results: [Code]) {
        self.bytes = bytes; self.module = module; self.results = results
    }

    // MARK: reading (spec-strict LEB128; anything odd gives up)

    @inline(__always) mutating func byte() throws(GiveUp) -> UInt8 {
        guard at < bytes.count else { throw GiveUp() }
        let b = bytes[at]
        at += 1
        return b
    }

    @inline(__always) mutating func u32() throws(GiveUp) -> UInt32 {
        let b = try byte()
        if b < 0x80 { return UInt32(b) }
        var result = UInt32(b & 0x7f)
        var shift: UInt32 = 7
        while true {
            let b = try byte()
            if shift == 28 {
                guard b & 0xf0 == 0 else { throw GiveUp() }
                return result | UInt32(b) << 28
            }
            result |= UInt32(b & 0x7f) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    mutating func u64() throws(GiveUp) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            if shift == 63 {
                guard b & 0xfe == 0 else { throw GiveUp() }
                return result | UInt64(b) << 63
            }
            result |= UInt64(b & 0x7f) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    /// Skips a signed LEB128 of at most `bits` bits, checking its length and
    /// that the unused bits of the last byte are the sign's extension.
    mutating func skipSigned(bits: Int) throws(GiveUp) {
        var shift = 0
        while true {
            let b = try byte()
            shift += 7
            if shift >= bits {
                // Last byte allowed: the bits above `bits - 1` must all equal the sign bit.
                guard b & 0x80 == 0 else { throw GiveUp() }
                let used = bits - (shift - 7)          // bits of this byte that carry value
                let mask = UInt8(truncatingIfNeeded: (0x7f << (used - 1)) & 0x7f)  // sign bit and above
                let high = b & mask
                guard high == 0 || high == mask else { throw GiveUp() }
                return
            }
            if b & 0x80 == 0 { return }
        }
    }

    /// A block type: its parameters and results.
    mutating func blockType() throws(GiveUp) -> ([Code], [Code]) {
        guard at < bytes.count else { throw GiveUp() }
        let b = bytes[at]
        if b == 0x40 { at += 1; return ([], []) }
        switch b {
        case Self.i32, Self.i64, Self.f32, Self.f64, Self.v128, Self.funcref, Self.externref:
            at += 1
            return ([], [b])
        default: break
        }
        // Other one-byte negative values are value types not covered here.
        if b & 0xc0 == 0x40 { throw GiveUp() }
        // A type index: a non-negative s33.
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            if shift == 28 {
                // Fifth byte of an s33: 5 value bits, the rest must be zero (non-negative).
                guard b & 0xf0 == 0 else { throw GiveUp() }
                result |= UInt64(b) << 28
                break
            }
            result |= UInt64(b & 0x7f) << shift
            if b < 0x80 {
                guard b & 0x40 == 0 else { throw GiveUp() }  // negative
                break
            }
            shift += 7
        }
        guard result < UInt64(module.types.count), let sig = module.types[Int(result)] else { throw GiveUp() }
        return (sig.params, sig.results)
    }

    /// A memarg for an access of `natural` bytes: returns the memory's address type.
    mutating func memarg(natural: UInt32) throws(GiveUp) -> Code {
        var flags = try u32()
        var memory: UInt32 = 0
        if flags & 0x40 != 0 {
            guard flags < 0x80 else { throw GiveUp() }
            flags &= ~0x40
            memory = try u32()
        }
        guard flags < 32, UInt64(1) << UInt64(flags) <= UInt64(natural) else { throw GiveUp() }
        let offset = try u64()
        let address = try self.memory(memory)
        if address == Self.i32 && offset > UInt64(UInt32.max) { throw GiveUp() }
        return address
    }

    // MARK: the operand stack (the same rules as CoreBodyChecker)

    @inline(__always) mutating func push(_ t: Code) { stack.append(t) }
    @inline(__always) mutating func push(_ ts: [Code]) { stack.append(contentsOf: ts) }

    /// Pops any operand; `unknown` under unreachable code.
    @inline(__always) mutating func pop() throws(GiveUp) -> Code {
        let f = frames.count - 1
        guard f >= 0 else { throw GiveUp() }
        if stack.count == frames[f].height {
            if frames[f].unreachable { return Self.unknown }
            throw GiveUp()
        }
        return stack.removeLast()
    }

    /// Pops an operand of type `expected`; returns what was popped (the
    /// expected type itself when taken from below an unreachable frame).
    @discardableResult
    @inline(__always) mutating func pop(_ expected: Code) throws(GiveUp) -> Code {
        let f = frames.count - 1
        guard f >= 0 else { throw GiveUp() }
        if stack.count == frames[f].height {
            if frames[f].unreachable { return expected }
            throw GiveUp()
        }
        let actual = stack.removeLast()
        guard actual == expected || actual == Self.unknown else { throw GiveUp() }
        return actual
    }

    mutating func pop(_ ts: [Code]) throws(GiveUp) {
        var i = ts.count - 1
        while i >= 0 { try pop(ts[i]); i -= 1 }
    }

    mutating func pushFrame(_ kind: Frame.Kind, _ params: [Code], _ results: [Code]) {
        frames.append(Frame(kind: kind, params: params, results: results, height: stack.count))
        push(params)
    }

    mutating func popFrame() throws(GiveUp) -> Frame {
        guard let frame = frames.last else { throw GiveUp() }
        try pop(frame.results)
        guard stack.count == frame.height else { throw GiveUp() }
        frames.removeLast()
        return frame
    }

    mutating func setUnreachable() {
        let f = frames.count - 1
        guard f >= 0 else { return }
        stack.removeLast(stack.count - frames[f].height)
        frames[f].unreachable = true
    }

    func label(_ depth: UInt32) throws(GiveUp) -> [Code] {
        guard Int(depth) < frames.count else { throw GiveUp() }
        let frame = frames[frames.count - 1 - Int(depth)]
        return frame.kind == .loop ? frame.params : frame.results
    }

    func signature(ofFunction f: UInt32) throws(GiveUp) -> Signature {
        guard Int(f) < module.functions.count else { throw GiveUp() }
        let t = Int(module.functions[Int(f)])
        guard t < module.types.count, let sig = module.types[t] else { throw GiveUp() }
        return sig
    }

    func signature(ofType t: UInt32) throws(GiveUp) -> Signature {
        guard Int(t) < module.types.count, let sig = module.types[Int(t)] else { throw GiveUp() }
        return sig
    }

    func memory(_ m: UInt32) throws(GiveUp) -> Code {
        guard Int(m) < module.memories.count else { throw GiveUp() }
        return module.memories[Int(m)]
    }

    func table(_ t: UInt32) throws(GiveUp) -> (index: Code, element: Code) {
        guard Int(t) < module.tables.count else { throw GiveUp() }
        let table = module.tables[Int(t)]
        guard table.element != Self.complex else { throw GiveUp() }
        return table
    }

    func local(_ i: UInt32) throws(GiveUp) -> Code {
        guard Int(i) < locals.count else { throw GiveUp() }
        return locals[Int(i)]
    }

    func global(_ i: UInt32) throws(GiveUp) -> (type: Code, mutable: Bool) {
        guard Int(i) < module.globals.count else { throw GiveUp() }
        let g = module.globals[Int(i)]
        guard g.type != Self.complex else { throw GiveUp() }
        return g
    }

    @inline(__always) mutating func unary(_ from: Code, _ to: Code) throws(GiveUp) { try pop(from); push(to) }
    @inline(__always) mutating func binary(_ t: Code, _ to: Code) throws(GiveUp) { try pop(t); try pop(t); push(to) }

    // MARK: the instructions

    mutating func run() throws(GiveUp) {
        let I32 = Self.i32, I64 = Self.i64, F32 = Self.f32, F64 = Self.f64
        while !frames.isEmpty {
            let op = try byte()
            switch op {
            case 0x00: setUnreachable()
            case 0x01: break
            case 0x02, 0x03:
                let (params, results) = try blockType()
                try pop(params)
                pushFrame(op == 0x02 ? .block : .loop, params, results)
            case 0x04:
                let (params, results) = try blockType()
                try pop(I32)
                try pop(params)
                pushFrame(.if, params, results)
            case 0x05:
                let frame = try popFrame()
                guard frame.kind == .if else { throw GiveUp() }
                pushFrame(.else, frame.params, frame.results)
            case 0x0b:
                let frame = try popFrame()
                if frame.kind == .if && frame.params != frame.results { throw GiveUp() }
                if !frames.isEmpty { push(frame.results) }
            case 0x0c:
                let imm = try u32()
                try pop(try label(imm))
                setUnreachable()
            case 0x0d:
                let imm = try u32()
                let types = try label(imm)
                try pop(I32)
                try pop(types)
                push(types)
            case 0x0e:
                let n = try u32()
                guard Int(n) <= bytes.count - at else { throw GiveUp() }
                var targets: [UInt32] = []
                targets.reserveCapacity(Int(n))
                for _ in 0..<n { targets.append(try u32()) }
                let imm = try u32()
                let defaultTypes = try label(imm)
                try pop(I32)
                for d in targets {
                    let types = try label(d)
                    guard types.count == defaultTypes.count else { throw GiveUp() }
                    // Check the operands against this label and put them back.
                    var taken: [Code] = []
                    var i = types.count - 1
                    while i >= 0 { taken.append(try pop(types[i])); i -= 1 }
                    stack.append(contentsOf: taken.reversed())
                }
                try pop(defaultTypes)
                setUnreachable()
            case 0x0f:
                try pop(results)
                setUnreachable()
            case 0x10:
                let imm = try u32()
                let sig = try signature(ofFunction: imm)
                try pop(sig.params)
                push(sig.results)
            case 0x11:
                let typeIndex = try u32(), tableIndex = try u32()
                let sig = try signature(ofType: typeIndex)
                let table = try table(tableIndex)
                try pop(table.index)
                try pop(sig.params)
                push(sig.results)
            case 0x12:
                let imm = try u32()
                let sig = try signature(ofFunction: imm)
                guard sig.results == results else { throw GiveUp() }
                try pop(sig.params)
                setUnreachable()
            case 0x13:
                let typeIndex = try u32(), tableIndex = try u32()
                let sig = try signature(ofType: typeIndex)
                let table = try table(tableIndex)
                guard sig.results == results else { throw GiveUp() }
                try pop(table.index)
                try pop(sig.params)
                setUnreachable()
            case 0x1a: _ = try pop()
            case 0x1b:
                try pop(I32)
                let a = try pop(), b = try pop()
                guard a != Self.funcref, a != Self.externref, b != Self.funcref, b != Self.externref else { throw GiveUp() }
                if a != Self.unknown && b != Self.unknown {
                    guard a == b else { throw GiveUp() }
                    push(a)
                } else {
                    push(a != Self.unknown ? a : b)
                }
            case 0x1c:
                guard try u32() == 1 else { throw GiveUp() }
                let t = try byte()
                switch t {
                case I32, I64, F32, F64, Self.v128, Self.funcref, Self.externref: break
                default: throw GiveUp()
                }
                try pop(I32)
                try pop(t)
                try pop(t)
                push(t)
            case 0x20:
                let imm = try u32()
                push(try local(imm))
            case 0x21:
                let imm = try u32()
                try pop(try local(imm))
            case 0x22:
                let imm = try u32()
                let t = try local(imm)
                try pop(t)
                push(t)
            case 0x23:
                let imm = try u32()
                push(try global(imm).type)
            case 0x24:
                let imm = try u32()
                let g = try global(imm)
                guard g.mutable else { throw GiveUp() }
                try pop(g.type)
            case 0x25:
                let imm = try u32()
                let table = try table(imm)
                try pop(table.index)
                push(table.element)
            case 0x26:
                let imm = try u32()
                let table = try table(imm)
                try pop(table.element)
                try pop(table.index)
            case 0x28...0x35:
                let (t, natural) = Self.load(op)
                let a = try memarg(natural: natural)
                try pop(a)
                push(t)
            case 0x36...0x3e:
                let (t, natural) = Self.store(op)
                let a = try memarg(natural: natural)
                try pop(t)
                try pop(a)
            case 0x3f:
                let imm = try u32()
                push(try memory(imm))
            case 0x40:
                let imm = try u32()
                let a = try memory(imm)
                try pop(a)
                push(a)
            case 0x41: try skipSigned(bits: 32); push(I32)
            case 0x42: try skipSigned(bits: 64); push(I64)
            case 0x43:
                guard bytes.count - at >= 4 else { throw GiveUp() }
                at += 4; push(F32)
            case 0x44:
                guard bytes.count - at >= 8 else { throw GiveUp() }
                at += 8; push(F64)
            case 0x45: try unary(I32, I32)
            case 0x46...0x4f: try binary(I32, I32)
            case 0x50: try unary(I64, I32)
            case 0x51...0x5a: try binary(I64, I32)
            case 0x5b...0x60: try binary(F32, I32)
            case 0x61...0x66: try binary(F64, I32)
            case 0x67...0x69: try unary(I32, I32)
            case 0x6a...0x78: try binary(I32, I32)
            case 0x79...0x7b: try unary(I64, I64)
            case 0x7c...0x8a: try binary(I64, I64)
            case 0x8b...0x91: try unary(F32, F32)
            case 0x92...0x98: try binary(F32, F32)
            case 0x99...0x9f: try unary(F64, F64)
            case 0xa0...0xa6: try binary(F64, F64)
            case 0xa7...0xbf:
                let (from, to) = Self.conversion(op)
                try unary(from, to)
            case 0xc0, 0xc1: try unary(I32, I32)
            case 0xc2...0xc4: try unary(I64, I64)
            case 0xd0:
                let h = try byte()
                guard h == Self.funcref || h == Self.externref else { throw GiveUp() }
                push(h)
            case 0xd1:
                let v = try pop()
                guard v == Self.unknown || v == Self.funcref || v == Self.externref else { throw GiveUp() }
                push(I32)
            case 0xd2:
                let imm = try u32()
                _ = try signature(ofFunction: imm)
                push(Self.funcref)
            case 0xfc: try prefixed()
            default:
                // SIMD, atomics, GC, exceptions, typed function references.
                throw GiveUp()
            }
        }
        // The function's `end` must be its last byte.
        guard at == bytes.count else { throw GiveUp() }
    }

    mutating func prefixed() throws(GiveUp) {
        let I32 = Self.i32, I64 = Self.i64, F32 = Self.f32, F64 = Self.f64
        let sub = try u32()
        switch sub {
        case 0, 1: try unary(F32, I32)
        case 2, 3: try unary(F64, I32)
        case 4, 5: try unary(F32, I64)
        case 6, 7: try unary(F64, I64)
        case 8:
            let d = try u32()
            let imm = try u32()
            let a = try memory(imm)
            guard let n = module.dataCount, d < n else { throw GiveUp() }
            try pop(I32)
            try pop(I32)
            try pop(a)
        case 9:
            let d = try u32()
            guard let n = module.dataCount, d < n else { throw GiveUp() }
        case 10:
            let di = try u32(), si = try u32()
            let d = try memory(di), s = try memory(si)
            try pop(d == I64 && s == I64 ? I64 : I32)
            try pop(s)
            try pop(d)
        case 11:
            let imm = try u32()
            let a = try memory(imm)
            try pop(a)
            try pop(I32)
            try pop(a)
        case 12:
            let e = try u32()
            let imm = try u32()
            let table = try table(imm)
            guard Int(e) < module.elementCount else { throw GiveUp() }
            try pop(I32)
            try pop(I32)
            try pop(table.index)
        case 13:
            let e = try u32()
            guard Int(e) < module.elementCount else { throw GiveUp() }
        case 14:
            let di = try u32(), si = try u32()
            let d = try table(di), s = try table(si)
            try pop(d.index == I64 && s.index == I64 ? I64 : I32)
            try pop(s.index)
            try pop(d.index)
        case 15:
            let imm = try u32()
            let table = try table(imm)
            try pop(table.index)
            try pop(table.element)
            push(table.index)
        case 16:
            let imm = try u32()
            push(try table(imm).index)
        case 17:
            let imm = try u32()
            let table = try table(imm)
            try pop(table.index)
            try pop(table.element)
            try pop(table.index)
        default: throw GiveUp()
        }
    }

    /// Result type and natural size in bytes of the loads 0x28...0x35.
    static func load(_ op: UInt8) -> (Code, UInt32) {
        switch op {
        case 0x28: (i32, 4)
        case 0x29: (i64, 8)
        case 0x2a: (f32, 4)
        case 0x2b: (f64, 8)
        case 0x2c, 0x2d: (i32, 1)
        case 0x2e, 0x2f: (i32, 2)
        case 0x30, 0x31: (i64, 1)
        case 0x32, 0x33: (i64, 2)
        default: (i64, 4)  // 0x34, 0x35
        }
    }

    /// Operand type and natural size of the stores 0x36...0x3e.
    static func store(_ op: UInt8) -> (Code, UInt32) {
        switch op {
        case 0x36: (i32, 4)
        case 0x37: (i64, 8)
        case 0x38: (f32, 4)
        case 0x39: (f64, 8)
        case 0x3a: (i32, 1)
        case 0x3b: (i32, 2)
        case 0x3c: (i64, 1)
        case 0x3d: (i64, 2)
        default: (i64, 4)  // 0x3e
        }
    }

    /// Operand and result types of the conversions 0xa7...0xbf.
    static func conversion(_ op: UInt8) -> (Code, Code) {
        switch op {
        case 0xa7: (i64, i32)
        case 0xa8, 0xa9, 0xbc: (f32, i32)
        case 0xaa, 0xab: (f64, i32)
        case 0xac, 0xad: (i32, i64)
        case 0xae, 0xaf: (f32, i64)
        case 0xb0, 0xb1, 0xbd: (f64, i64)
        case 0xb2, 0xb3, 0xbe: (i32, f32)
        case 0xb4, 0xb5: (i64, f32)
        case 0xb6: (f64, f32)
        case 0xb7, 0xb8: (i32, f64)
        case 0xb9, 0xba, 0xbf: (i64, f64)
        default: (f32, f64)  // 0xbb
        }
    }
}
