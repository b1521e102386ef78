/// The thread-local storage base of a module built by wasm-ld.
///
/// wasm-ld makes `__wasm_{get,set}_stack_pointer` and
/// `__wasm_{get,set}_tls_base` imports of `env` instead of globals when
/// asked to, so the component model can keep them per thread. The stack
/// pointer is always context slot 0. The TLS base is context slot 1 only
/// in a module that uses threads (it imports `thread.new-indirect` or slot
/// 1 itself); any other module may run on a runtime that predates slot 1,
/// so its TLS base stays a plain global, kept in the shim module
/// (WebAssembly/wasi-libc#857).
extension WrapBuilder {
    /// Adds the TLS base global and its `$get-tls-base` / `$set-tls-base`
    /// accessors to the shim module.
    static func addTLSBase(_ w: inout CoreModuleWriter, _ t: CoreValType) {
        let g = w.addGlobal(.init(type: t, mutable: true, initial: 0))
        var get = ByteWriter()
        get.byte(0x23); get.u32(g)
        let getter = w.addFunction(.init(type: CoreFuncType(params: [], results: [t]), body: get.bytes))
        var set = ByteWriter()
        set.byte(0x20); set.u32(0)
        set.byte(0x24); set.u32(g)
        let setter = w.addFunction(.init(type: CoreFuncType(params: [t], results: []), body: set.bytes))
        w.exports.append(("$get-tls-base", .function, getter))
        w.exports.append(("$set-tls-base", .function, setter))
    }
}
