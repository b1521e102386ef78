/// The module that finishes a link once every library is instantiated:
/// it fills the `GOT.mem` globals (a library's memory base plus the
/// exported offset), writes global addresses into the dlopen table, puts
/// the functions the main module calls indirectly into the table, applies
/// each library's data relocations and then runs its constructors
/// (`__wasm_call_ctors` or `_initialize`), dependencies first.
///
/// It imports the main module as `main` and each library under its name
/// prefixed with `lib:` (a library may be called `main`).
struct InitModule {
    static let mainName = "main"
    static func libraryName(_ name: String) -> String { "lib:\(name)" }

    let bytes: [UInt8]
    /// Library indices the module imports from.
    let libraries: [Int]

    init(resolver: SymbolResolver, order: [Int], layout: LinkLayout, indirections: [SymbolResolver.Indirection]) throws(LinkError) {
        let libs = resolver.libraries
        for lib in libs where lib.hasCtors && lib.hasInitialize {
            throw LinkError("library \(lib.name) exports both `__wasm_call_ctors` and `_initialize`; expected at most one of the two")
        }
        var w = CoreModuleWriter()
        var used = Set<Int>()
        w.imports.append((Self.mainName, "memory", .memory(min: 0)))
        w.imports.append((Self.mainName, "__indirect_function_table", .openTable(min: 0)))

        // Globals first (their index space is separate), then functions.
        var globals: [String: UInt32] = [:]
        func importGlobal(_ module: String, _ name: String, mutable: Bool) -> UInt32 {
            let key = module + "\u{0}" + name
            if let g = globals[key] { return g }
            let g = w.importGlobal(module, name, .i32, mutable: mutable)
            globals[key] = g
            return g
        }
        var body = ByteWriter()
        for lib in libs {
            for name in lib.memoryAddressImports {
                guard let j = resolver.dataExporter(name) else { throw LinkError("unable to find \(name) (global I32) in any library") }
                used.insert(j)
                let base = importGlobal(Self.mainName, "\(libs[j].name):memory_base", mutable: false)
                let offset = importGlobal(Self.libraryName(libs[j].name), name, mutable: false)
                let dest = importGlobal(Self.mainName, "\(lib.name):\(name)", mutable: true)
                body.byte(0x23); body.u32(base); body.byte(0x23); body.u32(offset); body.byte(0x6a)
                body.byte(0x24); body.u32(dest)
            }
        }
        for g in layout.dlopen.globalAddresses {
            guard let j = libs.firstIndex(where: { $0.name == g.library }) else { continue }
            used.insert(j)
            let base = importGlobal(Self.mainName, "\(g.library):memory_base", mutable: false)
            let value = importGlobal(Self.libraryName(g.library), g.export, mutable: false)
            body.byte(0x41); body.s64(Int64(Int32(bitPattern: g.address)))
            body.byte(0x23); body.u32(base); body.byte(0x23); body.u32(value); body.byte(0x6a)
            body.byte(0x36); body.u32(2); body.u32(0)  // i32.store align=4 offset=0
        }

        var functions: [String: UInt32] = [:]
        func importFunction(_ lib: Int, _ name: String, _ type: CoreFuncType) -> UInt32 {
            let key = "\(lib)\u{0}\(name)"
            if let f = functions[key] { return f }
            used.insert(lib)
            let f = w.importFunction(Self.libraryName(libs[lib].name), name, type)
            functions[key] = f
            return f
        }
        let thunk = CoreFuncType(params: [], results: [])
        for i in order where libs[i].hasDataRelocs {
            body.byte(0x10); body.u32(importFunction(i, "__wasm_apply_data_relocs", thunk))
        }
        // Each library's `__wasm_library_tls_info` address, for the threads
        // the program may spawn (see `TlsLayout`).
        if layout.tls.libraryInfo != 0 {
            for (i, lib) in libs.enumerated() {
                guard let slot = layout.tls.slots[i] else { continue }
                used.insert(i)
                let base = importGlobal(Self.mainName, "\(lib.name):memory_base", mutable: false)
                let info = importGlobal(Self.libraryName(lib.name), LinkLibrary.libraryTlsInfo, mutable: false)
                body.byte(0x41); body.s64(Int64(Int32(bitPattern: layout.tls.libraryInfo + slot * 4)))
                body.byte(0x23); body.u32(base); body.byte(0x23); body.u32(info); body.byte(0x6a)
                body.byte(0x36); body.u32(2); body.u32(0)
            }
        }
        for i in order {
            if libs[i].hasCtors { body.byte(0x10); body.u32(importFunction(i, "__wasm_call_ctors", thunk)) }
            if libs[i].hasInitialize { body.byte(0x10); body.u32(importFunction(i, "_initialize", thunk)) }
        }
        var dlFunctions: [UInt32] = []
        for f in layout.dlopen.functions {
            guard let j = libs.firstIndex(where: { $0.name == f.library }) else { continue }
            dlFunctions.append(importFunction(j, f.export, f.type))
        }
        var indirect: [UInt32] = []
        for ind in indirections { indirect.append(importFunction(ind.exporter, ind.name, ind.type)) }

        if !body.bytes.isEmpty {
            w.start = w.addFunction(.init(type: thunk, body: body.bytes))
        }
        if !dlFunctions.isEmpty { w.elementSegments.append((layout.dlopen.tableBase, dlFunctions)) }
        if !indirect.isEmpty { w.elementSegments.append((layout.indirectionTableBase, indirect)) }
        if !layout.dlopen.buffer.isEmpty { w.dataSegments.append((layout.dlopen.memoryBase, layout.dlopen.buffer)) }
        if !layout.tls.buffer.isEmpty { w.dataSegments.append((layout.tls.programInfo, layout.tls.buffer)) }
        bytes = w.encode()
        libraries = used.sorted()
    }
}
