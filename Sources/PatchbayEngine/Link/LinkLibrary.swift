/// One dynamic library as the linker sees it: its code, its world, its
/// `dylink.0` information and its imports sorted by who provides them.
struct LinkLibrary {
    /// A core symbol's kind and type, as wit-component names them in errors.
    enum SymbolType: Hashable, CustomStringConvertible {
        case function(CoreFuncType)
        case global(CoreValType, mutable: Bool)
        case tag(CoreFuncType)

        var description: String {
            switch self {
            case .function(let f): "function \(Self.text(f))"
            case .global(let t, let m): "global \(m ? "mut " : "")\(Self.valText(t))"
            case .tag(let f): "tag \(Self.text(f))"
            }
        }
        static func valText(_ t: CoreValType) -> String {
            switch t {
            case .i32: "I32"
            case .i64: "I64"
            case .f32: "F32"
            case .f64: "F64"
            default: t.text.uppercased()
            }
        }
        static func text(_ f: CoreFuncType) -> String {
            "[\(f.params.map(valText).joined(separator: ", "))] -> [\(f.results.map(valText).joined(separator: ", "))]"
        }
    }

    struct Symbol: Hashable {
        var name: String
        var type: SymbolType
    }

    var name: String
    var dlOpenable: Bool
    /// The module without its `component-type` sections.
    var module: [UInt8]
    var world: WorldMetadata?
    var dylink: Dylink
    var type: CoreModuleType

    /// Function and tag imports from `env` that another library provides.
    var envFunctions: [(name: String, type: CoreFuncType, flags: UInt32)] = []
    var envTags: [(name: String, type: CoreFuncType)] = []
    /// `GOT.mem` imports of symbols: the address of another library's data.
    var memoryAddressImports: [String] = []
    /// `GOT.func` imports: a table slot holding a function.
    var tableAddressImports: [String] = []
    /// Imports the main module provides (`env.memory`, `GOT.mem.__heap_base`, ...).
    var mainImports: [(module: String, name: String, sort: CoreSort)] = []
    /// Imports from the world (interfaces, `$root`, `[export]…`).
    var worldImports: [CoreImportType] = []
    var exports: [Symbol] = []
    var exportFlags: [Symbol: UInt32] = [:]

    var hasDataRelocs = false
    var hasCtors = false
    var hasInitialize = false
    var hasStart = false

    var hasComponentExports: Bool { !(world?.type.exports.isEmpty ?? true) }

    /// Names the main module defines for every library that asks.
    static let envGlobals: Set<String> = ["__memory_base", "__table_base", "__stack_pointer", "__init_stack_pointer", "__asyncify_state", "__asyncify_data"]
    static let gotMemGlobals: Set<String> = ["__heap_base", "__heap_end", "__stack_high", "__stack_low", "__wasm_libdl_libraries"]

    init(name: String, bytes: [UInt8], dlOpenable: Bool) throws(LinkError) {
        self.name = name
        self.dlOpenable = dlOpenable
        let sections: ModuleSections
        do { sections = try ModuleSections(bytes) } catch { throw LinkError("failed to extract linking metadata from \(name): \(error.message)") }
        var dylink = Dylink()
        for s in sections.sections where s.customName == "dylink.0" {
            let payloadStart = s.customPayload.startIndex
            do { dylink = try Dylink.parse(s.customPayload, offset: payloadStart) } catch {
                throw LinkError("failed to extract linking metadata from \(name): \(error.message)")
            }
        }
        self.dylink = dylink
        var worlds: [WorldMetadata] = []
        for m in sections.componentTypeSections {
            do { worlds.append(try WorldMetadata.decode(Array(m.customPayload))) } catch {
                throw LinkError("failed to extract linking metadata from \(name): \(error.message)")
            }
        }
        world = worlds.first
        if worlds.count > 1, !worlds.allSatisfy({ $0.decls == worlds[0].decls }) {
            world = try WorldMerge.merge(worlds)
        }
        module = sections.strippedBytes()
        do { type = try CoreModuleReader.summarize(module[...], offset: 0).type } catch {
            throw LinkError("failed to extract linking metadata from \(name): the library is not a valid core module: \(error)")
        }
        try classify()
    }

    /// A library made here (the stubs for missing functions).
    init(generated name: String, module: [UInt8], type: CoreModuleType) throws(LinkError) {
        self.name = name; self.dlOpenable = false; self.module = module; self.world = nil
        self.dylink = Dylink(); self.type = type
        try classify()
    }

    private mutating func classify() throws(LinkError) {
        func wrong(_ imp: CoreImportType) -> LinkError {
            LinkError("failed to extract linking metadata from \(name): unexpected type for \(imp.module):\(imp.name)")
        }
        func isI32Global(_ t: CoreEntityType) -> Bool { if case .global(.i32, _) = t { true } else { false } }
        for imp in type.imports {
            switch imp.module {
            case "env":
                switch imp.name {
                case "memory":
                    guard case .memory = imp.type else { throw wrong(imp) }
                    mainImports.append((imp.module, imp.name, .memory))
                case "__indirect_function_table":
                    guard case .table = imp.type else { throw wrong(imp) }
                    mainImports.append((imp.module, imp.name, .table))
                case _ where Self.envGlobals.contains(imp.name):
                    guard isI32Global(imp.type) else { throw wrong(imp) }
                    mainImports.append((imp.module, imp.name, .global))
                default:
                    switch imp.type {
                    case .function(let f?):
                        envFunctions.append((imp.name, f, dylink.importFlags(imp.module, imp.name)))
                    case .tag(let f?):
                        envTags.append((imp.name, f))
                    default:
                        throw wrong(imp)
                    }
                }
            case "GOT.mem":
                guard isI32Global(imp.type) else { throw wrong(imp) }
                if Self.gotMemGlobals.contains(imp.name) {
                    mainImports.append((imp.module, imp.name, .global))
                } else {
                    memoryAddressImports.append(imp.name)
                }
            case "GOT.func":
                guard isI32Global(imp.type) else { throw wrong(imp) }
                tableAddressImports.append(imp.name)
            default:
                worldImports.append(imp)
            }
        }
        for e in type.exports {
            let t: SymbolType
            switch e.type {
            case .function(let f?): t = .function(f)
            case .global(let v, let m): t = .global(v, mutable: m)
            case .tag(let f?): t = .tag(f)
            default: continue
            }
            let s = Symbol(name: e.name, type: t)
            exports.append(s)
            exportFlags[s] = dylink.exportFlags[e.name] ?? 0
            switch e.name {
            case "__wasm_apply_data_relocs": hasDataRelocs = true
            case "__wasm_call_ctors": hasCtors = true
            case "_initialize": hasInitialize = true
            case "_start": hasStart = true
            default: break
            }
        }
    }
}
