import WasmKit

/// The canonical options of one `canon lift` or `canon lower`, resolved to
/// the runtime entities they name.
struct CanonOptions {
    var memory: WasmKit.Memory?
    var realloc: WasmKit.Function?
    var postReturn: WasmKit.Function?
    var encoding: StringEncoding = .utf8
}

extension Instantiator {
    func options(_ opts: [CanonOption], in scope: RuntimeScope, at offset: Int) throws(InstantiationError) -> CanonOptions {
        var o = CanonOptions()
        for opt in opts {
            switch opt {
            case .utf8: o.encoding = .utf8
            case .utf16: o.encoding = .utf16
            case .latin1Utf16: o.encoding = .latin1UTF16
            case .memory(let i):
                guard Int(i) < scope.coreMemories.count else {
                    throw InstantiationError("canon option memory \(i) is out of bounds (\(scope.coreMemories.count) memories)", at: offset)
                }
                let m = scope.coreMemories[Int(i)]
                if m.type.isMemory64 { throw InstantiationError("64-bit memories are not supported by the runtime", at: offset) }
                o.memory = m
            case .realloc(let i): o.realloc = try scope.coreFunc(i, "canon option realloc", at: offset).function
            case .postReturn(let i): o.postReturn = try scope.coreFunc(i, "canon option post-return", at: offset).function
            case .async, .callback:
                throw InstantiationError("async lifting and lowering are not supported by the runtime", at: offset)
            case .coreType, .gc:
                throw InstantiationError("the canonical option `\(opt.text)` is not supported by the runtime", at: offset)
            }
        }
        return o
    }

    func canon(_ c: Canon, in scope: RuntimeScope) throws {
        switch c.kind {
        case .lift(let coreIndex, let opts, let typeIndex):
            guard Int(typeIndex) < scope.spaces.types.count, case .function(let ft) = scope.spaces.types[Int(typeIndex)] else {
                throw InstantiationError("canon lift type \(typeIndex) is not a function type", at: c.offset)
            }
            let core = try scope.coreFunc(coreIndex, "canon lift", at: c.offset)
            let o = try options(opts, in: scope, at: c.offset)
            scope.funcs.append(try lift(core, ft, o, scope, at: c.offset))
        case .lower(let fi, let opts):
            guard Int(fi) < scope.funcs.count else {
                throw InstantiationError("canon lower: function index \(fi) is out of bounds (\(scope.funcs.count) defined)", at: c.offset)
            }
            let f = scope.funcs[Int(fi)]
            let o = try options(opts, in: scope, at: c.offset)
            // The function type as this scope's resolver sees it, so handle types are this scope's.
            let local = Int(fi) < scope.spaces.funcs.count ? scope.spaces.funcs[Int(fi)] : f.type
            scope.coreFuncs.append((try lower(f, local, o, scope, at: c.offset), "lowered \(f.name)"))
        case .resourceNew(let t), .resourceRep(let t), .resourceDrop(let t):
            guard Int(t) < scope.types.count, case .resource(let rt) = scope.types[Int(t)] else {
                throw InstantiationError("canon \(c.name): type \(t) is not a resource type", at: c.offset)
            }
            scope.coreFuncs.append((resourceBuiltin(c.kind, rt, scope), "\(c.name) of \(rt.name)"))
        default:
            throw InstantiationError("the canonical built-in `\(c.name)` is not supported by the runtime (async, threads and error contexts are not)", at: c.offset)
        }
    }

    // MARK: lift

    /// `canon lift`: a component function that lowers its arguments into
    /// the core function's memory, calls it, lifts the result and calls post-return.
    func lift(_ core: (function: WasmKit.Function, name: String), _ ft: FunctionType, _ o: CanonOptions,
              _ scope: RuntimeScope, at offset: Int) throws -> ComponentFunction {
        let sig: CoreSignature
        do { sig = try CanonicalABI.coreSignature(of: ft, context: .lift) } catch {
            throw InstantiationError("canon lift: \(error)", at: offset)
        }
        let paramTypes = ft.params.map(\.type)
        let fn = ComponentFunction(name: "function \(scope.funcs.count) of \(scope.state.name)", type: ft, provisional: true) { _ in nil }
        fn.body = { [unowned self, unowned fn] args in
            guard args.count == paramTypes.count else {
                throw ComponentTrap("\(fn.name) takes \(paramTypes.count) arguments, got \(args.count)", componentFunction: fn.name)
            }
            let cx = CanonContext(memory: o.memory, realloc: o.realloc, encoding: o.encoding, state: scope.state,
                                  trace: self.trace, layouts: self.layouts)
            guard !scope.state.entered else {
                throw ComponentTrap("cannot enter \(scope.state.name) again while it is running (a component instance may not be re-entered)", componentFunction: fn.name)
            }
            scope.state.entered = true
            defer { scope.state.entered = false }
            cx.scope = CallScope()
            cx.resources = scope.resourcesByID
            let mark = self.trace?.events.count ?? 0
            var flat: [WasmKit.Value] = []
            do {
                if sig.paramsViaPointer {
                    let tuple = ValueType.tuple(paramTypes)
                    let l = try self.layouts.layout(tuple)
                    let p = try cx.allocate(size: l.size, alignment: l.alignment, for: "the arguments")
                    try cx.store(.tuple(args), tuple, at: p)
                    flat = [.i32(UInt32(p))]
                } else {
                    for (a, t) in zip(args, paramTypes) { try cx.lowerFlat(a, t, into: &flat) }
                }
            } catch var t as ComponentTrap {
                t.passing(through: fn.name)
                throw t
            }
            let trace = self.trace
            trace?.insert(.enter(depth: trace?.depth ?? 0, via: "lift", function: fn.name, instance: scope.state.name,
                                 arguments: args.map(WaveSyntax.print).joined(separator: ", "), core: flat.map(\.traceText)), at: mark)
            trace?.depth += 1
            defer { trace?.depth -= 1 }
            let results: [WasmKit.Value]
            do { results = try core.function.invoke(flat) } catch var t as ComponentTrap {
                t.passing(through: fn.name)
                t.coreFunction = t.coreFunction ?? core.name
                throw t
            } catch {
                let (reason, frame) = Self.describe(error)
                throw ComponentTrap(reason, componentFunction: fn.name,
                                    coreFunction: frame.map { "\($0) (called through \(core.name))" } ?? core.name)
            }
            var result: ComponentValue?
            do {
                if let rt = ft.result {
                    if sig.resultPassing == .returnedPointer {
                        guard case .i32(let p)? = results.first else { throw ComponentTrap("expected an i32 result pointer") }
                        try cx.checkAligned(Int(p), try self.layouts.layout(rt).alignment, "result")
                        result = try cx.load(rt, at: Int(p))
                    } else {
                        var r = CanonContext.FlatReader(values: results)
                        result = try cx.liftFlat(rt, &r)
                    }
                }
                trace?.add(.exit(depth: (trace?.depth ?? 1) - 1, via: "lift", function: fn.name,
                                 result: result.map(WaveSyntax.print) ?? "()", core: results.map(\.traceText)))
                if let post = o.postReturn { _ = try post.invoke(results) }
                if let s = cx.scope, s.borrows > 0 {
                    throw ComponentTrap("\(s.borrows) borrowed handle\(s.borrows == 1 ? "" : "s") not dropped before \(fn.name) returned")
                }
            } catch var t as ComponentTrap {
                t.passing(through: fn.name)
                throw t
            } catch {
                throw ComponentTrap(Self.describe(error).reason, componentFunction: fn.name, coreFunction: "post-return of \(core.name)")
            }
            return result
        }
        return fn
    }

    // MARK: lower

    /// `canon lower`: a core function that lifts its arguments out of the
    /// caller's memory, calls the component function and lowers the result back.
    func lower(_ f: ComponentFunction, _ ft: FunctionType, _ o: CanonOptions, _ scope: RuntimeScope, at offset: Int) throws -> WasmKit.Function {
        let sig: CoreSignature
        do { sig = try CanonicalABI.coreSignature(of: ft, context: .lower) } catch {
            throw InstantiationError("canon lower: \(error)", at: offset)
        }
        let paramTypes = ft.params.map(\.type)
        let type = WasmKit.FunctionType(parameters: sig.params.map(\.wasmKitType), results: sig.results.map(\.wasmKitType))
        return WasmKit.Function(store: store, type: type) { [unowned self] _, params in
            let cx = CanonContext(memory: o.memory, realloc: o.realloc, encoding: o.encoding, state: scope.state,
                                  trace: self.trace, layouts: self.layouts)
            cx.resources = scope.resourcesByID
            let trace = self.trace
            let mark = trace?.events.count ?? 0
            do {
                var args: [ComponentValue] = []
                if sig.paramsViaPointer {
                    guard case .i32(let p)? = params.first else { throw ComponentTrap("expected an i32 argument pointer") }
                    let tuple = ValueType.tuple(paramTypes)
                    try cx.checkAligned(Int(p), try self.layouts.layout(tuple).alignment, "argument")
                    if case .tuple(let xs) = try cx.load(tuple, at: Int(p)) { args = xs }
                } else {
                    var r = CanonContext.FlatReader(values: params)
                    for t in paramTypes { args.append(try cx.liftFlat(t, &r)) }
                }
                trace?.insert(.enter(depth: trace?.depth ?? 0, via: "lower", function: f.name, instance: scope.state.name,
                                     arguments: args.map(WaveSyntax.print).joined(separator: ", "), core: params.map(\.traceText)), at: mark)
                trace?.depth += 1
                let result: ComponentValue?
                do {
                    defer { trace?.depth -= 1 }
                    result = try f.call(args)
                }
                cx.releaseLends()
                var out: [WasmKit.Value] = []
                if let rt = ft.result, let result {
                    if sig.resultPassing == .outPointerParam {
                        guard case .i32(let p)? = params.last else { throw ComponentTrap("expected an i32 result pointer") }
                        try cx.checkAligned(Int(p), try self.layouts.layout(rt).alignment, "result")
                        try cx.store(result, rt, at: Int(p))
                    } else {
                        try cx.lowerFlat(result, rt, into: &out)
                    }
                }
                trace?.add(.exit(depth: trace?.depth ?? 0, via: "lower", function: f.name,
                                 result: result.map(WaveSyntax.print) ?? "()", core: out.map(\.traceText)))
                return out
            } catch var t as ComponentTrap {
                t.componentFunction = t.componentFunction ?? f.name
                throw t
            }
        }
    }

    // MARK: resources

    func resourceBuiltin(_ kind: Canon.Kind, _ rt: RuntimeResourceType, _ scope: RuntimeScope) -> WasmKit.Function {
        let state = scope.state
        switch kind {
        case .resourceNew:
            return WasmKit.Function(store: store, parameters: [.i32], results: [.i32]) { [unowned self] _, p in
                guard case .i32(let rep)? = p.first else { return [.i32(0)] }
                let h = state.table.add(HandleEntry(type: rt, rep: rep, own: true))
                self.trace?.add(.note(depth: self.trace?.depth ?? 0, "resource.new \(rt.name) rep \(rep) = handle \(h) in \(state.name)"))
                return [.i32(h)]
            }
        case .resourceRep:
            return WasmKit.Function(store: store, parameters: [.i32], results: [.i32]) { _, p in
                guard case .i32(let h)? = p.first else { return [.i32(0)] }
                let e = try state.table.get(h, in: state.name)
                guard e.type === rt else {
                    throw ComponentTrap("resource.rep: handle \(h) in \(state.name) is a \(e.type.name), not a \(rt.name)")
                }
                return [.i32(e.rep)]
            }
        default:
            return WasmKit.Function(store: store, parameters: [.i32], results: []) { [unowned self] _, p in
                guard case .i32(let h)? = p.first else { return [] }
                let e = try state.table.get(h, in: state.name)
                guard e.type === rt else {
                    throw ComponentTrap("resource.drop: handle \(h) in \(state.name) is a \(e.type.name), not a \(rt.name)")
                }
                guard e.lends == 0 else { throw ComponentTrap("resource.drop: handle \(h) in \(state.name) is still lent out") }
                _ = try state.table.remove(h, in: state.name)
                self.trace?.add(.note(depth: self.trace?.depth ?? 0, "resource.drop \(rt.name) handle \(h) (\(e.own ? "own" : "borrow"), rep \(e.rep)) in \(state.name)"))
                if e.own {
                    if let d = rt.destructor {
                        self.trace?.add(.note(depth: self.trace?.depth ?? 0, "destructor of \(rt.name) called with rep \(e.rep)"))
                        do { _ = try d.invoke([.i32(e.rep)]) } catch let t as ComponentTrap { throw t } catch {
                            throw ComponentTrap(Self.describe(error).reason, coreFunction: "destructor of \(rt.name)")
                        }
                    }
                } else {
                    e.scope?.borrows -= 1
                }
                return []
            }
        }
    }

    /// The reason of a WasmKit trap and the innermost named frame of its backtrace.
    static func describe(_ error: any Error) -> (reason: String, frame: String?) {
        let lines = "\(error)".split(separator: "\n").map(String.init)
        var reason = lines.first ?? "\(error)"
        if reason.hasPrefix("Trap: ") { reason = String(reason.dropFirst(6)) }
        var frame: String?
        for l in lines.dropFirst() {
            // Backtrace lines read `    0: (0x…) name`.
            if let close = l.firstIndex(of: ")") {
                let name = l[l.index(after: close)...].trimmingSpaces()
                if !name.isEmpty, name != "unknown" { frame = name; break }
            }
        }
        return (reason, frame)
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        String(self.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
