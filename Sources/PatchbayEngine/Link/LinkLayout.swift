/// The shared memory and table of a linked component, and the main module
/// that owns them.
///
/// Memory, from address 0: the stack (it grows down from `stackSize`), the
/// dlopen lookup table, then each library's data at its `memory_base`
/// (aligned as its `dylink.0` asks), then the heap from `__heap_base` (16-byte
/// aligned) to `__heap_end` (the end of the initial memory). Table: slot 0
/// stays null, then the dl-openable functions, each library's slots at its
/// `table_base`, and last the slots of the main module's indirections.
struct LinkLayout {
    static let pageSize: UInt32 = 65536
    /// LLVM's default stack size.
    static let defaultStackSize: UInt32 = 16 * pageSize

    let main: [UInt8]
    /// Names the main module exports, with their sort.
    let mainExports: [String: CoreSort]
    let dlopen: DlopenTable
    let tls: TlsLayout
    /// The main module imports `$root::[context-get-1]` (the thread pointer
    /// of a program that may spawn threads, for its TLS accessors).
    let importsContextGet1: Bool
    static let contextGet1 = "[context-get-1]"
    let indirectionTableBase: UInt32
    let memoryBases: [UInt32]

    init(resolver: SymbolResolver, indirections: [SymbolResolver.Indirection], stubs: String?, stackSize: UInt32) throws(LinkError) {
        let libs = resolver.libraries
        var w = CoreModuleWriter()
        var exports: [String: CoreSort] = [:]
        func global(_ name: String, _ value: UInt32, mutable: Bool) {
            let g = w.addGlobal(.init(type: .i32, mutable: mutable, initial: Int64(value)))
            w.exports.append((name, .global, g)); exports[name] = .global
        }
        func anyImports(_ module: String, _ name: String) -> Bool {
            libs.contains { $0.mainImports.contains { $0.module == module && $0.name == name } }
        }
        // Imports come first: functions defined later are numbered after them.
        let usesTlsBase = libs.contains { $0.needsGetTlsBase || $0.needsSetTlsBase }
        var contextGet: UInt32?
        if usesTlsBase && libs.contains(where: \.usesThreadNewIndirect) {
            contextGet = w.importFunction("$root", Self.contextGet1, CoreFuncType(params: [], results: [.i32]))
        }
        importsContextGet1 = contextGet != nil
        var memory = stackSize
        var table: UInt32 = 1
        let dlopen = DlopenTable(tableBase: table, memoryBase: memory, libraries: libs)
        if anyImports("GOT.mem", "__wasm_libdl_libraries") { global("__wasm_libdl_libraries", dlopen.librariesAddress, mutable: true) }
        table += dlopen.functionCount
        memory += UInt32(dlopen.buffer.count)
        let tls = try TlsLayout(libraries: libs, memory: &memory)
        if anyImports("GOT.mem", "__wasm_program_tls_info") { global("__wasm_program_tls_info", tls.programInfo, mutable: true) }

        if anyImports("env", "__stack_pointer") { global("__stack_pointer", stackSize, mutable: true) }
        if anyImports("env", "__init_stack_pointer") { global("__init_stack_pointer", stackSize, mutable: false) }
        if anyImports("env", "__asyncify_state") || anyImports("env", "__asyncify_data") {
            global("__asyncify_state", 0, mutable: true)
            global("__asyncify_data", 0, mutable: true)
        }
        if anyImports("GOT.mem", "__stack_high") { global("__stack_high", stackSize, mutable: true) }
        if anyImports("GOT.mem", "__stack_low") { global("__stack_low", 0, mutable: true) }

        var bases: [UInt32] = []
        for lib in libs {
            guard lib.dylink.memoryAlignment < 32, lib.dylink.tableAlignment < 32 else {
                throw LinkError("library \(lib.name): `dylink.0` asks for an alignment of 2^\(max(lib.dylink.memoryAlignment, lib.dylink.tableAlignment)); expected less than 2^32")
            }
            memory = try Self.align(memory, 1 << lib.dylink.memoryAlignment)
            table = try Self.align(table, 1 << lib.dylink.tableAlignment)
            global("\(lib.name):memory_base", memory, mutable: false)
            global("\(lib.name):table_base", table, mutable: false)
            bases.append(memory)
            let (m, o1) = memory.addingReportingOverflow(lib.dylink.memorySize)
            let (t, o2) = table.addingReportingOverflow(lib.dylink.tableSize)
            guard !o1, !o2 else { throw LinkError("library \(lib.name) does not fit in a 32-bit memory or table") }
            memory = m; table = t
            for name in lib.memoryAddressImports where exports["\(lib.name):\(name)"] == nil {
                // The init module computes the address once the exporter exists.
                global("\(lib.name):\(name)", 0, mutable: true)
            }
        }
        var slot: [String: (UInt32, Bool)] = [:]
        for (k, ind) in indirections.enumerated() { slot[ind.name] = (table + UInt32(k), libs[ind.exporter].name == stubs) }
        for lib in libs {
            for name in lib.tableAddressImports where exports["\(lib.name):\(name)"] == nil {
                guard let (offset, isStub) = slot[name] else { throw LinkError("unable to find \(name) in any library") }
                let weak = lib.envFunctions.contains { $0.name == name && $0.flags & Dylink.bindingWeak != 0 }
                // A weak function nobody defines has the null address.
                global("\(lib.name):\(name)", isStub && weak ? 0 : offset, mutable: true)
            }
        }
        memory = try Self.align(memory, 16)
        if anyImports("GOT.mem", "__heap_base") { global("__heap_base", memory, mutable: true) }
        let heapEnd = try Self.align(memory, Self.pageSize)
        if anyImports("GOT.mem", "__heap_end") { global("__heap_end", heapEnd, mutable: true) }

        indirectionTableBase = table
        for (k, ind) in indirections.enumerated() {
            var body = ByteWriter()
            for p in ind.type.params.indices { body.byte(0x20); body.u32(UInt32(p)) }
            body.byte(0x41); body.s64(Int64(Int32(bitPattern: table + UInt32(k))))
            let t = w.typeIndex(ind.type)
            body.byte(0x11); body.u32(t); body.u32(0)
            let f = w.addFunction(.init(type: ind.type, body: body.bytes))
            w.exports.append((ind.name, .function, f)); exports[ind.name] = .func_
        }
        for (i, lib) in libs.enumerated() where lib.needsGetTlsBase || lib.needsSetTlsBase {
            let (get, set) = tls.accessors(for: i, contextGet: contextGet)
            for (needed, name, f) in [(lib.needsGetTlsBase, LinkLibrary.getTlsBase, get), (lib.needsSetTlsBase, LinkLibrary.setTlsBase, set)] where needed {
                let index = w.addFunction(f)
                w.exports.append(("\(lib.name):\(name)", .function, index)); exports["\(lib.name):\(name)"] = .func_
            }
        }
        w.table = table + UInt32(indirections.count)
        w.tableOpen = true
        w.memoryPages = heapEnd / Self.pageSize
        w.exports.append(("__indirect_function_table", .table, 0)); exports["__indirect_function_table"] = .table
        w.exports.append(("memory", .memory, 0)); exports["memory"] = .memory
        main = w.encode()
        mainExports = exports
        self.dlopen = dlopen
        self.tls = tls
        memoryBases = bases
    }

    static func align(_ a: UInt32, _ b: UInt32) throws(LinkError) -> UInt32 {
        let (s, o) = a.addingReportingOverflow(b - 1)
        guard !o else { throw LinkError("the linked libraries do not fit in a 32-bit memory") }
        return s & ~(b - 1)
    }
}
