/// The shim and fixup modules of a wrap when `--return-call-ref` asks for
/// tail calls through function references instead of `call_indirect`
/// through a table (wit-component's `shim_return_call_ref`).
///
/// The shim holds, for each lowered import the module needs before its
/// memory exists, a mutable global `g<i>` of type `(ref $t)` and a function
/// `<i>` that passes its arguments on with `return_call_ref` through that
/// global, so the shim adds no frame of its own. Until the fixup runs, each
/// global points at a trap (one per signature). The fixup module imports
/// the real functions (`<i>`) and the globals (`g<i>`) and its start
/// function stores `ref.func` of each real function in its global.
enum ReturnCallRefShims {
    /// The shim; with `memory` it also defines the module's memory and
    /// exports it as `$memory`, as the table-based shim does.
    static func shimModule(_ sigs: [CoreFuncType], memory: Limits?) -> [UInt8] {
        var table = CoreModuleWriter()
        let sigTypes = sigs.map { table.typeIndex($0) }
        let types = table.types
        // Functions: one trap per distinct signature, then the forwarders.
        let traps = Array(0..<types.count).map(UInt32.init)
        let forwarders = sigs.indices.map { UInt32(traps.count + $0) }

        var out = header
        section(1, &out) { w in w.append(CoreModuleWriter.typeSection(types).bytes) }
        section(3, &out) { w in
            w.u32(UInt32(traps.count + sigs.count))
            for t in traps { w.u32(t) }
            for t in sigTypes { w.u32(t) }
        }
        if let m = memory {
            section(5, &out) { w in
                w.u32(1); w.byte(m.flags); w.u64(m.min)
                if let max = m.max { w.u64(max) }
                if let p = m.pageSizeLog2 { w.u32(p) }
            }
        }
        if !sigs.isEmpty {
            section(6, &out) { w in
                w.u32(UInt32(sigs.count))
                for t in sigTypes {
                    refType(t, &w); w.flag(true)
                    w.byte(0xd2); w.u32(t); w.byte(0x0b)  // ref.func (the trap of type t)
                }
            }
        }
        section(7, &out) { w in
            w.u32(UInt32(sigs.count * 2 + (memory == nil ? 0 : 1)))
            for i in sigs.indices {
                w.name("g\(i)"); w.byte(0x03); w.u32(UInt32(i))
                w.name("\(i)"); w.byte(0x00); w.u32(forwarders[i])
            }
            if memory != nil { w.name("$memory"); w.byte(0x02); w.u32(0) }
        }
        section(10, &out) { w in
            w.u32(UInt32(traps.count + sigs.count))
            for _ in traps { function([0x00], &w) }  // unreachable
            for (i, s) in sigs.enumerated() {
                var body = ByteWriter()
                for p in s.params.indices { body.byte(0x20); body.u32(UInt32(p)) }
                body.byte(0x23); body.u32(UInt32(i))  // global.get g<i>
                body.byte(0x15); body.u32(sigTypes[i])  // return_call_ref
                function(body.bytes, &w)
            }
        }
        return out
    }

    /// Imports `""."<i>"` (the real functions) and `""."g<i>"` (the shim's
    /// globals) and stores the one in the other when it starts.
    static func fixupModule(_ sigs: [CoreFuncType]) -> [UInt8] {
        var table = CoreModuleWriter()
        let sigTypes = sigs.map { table.typeIndex($0) }
        let thunk = table.typeIndex(CoreFuncType(params: [], results: []))
        let types = table.types
        var out = header
        section(1, &out) { w in w.append(CoreModuleWriter.typeSection(types).bytes) }
        section(2, &out) { w in
            w.u32(UInt32(sigs.count * 2))
            for (i, t) in sigTypes.enumerated() {
                w.name(""); w.name("\(i)"); w.byte(0x00); w.u32(t)
                w.name(""); w.name("g\(i)"); w.byte(0x03); refType(t, &w); w.flag(true)
            }
        }
        section(3, &out) { w in w.u32(1); w.u32(thunk) }
        let start = UInt32(sigs.count)
        section(8, &out) { w in w.u32(start) }
        if !sigs.isEmpty {
            // `ref.func` in code needs its functions declared.
            section(9, &out) { w in
                w.u32(1); w.u32(3); w.byte(0x00)
                w.u32(UInt32(sigs.count))
                for i in sigs.indices { w.u32(UInt32(i)) }
            }
        }
        section(10, &out) { w in
            w.u32(1)
            var body = ByteWriter()
            for i in sigs.indices {
                body.byte(0xd2); body.u32(UInt32(i))  // ref.func
                body.byte(0x24); body.u32(UInt32(i))  // global.set g<i>
            }
            function(body.bytes, &w)
        }
        return out
    }

    private static var header: [UInt8] { CoreModuleWriter.header }

    private static func section(_ id: UInt8, _ out: inout [UInt8], _ write: (inout ByteWriter) -> Void) {
        var body = ByteWriter()
        write(&body)
        var w = ByteWriter()
        w.section(id, body.bytes)
        out += w.bytes
    }

    /// `(ref $t)`: a non-null reference to a function of type `t`.
    private static func refType(_ t: UInt32, _ w: inout ByteWriter) {
        w.byte(0x64); w.s64(Int64(t))
    }

    /// A function body without locals; `end` is added.
    private static func function(_ code: [UInt8], _ w: inout ByteWriter) {
        var body = ByteWriter()
        body.u32(0)
        body.append(code)
        body.byte(0x0b)
        w.u32(UInt32(body.bytes.count))
        w.append(body.bytes)
    }
}
