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

    public static func summarize(_ bytes: ArraySlice<UInt8>, offset: Int) throws(DecodeError) -> Summary {
        var parser = Parser(bytes: bytes, features: .all)
        var types: [CoreFuncType?] = []
        var funcs: [CoreFuncType?] = []
        var tables: [CoreEntityType] = []
        var memories: [CoreEntityType] = []
        var globals: [CoreEntityType] = []
        var tags: [CoreEntityType] = []
        var imports: [CoreImportType] = []
        var exports: [CoreExportType] = []
        var customs: [String] = []
        do {
            loop: while let payload = try parser.parseNext() {
                switch payload {
                case .typeSection(let groups):
                    for g in groups {
                        for t in g.types {
                            if case .function(let f) = t.body { types.append(convert(f)) } else { types.append(nil) }
                        }
                    }
                case .importSection(let list):
                    for i in list {
                        let t: CoreEntityType
                        switch i.descriptor {
                        case .function(let ti):
                            let f = Int(ti) < types.count ? types[Int(ti)] : nil
                            funcs.append(f); t = .function(f)
                        case .table(let tt):
                            t = .table(convert(tt.elementType), convert(tt.limits)); tables.append(t)
                        case .memory(let m):
                            t = .memory(convert(m)); memories.append(t)
                        case .global(let g):
                            t = .global(convert(g.valueType), mutable: g.mutability == .variable); globals.append(t)
                        case .tag(let ti):
                            t = .tag(Int(ti) < types.count ? types[Int(ti)] : nil); tags.append(t)
                        }
                        imports.append(CoreImportType(module: i.module, name: i.name, type: t))
                    }
                case .functionSection(let list):
                    for ti in list { funcs.append(Int(ti) < types.count ? types[Int(ti)] : nil) }
                case .tableSection(let list):
                    for t in list { tables.append(.table(convert(t.type.elementType), convert(t.type.limits))) }
                case .memorySection(let list):
                    for m in list { memories.append(.memory(convert(m.type))) }
                case .globalSection(let list):
                    for g in list { globals.append(.global(convert(g.type.valueType), mutable: g.type.mutability == .variable)) }
                case .tagSection(let list):
                    for t in list { tags.append(.tag(Int(t.type) < types.count ? types[Int(t.type)] : nil)) }
                case .exportSection(let list):
                    for e in list {
                        let t: CoreEntityType?
                        switch e.descriptor {
                        case .function(let i): t = Int(i) < funcs.count ? .function(funcs[Int(i)]) : nil
                        case .table(let i): t = Int(i) < tables.count ? tables[Int(i)] : nil
                        case .memory(let i): t = Int(i) < memories.count ? memories[Int(i)] : nil
                        case .global(let i): t = Int(i) < globals.count ? globals[Int(i)] : nil
                        case .tag(let i): t = Int(i) < tags.count ? tags[Int(i)] : nil
                        }
                        guard let t else {
                            throw DecodeError("core module export `\(e.name)` refers to an index out of bounds", at: offset)
                        }
                        exports.append(CoreExportType(name: e.name, type: t))
                    }
                case .customSection(let c):
                    customs.append(c.name)
                case .startSection, .elementSection, .codeSection, .dataSection, .dataCount:
                    break loop
                case .header:
                    break
                }
            }
        } catch let e as DecodeError {
            throw e
        } catch {
            throw DecodeError("invalid core module: \(error)", at: offset + parser.offset)
        }
        return Summary(type: CoreModuleType(imports: imports, exports: exports), functionCount: funcs.count, customSections: customs)
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
