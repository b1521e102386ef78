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
    /// Later copies of repeated imports, renamed in `module` (`DuplicateImports`).
    var renamedImports: [DuplicateImports.Renamed] = []
    var exports: [Symbol] = []
    var exportFlags: [Symbol: UInt32] = [:]

    var hasDataRelocs = false
    var hasCtors = false
    var hasInitialize = false
    var hasStart = false
    /// `env.__wasm_get_tls_base` / `__wasm_set_tls_base`: the main module
    /// defines a pair for this library over its slot of thread pointers.
    var needsGetTlsBase = false
    var needsSetTlsBase = false
    /// `env.__wasm_get_stack_pointer` / `__wasm_set_stack_pointer`: the
    /// stack pointer lives in the task's context slot 0 (`context.get i32 0`).
    var stackPointerAccessors: [(name: String, set: Bool)] = []
    /// Exports `__wasm_library_tls_info` (its thread-local storage's size,
    /// alignment and initializer), so it gets a thread-pointer slot.
    var hasLibraryTlsInfo = false
    /// Imports `$root::[thread-new-indirect-v0]`: threads may be spawned, so
    /// the thread pointer is read from context slot 1, not a fixed cell.
    var usesThreadNewIndirect = false

    var hasComponentExports: Bool { !(world?.type.exports.isEmpty ?? true) }

    /// Names the main module defines for every library that asks.
    static let envGlobals: Set<String> = ["__memory_base", "__table_base", "__stack_pointer", "__init_stack_pointer", "__asyncify_state", "__asyncify_data"]
    static let gotMemGlobals: Set<String> = ["__heap_base", "__heap_end", "__stack_high", "__stack_low", "__wasm_libdl_libraries", "__wasm_program_tls_info"]
    static let getStackPointer = "__wasm_get_stack_pointer", setStackPointer = "__wasm_set_stack_pointer"
    static let getTlsBase = "__wasm_get_tls_base", setTlsBase = "__wasm_set_tls_base"
    static let libraryTlsInfo = "__wasm_library_tls_info"
    /// Exports the linker calls or reads itself; as in wit-component they
    /// are not symbols (no other library binds to them, `dlsym` cannot find them).
    static let linkerExports: Set<String> = ["__wasm_apply_data_relocs", "__wasm_call_ctors", "_initialize", "_start", libraryTlsInfo]

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
        // `type` keeps the library's own import names; the embedded module
        // has later copies of a repeated import renamed.
        do { (module, renamedImports) = try DuplicateImports.rename(module) } catch {
            throw LinkError("failed to extract linking metadata from \(name): \(error.message)")
        }
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
                case Self.getStackPointer, Self.setStackPointer:
                    let set = imp.name == Self.setStackPointer
                    let expected = set ? CoreFuncType(params: [.i32], results: []) : CoreFuncType(params: [], results: [.i32])
                    guard case .function(let f?) = imp.type, f == expected else { throw wrong(imp) }
                    stackPointerAccessors.append((imp.name, set))
                case Self.getTlsBase, Self.setTlsBase:
                    let set = imp.name == Self.setTlsBase
                    let expected = set ? CoreFuncType(params: [.i32], results: []) : CoreFuncType(params: [], results: [.i32])
                    guard case .function(let f?) = imp.type, f == expected else { throw wrong(imp) }
                    if set { needsSetTlsBase = true } else { needsGetTlsBase = true }
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
                if imp.module == "$root" && imp.name == "[thread-new-indirect-v0]" { usesThreadNewIndirect = true }
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
            switch e.name {
            case "__wasm_apply_data_relocs": hasDataRelocs = true
            case "__wasm_call_ctors": hasCtors = true
            case "_initialize": hasInitialize = true
            case "_start": hasStart = true
            case Self.libraryTlsInfo:
                guard case .global(.i32, _) = t else {
                    throw LinkError("failed to extract linking metadata from \(name): `\(e.name)` is exported as \(t); expected an i32 global")
                }
                hasLibraryTlsInfo = true
            default: break
            }
            if Self.linkerExports.contains(e.name) { continue }
            let s = Symbol(name: e.name, type: t)
            exports.append(s)
            exportFlags[s] = dylink.exportFlags[e.name] ?? 0
        }
    }
}
