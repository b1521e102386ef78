import WasmKit

/// Everything a lift or lower needs besides the value: the canonical
/// options of the `canon` definition (memory, realloc, string encoding),
/// the component instance whose handle table is used, and the trace.
///
/// Memory accesses are bounds-checked here, before WasmKit is asked for the
/// bytes, so a bad pointer from guest code is a trap with a message, never a crash.
final class CanonContext {
    let memory: WasmKit.Memory?
    let realloc: WasmKit.Function?
    let encoding: StringEncoding
    let state: InstanceState
    let trace: CallTrace?
    let layouts: LayoutCache
    /// The callee side of a call: borrows it receives must be dropped before it returns.
    var scope: CallScope?
    /// The caller side: own handles lent out as borrows for the duration of the call.
    var lent: [UInt32] = []
    /// The scope's resource types by resolver id, to check lifted handles' types.
    var resources: [Int: RuntimeResourceType] = [:]

    init(memory: WasmKit.Memory?, realloc: WasmKit.Function?, encoding: StringEncoding, state: InstanceState,
         trace: CallTrace?, layouts: LayoutCache) {
        self.memory = memory; self.realloc = realloc; self.encoding = encoding; self.state = state
        self.trace = trace; self.layouts = layouts
    }

    func requireMemory(_ why: String) throws(ComponentTrap) -> WasmKit.Memory {
        guard let memory else { throw ComponentTrap("the canonical option `memory` is required to \(why), but this canon definition has none") }
        return memory
    }

    func read(_ addr: Int, _ count: Int) throws(ComponentTrap) -> [UInt8] {
        let m = try requireMemory("read values from linear memory")
        guard addr >= 0, count >= 0, addr + count <= m.byteCount else {
            throw ComponentTrap("out of bounds memory access: reading \(count) bytes at \(addr) in \(state.name) (memory is \(m.byteCount) bytes)")
        }
        if count == 0 { return [] }
        let bytes = m.withUnsafeBufferPointer(offset: UInt(addr), count: count) { Array($0) }
        trace?.add(.memory(depth: trace?.depth ?? 0, write: false, instance: state.name, address: addr, bytes: bytes))
        return bytes
    }

    func write(_ addr: Int, _ bytes: [UInt8]) throws(ComponentTrap) {
        let m = try requireMemory("write values to linear memory")
        guard addr >= 0, addr + bytes.count <= m.byteCount else {
            throw ComponentTrap("out of bounds memory access: writing \(bytes.count) bytes at \(addr) in \(state.name) (memory is \(m.byteCount) bytes)")
        }
        if bytes.isEmpty { return }
        m.withUnsafeMutableBufferPointer(offset: UInt(addr), count: bytes.count) { buf in
            for (i, b) in bytes.enumerated() { buf[i] = b }
        }
        trace?.add(.memory(depth: trace?.depth ?? 0, write: true, instance: state.name, address: addr, bytes: bytes))
    }

    func readUInt(_ addr: Int, _ size: Int) throws(ComponentTrap) -> UInt64 {
        let b = try read(addr, size)
        var v: UInt64 = 0
        for i in (0..<size).reversed() { v = v << 8 | UInt64(b[i]) }
        return v
    }

    func writeUInt(_ addr: Int, _ size: Int, _ value: UInt64) throws(ComponentTrap) {
        var b: [UInt8] = []
        b.reserveCapacity(size)
        for i in 0..<size { b.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
        try write(addr, b)
    }

    /// Calls the `realloc` option to get `size` bytes aligned to `alignment`.
    func allocate(size: Int, alignment: Int, for what: String) throws -> Int {
        guard let realloc else {
            throw ComponentTrap("the canonical option `realloc` is required to pass \(what) into \(state.name), but this canon definition has none")
        }
        let r = try realloc.invoke([.i32(0), .i32(0), .i32(UInt32(alignment)), .i32(UInt32(truncatingIfNeeded: size))])
        guard case .i32(let p)? = r.first else { throw ComponentTrap("realloc in \(state.name) returned no i32") }
        let ptr = Int(p)
        guard ptr % max(alignment, 1) == 0 else {
            throw ComponentTrap("realloc in \(state.name) returned \(ptr), which is not aligned to \(alignment)")
        }
        let m = try requireMemory("allocate memory")
        guard ptr + size <= m.byteCount else {
            throw ComponentTrap("realloc in \(state.name) returned \(ptr), but \(size) bytes there are out of bounds (memory is \(m.byteCount) bytes)")
        }
        trace?.add(.note(depth: trace?.depth ?? 0, "realloc(0, 0, \(alignment), \(size)) = \(ptr) in \(state.name) for \(what)"))
        return ptr
    }

    func checkAligned(_ ptr: Int, _ alignment: Int, _ what: String) throws(ComponentTrap) {
        guard alignment <= 1 || ptr % alignment == 0 else {
            throw ComponentTrap("\(what) pointer \(ptr) is not aligned to \(alignment)")
        }
    }
}

/// Layouts of the value types met at run time, built once each by the ABI
/// engine (`CanonicalABI.layout`) and reused for every call.
final class LayoutCache {
    private var cache: [ValueType: Layout] = [:]

    func layout(_ t: ValueType) throws(ComponentTrap) -> Layout {
        if let l = cache[t] { return l }
        do {
            let l = try CanonicalABI.layout(of: t)
            cache[t] = l
            return l
        } catch {
            throw ComponentTrap("the type has no Canonical ABI layout: \(error)")
        }
    }

    func flat(_ t: ValueType) throws(ComponentTrap) -> [CoreValueType] { try layout(t).flat }
}

extension WasmKit.Value {
    /// The value as the trace shows it: `i32 5`.
    var traceText: String {
        switch self {
        case .i32(let v): "i32 \(Int32(bitPattern: v))"
        case .i64(let v): "i64 \(Int64(bitPattern: v))"
        case .f32(let v): "f32 \(Float(bitPattern: v))"
        case .f64(let v): "f64 \(Double(bitPattern: v))"
        case .v128: "v128"
        case .ref: "ref"
        }
    }
}

extension CoreValueType {
    var wasmKitType: WasmKit.ValueType {
        switch self {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        }
    }

    var zero: WasmKit.Value {
        switch self {
        case .i32: .i32(0)
        case .i64: .i64(0)
        case .f32: .f32(0)
        case .f64: .f64(0)
        }
    }
}
