/// How each exported function is lifted: which core export implements it
/// and with which ABI. wit-component accepts, for a world export `f` (or
/// `iface#f`), a core export named
/// - `f`: a synchronous lift, with `cabi_post_f` as post-return if present;
/// - `[async-lift]f`: an async lift with the callback `[callback][async-lift]f`
///   (which must then exist);
/// - `[async-lift-stackful]f`: an async lift without a callback.
struct LiftPlan {
    enum Mode { case sync, asyncCallback, asyncStackful }
    /// The core export's name as the module spells it.
    var coreName: String
    var mode: Mode
    /// The callback's core export name (async callback lifts only).
    var callback: String?

    var signatureOptions: SignatureOptions {
        switch mode {
        case .sync: .sync32
        case .asyncCallback: .asyncCallback
        case .asyncStackful: .asyncStackful
        }
    }
}

extension WrapBuilder {
    /// The module's own name for an export known by its old-style name
    /// (they differ for `cm32p2` names).
    func coreName(_ key: String) -> String { coreNames[key] ?? key }

    /// Finds the core export of every exported function and checks its
    /// signature, then that every async callback lift has its callback,
    /// then that nothing is missing (wit-component's order of complaints).
    func planExports() throws(WrapError) {
        var missing: [String] = []
        func plan(_ f: FunctionType, key: String, iface: String, fname: String, missing message: String) throws(WrapError) {
            let candidates: [(String, LiftPlan.Mode)] = [(key, .sync), ("[async-lift]" + key, .asyncCallback), ("[async-lift-stackful]" + key, .asyncStackful)]
            guard let chosen = candidates.first(where: { if case .function? = coreExports[$0.0] { true } else { false } }),
                  case .function(let found)? = coreExports[chosen.0] else {
                missing.append(message); return
            }
            let mode = chosen.1
            var p = LiftPlan(coreName: coreName(chosen.0), mode: mode)
            let needs = try AbiNeeds(f, context: .lift, options: p.signatureOptions)
            if let found, found != needs.signature {
                throw WrapError("\(Self.invalid): failed to classify export `\(p.coreName)`: failed to validate export for `\(iface)`: type mismatch for function `\(fname)`: expected `\(AbiNeeds.text(needs.signature))` but found `\(AbiNeeds.text(found))`")
            }
            if mode == .asyncCallback {
                let cb = "[callback][async-lift]" + key
                if case .function(let t)? = coreExports[cb] {
                    let expected = CoreFuncType(params: [.i32, .i32, .i32], results: [.i32])
                    if let t, t != expected {
                        throw WrapError("\(Self.invalid): failed to classify export `\(coreName(cb))`: type mismatch for function `\(coreName(cb))`: expected `\(AbiNeeds.text(expected))` but found `\(AbiNeeds.text(t))`")
                    }
                    p.callback = coreName(cb)
                }
            }
            liftPlans[key] = p
        }
        for e in world.type.exports {
            let name = e.name.name
            switch e.type {
            case .function(let f):
                try plan(f, key: name, iface: name, fname: name, missing: "failed to find export of function `\(name)`")
            case .instance(let it):
                for x in it.exports {
                    guard case .function(let f) = x.type else { continue }
                    try plan(f, key: "\(name)#\(x.name.name)", iface: name, fname: x.name.name, missing: "failed to find export of interface `\(name)` function `\(x.name.name)`")
                }
            default: continue
            }
        }
        // Callbacks are checked in the module's export order, as wit-component does.
        for key in coreExportOrder {
            guard let target = key.stripping("[async-lift]"), let p = liftPlans[target], p.mode == .asyncCallback, p.callback == nil else { continue }
            throw WrapError("\(Self.invalid): missing callback for `\(coreName(key))`")
        }
        if let first = missing.first { throw WrapError("\(Self.invalid): \(first)") }
    }
}
