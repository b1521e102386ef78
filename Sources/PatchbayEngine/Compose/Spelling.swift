/// A type together with the names its resource handles are spelled with.
///
/// Resolved types compare structurally and resources by identity, so
/// `own<x>` and `own<y>` are equal when `type y = x`. The encoder must
/// still write each handle through the name it was reached by (that is
/// what the world says), so its caches of written types use this key.
struct Spelled<T: Hashable>: Hashable {
    let value: T
    let names: [String]
}

extension ValueType {
    var spelled: Spelled<ValueType> {
        var names: [String] = []
        collectSpelling(into: &names)
        return Spelled(value: self, names: names)
    }

    func collectSpelling(into names: inout [String]) {
        switch self {
        case .own(let r), .borrow(let r): names.append(r.name)
        case .record(let fs): for f in fs { f.type.collectSpelling(into: &names) }
        case .variant(let cs): for c in cs { c.type?.collectSpelling(into: &names) }
        case .list(let t), .fixedList(let t, _), .option(let t): t.collectSpelling(into: &names)
        case .tuple(let ts): for t in ts { t.collectSpelling(into: &names) }
        case .result(let ok, let err): ok?.collectSpelling(into: &names); err?.collectSpelling(into: &names)
        case .stream(let t), .future(let t): t?.collectSpelling(into: &names)
        case .map(let k, let v): k.collectSpelling(into: &names); v.collectSpelling(into: &names)
        default: break
        }
    }
}

extension FunctionType {
    var spelled: Spelled<FunctionType> {
        var names: [String] = []
        for p in params { p.type.collectSpelling(into: &names) }
        result?.collectSpelling(into: &names)
        return Spelled(value: self, names: names)
    }
}
