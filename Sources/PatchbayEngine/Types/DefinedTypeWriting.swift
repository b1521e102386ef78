/// Turning a resolved value type back into one binary type definition.
///
/// Resolution replaced type indices by structure; writing a type (the
/// composite's imports, a wrapped component's world) needs indices again.
/// This is the one place that knows how each structure becomes a
/// `DefinedType`; the writers supply how a nested type (`ref`) and a
/// resource (`handle`) get their indices in the scope they write into.
extension ValueType {
    func definedType<E: Error>(ref: (ValueType) throws(E) -> ValTypeRef,
                               handle: (ResourceID) throws(E) -> UInt32) throws(E) -> DefinedType {
        func opt(_ t: ValueType?) throws(E) -> ValTypeRef? {
            guard let t else { return nil }
            return try ref(t)
        }
        switch self {
        case .bool, .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64, .f32, .f64, .char, .string, .errorContext:
            // `primitive` is non-nil for exactly these cases.
            return .primitive(primitive ?? .bool)
        case .record(let fs):
            var out: [LabeledType] = []
            for f in fs { out.append(LabeledType(f.name, try ref(f.type))) }
            return .record(out)
        case .variant(let cs):
            var out: [VariantCase] = []
            for c in cs { out.append(VariantCase(c.name, try opt(c.type))) }
            return .variant(out)
        case .list(let t): return .list(try ref(t))
        case .fixedList(let t, let n): return .fixedList(try ref(t), n)
        case .tuple(let ts):
            var out: [ValTypeRef] = []
            for t in ts { out.append(try ref(t)) }
            return .tuple(out)
        case .flags(let ns): return .flags(ns)
        case .enumeration(let ns): return .enumeration(ns)
        case .option(let t): return .option(try ref(t))
        case .result(let ok, let err): return .result(ok: try opt(ok), err: try opt(err))
        case .own(let r): return .own(try handle(r))
        case .borrow(let r): return .borrow(try handle(r))
        case .stream(let t): return .stream(try opt(t))
        case .future(let t): return .future(try opt(t))
        case .map(let k, let v): return .map(try ref(k), try ref(v))
        }
    }
}

extension FunctionType {
    /// The function type's definition, its parameter and result types
    /// referenced through `ref`.
    func definition<E: Error>(ref: (ValueType) throws(E) -> ValTypeRef) throws(E) -> FuncTypeDef {
        var params: [LabeledType] = []
        for p in self.params { params.append(LabeledType(p.name, try ref(p.type))) }
        var out: ValTypeRef?
        if let r = result { out = try ref(r) }
        return FuncTypeDef(isAsync: isAsync, params: params, result: out)
    }
}
