import WasmKit

/// Lifting: reading component values out of core values and linear memory
/// (the spec's `lift_flat` and `load`), with the traps the spec requires
/// (bad chars, bad discriminants, invalid UTF-8, unknown handles, ...).
extension CanonContext {
    /// Core values consumed left to right.
    struct FlatReader {
        var values: [WasmKit.Value]
        var i = 0
        mutating func next() throws(ComponentTrap) -> WasmKit.Value {
            guard i < values.count else { throw ComponentTrap("too few core values to lift") }
            defer { i += 1 }
            return values[i]
        }
    }

    func liftFlat(_ t: ValueType, _ r: inout FlatReader) throws -> ComponentValue {
        switch t {
        case .bool: return .bool(try i32(&r) != 0)
        case .s8: return .s8(Int8(truncatingIfNeeded: try i32(&r)))
        case .u8: return .u8(UInt8(truncatingIfNeeded: try i32(&r)))
        case .s16: return .s16(Int16(truncatingIfNeeded: try i32(&r)))
        case .u16: return .u16(UInt16(truncatingIfNeeded: try i32(&r)))
        case .s32: return .s32(Int32(bitPattern: try i32(&r)))
        case .u32: return .u32(try i32(&r))
        case .s64: return .s64(Int64(bitPattern: try i64(&r)))
        case .u64: return .u64(try i64(&r))
        case .f32:
            guard case .f32(let b) = try r.next() else { throw ComponentTrap("expected an f32 core value") }
            return .f32(Float(bitPattern: b))
        case .f64:
            guard case .f64(let b) = try r.next() else { throw ComponentTrap("expected an f64 core value") }
            return .f64(Double(bitPattern: b))
        case .char: return .char(try char(try i32(&r)))
        case .string:
            let p = Int(try i32(&r)), n = Int(try i32(&r))
            return .string(try loadString(p, n))
        case .list(let e):
            let p = Int(try i32(&r)), n = Int(try i32(&r))
            return .list(try loadList(e, p, n))
        case .map(let k, let v):
            let p = Int(try i32(&r)), n = Int(try i32(&r))
            return .list(try loadList(.tuple([k, v]), p, n))
        case .fixedList(let e, let n):
            var xs: [ComponentValue] = []
            for _ in 0..<n { xs.append(try liftFlat(e, &r)) }
            return .list(xs)
        case .record(let fields):
            var out: [(name: String, value: ComponentValue)] = []
            for f in fields { out.append((f.name, try liftFlat(f.type, &r))) }
            return .record(out)
        case .tuple(let ts):
            var out: [ComponentValue] = []
            for t in ts { out.append(try liftFlat(t, &r)) }
            return .tuple(out)
        case .flags(let labels):
            let bits = try i32(&r)
            return .flags(labels.enumerated().filter { bits & (1 << UInt32($0.offset)) != 0 }.map(\.element))
        case .own(let id): return .own(try liftOwn(try i32(&r), resources[id.id]))
        case .borrow(let id): return .borrow(try liftBorrow(try i32(&r), resources[id.id]))
        case .enumeration, .option, .result, .variant:
            let cases = variantCases(t)
            let disc = Int(try i32(&r))
            let slots = CanonicalABI.Unchecked.joinedPayload(cases.map(\.type), .memory32)
            var payload: [WasmKit.Value] = []
            for _ in slots { payload.append(try r.next()) }
            guard disc < cases.count else { throw ComponentTrap("invalid discriminant \(disc) for a type with \(cases.count) cases") }
            let c = cases[disc]
            var value: ComponentValue?
            if let ct = c.type {
                // Each flat value of the case was widened to its shared slot; narrow it back.
                let want = try layouts.flat(ct)
                var narrowed: [WasmKit.Value] = []
                for (j, w) in want.enumerated() { narrowed.append(try Self.narrow(payload[j], to: w)) }
                var sub = FlatReader(values: narrowed)
                value = try liftFlat(ct, &sub)
            }
            return Self.makeVariant(t, disc, c.name, value)
        case .errorContext, .stream, .future:
            throw ComponentTrap("values of type \(TypeText().value(t)) are not supported by this runtime")
        }
    }

    func load(_ t: ValueType, at ptr: Int) throws -> ComponentValue {
        switch t {
        case .bool: return .bool(try readUInt(ptr, 1) != 0)
        case .s8: return .s8(Int8(truncatingIfNeeded: try readUInt(ptr, 1)))
        case .u8: return .u8(UInt8(truncatingIfNeeded: try readUInt(ptr, 1)))
        case .s16: return .s16(Int16(truncatingIfNeeded: try readUInt(ptr, 2)))
        case .u16: return .u16(UInt16(truncatingIfNeeded: try readUInt(ptr, 2)))
        case .s32: return .s32(Int32(truncatingIfNeeded: try readUInt(ptr, 4)))
        case .u32: return .u32(UInt32(truncatingIfNeeded: try readUInt(ptr, 4)))
        case .s64: return .s64(Int64(bitPattern: try readUInt(ptr, 8)))
        case .u64: return .u64(try readUInt(ptr, 8))
        case .f32: return .f32(Float(bitPattern: UInt32(truncatingIfNeeded: try readUInt(ptr, 4))))
        case .f64: return .f64(Double(bitPattern: try readUInt(ptr, 8)))
        case .char: return .char(try char(UInt32(truncatingIfNeeded: try readUInt(ptr, 4))))
        case .string:
            return .string(try loadString(Int(try readUInt(ptr, 4)), Int(try readUInt(ptr + 4, 4))))
        case .list(let e):
            return .list(try loadList(e, Int(try readUInt(ptr, 4)), Int(try readUInt(ptr + 4, 4))))
        case .map(let k, let v):
            return .list(try loadList(.tuple([k, v]), Int(try readUInt(ptr, 4)), Int(try readUInt(ptr + 4, 4))))
        case .own(let id): return .own(try liftOwn(UInt32(truncatingIfNeeded: try readUInt(ptr, 4)), resources[id.id]))
        case .borrow(let id): return .borrow(try liftBorrow(UInt32(truncatingIfNeeded: try readUInt(ptr, 4)), resources[id.id]))
        case .flags(let labels):
            let l = try layouts.layout(t)
            let bits = try readUInt(ptr, l.size)
            return .flags(labels.enumerated().filter { bits & (1 << UInt64($0.offset)) != 0 }.map(\.element))
        case .fixedList(let e, let n):
            let size = try layouts.layout(e).size
            var xs: [ComponentValue] = []
            for i in 0..<Int(n) { xs.append(try load(e, at: ptr + i * size)) }
            return .list(xs)
        case .record(let fields):
            let l = try layouts.layout(t)
            var out: [(name: String, value: ComponentValue)] = []
            for (f, m) in zip(fields, l.members) { out.append((f.name, try load(f.type, at: ptr + m.offset))) }
            return .record(out)
        case .tuple(let ts):
            let l = try layouts.layout(t)
            var out: [ComponentValue] = []
            for (et, m) in zip(ts, l.members) { out.append(try load(et, at: ptr + m.offset)) }
            return .tuple(out)
        case .enumeration, .option, .result, .variant:
            guard let v = try layouts.layout(t).variant else { throw ComponentTrap("no variant layout") }
            let disc = Int(try readUInt(ptr, v.discriminant.size))
            let cases = variantCases(t)
            guard disc < cases.count else { throw ComponentTrap("invalid discriminant \(disc) for a type with \(cases.count) cases") }
            let value = try cases[disc].type.map { ct throws in try load(ct, at: ptr + v.payloadOffset) }
            return Self.makeVariant(t, disc, cases[disc].name, value)
        case .errorContext, .stream, .future:
            throw ComponentTrap("values of type \(TypeText().value(t)) are not supported by this runtime")
        }
    }

    // MARK: pieces

    private func i32(_ r: inout FlatReader) throws(ComponentTrap) -> UInt32 {
        switch try r.next() {
        case .i32(let v): return v
        case .i64(let v): return UInt32(truncatingIfNeeded: v)
        default: throw ComponentTrap("expected an i32 core value")
        }
    }

    private func i64(_ r: inout FlatReader) throws(ComponentTrap) -> UInt64 {
        guard case .i64(let v) = try r.next() else { throw ComponentTrap("expected an i64 core value") }
        return v
    }

    private func char(_ v: UInt32) throws(ComponentTrap) -> Unicode.Scalar {
        guard let c = Unicode.Scalar(v) else { throw ComponentTrap("invalid char: \(v) is not a Unicode scalar value") }
        return c
    }

    /// The case names and payload types of any variant-like type.
    func variantCases(_ t: ValueType) -> [(name: String, type: ValueType?)] {
        if case .variant(let cases) = t.abiShape { return cases }
        return []
    }

    static func makeVariant(_ t: ValueType, _ disc: Int, _ name: String, _ value: ComponentValue?) -> ComponentValue {
        switch t {
        case .enumeration: return .enumeration(name)
        case .option: return .option(disc == 0 ? nil : value)
        case .result: return .result(isOk: disc == 0, payload: value)
        default: return .variant(name: name, payload: value)
        }
    }

    /// `lift_flat_variant`'s coercion of a shared slot back to the case's own core type.
    static func narrow(_ v: WasmKit.Value, to want: CoreValueType) throws(ComponentTrap) -> WasmKit.Value {
        switch (want, v) {
        case (.i32, .i32), (.i64, .i64), (.f32, .f32), (.f64, .f64): return v
        case (.i32, .i64(let x)): return .i32(UInt32(truncatingIfNeeded: x))
        case (.f32, .i32(let x)): return .f32(x)
        case (.f32, .i64(let x)): return .f32(UInt32(truncatingIfNeeded: x))
        case (.f64, .i64(let x)): return .f64(x)
        default: throw ComponentTrap("variant payload slot holds \(v.traceText), which cannot carry a \(want.rawValue)")
        }
    }

    func loadString(_ ptr: Int, _ taggedLength: Int) throws -> String {
        var units = taggedLength
        var enc = encoding
        if encoding == .latin1UTF16 {
            if units & (1 << 31) != 0 { units ^= 1 << 31; enc = .utf16 } else { enc = .latin1UTF16 }
        }
        let unit = enc == .utf16 ? 2 : 1
        // latin1+utf16 strings are 2-aligned even when they hold Latin-1 bytes.
        try checkAligned(ptr, encoding.byteAlignment, "string")
        guard units * unit <= StringEncoding.maxByteLength else {
            throw ComponentTrap("string of \(units * unit) bytes exceeds the maximum string length")
        }
        let bytes = try read(ptr, units * unit)
        switch enc {
        case .utf8:
            guard let s = String(validating: bytes, as: UTF8.self) else {
                throw ComponentTrap("invalid UTF-8 in a string of \(bytes.count) bytes at \(ptr) in \(state.name)")
            }
            return s
        case .utf16:
            var u16: [UInt16] = []
            u16.reserveCapacity(units)
            for i in 0..<units { u16.append(UInt16(bytes[2 * i]) | UInt16(bytes[2 * i + 1]) << 8) }
            guard let s = String(validating: u16, as: UTF16.self) else {
                throw ComponentTrap("invalid UTF-16 in a string of \(units) code units at \(ptr) in \(state.name)")
            }
            return s
        case .latin1UTF16:
            var s = ""
            for b in bytes { s.unicodeScalars.append(Unicode.Scalar(b)) }
            return s
        }
    }

    func loadList(_ e: ValueType, _ ptr: Int, _ n: Int) throws -> [ComponentValue] {
        let l = try layouts.layout(e)
        try checkAligned(ptr, l.alignment, "list")
        let m = try requireMemory("read a list")
        guard n >= 0, ptr + n * l.size <= m.byteCount else {
            throw ComponentTrap("out of bounds memory access: a list of \(n) elements of \(l.size) bytes at \(ptr) in \(state.name) (memory is \(m.byteCount) bytes)")
        }
        var xs: [ComponentValue] = []
        xs.reserveCapacity(n)
        for i in 0..<n { xs.append(try load(e, at: ptr + i * l.size)) }
        return xs
    }

    /// `lift_own`: the handle leaves this instance's table.
    func liftOwn(_ i: UInt32, _ expected: RuntimeResourceType?) throws(ComponentTrap) -> ResourceHandle {
        let e = try state.table.get(i, in: state.name)
        try checkType(e, i, expected)
        guard e.own else { throw ComponentTrap("handle \(i) in \(state.name) is a borrow, where an own handle was expected") }
        guard e.lends == 0 else { throw ComponentTrap("handle \(i) in \(state.name) cannot be moved while it is lent out") }
        _ = try state.table.remove(i, in: state.name)
        return ResourceHandle(type: e.type, rep: e.rep)
    }

    /// `lift_borrow`: the handle stays; an own handle counts one more lend until the call ends.
    func liftBorrow(_ i: UInt32, _ expected: RuntimeResourceType?) throws(ComponentTrap) -> ResourceHandle {
        let e = try state.table.get(i, in: state.name)
        try checkType(e, i, expected)
        if e.own {
            state.table.update(i) { $0.lends += 1 }
            lent.append(i)
        }
        return ResourceHandle(type: e.type, rep: e.rep)
    }

    /// A handle must be of the resource type the function type names (when
    /// this scope knows that type: it may come from an instance type never aliased here).
    private func checkType(_ e: HandleEntry, _ i: UInt32, _ expected: RuntimeResourceType?) throws(ComponentTrap) {
        guard let expected, e.type !== expected else { return }
        throw ComponentTrap("handle index \(i) in \(state.name) used with the wrong type: expected a \(expected.name), found a \(e.type.name)")
    }

    /// Ends the lends of a call (the spec's `lenders` released at return).
    func releaseLends() {
        for i in lent { state.table.update(i) { $0.lends -= 1 } }
        lent.removeAll()
    }
}
