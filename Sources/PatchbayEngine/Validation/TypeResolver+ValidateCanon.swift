/// Canonical definitions: option rules (memory, realloc, post-return,
/// string encodings, async, callback), the core signature of lifted
/// functions against the Canonical ABI flattening, the types the built-ins
/// give their core functions, and the resource built-ins' local-resource rule.
extension TypeResolver {
    struct CanonOptions {
        var encoding: CanonOption?
        var memory: UInt32?
        var realloc: UInt32?
        var postReturn: UInt32?
        var isAsync = false
        var callback: UInt32?
        var gc = false
        var coreType: UInt32?
        var memory64 = false
    }

    func collectOptions(_ options: [CanonOption], at offset: Int) throws(ValidationError) -> CanonOptions {
        var o = CanonOptions()
        func dup(_ name: String) -> ValidationError { ValidationError("canonical option `\(name)` is specified more than once", at: offset) }
        for opt in options {
            switch opt {
            case .utf8, .utf16, .latin1Utf16:
                if let prev = o.encoding {
                    throw ValidationError("canonical encoding option `\(encodingName(prev))` conflicts with option `\(encodingName(opt))`", at: offset)
                }
                o.encoding = opt
            case .memory(let m):
                if o.memory != nil { throw dup("memory") }
                guard Int(m) < cur.coreMemories.count else { throw ValidationError("unknown memory \(m): memory index out of bounds", at: offset) }
                if case .memory(let l) = cur.coreMemories[Int(m)] {
                    if l.is64 {
                        if validation?.features.contains(.memory64) != true {
                            throw ValidationError("64-bit memories require the `cm64` feature to be enabled", at: offset)
                        }
                        o.memory64 = true
                    }
                    if l.shared { throw ValidationError("mismatch in the shared flag for memories", at: offset) }
                }
                o.memory = m
            case .realloc(let f):
                if o.realloc != nil { throw dup("realloc") }
                o.realloc = f
            case .postReturn(let f):
                if o.postReturn != nil { throw dup("post-return") }
                o.postReturn = f
            case .async:
                if o.isAsync { throw dup("async") }
                if validation?.features.contains(.async) != true {
                    throw ValidationError("canonical option `async` requires the component model async feature", at: offset)
                }
                o.isAsync = true
            case .callback(let f):
                if o.callback != nil { throw dup("callback") }
                o.callback = f
            case .gc:
                if validation?.features.contains(.gc) != true {
                    throw ValidationError("canonical option `gc` requires the `cm-gc` feature", at: offset)
                }
                o.gc = true
            case .coreType(let t): o.coreType = t
            }
        }
        if o.realloc != nil && o.memory == nil {
            throw ValidationError("canonical option `realloc` requires `memory` to also be specified", at: offset)
        }
        if let r = o.realloc {
            let p: CoreValType = o.memory64 ? .i64 : .i32
            let expected = CoreFuncType(params: [p, p, p, p], results: [p])
            let f = try coreFunc(r, at: offset)
            if let f, f != expected {
                throw ValidationError("canonical option `realloc` uses a core function with an incorrect signature", at: offset)
            }
        }
        if o.callback != nil && !o.isAsync { throw ValidationError("cannot specify callback without async", at: offset) }
        if o.postReturn != nil && o.isAsync { throw ValidationError("cannot specify post-return function in async", at: offset) }
        if o.coreType != nil && !o.gc { throw ValidationError("cannot specify `core-type` without `gc`", at: offset) }
        if let cb = o.callback {
            let f = try coreFunc(cb, at: offset)
            if let f, f != CoreFuncType(params: [.i32, .i32, .i32], results: [.i32]) {
                throw ValidationError("canonical option `callback` uses a core function with an incorrect signature", at: offset)
            }
        }
        return o
    }

    func encodingName(_ o: CanonOption) -> String {
        switch o {
        case .utf16: "utf16"
        case .latin1Utf16: "latin1-utf16"
        default: "utf8"
        }
    }

    func coreFunc(_ i: UInt32, at offset: Int) throws(ValidationError) -> CoreFuncType? {
        guard Int(i) < cur.coreFuncs.count else { throw ValidationError("unknown core function \(i): function index out of bounds", at: offset) }
        return cur.coreFuncs[Int(i)]
    }

    func forbid(_ o: CanonOptions, memory: Bool = false, realloc: Bool = true, postReturn: Bool = true, async: Bool = false, name: String, at offset: Int) throws(ValidationError) {
        if realloc && o.realloc != nil { throw ValidationError("cannot specify `realloc` option on `\(name)`", at: offset) }
        if postReturn && o.postReturn != nil { throw ValidationError("cannot specify `post-return` option on `\(name)`", at: offset) }
        if async && o.isAsync { throw ValidationError("cannot specify `async` option on `\(name)`", at: offset) }
    }

    static func containsListOrString(_ t: ValueType) -> Bool {
        switch t {
        case .string, .list, .map: return true
        case .record(let fs): return fs.contains { containsListOrString($0.type) }
        case .variant(let cs): return cs.contains { $0.type.map(containsListOrString) ?? false }
        case .fixedList(let t, _), .option(let t): return containsListOrString(t)
        case .tuple(let ts): return ts.contains(where: containsListOrString)
        case .result(let ok, let err): return (ok.map(containsListOrString) ?? false) || (err.map(containsListOrString) ?? false)
        default: return false
        }
    }

    static func core(_ t: CoreValueType) -> CoreValType {
        switch t {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        }
    }

    static func listText(_ ts: [CoreValType]) -> String { "[" + ts.map { $0.text.uppercased() }.joined(separator: ", ") + "]" }

    /// Checks a canon definition and returns the core function type it
    /// gives (nil when not known), to be stored in the core func space.
    func validateCanon(_ c: Canon) throws(ValidationError) -> CoreFuncType?? {
        guard let v = validation else { return nil }
        let at = c.offset
        let f = v.features
        func gate(_ feature: FeatureSet) throws(ValidationError) {
            if !f.contains(feature) { throw ValidationError("`\(c.name)` requires a component model feature that is not enabled", at: at) }
        }
        func sig(_ p: [CoreValType], _ r: [CoreValType]) -> CoreFuncType?? { .some(CoreFuncType(params: p, results: r)) }
        func streamOrFuture(_ t: UInt32, stream: Bool) throws(ValidationError) -> ValueType? {
            guard Int(t) < cur.types.count else { throw outOfBounds("type", t, cur.types.count, at) }
            switch cur.types[Int(t)] {
            case .value(.stream(let p)) where stream: return p
            case .value(.future(let p)) where !stream: return p
            default: throw ValidationError("`\(c.name)` requires a \(stream ? "stream" : "future") type", at: at)
            }
        }
        switch c.kind {
        case .lift(let coreIdx, let options, let typeIdx):
            let o = try collectOptions(options, at: at)
            guard Int(typeIdx) < cur.types.count else { throw outOfBounds("type", typeIdx, cur.types.count, at) }
            guard case .function(let ft) = cur.types[Int(typeIdx)] else {
                throw ValidationError("type index \(typeIdx) is not a function type", at: at)
            }
            let core = try coreFunc(coreIdx, at: at)
            if o.gc { return nil }
            try checkLiftLower(ft, o, context: .lift, core: core, coreIndex: coreIdx, at: at)
            return nil
        case .lower(let fi, let options):
            let o = try collectOptions(options, at: at)
            guard Int(fi) < cur.funcs.count else { throw ValidationError("unknown function \(fi): function index out of bounds", at: at) }
            if o.postReturn != nil { throw ValidationError("canonical option `post-return` cannot be used when lowering", at: at) }
            if o.gc { return nil }
            return .some(try checkLiftLower(cur.funcs[Int(fi)], o, context: .lower, core: nil, coreIndex: nil, at: at))
        case .resourceNew(let t), .resourceRep(let t), .resourceDrop(let t):
            let r = try resourceType(t, at: at)
            if case .resourceDrop = c.kind { return sig([.i32], []) }
            guard let rep = v.body.localResources[r.id] else {
                throw ValidationError("type \(t) is not a local resource", at: at)
            }
            if case .resourceNew = c.kind { return sig([rep], [.i32]) }
            return sig([.i32], [rep])
        case .backpressureInc, .backpressureDec, .taskCancel:
            try gate(.async); return sig([], [])
        case .taskReturn(let result, let options):
            try gate(.async)
            let o = try collectOptions(options, at: at)
            if o.realloc != nil { throw ValidationError("cannot specify `realloc` option on `task.return`", at: at) }
            if o.postReturn != nil || o.isAsync || o.callback != nil {
                throw ValidationError("cannot specify `async`, `callback` or `post-return` on `task.return`", at: at)
            }
            let rt: ValueType? = if let result { try valueType(result, at: at) } else { nil }
            if let rt, rt.containsBorrow { throw ValidationError("`task.return` result cannot contain a `borrow` type", at: at) }
            let flat = (try? rt.map { try CanonicalABI.flatten($0, memory64: o.memory64) }) ?? nil
            guard var params = flat?.map(Self.core) ?? (rt == nil ? [] : nil) else { return nil }
            if params.count > CanonicalABI.maxFlatParams { params = [o.memory64 ? .i64 : .i32] }
            if let rt, (Self.containsListOrString(rt) || params.count == 1 && flat?.count ?? 0 > CanonicalABI.maxFlatParams), o.memory == nil {
                throw ValidationError("canonical option `memory` is required", at: at)
            }
            return sig(params, [])
        case .contextGet(let t, let i), .contextSet(let t, let i):
            try gate(.async)
            switch t {
            case .i32: break
            case .i64: if !f.contains(.memory64) { throw ValidationError("`\(c.name)` with `i64` requires the `cm64` feature", at: at) }
            default: throw ValidationError("`\(c.name)` only supports `i32` or `i64`", at: at)
            }
            if let prev = v.body.contextType, prev != t {
                throw ValidationError("`\(c.name)` type must match previous context type", at: at)
            }
            v.body.contextType = t
            if i >= 2 { throw ValidationError("invalid context index \(i) for `\(c.name)`", at: at) }
            if case .contextGet = c.kind { return sig([], [t]) }
            return sig([t], [])
        case .subtaskCancel:
            try gate(.async); return sig([.i32], [.i32])
        case .subtaskDrop:
            try gate(.async); return sig([.i32], [])
        case .streamNew(let t):
            try gate(.async); _ = try streamOrFuture(t, stream: true); return sig([], [.i64])
        case .futureNew(let t):
            try gate(.async); _ = try streamOrFuture(t, stream: false); return sig([], [.i64])
        case .streamRead(let t, let options), .streamWrite(let t, let options):
            try gate(.async)
            let o = try collectOptions(options, at: at)
            if let p = try streamOrFuture(t, stream: true) {
                if o.memory == nil { throw ValidationError("canonical option `memory` is required", at: at) }
                if case .streamRead = c.kind, Self.containsListOrString(p), o.realloc == nil {
                    throw ValidationError("canonical option `realloc` is required", at: at)
                }
            }
            let p: CoreValType = o.memory64 ? .i64 : .i32
            return sig([.i32, p, p], [p])
        case .futureRead(let t, let options), .futureWrite(let t, let options):
            try gate(.async)
            let o = try collectOptions(options, at: at)
            if let p = try streamOrFuture(t, stream: false) {
                if o.memory == nil { throw ValidationError("canonical option `memory` is required", at: at) }
                if case .futureRead = c.kind, Self.containsListOrString(p), o.realloc == nil {
                    throw ValidationError("canonical option `realloc` is required", at: at)
                }
            }
            return sig([.i32, o.memory64 ? .i64 : .i32], [.i32])
        case .streamCancelRead(let t, _), .streamCancelWrite(let t, _):
            try gate(.async); _ = try streamOrFuture(t, stream: true); return sig([.i32], [.i32])
        case .futureCancelRead(let t, _), .futureCancelWrite(let t, _):
            try gate(.async); _ = try streamOrFuture(t, stream: false); return sig([.i32], [.i32])
        case .streamDropReadable(let t), .streamDropWritable(let t):
            try gate(.async); _ = try streamOrFuture(t, stream: true); return sig([.i32], [])
        case .futureDropReadable(let t), .futureDropWritable(let t):
            try gate(.async); _ = try streamOrFuture(t, stream: false); return sig([.i32], [])
        case .errorContextNew(let options), .errorContextDebugMessage(let options):
            try gate(.errorContext)
            let o = try collectOptions(options, at: at)
            if o.memory == nil { throw ValidationError("canonical option `memory` is required", at: at) }
            if o.isAsync { throw ValidationError("cannot specify `async` option on `\(c.name)`", at: at) }
            let p: CoreValType = o.memory64 ? .i64 : .i32
            if case .errorContextNew = c.kind { return sig([p, p], [.i32]) }
            if o.realloc == nil { throw ValidationError("canonical option `realloc` is required", at: at) }
            return sig([.i32, p], [])
        case .errorContextDrop:
            try gate(.errorContext); return sig([.i32], [])
        case .waitableSetNew:
            try gate(.async); return sig([], [.i32])
        case .waitableSetWait(_, let m), .waitableSetPoll(_, let m):
            try gate(.async)
            guard Int(m) < cur.coreMemories.count else { throw ValidationError("unknown memory \(m): memory index out of bounds", at: at) }
            var p: CoreValType = .i32
            if case .memory(let l) = cur.coreMemories[Int(m)], l.is64 { p = .i64 }
            return sig([.i32, p], [.i32])
        case .waitableSetDrop:
            try gate(.async); return sig([.i32], [])
        case .waitableJoin:
            try gate(.async); return sig([.i32, .i32], [])
        case .threadIndex:
            try gate(.threads); return sig([], [.i32])
        case .threadYield:
            try gate(.async); return sig([], [.i32])
        case .threadSuspend:
            try gate(.threads); return sig([], [.i32])
        case .threadResumeLater:
            try gate(.threads); return sig([.i32], [])
        case .threadSuspendThenResume, .threadYieldThenResume, .threadSuspendThenPromote, .threadYieldThenPromote:
            try gate(.threads); return sig([.i32], [.i32])
        case .threadNewIndirect, .threadSpawnRef, .threadSpawnIndirect, .threadAvailableParallelism:
            try gate(.threads); return nil
        }
    }

    /// Memory/realloc/post-return requirements and, for lift, the core
    /// function's signature against the flattening. Returns the core type
    /// a lower gives.
    @discardableResult
    func checkLiftLower(_ ft: FunctionType, _ o: CanonOptions, context: ABIContext, core: CoreFuncType?, coreIndex: UInt32?, at: Int) throws(ValidationError) -> CoreFuncType? {
        if context == .lift, ft.isAsync == false, o.isAsync, validation?.features.contains(.async) == true {
            // An `async` lift of a sync function type is allowed by the spec
            // only for async function types.
            throw ValidationError("the `async` canonical option requires an async function type", at: at)
        }
        let opts = SignatureOptions(memory64: o.memory64, isAsync: o.isAsync, callback: o.callback != nil)
        let s: CoreSignature
        do { s = try CanonicalABI.coreSignature(of: ft, context: context, options: opts) } catch {
            throw ValidationError("function type has no Canonical ABI signature: \(error)", at: at)
        }
        let paramLists = ft.params.contains { Self.containsListOrString($0.type) }
        let resultLists = ft.result.map(Self.containsListOrString) ?? false
        let spills = s.paramsViaPointer || s.resultPassing == .returnedPointer || s.resultPassing == .outPointerParam
            || (s.resultPassing == .asyncSubtaskStatus && ft.result != nil)
        let liftsResultsHere = !(context == .lift && o.isAsync)
        if (paramLists || (resultLists && liftsResultsHere) || spills) && o.memory == nil {
            throw ValidationError("canonical option `memory` is required", at: at)
        }
        let needsRealloc = context == .lift ? (paramLists || s.paramsViaPointer) : resultLists
        if needsRealloc && o.realloc == nil {
            throw ValidationError("canonical option `realloc` is required", at: at)
        }
        let params = s.params.map(Self.core), results = s.results.map(Self.core)
        if let pr = o.postReturn {
            let f = try coreFunc(pr, at: at)
            if let f, f != CoreFuncType(params: results, results: []) {
                throw ValidationError("canonical option `post-return` uses a core function with an incorrect signature", at: at)
            }
        }
        if let core, let coreIndex {
            if core.params != params {
                throw ValidationError("lowered parameter types `\(Self.listText(params))` do not match parameter types `\(Self.listText(core.params))` of core function \(coreIndex)", at: at)
            }
            if core.results != results {
                throw ValidationError("lowered result types `\(Self.listText(results))` do not match result types `\(Self.listText(core.results))` of core function \(coreIndex)", at: at)
            }
        }
        return CoreFuncType(params: params, results: results)
    }
}
