/// Where a linked program keeps its thread-local storage bookkeeping, and
/// the `__wasm_get_tls_base`/`__wasm_set_tls_base` pair each library gets.
///
/// Every library that exports `__wasm_library_tls_info` has a slot (in
/// library order) in an array of thread pointers; the main thread's array
/// (`mainThreadTlsBase`, left zero: the libraries' `__wasm_init_tls` fill
/// it) comes first. When some library imports `GOT.mem.__wasm_program_tls_info`
/// (a program that may spawn threads and must set up their storage), the
/// array of the libraries' `__wasm_library_tls_info` addresses follows, then
/// the 12-byte `__wasm_program_tls_info` itself:
/// `{library_count, library_info, main_thread_tls_base}`.
/// A program whose libraries neither ask for the accessors nor the program
/// info reserves nothing.
struct TlsLayout {
    private(set) var mainThreadTlsBase: UInt32 = 0
    /// 0 when no library imports `__wasm_program_tls_info`.
    private(set) var libraryInfo: UInt32 = 0
    private(set) var programInfo: UInt32 = 0
    /// Library index → its slot.
    private(set) var slots: [Int: UInt32] = [:]
    /// The initial `__wasm_program_tls_info` (empty when there is none).
    private(set) var buffer: [UInt8] = []

    init() {}

    init(libraries: [LinkLibrary], memory: inout UInt32) throws(LinkError) {
        let needsBase = libraries.contains { $0.needsGetTlsBase || $0.needsSetTlsBase }
        let needsProgramInfo = libraries.contains { lib in lib.mainImports.contains { $0.module == "GOT.mem" && $0.name == "__wasm_program_tls_info" } }
        guard needsBase || needsProgramInfo else { return }
        var count: UInt32 = 0
        for (i, lib) in libraries.enumerated() where lib.hasLibraryTlsInfo {
            slots[i] = count
            count += 1
        }
        func reserve(_ bytes: UInt32) throws(LinkError) -> UInt32 {
            let at = memory
            let (end, overflow) = memory.addingReportingOverflow(bytes)
            guard !overflow else { throw LinkError("the thread-local storage tables do not fit in a 32-bit memory") }
            memory = end
            return at
        }
        memory = try LinkLayout.align(memory, 4)
        mainThreadTlsBase = try reserve(count * 4)
        if needsProgramInfo {
            libraryInfo = try reserve(count * 4)
            programInfo = try reserve(12)
            for v in [count, libraryInfo, mainThreadTlsBase] {
                buffer += [UInt8(v & 0xff), UInt8((v >> 8) & 0xff), UInt8((v >> 16) & 0xff), UInt8(v >> 24)]
            }
        }
    }

    /// The accessor bodies for the library at `index`: `contextGet` is the
    /// main module's function that reads context slot 1 (threads), nil when
    /// the one thread's array is at a fixed address. A library with no slot
    /// (it has no thread-local storage of its own) gets traps: nothing
    /// should call them.
    func accessors(for index: Int, contextGet: UInt32?) -> (get: CoreModuleWriter.Function, set: CoreModuleWriter.Function) {
        let getType = CoreFuncType(params: [], results: [.i32])
        let setType = CoreFuncType(params: [.i32], results: [])
        guard let slot = slots[index] else {
            return (.init(type: getType, body: [0x00]), .init(type: setType, body: [0x00]))
        }
        let offset = slot * 4
        var get = ByteWriter()
        var set = ByteWriter()
        if let contextGet {
            get.byte(0x10); get.u32(contextGet)
            get.byte(0x28); get.u32(2); get.u32(offset)  // i32.load align=4
            // Before the thread pointer is set (the main thread's start),
            // the store goes to the main thread's array.
            set.byte(0x10); set.u32(contextGet)
            set.byte(0x22); set.u32(1)  // local.tee 1
            set.byte(0x45)  // i32.eqz
            set.byte(0x04); set.byte(0x40)
            set.byte(0x41); set.s64(Int64(Int32(bitPattern: mainThreadTlsBase)))
            set.byte(0x20); set.u32(0)
            set.byte(0x36); set.u32(2); set.u32(offset)
            set.byte(0x05)
            set.byte(0x20); set.u32(1)
            set.byte(0x20); set.u32(0)
            set.byte(0x36); set.u32(2); set.u32(offset)
            set.byte(0x0b)
            return (.init(type: getType, body: get.bytes), .init(type: setType, locals: [.i32], body: set.bytes))
        }
        get.byte(0x41); get.s64(Int64(Int32(bitPattern: mainThreadTlsBase)))
        get.byte(0x28); get.u32(2); get.u32(offset)
        set.byte(0x41); set.s64(Int64(Int32(bitPattern: mainThreadTlsBase)))
        set.byte(0x20); set.u32(0)
        set.byte(0x36); set.u32(2); set.u32(offset)
        return (.init(type: getType, body: get.bytes), .init(type: setType, body: set.bytes))
    }
}
