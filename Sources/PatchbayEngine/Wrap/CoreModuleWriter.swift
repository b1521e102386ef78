/// Writes the small core modules a wrapped component needs: the shim that
/// routes lowered imports through a table, the fixup that fills the table,
/// and the placeholder module of `new --from-world`.
///
/// Only what those modules use is supported: function types, function and
/// table imports, functions with given bodies, one table, one memory,
/// exports and one active element segment at offset 0.
struct CoreModuleWriter {
    enum ImportKind { case function(CoreFuncType), table(min: UInt32) }
    struct Function { var type: CoreFuncType; var locals: [CoreValType] = []; var body: [UInt8] }
    enum ExportKind: UInt8 { case function = 0, table = 1, memory = 2 }

    var types: [CoreFuncType] = []
    var imports: [(module: String, name: String, kind: ImportKind)] = []
    var functions: [Function] = []
    var table: UInt32?
    var memoryPages: UInt32?
    var exports: [(name: String, kind: ExportKind, index: UInt32)] = []
    /// Functions placed in table 0 from offset 0.
    var elements: [UInt32] = []

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

    func encode() -> [UInt8] {
        var out: [UInt8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]
        func section(_ id: UInt8, _ body: ByteWriter) {
            out.append(id)
            var size = ByteWriter()
            size.u32(UInt32(body.bytes.count))
            out += size.bytes
            out += body.bytes
        }
        if !types.isEmpty {
            var w = ByteWriter()
            w.vector(types) { w, t in
                w.byte(0x60)
                w.vector(t.params) { w, p in w.byte(Self.valType(p)) }
                w.vector(t.results) { w, r in w.byte(Self.valType(r)) }
            }
            section(1, w)
        }
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
            w.u32(1); w.byte(0x70); w.byte(0x01); w.u32(table); w.u32(table)
            section(4, w)
        }
        if let memoryPages {
            var w = ByteWriter()
            w.u32(1); w.byte(0x00); w.u32(memoryPages)
            section(5, w)
        }
        if !exports.isEmpty {
            var w = ByteWriter()
            w.vector(exports) { w, e in w.name(e.name); w.byte(e.kind.rawValue); w.u32(e.index) }
            section(7, w)
        }
        if !elements.isEmpty {
            var w = ByteWriter()
            w.u32(1)
            w.u32(0)  // active, table 0, funcref indices
            w.byte(0x41); w.s64(0); w.byte(0x0b)
            w.vector(elements) { w, i in w.u32(i) }
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
        return out
    }
}
