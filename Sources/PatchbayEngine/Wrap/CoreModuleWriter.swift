/// Writes the small core modules a wrapped component needs: the shim that
/// routes lowered imports through a table, the fixup that fills the table,
/// and the placeholder module of `new --from-world`.
///
/// Only what those modules use is supported: function types, function and
/// table imports, functions with given bodies, one table, one memory,
/// exports and one active element segment at offset 0. `patchbay link`
/// adds what its main and init modules need: memory and global imports,
/// i32 globals, a table without maximum, element and data segments at
/// given offsets and a start function.
struct CoreModuleWriter {
    enum ImportKind {
        case function(CoreFuncType), table(min: UInt32)
        /// A table or memory import without a maximum.
        case openTable(min: UInt32), memory(min: UInt32)
        case global(CoreValType, mutable: Bool)
    }
    struct Global { var type: CoreValType; var mutable: Bool; var initial: Int64 }
    struct Function { var type: CoreFuncType; var locals: [CoreValType] = []; var body: [UInt8] }
    enum ExportKind: UInt8 { case function = 0, table = 1, memory = 2, global = 3 }

    var types: [CoreFuncType] = []
    var imports: [(module: String, name: String, kind: ImportKind)] = []
    var functions: [Function] = []
    var table: UInt32?
    var memoryPages: UInt32?
    /// A defined memory of exactly this type (the shim that stands in for
    /// a module's imported memory); wins over `memoryPages`.
    var memoryType: Limits?
    var exports: [(name: String, kind: ExportKind, index: UInt32)] = []
    /// Functions placed in table 0 from offset 0.
    var elements: [UInt32] = []
    /// The defined table has no maximum (it can grow, as `dlopen` needs).
    var tableOpen = false
    var globals: [Global] = []
    var start: UInt32?
    /// Further active element segments in table 0 and data segments in memory 0.
    var elementSegments: [(offset: UInt32, functions: [UInt32])] = []
    var dataSegments: [(offset: UInt32, bytes: [UInt8])] = []

    var importedGlobalCount: UInt32 {
        UInt32(imports.filter { if case .global = $0.kind { true } else { false } }.count)
    }

    mutating func importGlobal(_ module: String, _ name: String, _ t: CoreValType, mutable: Bool) -> UInt32 {
        imports.append((module, name, .global(t, mutable: mutable)))
        return importedGlobalCount - 1
    }

    mutating func addGlobal(_ g: Global) -> UInt32 {
        globals.append(g)
        return importedGlobalCount + UInt32(globals.count - 1)
    }

    var importedFunctionCount: UInt32 {
        UInt32(imports.filter { if case .function = $0.kind { true } else { false } }.count)
    }

    mutating func typeIndex(_ t: CoreFuncType) -> UInt32 {
        if let i = types.firstIndex(of: t) { return UInt32(i) }
        types.append(t)
        return UInt32(types.count - 1)
    }

    /// Adds a function and returns its index in the function space.
    @discardableResult
    mutating func addFunction(_ f: Function) -> UInt32 {
        _ = typeIndex(f.type)
        functions.append(f)
        return importedFunctionCount + UInt32(functions.count - 1)
    }

    mutating func importFunction(_ module: String, _ name: String, _ t: CoreFuncType) -> UInt32 {
        _ = typeIndex(t)
        imports.append((module, name, .function(t)))
        return importedFunctionCount - 1
    }

    static func valType(_ t: CoreValType) -> UInt8 {
        switch t {
        case .i32: 0x7f
        case .i64: 0x7e
        case .f32: 0x7d
        case .f64: 0x7c
        case .v128: 0x7b
        case .ref: 0x70
        }
    }

    static func valType(_ t: CoreValueType) -> CoreValType {
        switch t {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        }
    }

    /// The magic number and version every core module starts with.
    static let header: [UInt8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]

    /// The body of a type section of function types.
    static func typeSection(_ types: [CoreFuncType]) -> ByteWriter {
        var w = ByteWriter()
        w.vector(types) { w, t in
            w.byte(0x60)
            w.vector(t.params) { w, p in w.byte(Self.valType(p)) }
            w.vector(t.results) { w, r in w.byte(Self.valType(r)) }
        }
        return w
    }

    func encode() -> [UInt8] {
        var out = ByteWriter()
        out.append(Self.header)
        func section(_ id: UInt8, _ body: ByteWriter) { out.section(id, body.bytes) }
        if !types.isEmpty { section(1, Self.typeSection(types)) }
        if !imports.isEmpty {
            var w = ByteWriter()
            let types = self.types
            w.vector(imports) { w, imp in
                w.name(imp.module)
                w.name(imp.name)
                switch imp.kind {
                case .function(let t):
                    w.byte(0x00)
                    w.u32(UInt32(types.firstIndex(of: t) ?? 0))
                case .table(let min):
                    w.byte(0x01); w.byte(0x70); w.byte(0x01); w.u32(min); w.u32(min)
                case .openTable(let min):
                    w.byte(0x01); w.byte(0x70); w.byte(0x00); w.u32(min)
                case .memory(let min):
                    w.byte(0x02); w.byte(0x00); w.u32(min)
                case .global(let t, let m):
                    w.byte(0x03); w.byte(Self.valType(t)); w.flag(m)
                }
            }
            section(2, w)
        }
        if !functions.isEmpty {
            var w = ByteWriter()
            let types = self.types
            w.vector(functions) { w, f in w.u32(UInt32(types.firstIndex(of: f.type) ?? 0)) }
            section(3, w)
        }
        if let table {
            var w = ByteWriter()
            w.u32(1); w.byte(0x70)
            if tableOpen { w.byte(0x00); w.u32(table) } else { w.byte(0x01); w.u32(table); w.u32(table) }
            section(4, w)
        }
        if let m = memoryType {
            var w = ByteWriter()
            w.u32(1); w.byte(m.flags); w.u64(m.min)
            if let max = m.max { w.u64(max) }
            if let p = m.pageSizeLog2 { w.u32(p) }
            section(5, w)
        } else if let memoryPages {
            var w = ByteWriter()
            w.u32(1); w.byte(0x00); w.u32(memoryPages)
            section(5, w)
        }
        if !globals.isEmpty {
            var w = ByteWriter()
            w.vector(globals) { w, g in
                w.byte(Self.valType(g.type)); w.flag(g.mutable)
                switch g.type {
                case .i64: w.byte(0x42); w.s64(g.initial)
                default: w.byte(0x41); w.s64(Int64(Int32(truncatingIfNeeded: g.initial)))
                }
                w.byte(0x0b)
            }
            section(6, w)
        }
        if !exports.isEmpty {
            var w = ByteWriter()
            w.vector(exports) { w, e in w.name(e.name); w.byte(e.kind.rawValue); w.u32(e.index) }
            section(7, w)
        }
        if let start {
            var w = ByteWriter()
            w.u32(start)
            section(8, w)
        }
        let segments = (elements.isEmpty ? [] : [(offset: UInt32(0), functions: elements)]) + elementSegments
        if !segments.isEmpty {
            var w = ByteWriter()
            w.vector(segments) { w, seg in
                w.u32(0)  // active, table 0, funcref indices
                w.byte(0x41); w.s64(Int64(Int32(bitPattern: seg.offset))); w.byte(0x0b)
                w.vector(seg.functions) { w, i in w.u32(i) }
            }
            section(9, w)
        }
        if !functions.isEmpty {
            var w = ByteWriter()
            w.vector(functions) { w, f in
                var body = ByteWriter()
                // Locals in runs of one type each.
                var runs: [(Int, CoreValType)] = []
                for l in f.locals {
                    if let last = runs.last, last.1 == l { runs[runs.count - 1].0 += 1 } else { runs.append((1, l)) }
                }
                body.vector(runs) { w, r in w.u32(UInt32(r.0)); w.byte(Self.valType(r.1)) }
                body.append(f.body)
                body.byte(0x0b)
                w.u32(UInt32(body.bytes.count))
                w.append(body.bytes)
            }
            section(10, w)
        }
        if !dataSegments.isEmpty {
            var w = ByteWriter()
            w.vector(dataSegments) { w, seg in
                w.u32(0)  // active, memory 0
                w.byte(0x41); w.s64(Int64(Int32(bitPattern: seg.offset))); w.byte(0x0b)
                w.u32(UInt32(seg.bytes.count)); w.append(seg.bytes)
            }
            section(11, w)
        }
        return out.bytes
    }
}
