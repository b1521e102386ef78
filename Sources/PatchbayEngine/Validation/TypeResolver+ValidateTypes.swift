/// Well-formedness of type definitions: labels, emptiness, flag counts,
/// gated type constructors, borrow-free results, `stream<char>`, fixed-list
/// lengths and size limits. Syntactic rules are checked on the definition as
/// written (one level: nested types are references to earlier, already
/// checked types); rules about the whole type on the resolved `ValueType`.
extension TypeResolver {
    /// wasmparser's bound on the number of nodes in one type, which keeps
    /// deeply shared types from blowing up every walk over them.
    static let maxTypeSize = 1_000_000
    /// `MAX_LIST_BYTE_LENGTH + 1` of the Canonical ABI.
    static let maxValueByteSize = 1 << 28
    static let maxFixedListLength: UInt32 = 1 << 30

    func validateDefinedType(_ d: DefinedType, at offset: Int) throws(ValidationError) {
        guard let v = validation else { return }
        let f = v.features
        func labels(_ names: [String], _ what: String, plural: String) throws(ValidationError) {
            var scope = NameScope()
            for n in names {
                if n.isEmpty { throw ValidationError("\(what) name cannot be empty", at: offset) }
                guard ExternNames.isKebab(n) else { throw ValidationError("\(what) name `\(n)` is not in kebab case", at: offset) }
                if let prev = scope.insert(n) {
                    throw ValidationError("\(what) name `\(n)` conflicts with previous \(what) name `\(prev)`", at: offset)
                }
            }
        }
        func gate(_ feature: FeatureSet, _ what: String) throws(ValidationError) {
            if !f.contains(feature) { throw ValidationError("\(what) requires a feature that is not enabled", at: offset) }
        }
        switch d {
        case .primitive(let p):
            if p == .errorContext { try gate(.errorContext, "`error-context`") }
        case .record(let fields):
            if fields.isEmpty { throw ValidationError("record type must have at least one field", at: offset) }
            try labels(fields.map(\.name), "record field", plural: "fields")
        case .variant(let cases):
            if cases.isEmpty { throw ValidationError("variant type must have at least one case", at: offset) }
            try labels(cases.map(\.name), "variant case", plural: "cases")
            for c in cases where c.refines != 0 {
                throw ValidationError("variant case `\(c.name)` has an invalid refines byte", at: offset)
            }
        case .tuple(let ts):
            if ts.isEmpty { throw ValidationError("tuple type must have at least one type", at: offset) }
        case .flags(let names):
            if names.isEmpty { throw ValidationError("flags must have at least one entry", at: offset) }
            if names.count > 32 { throw ValidationError("cannot have more than 32 flags", at: offset) }
            try labels(names, "flag", plural: "flags")
        case .enumeration(let names):
            if names.isEmpty { throw ValidationError("enum type must have at least one variant", at: offset) }
            try labels(names, "enum tag", plural: "tags")
        case .fixedList(_, let n):
            try gate(.fixedLengthLists, "fixed-length list")
            if n == 0 { throw ValidationError("Fixed-length lists must have more than zero elements", at: offset) }
            if n > Self.maxFixedListLength {
                throw ValidationError("fixed-length list element count exceeds limit of \(Self.maxFixedListLength)", at: offset)
            }
        case .map:
            try gate(.map, "`map`")
        case .stream(let t):
            try gate(.async, "`stream`")
            if let t, case .char = try valueType(t, at: offset) {
                throw ValidationError("`stream<char>` is not valid at this time, use `stream<u8>` with a defined encoding instead", at: offset)
            }
        case .future:
            try gate(.async, "`future`")
        case .list, .option, .result, .own, .borrow:
            break
        }
    }

    /// Checks a resolved value type as a whole: size limits.
    func validateResolvedValue(_ t: ValueType, at offset: Int) throws(ValidationError) {
        guard validation != nil else { return }
        var budget = Self.maxTypeSize
        guard t.fitsSize(&budget) else {
            throw ValidationError("effective type size exceeds the limit of \(Self.maxTypeSize)", at: offset)
        }
        if let size = try? CanonicalABI.size(of: t), size >= Self.maxValueByteSize {
            throw ValidationError("value type's maximum in-memory size exceeds maximum byte size", at: offset)
        }
    }

    func validateFunctionType(_ f: FuncTypeDef, resolved: FunctionType, at offset: Int) throws(ValidationError) {
        guard let v = validation else { return }
        if f.isAsync && !v.features.contains(.async) {
            throw ValidationError("async function types require the component model async feature", at: offset)
        }
        var scope = NameScope()
        for p in f.params {
            guard ExternNames.isKebab(p.name) else {
                throw ValidationError("function parameter name `\(p.name)` is not in kebab case", at: offset)
            }
            if let prev = scope.insert(p.name) {
                throw ValidationError("function parameter name `\(p.name)` conflicts with previous parameter name `\(prev)`", at: offset)
            }
        }
        if let r = resolved.result, r.containsBorrow {
            throw ValidationError("function result cannot contain a `borrow` type", at: offset)
        }
        var budget = Self.maxTypeSize
        for p in resolved.params where !p.type.fitsSize(&budget) {
            throw ValidationError("effective type size exceeds the limit of \(Self.maxTypeSize)", at: offset)
        }
        if let r = resolved.result, !r.fitsSize(&budget) {
            throw ValidationError("effective type size exceeds the limit of \(Self.maxTypeSize)", at: offset)
        }
    }

    func validateResource(rep: CoreValType, destructor: UInt32?, at offset: Int) throws(ValidationError) {
        guard let v = validation else { return }
        switch rep {
        case .i32: break
        case .i64:
            if !v.features.contains(.memory64) {
                throw ValidationError("resources with `i64` require the `cm64` feature to be enabled", at: offset)
            }
        default:
            throw ValidationError("resources can only be represented by `i32` or `i64`", at: offset)
        }
        if let d = destructor {
            guard Int(d) < cur.coreFuncs.count else {
                throw ValidationError("unknown core function \(d): function index out of bounds", at: offset)
            }
            if let sig = cur.coreFuncs[Int(d)], sig != CoreFuncType(params: [rep], results: []) {
                throw ValidationError("core function \(d) has wrong signature for a destructor: expected [\(rep.text)] -> [], found \(sig)", at: offset)
            }
        }
    }

    /// Names of an instance or component type: valid and strongly unique.
    func validateTypeNames(imports: [NamedEntity], exports: [NamedEntity], at offset: Int) throws(ValidationError) {
        guard validation != nil else { return }
        var scope = NameScope()
        for i in imports {
            try validateExternName(i.name, entity: i.type, isExport: false, scope: &scope, siblings: imports, at: offset)
        }
        scope = NameScope()
        for e in exports {
            try validateExternName(e.name, entity: e.type, isExport: true, scope: &scope, siblings: exports, at: offset)
        }
    }
}

extension ValueType {
    /// Counts nodes against `budget`, stopping as soon as it runs out, so
    /// that even exponentially shared types cost at most the budget.
    func fitsSize(_ budget: inout Int) -> Bool {
        budget -= 1
        if budget < 0 { return false }
        switch self {
        case .record(let fs): for f in fs where !f.type.fitsSize(&budget) { return false }
        case .variant(let cs): for c in cs { if let t = c.type, !t.fitsSize(&budget) { return false } }
        case .list(let t), .fixedList(let t, _), .option(let t): return t.fitsSize(&budget)
        case .tuple(let ts): for t in ts where !t.fitsSize(&budget) { return false }
        case .result(let ok, let err):
            if let ok, !ok.fitsSize(&budget) { return false }
            if let err, !err.fitsSize(&budget) { return false }
        case .stream(let t), .future(let t): if let t { return t.fitsSize(&budget) }
        case .map(let k, let v): return k.fitsSize(&budget) && v.fitsSize(&budget)
        case .flags(let n), .enumeration(let n): budget -= n.count
        default: break
        }
        return budget >= 0
    }

    /// Whether a `borrow` handle occurs anywhere inside (streams and futures
    /// included: their payloads cross the boundary too).
    var containsBorrow: Bool {
        switch self {
        case .borrow: return true
        case .record(let fs): return fs.contains { $0.type.containsBorrow }
        case .variant(let cs): return cs.contains { $0.type?.containsBorrow ?? false }
        case .list(let t), .fixedList(let t, _), .option(let t): return t.containsBorrow
        case .tuple(let ts): return ts.contains { $0.containsBorrow }
        case .result(let ok, let err): return (ok?.containsBorrow ?? false) || (err?.containsBorrow ?? false)
        case .stream(let t), .future(let t): return t?.containsBorrow ?? false
        case .map(let k, let v): return k.containsBorrow || v.containsBorrow
        default: return false
        }
    }
}
