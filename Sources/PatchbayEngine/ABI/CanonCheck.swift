/// Checks each `canon lift` and `canon lower` of a component against the
/// Canonical ABI: the options in force, the core signature they imply, and
/// for a lift whether the core function it references has that signature.
public struct CanonCheck: Sendable, Hashable {
    public var offset: Int
    /// "lift" or "lower".
    public var kind: String
    /// The component function's name where an import or export names it.
    public var name: String?
    public var function: FunctionType
    public var options: [CanonOption]
    /// The core signature the Canonical ABI gives for these options.
    public var expected: CoreFuncType?
    /// For a lift: the signature of the core function actually referenced.
    public var actual: CoreFuncType?
    /// A mismatch, naming both signatures.
    public var problem: String?

    /// Checks the top level of `component`, given its resolution.
    public static func run(_ component: Component, resolved: TypeResolver.Result) -> [CanonCheck] {
        let spaces = resolved.spaces
        var out: [CanonCheck] = []
        var liftIndices: [Int: Int] = [:]  // position in `out` -> component func index
        var funcIndex = 0
        var names: [Int: String] = [:]
        // Component function indices come from imports, aliases, lifts and exports in order;
        // we only need lifts, so count them as the resolver did.
        for s in component.sections {
            switch s.content {
            case .imports(let list):
                for i in list { if case .func_ = i.type { names[funcIndex] = i.name.name; funcIndex += 1 } }
            case .aliases(let list):
                for a in list where a.sort == .func_ {
                    if case .instanceExport(_, let n) = a.target { names[funcIndex] = n }
                    funcIndex += 1
                }
            case .instances(let list):
                for i in list {
                    switch i.expr {
                    case .fromExports(let items):
                        for e in items where e.item.sort == .func_ && names[Int(e.item.index)] == nil {
                            names[Int(e.item.index)] = e.name.name
                        }
                    case .instantiate(_, let args):
                        // wit-component passes lifted functions to a nested
                        // component as `import-func-NAME`.
                        for a in args where a.item.sort == .func_ && names[Int(a.item.index)] == nil {
                            names[Int(a.item.index)] = a.name.hasPrefix("import-func-") ? String(a.name.dropFirst(12)) : a.name
                        }
                    }
                }
            case .exports(let list):
                for e in list where e.item.sort == .func_ {
                    if names[Int(e.item.index)] == nil { names[Int(e.item.index)] = e.name.name }
                    funcIndex += 1
                }
            case .canons(let list):
                for c in list {
                    switch c.kind {
                    case .lift(let core, let opts, _):
                        guard funcIndex < spaces.funcs.count else { break }
                        let f = spaces.funcs[funcIndex]
                        var check = CanonCheck(offset: c.offset, kind: "lift", name: nil, function: f, options: opts)
                        check.expected = signature(f, .lift, opts, spaces)
                        if Int(core) < spaces.coreFuncs.count { check.actual = spaces.coreFuncs[Int(core)] }
                        if let e = check.expected, let a = check.actual, e != a {
                            check.problem = "canon lift of core func \(core): the Canonical ABI expects \(e), the core function has \(a)"
                        }
                        liftIndices[out.count] = funcIndex
                        out.append(check)
                        funcIndex += 1
                    case .lower(let fi, let opts):
                        guard Int(fi) < spaces.funcs.count else { break }
                        let f = spaces.funcs[Int(fi)]
                        var check = CanonCheck(offset: c.offset, kind: "lower", name: names[Int(fi)], function: f, options: opts)
                        check.expected = signature(f, .lower, opts, spaces)
                        out.append(check)
                    default: break
                    }
                }
            default: break
            }
        }
        // Lifts are named by the export that exports them, which comes later.
        for (i, f) in liftIndices { out[i].name = names[f] }
        return out
    }

    /// The signature for these options. The address width follows the
    /// memory option's index type; the GC ABI (`gc`) is not modelled yet.
    static func signature(_ f: FunctionType, _ context: ABIContext, _ opts: [CanonOption], _ spaces: IndexSpaces) -> CoreFuncType? {
        if opts.contains(.gc) { return nil }
        var memory64 = false
        for case .memory(let m) in opts {
            if Int(m) < spaces.coreMemories.count, case .memory(let l) = spaces.coreMemories[Int(m)] { memory64 = l.is64 }
        }
        let isAsync = opts.contains(.async)
        let callback = opts.contains { if case .callback = $0 { return true }; return false }
        guard let s = try? CanonicalABI.coreSignature(of: f, context: context, options: SignatureOptions(memory64: memory64, isAsync: isAsync, callback: callback)) else { return nil }
        return CoreFuncType(params: s.params.map(\.coreValType), results: s.results.map(\.coreValType))
    }
}
