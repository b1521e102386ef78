/// A module's `_initialize` export (a WASI reactor's constructors) runs
/// once the component is instantiated, after the shim's table is filled,
/// as wit-component's fixup module arranges with a start function.
extension WrapBuilder {
    func callInitialize(main: UInt32) throws(WrapError) {
        guard linked == nil, case .function(let found)? = coreExports["_initialize"] else { return }
        let thunk = CoreFuncType(params: [], results: [])
        if let found, found != thunk {
            throw WrapError("\(Self.invalid): failed to classify export `\(coreName("_initialize"))`: type mismatch for function `\(coreName("_initialize"))`: expected `\(AbiNeeds.text(thunk))` but found `\(AbiNeeds.text(found))`")
        }
        var w = CoreModuleWriter()
        w.start = w.importFunction("main", coreName("_initialize"), thunk)
        let m = top.addCoreModule(w.encode())
        _ = top.addCoreInstance(.instantiate(module: m, args: [CoreInstance.Arg(name: "main", index: main)]))
    }
}
