/// Stream and future built-ins keep the types their payload mentions.
///
/// `[future-read-0][static]request.new` uses no function, yet the payload
/// `future<trailers>` reaches `trailers` and the resource behind it, so
/// wit-component imports those (and only those) from the interface. The
/// payload is found by walking the function's type the way wit-parser
/// counts streams and futures: parameters then result, depth first, an
/// inner type before the stream or future that contains it.
extension ImportLiveness {
    enum Scope: Equatable { case world, body(String) }

    mutating func markPayload(interface: String?, function: String, index: Int) {
        let start: (Scope, UInt32)
        if let interface {
            guard let f = bodies[interface]?.funcs.first(where: { $0.name.name == function }) else { return }
            start = (.body(interface), f.type)
        } else {
            guard let t = rootFuncTypes[function] else { return }
            start = (.world, t)
        }
        var found: [(Scope, UInt32)] = []
        var budget = 100_000
        collectPayloads(start.0, start.1, into: &found, budget: &budget)
        guard index >= 0, index < found.count else { return }
        switch found[index] {
        case (.world, let w): visitWorld(w)
        case (.body(let m), let i): visitBody(m, i)
        }
    }

    /// Appends the stream and future types reachable from `index` in
    /// `scope`, in wit-parser's order. `budget` bounds the walk, so a
    /// malformed world cannot make it loop.
    private func collectPayloads(_ scope: Scope, _ index: UInt32, into out: inout [(Scope, UInt32)], budget: inout Int) {
        budget -= 1
        guard budget > 0 else { return }
        let kind: TypeDef.Kind
        switch scope {
        case .world:
            guard Int(index) < worldTypes.count else { return }
            switch worldTypes[Int(index)] {
            case .def(let k): kind = k
            case .alias(let k, let name):
                guard k < worldInstances.count, let inst = worldInstances[k], let i = bodies[inst]?.exportIndex[name] else { return }
                collectPayloads(.body(inst), UInt32(i), into: &out, budget: &budget)
                return
            case .named, .other: return
            }
        case .body(let m):
            guard let body = bodies[m], Int(index) < body.types.count else { return }
            switch body.types[Int(index)] {
            case .def(let k): kind = k
            case .outer(let w): collectPayloads(.world, w, into: &out, budget: &budget); return
            case .export(_, let eq?): collectPayloads(scope, eq, into: &out, budget: &budget); return
            case .export, .other: return
            }
        }
        switch kind {
        case .defined(.stream(let t)), .defined(.future(let t)):
            if case .index(let i)? = t { collectPayloads(scope, i, into: &out, budget: &budget) }
            out.append((scope, index))
        case .defined(.own), .defined(.borrow):
            return
        default:
            for r in kind.referencedTypes { collectPayloads(scope, r, into: &out, budget: &budget) }
        }
    }
}
