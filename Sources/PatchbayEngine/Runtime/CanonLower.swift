import WasmKit

/// Lowering: writing component values as core values and into linear
/// memory (the spec's `lower_flat` and `store`). Strings and lists are
/// copied into memory the callee or caller allocates with its `realloc`.
extension CanonContext {
    func lowerFlat(_ v: ComponentValue, _ t: ValueType, into out: inout [WasmKit.Value]) throws {
        switch (t, v) {
        case (.bool, .bool(let b)): out.append(.i32(b ? 1 : 0))
        case (.s8, .s8(let x)): out.append(.i32(UInt32(bitPattern: Int32(x))))
        case (.u8, .u8(let x)): out.append(.i32(UInt32(x)))
        case (.s16, .s16(let x)): out.append(.i32(UInt32(bitPattern: Int32(x))))
        case (.u16, .u16(let x)): out.append(.i32(UInt32(x)))
        case (.s32, .s32(let x)): out.append(.i32(UInt32(bitPattern: x)))
        case (.u32, .u32(let x)): out.append(.i32(x))
        case (.s64, .s64(let x)): out.append(.i64(UInt64(bitPattern: x)))
        case (.u64, .u64(let x)): out.append(.i64(x))
        case (.f32, .f32(let x)): out.append(.f32(x.bitPattern))
        case (.f64, .f64(let x)): out.append(.f64(x.bitPattern))
        case (.char, .char(let c)): out.append(.i32(c.value))
        case (.string, .string(let s)):
            let (p, n) = try storeString(s)
            out.append(.i32(UInt32(p))); out.append(.i32(UInt32(truncatingIfNeeded: n)))
        case (.list(let e), .list(let xs)):
            let p = try storeList(xs, e)
            out.append(.i32(UInt32(p))); out.append(.i32(UInt32(xs.count)))
        case (.map(let k, let val), .list(let xs)):
            let p = try storeList(xs, .tuple([k, val]))
            out.append(.i32(UInt32(p))); out.append(.i32(UInt32(xs.count)))
        case (.fixedList(let e, let n), .list(let xs)):
            guard xs.count == Int(n) else { throw ComponentTrap("a list<_, \(n)> needs \(n) elements, got \(xs.count)") }
            for x in xs { try lowerFlat(x, e, into: &out) }
        case (.record(let fields), .record(let vs)):
            guard fields.count == vs.count else { throw mismatch(t, v) }
            for (f, fv) in zip(fields, vs) { try lowerFlat(fv.value, f.type, into: &out) }
        case (.tuple(let ts), .tuple(let vs)):
            guard ts.count == vs.count else { throw mismatch(t, v) }
            for (et, ev) in zip(ts, vs) { try lowerFlat(ev, et, into: &out) }
        case (.flags(let labels), .flags(let set)):
            out.append(.i32(UInt32(truncatingIfNeeded: flagBits(labels, set))))
        case (.own, .own(let h)): out.append(.i32(try lowerOwn(h)))
        case (.borrow, .borrow(let h)), (.borrow, .own(let h)): out.append(.i32(try lowerBorrow(h)))
        case (.enumeration, _), (.option, _), (.result, _), (.variant, _):
            let cases = variantCases(t)
            let (disc, payload) = try caseOf(v, t, cases)
            out.append(.i32(UInt32(disc)))
            let slots = CanonicalABI.Unchecked.joinedPayload(cases.map(\.type), .memory32)
            var own: [WasmKit.Value] = []
            if let pt = cases[disc].type, let payload { try lowerFlat(payload, pt, into: &own) }
            // Widen each flat value to its shared slot; zero the slots the case does not use.
            for (j, slot) in slots.enumerated() {
                out.append(j < own.count ? Self.widen(own[j], to: slot) : slot.zero)
            }
        default:
            throw mismatch(t, v)
        }
    }

    func store(_ v: ComponentValue, _ t: ValueType, at ptr: Int) throws {
        switch (t, v) {
        case (.bool, .bool(let b)): try writeUInt(ptr, 1, b ? 1 : 0)
        case (.s8, .s8(let x)): try writeUInt(ptr, 1, UInt64(UInt8(bitPattern: x)))
        case (.u8, .u8(let x)): try writeUInt(ptr, 1, UInt64(x))
        case (.s16, .s16(let x)): try writeUInt(ptr, 2, UInt64(UInt16(bitPattern: x)))
        case (.u16, .u16(let x)): try writeUInt(ptr, 2, UInt64(x))
        case (.s32, .s32(let x)): try writeUInt(ptr, 4, UInt64(UInt32(bitPattern: x)))
        case (.u32, .u32(let x)): try writeUInt(ptr, 4, UInt64(x))
        case (.s64, .s64(let x)): try writeUInt(ptr, 8, UInt64(bitPattern: x))
        case (.u64, .u64(let x)): try writeUInt(ptr, 8, x)
        case (.f32, .f32(let x)): try writeUInt(ptr, 4, UInt64(x.bitPattern))
        case (.f64, .f64(let x)): try writeUInt(ptr, 8, x.bitPattern)
        case (.char, .char(let c)): try writeUInt(ptr, 4, UInt64(c.value))
        case (.string, .string(let s)):
            let (p, n) = try storeString(s)
            try writeUInt(ptr, 4, UInt64(p)); try writeUInt(ptr + 4, 4, UInt64(n))
        case (.list(let e), .list(let xs)):
            let p = try storeList(xs, e)
            try writeUInt(ptr, 4, UInt64(p)); try writeUInt(ptr + 4, 4, UInt64(xs.count))
        case (.map(let k, let val), .list(let xs)):
            let p = try storeList(xs, .tuple([k, val]))
            try writeUInt(ptr, 4, UInt64(p)); try writeUInt(ptr + 4, 4, UInt64(xs.count))
        case (.fixedList(let e, let n), .list(let xs)):
            guard xs.count == Int(n) else { throw ComponentTrap("a list<_, \(n)> needs \(n) elements, got \(xs.count)") }
            let size = try layouts.layout(e).size
            for (i, x) in xs.enumerated() { try store(x, e, at: ptr + i * size) }
        case (.record(let fields), .record(let vs)):
            guard fields.count == vs.count else { throw mismatch(t, v) }
            let l = try layouts.layout(t)
            for ((f, fv), m) in zip(zip(fields, vs), l.members) { try store(fv.value, f.type, at: ptr + m.offset) }
        case (.tuple(let ts), .tuple(let vs)):
            guard ts.count == vs.count else { throw mismatch(t, v) }
            let l = try layouts.layout(t)
            for ((et, ev), m) in zip(zip(ts, vs), l.members) { try store(ev, et, at: ptr + m.offset) }
        case (.flags(let labels), .flags(let set)):
            try writeUInt(ptr, try layouts.layout(t).size, flagBits(labels, set))
        case (.own, .own(let h)): try writeUInt(ptr, 4, UInt64(try lowerOwn(h)))
        case (.borrow, .borrow(let h)), (.borrow, .own(let h)): try writeUInt(ptr, 4, UInt64(try lowerBorrow(h)))
        case (.enumeration, _), (.option, _), (.result, _), (.variant, _):
            guard let vl = try layouts.layout(t).variant else { throw mismatch(t, v) }
            let cases = variantCases(t)
            let (disc, payload) = try caseOf(v, t, cases)
            try writeUInt(ptr, vl.discriminant.size, UInt64(disc))
            if let pt = cases[disc].type, let payload { try store(payload, pt, at: ptr + vl.payloadOffset) }
        default:
            throw mismatch(t, v)
        }
    }

    // MARK: pieces

    func mismatch(_ t: ValueType, _ v: ComponentValue) -> ComponentTrap {
        ComponentTrap("value \(WaveSyntax.print(v)) does not have type \(TypeText().value(t))")
    }

    func flagBits(_ labels: [String], _ set: [String]) -> UInt64 {
        var bits: UInt64 = 0
        for (i, l) in labels.enumerated() where set.contains(l) { bits |= 1 << UInt64(i) }
        return bits
    }

    /// The case index and payload of a variant-like value of type `t`.
    func caseOf(_ v: ComponentValue, _ t: ValueType, _ cases: [(name: String, type: ValueType?)]) throws(ComponentTrap) -> (Int, ComponentValue?) {
        switch (t, v) {
        case (.enumeration, .enumeration(let n)):
            guard let i = cases.firstIndex(where: { $0.name == n }) else { throw mismatch(t, v) }
            return (i, nil)
        case (.option, .option(let p)): return (p == nil ? 0 : 1, p)
        case (.result, .result(let ok, let p)): return (ok ? 0 : 1, p)
        case (.variant, .variant(let n, let p)):
            guard let i = cases.firstIndex(where: { $0.name == n }) else { throw mismatch(t, v) }
            return (i, p)
        default: throw mismatch(t, v)
        }
    }

    /// `lower_flat_variant`'s widening of a case's core value to the shared slot type.
    static func widen(_ v: WasmKit.Value, to slot: CoreValueType) -> WasmKit.Value {
        switch (slot, v) {
        case (.i64, .i32(let x)): return .i64(UInt64(x))
        case (.i32, .f32(let x)): return .i32(x)
        case (.i64, .f32(let x)): return .i64(UInt64(x))
        case (.i64, .f64(let x)): return .i64(x)
        default: return v
        }
    }

    /// Copies a string into memory in this context's encoding; returns
    /// (pointer, length word) where the length counts code units (and, for
    /// latin1+utf16, carries the UTF-16 tag bit).
    func storeString(_ s: String) throws -> (Int, Int) {
        switch encoding {
        case .utf8:
            let bytes = Array(s.utf8)
            guard bytes.count <= StringEncoding.maxByteLength else { throw ComponentTrap("string too long to pass") }
            let p = try allocate(size: bytes.count, alignment: 1, for: "a string")
            try write(p, bytes)
            return (p, bytes.count)
        case .utf16:
            let units = Array(s.utf16)
            let p = try allocate(size: 2 * units.count, alignment: 2, for: "a string")
            try write(p, units.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8($0 >> 8)] })
            return (p, units.count)
        case .latin1UTF16:
            if s.unicodeScalars.allSatisfy({ $0.value < 0x100 }) {
                let bytes = s.unicodeScalars.map { UInt8($0.value) }
                let p = try allocate(size: bytes.count, alignment: 2, for: "a string")
                try write(p, bytes)
                return (p, bytes.count)
            }
            let units = Array(s.utf16)
            let p = try allocate(size: 2 * units.count, alignment: 2, for: "a string")
            try write(p, units.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8($0 >> 8)] })
            return (p, units.count | 1 << 31)
        }
    }

    func storeList(_ xs: [ComponentValue], _ e: ValueType) throws -> Int {
        let l = try layouts.layout(e)
        let p = try allocate(size: xs.count * l.size, alignment: l.alignment, for: "a list")
        for (i, x) in xs.enumerated() { try store(x, e, at: p + i * l.size) }
        return p
    }

    /// `lower_own`: the receiving instance gets a new own handle.
    func lowerOwn(_ h: ResourceHandle) throws(ComponentTrap) -> UInt32 {
        state.table.add(HandleEntry(type: h.type, rep: h.rep, own: true))
    }

    /// `lower_borrow`: the implementing instance sees the representation;
    /// any other gets a borrow handle it must drop before the call returns.
    func lowerBorrow(_ h: ResourceHandle) throws(ComponentTrap) -> UInt32 {
        if h.type.implementation === state { return h.rep }
        let scope = self.scope ?? CallScope()
        self.scope = scope
        scope.borrows += 1
        return state.table.add(HandleEntry(type: h.type, rep: h.rep, own: false, scope: scope))
    }
}
