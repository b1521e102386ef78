/// Component Model built-ins a module imports by reserved names (the
/// async, stream/future, error-context and thread built-ins), as
/// wit-component names them:
/// - `$root` holds the task-independent ones: `[backpressure-inc]`,
///   `[waitable-set-new]`, `[context-get-N]`, `[thread-yield]`, …;
/// - `[export]$root` / `[export]iface` hold those of an exported function's
///   task: `[task-return]f`, `[task-cancel]`;
/// - `[stream-read-N]f` (and the other stream/future operations) name the
///   N-th stream or future type that function `f` mentions, counted the way
///   wit-parser walks a signature (parameters, then the result; an inner
///   type before the one containing it); `-unit` names the payload-less one;
/// - an `[async-lower]` prefix asks for the `async` option where a built-in
///   has one, a `[cancellable]` prefix for the cancellable variant.
enum Builtin {
    case backpressureInc, backpressureDec
    case taskCancel
    /// `task.return` for an exported async function with this result.
    case taskReturn(result: ValueType?, needs: AbiNeeds)
    case contextGet(CoreValType, UInt32), contextSet(CoreValType, UInt32)
    /// wasm-ld's `__wasm_{get,set}_tls_base`: context slot 1 when the
    /// module uses threads, else a global of the shim module.
    case tlsBase(set: Bool, CoreValType)
    case waitableSetNew, waitableSetWait(cancellable: Bool), waitableSetPoll(cancellable: Bool), waitableSetDrop, waitableJoin
    case subtaskDrop, subtaskCancel(async: Bool)
    case errorContextNew(CanonOption), errorContextDebugMessage(CanonOption), errorContextDrop
    /// A stream or future operation on `type` (`.stream(T?)` or `.future(T?)`).
    case payload(PayloadOp, type: ValueType, source: PayloadSource?, async: Bool)
    case threadIndex, threadNewIndirect, threadResumeLater
    case threadSuspend(cancellable: Bool), threadYield(cancellable: Bool)
    case threadSuspendThenResume(cancellable: Bool), threadYieldThenResume(cancellable: Bool)
    case threadSuspendThenPromote(cancellable: Bool), threadYieldThenPromote(cancellable: Bool)

    enum PayloadOp: CaseIterable { case new, read, write, cancelRead, cancelWrite, dropReadable, dropWritable }

    /// Where a payload type was found, so the world's imports keep the
    /// types it mentions: the interface (nil for a world-level function),
    /// the function and the payload's position.
    struct PayloadSource { var interface: String?; var function: String; var index: Int; var imported: Bool }

    /// What the built-in's canonical definition needs from the module.
    struct Requirements { var memory = false, realloc = false, strings = false, table = false }

    var requirements: Requirements {
        switch self {
        case .waitableSetWait, .waitableSetPoll: return Requirements(memory: true)
        case .errorContextNew: return Requirements(memory: true, strings: true)
        case .errorContextDebugMessage: return Requirements(memory: true, realloc: true, strings: true)
        case .taskReturn(_, let needs): return Requirements(memory: needs.memory, strings: needs.strings)
        case .payload(let op, let type, _, _):
            guard op == .read || op == .write else { return Requirements() }
            let element = Self.element(type)
            let pointers = element.map(AbiNeeds.hasPointers) ?? false
            return Requirements(memory: true, realloc: op == .read && pointers, strings: element.map(AbiNeeds.hasStrings) ?? false)
        case .threadNewIndirect: return Requirements(table: true)
        default: return Requirements()
        }
    }

    static func element(_ t: ValueType) -> ValueType? {
        switch t {
        case .stream(let e), .future(let e): return e
        default: return nil
        }
    }

    /// The stream and future types a function mentions, in wit-parser's order.
    static func payloads(of f: FunctionType) -> [ValueType] {
        var out: [ValueType] = []
        func walk(_ v: ValueType) {
            switch v {
            case .record(let fs): for x in fs { walk(x.type) }
            case .variant(let cs): for c in cs { if let t = c.type { walk(t) } }
            case .tuple(let ts): for t in ts { walk(t) }
            case .list(let t), .option(let t), .fixedList(let t, _): walk(t)
            case .map(let k, let x): walk(k); walk(x)
            case .result(let ok, let err): if let ok { walk(ok) }; if let err { walk(err) }
            case .stream(let e), .future(let e): if let e { walk(e) }; out.append(v)
            default: return
            }
        }
        for p in f.params { walk(p.type) }
        if let r = f.result { walk(r) }
        return out
    }
}

extension WrapBuilder {
    /// The built-in `module::name` stands for, with the core signature it
    /// must have; nil when the name is not a built-in's.
    func recognizeBuiltin(module: String, name: String, found: CoreFuncType) throws(WrapError) -> (Builtin, CoreFuncType)? {
        func sig(_ p: [CoreValType], _ r: [CoreValType]) -> CoreFuncType { CoreFuncType(params: p, results: r) }
        if module == "env" {
            switch name {
            case "__wasm_get_stack_pointer":
                guard let t = found.results.first else { return nil }
                return (.contextGet(t, 0), sig([], [t]))
            case "__wasm_set_stack_pointer":
                guard let t = found.params.first else { return nil }
                return (.contextSet(t, 0), sig([t], []))
            case "__wasm_get_tls_base":
                guard let t = found.results.first else { return nil }
                return (.tlsBase(set: false, t), sig([], [t]))
            case "__wasm_set_tls_base":
                guard let t = found.params.first else { return nil }
                return (.tlsBase(set: true, t), sig([t], []))
            default: return nil
            }
        }
        if module == "$root", let b = Self.rootBuiltin(name) { return b }
        let exported = module.hasPrefix("[export]")
        let container = exported ? String(module.dropFirst("[export]".count)) : module
        let iface: InstanceType?
        if container == "$root" {
            iface = nil
        } else {
            let items = exported ? worldExports : worldImports
            guard case .instance(let it)? = items[semverTargets[container] ?? container] else { return nil }
            iface = it
        }
        func function(_ fname: String) -> FunctionType? {
            if let iface {
                if case .function(let f)? = iface.export(named: fname)?.type { return f }
                return nil
            }
            if case .function(let f)? = (exported ? worldExports : worldImports)[fname] { return f }
            return nil
        }
        if exported {
            if name == "[task-cancel]" { return (.taskCancel, sig([], [])) }
            if let fname = name.stripping("[task-return]") {
                guard let f = function(fname) else {
                    throw WrapError("\(Self.invalid): failed to resolve import `\(module)::\(name)`: no export `\(fname)` found")
                }
                let carrier = FunctionType(params: f.result.map { [ValueType.Field("x", $0)] } ?? [], result: nil)
                var needs = try AbiNeeds(carrier, context: .lower)
                // `task.return` takes no realloc: nothing is allocated in the callee.
                needs.realloc = false
                return (.taskReturn(result: f.result, needs: needs), needs.signature)
            }
        }
        return try payloadBuiltin(name: name, container: container == "$root" ? nil : container, imported: !exported, function: function)
    }

    /// Built-ins of `$root` that do not depend on the world.
    static func rootBuiltin(_ name: String) -> (Builtin, CoreFuncType)? {
        func sig(_ p: [CoreValType], _ r: [CoreValType]) -> CoreFuncType { CoreFuncType(params: p, results: r) }
        switch name {
        case "[backpressure-inc]": return (.backpressureInc, sig([], []))
        case "[backpressure-dec]": return (.backpressureDec, sig([], []))
        case "[waitable-set-new]": return (.waitableSetNew, sig([], [.i32]))
        case "[waitable-set-drop]": return (.waitableSetDrop, sig([.i32], []))
        case "[waitable-join]": return (.waitableJoin, sig([.i32, .i32], []))
        case "[subtask-drop]": return (.subtaskDrop, sig([.i32], []))
        case "[subtask-cancel]": return (.subtaskCancel(async: false), sig([.i32], [.i32]))
        case "[async-lower][subtask-cancel]": return (.subtaskCancel(async: true), sig([.i32], [.i32]))
        case "[error-context-new-utf8]": return (.errorContextNew(.utf8), sig([.i32, .i32], [.i32]))
        case "[error-context-new-utf16]": return (.errorContextNew(.utf16), sig([.i32, .i32], [.i32]))
        case "[error-context-new-latin1+utf16]": return (.errorContextNew(.latin1Utf16), sig([.i32, .i32], [.i32]))
        case "[error-context-debug-message-utf8]": return (.errorContextDebugMessage(.utf8), sig([.i32, .i32], []))
        case "[error-context-debug-message-utf16]": return (.errorContextDebugMessage(.utf16), sig([.i32, .i32], []))
        case "[error-context-debug-message-latin1+utf16]": return (.errorContextDebugMessage(.latin1Utf16), sig([.i32, .i32], []))
        case "[error-context-drop]": return (.errorContextDrop, sig([.i32], []))
        case "[thread-index]": return (.threadIndex, sig([], [.i32]))
        // The start function's type and the table are fixed for now, as in wit-component.
        case "[thread-new-indirect-v0]": return (.threadNewIndirect, sig([.i32, .i32], [.i32]))
        case "[thread-resume-later]": return (.threadResumeLater, sig([.i32], []))
        default: break
        }
        let cancellable = name.hasPrefix("[cancellable]")
        let bare = cancellable ? String(name.dropFirst("[cancellable]".count)) : name
        switch bare {
        case "[thread-suspend]": return (.threadSuspend(cancellable: cancellable), sig([], [.i32]))
        case "[thread-yield]": return (.threadYield(cancellable: cancellable), sig([], [.i32]))
        case "[thread-suspend-then-resume]": return (.threadSuspendThenResume(cancellable: cancellable), sig([.i32], [.i32]))
        case "[thread-yield-then-resume]": return (.threadYieldThenResume(cancellable: cancellable), sig([.i32], [.i32]))
        case "[thread-suspend-then-promote]": return (.threadSuspendThenPromote(cancellable: cancellable), sig([.i32], [.i32]))
        case "[thread-yield-then-promote]": return (.threadYieldThenPromote(cancellable: cancellable), sig([.i32], [.i32]))
        default: break
        }
        for (prefix, wait) in [("[waitable-set-wait", true), ("[waitable-set-poll", false)] {
            // `[waitable-set-wait]`, or with the event pointer's type: `-i32]`, `-i64]`.
            guard let tail = bare.stripping(prefix)?.strippingSuffix("]") ?? (bare == prefix + "]" ? "" : nil) else { continue }
            let t: CoreValType
            switch tail {
            case "": t = .i32
            case "-i32": t = .i32
            case "-i64": t = .i64
            default: return nil
            }
            let b: Builtin = wait ? .waitableSetWait(cancellable: cancellable) : .waitableSetPoll(cancellable: cancellable)
            return (b, sig([.i32, t], [.i32]))
        }
        for (prefix, set) in [("[context-get-", false), ("[context-set-", true)] {
            guard let rest = name.stripping(prefix), let close = rest.firstIndex(of: "]"), rest.index(after: close) == rest.endIndex else { continue }
            let spec = rest[..<close]
            var t = CoreValType.i32
            var slotText = Substring(spec)
            if let dash = spec.firstIndex(of: "-") {
                switch spec[..<dash] {
                case "i32": t = .i32
                case "i64": t = .i64
                default: return nil
                }
                slotText = spec[spec.index(after: dash)...]
            }
            guard let slot = UInt32(slotText) else { return nil }
            return set ? (.contextSet(t, slot), sig([t], [])) : (.contextGet(t, slot), sig([], [t]))
        }
        return nil
    }

    private func payloadBuiltin(name: String, container: String?, imported: Bool, function: (String) -> FunctionType?) throws(WrapError) -> (Builtin, CoreFuncType)? {
        let isAsync = name.hasPrefix("[async-lower]")
        let bare = isAsync ? String(name.dropFirst("[async-lower]".count)) : name
        for kind in ["future", "stream"] {
            for op in Builtin.PayloadOp.allCases {
                let opName: String
                switch op {
                case .new: opName = "new"
                case .read: opName = "read"
                case .write: opName = "write"
                case .cancelRead: opName = "cancel-read"
                case .cancelWrite: opName = "cancel-write"
                case .dropReadable: opName = "drop-readable"
                case .dropWritable: opName = "drop-writable"
                }
                guard let rest = bare.stripping("[\(kind)-\(opName)-"), let close = rest.firstIndex(of: "]") else { continue }
                // Only reads, writes and cancels have an async form.
                if isAsync, op == .new || op == .dropReadable || op == .dropWritable { return nil }
                let which = String(rest[..<close])
                let fname = String(rest[rest.index(after: close)...])
                let type: ValueType
                var source: Builtin.PayloadSource?
                if which == "unit" {
                    type = kind == "future" ? .future(nil) : .stream(nil)
                } else {
                    guard let n = UInt32(which), let f = function(fname) else { return nil }
                    let all = Builtin.payloads(of: f)
                    guard Int(n) < all.count else { return nil }
                    type = all[Int(n)]
                    source = Builtin.PayloadSource(interface: container, function: fname, index: Int(n), imported: imported)
                }
                let handle: [CoreValType] = [.i32]
                let s: CoreFuncType
                switch op {
                case .new: s = CoreFuncType(params: [], results: [.i64])
                case .read, .write: s = CoreFuncType(params: kind == "future" ? [.i32, .i32] : [.i32, .i32, .i32], results: [.i32])
                case .cancelRead, .cancelWrite: s = CoreFuncType(params: handle, results: [.i32])
                case .dropReadable, .dropWritable: s = CoreFuncType(params: handle, results: [])
                }
                return (.payload(op, type: type, source: source, async: isAsync), s)
            }
        }
        return nil
    }

    /// Whether the built-in has to be reached through the shim's table:
    /// it needs the module's table, or its memory or realloc before the
    /// module exists.
    func builtinIsIndirect(_ b: Builtin, importedMemory: Bool) -> Bool {
        let r = b.requirements
        if r.table { return true }
        return !importedMemory && (r.memory || r.realloc)
    }

    /// Whether `__wasm_{get,set}_tls_base` may use context slot 1: only a
    /// module that uses threads (and so knows slot 1 is its own) may.
    static func tlsUsesContextSlot(_ uses: [ImportUse]) -> Bool {
        uses.contains { u in
            switch u {
            case .builtin(.threadNewIndirect), .builtin(.contextGet(_, 1)), .builtin(.contextSet(_, 1)): return true
            default: return false
            }
        }
    }

    /// The core function for built-in `b`. `memory` and `realloc` are the
    /// canonical options' targets when it needs them; `shim` is the shim
    /// instance (for the TLS global), `main` the module's instance (for
    /// its table).
    func emitBuiltin(_ b: Builtin, memory: UInt32?, realloc: UInt32?, shim: UInt32?, main: UInt32?) throws(WrapError) -> UInt32 {
        let r = b.requirements
        func mem() throws(WrapError) -> UInt32 {
            guard let memory else { throw WrapError("the built-in needs the module's memory, which it does not export as `memory`") }
            return memory
        }
        func opts(encoding: CanonOption? = nil) throws(WrapError) -> [CanonOption] {
            var out: [CanonOption] = []
            if r.memory { out.append(.memory(try mem())) }
            if r.realloc {
                guard let realloc else { throw WrapError("the built-in needs `cabi_realloc`, which the module does not export") }
                out.append(.realloc(realloc))
            }
            if r.strings { out.append(encoding ?? world.stringEncoding) }
            return out
        }
        func payloadType(_ t: ValueType) throws(WrapError) -> UInt32 {
            guard case .index(let i) = try topTypes.ref(t) else { throw WrapError("a stream or future type has no index") }
            return i
        }
        let kind: Canon.Kind
        switch b {
        case .backpressureInc: kind = .backpressureInc
        case .backpressureDec: kind = .backpressureDec
        case .taskCancel: kind = .taskCancel
        case .taskReturn(let result, _):
            kind = .taskReturn(result: try result.map { (v: ValueType) throws(WrapError) in try topTypes.ref(v) }, options: try opts())
        case .contextGet(let t, let slot): kind = .contextGet(t, slot)
        case .contextSet(let t, let slot): kind = .contextSet(t, slot)
        case .tlsBase(let set, let t):
            if let shim, tlsGlobal != nil {
                return top.aliasCoreExport(shim, set ? "$set-tls-base" : "$get-tls-base", .func_)
            }
            kind = set ? .contextSet(t, 1) : .contextGet(t, 1)
        case .waitableSetNew: kind = .waitableSetNew
        case .waitableSetWait(let c): kind = .waitableSetWait(cancellable: c, memory: try mem())
        case .waitableSetPoll(let c): kind = .waitableSetPoll(cancellable: c, memory: try mem())
        case .waitableSetDrop: kind = .waitableSetDrop
        case .waitableJoin: kind = .waitableJoin
        case .subtaskDrop: kind = .subtaskDrop
        case .subtaskCancel(let a): kind = .subtaskCancel(async: a)
        case .errorContextNew(let e): kind = .errorContextNew(try opts(encoding: e))
        case .errorContextDebugMessage(let e): kind = .errorContextDebugMessage(try opts(encoding: e))
        case .errorContextDrop: kind = .errorContextDrop
        case .payload(let op, let type, _, let isAsync):
            let t = try payloadType(type)
            var o = try opts()
            if isAsync { o.append(.async) }
            let future: Bool
            if case .future = type { future = true } else { future = false }
            switch op {
            case .new: kind = future ? .futureNew(t) : .streamNew(t)
            case .read: kind = future ? .futureRead(t, o) : .streamRead(t, o)
            case .write: kind = future ? .futureWrite(t, o) : .streamWrite(t, o)
            case .cancelRead: kind = future ? .futureCancelRead(t, async: isAsync) : .streamCancelRead(t, async: isAsync)
            case .cancelWrite: kind = future ? .futureCancelWrite(t, async: isAsync) : .streamCancelWrite(t, async: isAsync)
            case .dropReadable: kind = future ? .futureDropReadable(t) : .streamDropReadable(t)
            case .dropWritable: kind = future ? .futureDropWritable(t) : .streamDropWritable(t)
            }
        case .threadIndex: kind = .threadIndex
        case .threadNewIndirect:
            guard let main, case .table? = coreExports["__indirect_function_table"] else {
                throw WrapError("table __indirect_function_table must be an exported funcref table for thread.new-indirect")
            }
            let start = top.addCoreType(.sub(CoreSubType(form: .bare, supertypes: [], shared: false, composite: .function(params: [.i32], results: [])), prefixed: false))
            let table = top.aliasCoreExport(main, coreName("__indirect_function_table"), .table)
            kind = .threadNewIndirect(funcType: start, table: table)
        case .threadResumeLater: kind = .threadResumeLater
        case .threadSuspend(let c): kind = .threadSuspend(cancellable: c)
        case .threadYield(let c): kind = .threadYield(cancellable: c)
        case .threadSuspendThenResume(let c): kind = .threadSuspendThenResume(cancellable: c)
        case .threadYieldThenResume(let c): kind = .threadYieldThenResume(cancellable: c)
        case .threadSuspendThenPromote(let c): kind = .threadSuspendThenPromote(cancellable: c)
        case .threadYieldThenPromote(let c): kind = .threadYieldThenPromote(cancellable: c)
        }
        return top.addCanon(kind)
    }
}
