import WasmParser
import WasmTypes

/// Type-checks core function bodies: the operand-stack algorithm of the
/// core spec's validation appendix, over the instructions WasmKit's parser
/// decodes (WasmKit's own validation lives in its runtime, which would have
/// to instantiate the module).
///
/// Covered: the 2.0 instruction set without SIMD (numeric, parametric,
/// variable, memory incl. memory64 and multi-memory, bulk memory and tables,
/// reference types, control incl. multi-value and tail calls), plus
/// `v128.const` and v128 loads and stores. A function that uses anything
/// else (other SIMD, atomics, GC, typed function references, exceptions) is
/// parsed but not type-checked, and counted, so the caller can say so.
struct CoreBodyChecker: AnyInstructionVisitor {
    typealias VisitorError = CheckError

    struct CheckError: Error { var message: String; var offset: Int }
    /// Thrown to stop checking a function that uses an unsupported instruction.
    static let unsupported = CheckError(message: "", offset: -1)

    /// What a module declares that function bodies refer to.
    struct Module: Sendable {
        var types: [WasmTypes.CompositeType?] = []
        var functions: [UInt32] = []   // type index of each function
        var tables: [WasmParser.TableType] = []
        var memories: [WasmParser.Limits] = []
        var globals: [WasmParser.GlobalType] = []
        var elementCount = 0
        var dataCount: UInt32?

        func functionType(_ typeIndex: UInt32) -> WasmTypes.FunctionType? {
            guard Int(typeIndex) < types.count, case .function(let f)? = types[Int(typeIndex)] else { return nil }
            return f
        }
    }

    /// An operand: a value type, or unknown under unreachable code.
    enum Operand: Equatable {
        case known(WasmTypes.ValueType)
        case unknown
    }

    struct Frame {
        enum Kind { case block, loop, `if`, `else`, function }
        var kind: Kind
        var params: [WasmTypes.ValueType]
        var results: [WasmTypes.ValueType]
        var height: Int
        var unreachable = false
        var labelTypes: [WasmTypes.ValueType] { kind == .loop ? params : results }
    }

    let module: Module
    var locals: [WasmTypes.ValueType]
    var results: [WasmTypes.ValueType]
    var stack: [Operand] = []
    var frames: [Frame] = []
    var binaryOffset = 0

    init(module: Module, type: WasmTypes.FunctionType, locals: [WasmTypes.ValueType]) {
        self.module = module
        self.locals = type.parameters + locals
        self.results = type.results
        frames = [Frame(kind: .function, params: [], results: type.results, height: 0)]
    }

    /// Whether the final `end` has closed the function frame.
    var finished: Bool { frames.isEmpty }

    // MARK: the stack

    func fail(_ message: String) -> CheckError { CheckError(message: message, offset: binaryOffset) }

    mutating func push(_ t: WasmTypes.ValueType) { stack.append(.known(t)) }
    mutating func push(_ ts: [WasmTypes.ValueType]) { for t in ts { stack.append(.known(t)) } }

    mutating func pop() throws(CheckError) -> Operand {
        guard let frame = frames.last else { throw fail("instruction after the end of the function") }
        if stack.count == frame.height {
            if frame.unreachable { return .unknown }
            throw fail("type mismatch: expected a value but nothing on stack")
        }
        return stack.removeLast()
    }

    @discardableResult
    mutating func pop(_ expected: WasmTypes.ValueType) throws(CheckError) -> Operand {
        guard let frame = frames.last else { throw fail("instruction after the end of the function") }
        if stack.count == frame.height {
            if frame.unreachable { return .known(expected) }
            throw fail("type mismatch: expected \(Self.name(expected)) but nothing on stack")
        }
        let actual = stack.removeLast()
        if case .known(let t) = actual, !Self.matches(t, expected) {
            throw fail("type mismatch: expected \(Self.name(expected)), found \(Self.name(t))")
        }
        return actual
    }

    mutating func pop(_ ts: [WasmTypes.ValueType]) throws(CheckError) {
        for t in ts.reversed() { try pop(t) }
    }

    /// Reference subtyping is approximated: abstract heap types must be
    /// equal, a concrete (typed) reference matches any function or concrete
    /// reference (`ref.func` gives `(ref $t)` under typed function
    /// references), and nullability is not tracked. Everything else must be equal.
    static func matches(_ actual: WasmTypes.ValueType, _ expected: WasmTypes.ValueType) -> Bool {
        switch (actual, expected) {
        case (.ref(let a), .ref(let b)):
            switch (a.heapType, b.heapType) {
            case (.concrete, .concrete), (.concrete, .abstract(.funcRef)), (.abstract(.funcRef), .concrete): return true
            default: return a.heapType == b.heapType
            }
        default: return actual == expected
        }
    }

    static func name(_ t: WasmTypes.ValueType) -> String {
        switch t {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        case .v128: "v128"
        case .ref(let r):
            switch r.heapType {
            case .abstract(.funcRef): "funcref"
            case .abstract(.externRef): "externref"
            case .abstract(let a): "(ref null \(a))"
            case .concrete(let i): "(ref \(i))"
            }
        }
    }

    mutating func pushFrame(_ kind: Frame.Kind, _ params: [WasmTypes.ValueType], _ results: [WasmTypes.ValueType]) {
        frames.append(Frame(kind: kind, params: params, results: results, height: stack.count))
        push(params)
    }

    mutating func popFrame() throws(CheckError) -> Frame {
        guard let frame = frames.last else { throw fail("unexpected `end`: no block is open") }
        try pop(frame.results)
        if stack.count != frame.height {
            throw fail("type mismatch: values remaining on stack at end of block")
        }
        frames.removeLast()
        return frame
    }

    mutating func setUnreachable() {
        guard !frames.isEmpty else { return }
        stack.removeLast(stack.count - frames[frames.count - 1].height)
        frames[frames.count - 1].unreachable = true
    }

    func label(_ depth: UInt32) throws(CheckError) -> [WasmTypes.ValueType] {
        guard Int(depth) < frames.count else { throw fail("unknown label: branch depth too large") }
        return frames[frames.count - 1 - Int(depth)].labelTypes
    }

    func blockType(_ bt: WasmParser.BlockType) throws(CheckError) -> ([WasmTypes.ValueType], [WasmTypes.ValueType]) {
        switch bt {
        case .empty: return ([], [])
        case .type(let t): return ([], [t])
        case .funcType(let i):
            guard let f = module.functionType(i) else { throw fail("unknown type \(i): type index out of bounds") }
            return (f.parameters, f.results)
        }
    }

    func functionType(ofFunction f: UInt32) throws(CheckError) -> WasmTypes.FunctionType {
        guard Int(f) < module.functions.count else { throw fail("unknown function \(f): function index out of bounds") }
        guard let t = module.functionType(module.functions[Int(f)]) else { throw fail("function \(f) has no function type") }
        return t
    }

    func memoryAddress(_ m: UInt32) throws(CheckError) -> WasmTypes.ValueType {
        guard Int(m) < module.memories.count else { throw fail("unknown memory \(m)") }
        return module.memories[Int(m)].isMemory64 ? .i64 : .i32
    }

    func table(_ t: UInt32) throws(CheckError) -> (index: WasmTypes.ValueType, element: WasmTypes.ValueType) {
        guard Int(t) < module.tables.count else { throw fail("unknown table \(t): table index out of bounds") }
        let type = module.tables[Int(t)]
        return (type.limits.isMemory64 ? .i64 : .i32, .ref(type.elementType))
    }

    func local(_ i: UInt32) throws(CheckError) -> WasmTypes.ValueType {
        guard Int(i) < locals.count else { throw fail("unknown local \(i): local index out of bounds") }
        return locals[Int(i)]
    }

    func global(_ i: UInt32) throws(CheckError) -> WasmParser.GlobalType {
        guard Int(i) < module.globals.count else { throw fail("unknown global \(i): global index out of bounds") }
        return module.globals[Int(i)]
    }

    func data(_ i: UInt32) throws(CheckError) {
        guard let n = module.dataCount else { throw fail("data count section required") }
        if i >= n { throw fail("unknown data segment \(i)") }
    }

    func element(_ i: UInt32) throws(CheckError) {
        if Int(i) >= module.elementCount { throw fail("unknown elem segment \(i): segment index out of bounds") }
    }

    // MARK: instructions

    mutating func unary(_ from: WasmTypes.ValueType, _ to: WasmTypes.ValueType) throws(CheckError) { try pop(from); push(to) }
    mutating func binary(_ t: WasmTypes.ValueType, _ to: WasmTypes.ValueType) throws(CheckError) { try pop(t); try pop(t); push(to) }

    mutating func visit(_ instruction: Instruction) throws(CheckError) {
        switch instruction {
        case .unreachable: setUnreachable()
        case .nop: break
        case .block(let bt):
            let (params, results) = try blockType(bt)
            try pop(params)
            pushFrame(.block, params, results)
        case .loop(let bt):
            let (params, results) = try blockType(bt)
            try pop(params)
            pushFrame(.loop, params, results)
        case .if(let bt):
            try pop(.i32)
            let (params, results) = try blockType(bt)
            try pop(params)
            pushFrame(.if, params, results)
        case .else:
            let frame = try popFrame()
            guard frame.kind == .if else { throw fail("`else` found outside an `if` block") }
            pushFrame(.else, frame.params, frame.results)
        case .end:
            let frame = try popFrame()
            if frame.kind == .if && frame.params != frame.results {
                throw fail("type mismatch: else branch missing")
            }
            if !frames.isEmpty { push(frame.results) }
        case .br(let d):
            try pop(try label(d))
            setUnreachable()
        case .brIf(let d):
            try pop(.i32)
            let types = try label(d)
            try pop(types)
            push(types)
        case .brTable(let targets):
            try pop(.i32)
            let defaultTypes = try label(targets.defaultIndex)
            for d in targets.labelIndices {
                let types = try label(d)
                guard types.count == defaultTypes.count else { throw fail("type mismatch: br_table target labels have different number of types") }
                // Check the operands against this label and put them back.
                var taken: [Operand] = []
                for t in types.reversed() { taken.append(try pop(t)) }
                stack.append(contentsOf: taken.reversed())
            }
            try pop(defaultTypes)
            setUnreachable()
        case .return:
            try pop(results)
            setUnreachable()
        case .call(let f):
            let t = try functionType(ofFunction: f)
            try pop(t.parameters)
            push(t.results)
        case .callIndirect(let typeIndex, let tableIndex):
            let table = try table(tableIndex)
            guard let t = module.functionType(typeIndex) else { throw fail("unknown type \(typeIndex): type index out of bounds") }
            try pop(table.index)
            try pop(t.parameters)
            push(t.results)
        case .returnCall(let f):
            let t = try functionType(ofFunction: f)
            guard t.results == results else { throw fail("type mismatch: current function requires result type \(results.map(Self.name)) but callee returns \(t.results.map(Self.name))") }
            try pop(t.parameters)
            setUnreachable()
        case .returnCallIndirect(let typeIndex, let tableIndex):
            let table = try table(tableIndex)
            guard let t = module.functionType(typeIndex) else { throw fail("unknown type \(typeIndex): type index out of bounds") }
            guard t.results == results else { throw fail("type mismatch: current function requires result type \(results.map(Self.name)) but callee returns \(t.results.map(Self.name))") }
            try pop(table.index)
            try pop(t.parameters)
            setUnreachable()
        case .drop: _ = try pop()
        case .select:
            try pop(.i32)
            let a = try pop(), b = try pop()
            if case .known(.ref) = a { throw fail("type mismatch: select only takes integral types") }
            if case .known(.ref) = b { throw fail("type mismatch: select only takes integral types") }
            switch (a, b) {
            case (.known(let x), .known(let y)):
                if x != y { throw fail("type mismatch: select operands have different types (\(Self.name(y)) and \(Self.name(x)))") }
                push(x)
            case (.known(let x), .unknown), (.unknown, .known(let x)): push(x)
            case (.unknown, .unknown): stack.append(.unknown)
            }
        case .typedSelect(let t):
            try pop(.i32)
            try pop(t)
            try pop(t)
            push(t)
        case .localGet(let i): push(try local(i))
        case .localSet(let i): try pop(try local(i))
        case .localTee(let i):
            let t = try local(i)
            try pop(t)
            push(t)
        case .globalGet(let i): push(try global(i).valueType)
        case .globalSet(let i):
            let g = try global(i)
            guard g.mutability == .variable else { throw fail("global is immutable: cannot modify it with `global.set`") }
            try pop(g.valueType)
        case .load(let kind, let memarg):
            guard let t = Self.loadType(kind) else { throw Self.unsupported }
            try pop(try memoryAddress(memarg.memory))
            push(t)
        case .store(let kind, let memarg):
            guard let t = Self.storeType(kind) else { throw Self.unsupported }
            try pop(t)
            try pop(try memoryAddress(memarg.memory))
        case .memorySize(let m): push(try memoryAddress(m))
        case .memoryGrow(let m):
            let a = try memoryAddress(m)
            try pop(a)
            push(a)
        case .i32Const: push(.i32)
        case .i64Const: push(.i64)
        case .f32Const: push(.f32)
        case .f64Const: push(.f64)
        case .v128Const: push(.v128)
        case .refNull(let heap):
            if case .concrete = heap { throw Self.unsupported }
            push(.ref(WasmTypes.ReferenceType(isNullable: true, heapType: heap)))
        case .refIsNull:
            let v = try pop()
            if case .known(let t) = v, case .ref = t {} else if case .known(let t) = v {
                throw fail("type mismatch: expected a reference type, found \(Self.name(t))")
            }
            push(.i32)
        case .refFunc(let f):
            _ = try functionType(ofFunction: f)
            push(.ref(WasmTypes.ReferenceType(isNullable: true, heapType: .abstract(.funcRef))))
        case .i32Eqz: try unary(.i32, .i32)
        case .i64Eqz: try unary(.i64, .i32)
        case .cmp(let c): let t = Self.operandType(c); try binary(t, .i32)
        case .unary(let u): let t = Self.operandType(u); try unary(t, t)
        case .binary(let b): let t = Self.operandType(b); try binary(t, t)
        case .conversion(let c): let (from, to) = Self.types(c); try unary(from, to)
        case .memoryInit(let d, let m):
            try data(d)
            try pop(.i32)
            try pop(.i32)
            try pop(try memoryAddress(m))
        case .dataDrop(let d): try data(d)
        case .memoryCopy(let dst, let src):
            let d = try memoryAddress(dst), s = try memoryAddress(src)
            try pop(d == .i64 && s == .i64 ? .i64 : .i32)
            try pop(s)
            try pop(d)
        case .memoryFill(let m):
            let a = try memoryAddress(m)
            try pop(a)
            try pop(.i32)
            try pop(a)
        case .tableInit(let e, let t):
            try element(e)
            let table = try table(t)
            try pop(.i32)
            try pop(.i32)
            try pop(table.index)
        case .elemDrop(let e): try element(e)
        case .tableCopy(let dst, let src):
            let d = try table(dst), s = try table(src)
            try pop(d.index == .i64 && s.index == .i64 ? .i64 : .i32)
            try pop(s.index)
            try pop(d.index)
        case .tableFill(let t):
            let table = try table(t)
            try pop(table.index)
            try pop(table.element)
            try pop(table.index)
        case .tableGet(let t):
            let table = try table(t)
            try pop(table.index)
            push(table.element)
        case .tableSet(let t):
            let table = try table(t)
            try pop(table.element)
            try pop(table.index)
        case .tableGrow(let t):
            let table = try table(t)
            try pop(table.index)
            try pop(table.element)
            push(table.index)
        case .tableSize(let t): push(try table(t).index)
        default:
            // Other SIMD, atomics, GC, typed function references, exceptions.
            throw Self.unsupported
        }
    }

    static func loadType(_ k: Instruction.Load) -> WasmTypes.ValueType? {
        switch k {
        case .i32Load, .i32Load8S, .i32Load8U, .i32Load16S, .i32Load16U: .i32
        case .i64Load, .i64Load8S, .i64Load8U, .i64Load16S, .i64Load16U, .i64Load32S, .i64Load32U: .i64
        case .f32Load: .f32
        case .f64Load: .f64
        case .v128Load, .v128Load8X8S, .v128Load8X8U, .v128Load16X4S, .v128Load16X4U, .v128Load32X2S, .v128Load32X2U,
             .v128Load8Splat, .v128Load16Splat, .v128Load32Splat, .v128Load64Splat, .v128Load32Zero, .v128Load64Zero: .v128
        default: nil  // atomics
        }
    }

    static func storeType(_ k: Instruction.Store) -> WasmTypes.ValueType? {
        switch k {
        case .i32Store, .i32Store8, .i32Store16: .i32
        case .i64Store, .i64Store8, .i64Store16, .i64Store32: .i64
        case .f32Store: .f32
        case .f64Store: .f64
        case .v128Store: .v128
        default: nil  // atomics
        }
    }

    static func operandType(_ c: Instruction.Cmp) -> WasmTypes.ValueType {
        switch c {
        case .i32Eq, .i32Ne, .i32LtS, .i32LtU, .i32GtS, .i32GtU, .i32LeS, .i32LeU, .i32GeS, .i32GeU: .i32
        case .i64Eq, .i64Ne, .i64LtS, .i64LtU, .i64GtS, .i64GtU, .i64LeS, .i64LeU, .i64GeS, .i64GeU: .i64
        case .f32Eq, .f32Ne, .f32Lt, .f32Gt, .f32Le, .f32Ge: .f32
        case .f64Eq, .f64Ne, .f64Lt, .f64Gt, .f64Le, .f64Ge: .f64
        }
    }

    static func operandType(_ u: Instruction.Unary) -> WasmTypes.ValueType {
        switch u {
        case .i32Clz, .i32Ctz, .i32Popcnt, .i32Extend8S, .i32Extend16S: .i32
        case .i64Clz, .i64Ctz, .i64Popcnt, .i64Extend8S, .i64Extend16S, .i64Extend32S: .i64
        case .f32Abs, .f32Neg, .f32Ceil, .f32Floor, .f32Trunc, .f32Nearest, .f32Sqrt: .f32
        case .f64Abs, .f64Neg, .f64Ceil, .f64Floor, .f64Trunc, .f64Nearest, .f64Sqrt: .f64
        }
    }

    static func operandType(_ b: Instruction.Binary) -> WasmTypes.ValueType {
        switch b {
        case .i32Add, .i32Sub, .i32Mul, .i32DivS, .i32DivU, .i32RemS, .i32RemU, .i32And, .i32Or, .i32Xor,
             .i32Shl, .i32ShrS, .i32ShrU, .i32Rotl, .i32Rotr: .i32
        case .i64Add, .i64Sub, .i64Mul, .i64DivS, .i64DivU, .i64RemS, .i64RemU, .i64And, .i64Or, .i64Xor,
             .i64Shl, .i64ShrS, .i64ShrU, .i64Rotl, .i64Rotr: .i64
        case .f32Add, .f32Sub, .f32Mul, .f32Div, .f32Min, .f32Max, .f32Copysign: .f32
        case .f64Add, .f64Sub, .f64Mul, .f64Div, .f64Min, .f64Max, .f64Copysign: .f64
        }
    }

    static func types(_ c: Instruction.Conversion) -> (WasmTypes.ValueType, WasmTypes.ValueType) {
        switch c {
        case .i32WrapI64: (.i64, .i32)
        case .i32TruncF32S, .i32TruncF32U, .i32TruncSatF32S, .i32TruncSatF32U, .i32ReinterpretF32: (.f32, .i32)
        case .i32TruncF64S, .i32TruncF64U, .i32TruncSatF64S, .i32TruncSatF64U: (.f64, .i32)
        case .i64ExtendI32S, .i64ExtendI32U: (.i32, .i64)
        case .i64TruncF32S, .i64TruncF32U, .i64TruncSatF32S, .i64TruncSatF32U: (.f32, .i64)
        case .i64TruncF64S, .i64TruncF64U, .i64TruncSatF64S, .i64TruncSatF64U, .i64ReinterpretF64: (.f64, .i64)
        case .f32ConvertI32S, .f32ConvertI32U, .f32ReinterpretI32: (.i32, .f32)
        case .f32ConvertI64S, .f32ConvertI64U: (.i64, .f32)
        case .f32DemoteF64: (.f64, .f32)
        case .f64ConvertI32S, .f64ConvertI32U: (.i32, .f64)
        case .f64ConvertI64S, .f64ConvertI64U, .f64ReinterpretI64: (.i64, .f64)
        case .f64PromoteF32: (.f32, .f64)
        }
    }
}
