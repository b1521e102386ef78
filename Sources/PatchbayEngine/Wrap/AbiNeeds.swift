/// Which canonical options a lifted or lowered function needs, decided the
/// way the validator demands them: a memory whenever a value crosses
/// through linear memory, a realloc whenever the callee side must allocate
/// there, and a string encoding whenever a string crosses at all.
struct AbiNeeds {
    var memory = false
    var realloc = false
    var strings = false
    /// The `async` canonical option (an `[async-lower]` import or an
    /// `[async-lift]`/`[async-lift-stackful]` export).
    var isAsync = false
    var signature: CoreFuncType

    init(_ f: FunctionType, context: ABIContext, options: SignatureOptions = .sync32) throws(WrapError) {
        let sig: CoreSignature
        do { sig = try CanonicalABI.coreSignature(of: f, context: context, options: options) } catch {
            throw WrapError("cannot compute the Canonical ABI signature: \(error)")
        }
        signature = CoreFuncType(params: sig.params.map(CoreModuleWriter.valType), results: sig.results.map(CoreModuleWriter.valType))
        let paramPointers = f.params.contains { Self.hasPointers($0.type) }
        let resultPointers = f.result.map(Self.hasPointers) ?? false
        strings = f.params.contains { Self.hasStrings($0.type) } || (f.result.map(Self.hasStrings) ?? false)
        isAsync = options.isAsync
        switch context {
        case .lift where options.isAsync:
            // The results leave through `task.return`, whose options the
            // lift carries too (as wit-component writes them).
            let flatResults = sig.flatResults.count
            memory = sig.paramsViaPointer || paramPointers || resultPointers || flatResults > CanonicalABI.maxFlatParams
            realloc = sig.paramsViaPointer || paramPointers
        case .lower where options.isAsync:
            memory = sig.paramsViaPointer || f.result != nil || paramPointers || resultPointers
            realloc = resultPointers
        case .lift:
            memory = sig.paramsViaPointer || sig.resultPassing == .returnedPointer || paramPointers || resultPointers
            realloc = sig.paramsViaPointer || paramPointers
        case .lower:
            memory = sig.paramsViaPointer || sig.resultPassing == .outPointerParam || paramPointers || resultPointers
            realloc = resultPointers
        }
    }

    static func hasPointers(_ v: ValueType) -> Bool {
        switch v {
        case .string, .list, .map: return true
        case .record(let fs): return fs.contains { hasPointers($0.type) }
        case .variant(let cs): return cs.contains { $0.type.map(hasPointers) ?? false }
        case .tuple(let ts): return ts.contains(where: hasPointers)
        case .option(let t), .fixedList(let t, _): return hasPointers(t)
        case .result(let ok, let err): return (ok.map(hasPointers) ?? false) || (err.map(hasPointers) ?? false)
        default: return false
        }
    }

    static func hasStrings(_ v: ValueType) -> Bool {
        switch v {
        case .string: return true
        case .list(let t), .option(let t), .fixedList(let t, _): return hasStrings(t)
        case .map(let k, let x): return hasStrings(k) || hasStrings(x)
        case .record(let fs): return fs.contains { hasStrings($0.type) }
        case .variant(let cs): return cs.contains { $0.type.map(hasStrings) ?? false }
        case .tuple(let ts): return ts.contains(where: hasStrings)
        case .result(let ok, let err): return (ok.map(hasStrings) ?? false) || (err.map(hasStrings) ?? false)
        default: return false
        }
    }

    /// `[I32, I32] -> [I32]`, as wit-component prints signatures in errors.
    static func text(_ t: CoreFuncType) -> String {
        func list(_ vs: [CoreValType]) -> String { "[" + vs.map { $0.text.uppercased() }.joined(separator: ", ") + "]" }
        return "\(list(t.params)) -> \(list(t.results))"
    }
}
