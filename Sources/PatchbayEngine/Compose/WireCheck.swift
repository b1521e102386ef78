/// Whether what a source offers can be passed where an import asks for
/// something, and if not, why: the composition engine's type check.
///
/// The rules are the Explainer's subtyping as wasmparser implements them:
/// instances may offer more exports than asked for; functions and value
/// types must match exactly (parameter names included); resources match by
/// identity. Unlike the validator's `Subtyping`, a failure here is a
/// `Misfit` whose path leads to the first differing part, with both sides
/// printed in WIT syntax and notes on where each resource was defined.
public struct WireCheck: Sendable {
    /// How resources are named in explanations.
    public var text: TypeText
    /// Where each resource (by id) was defined, for people.
    public var origins: [Int: String]

    public init(text: TypeText = TypeText(), origins: [Int: String] = [:]) {
        self.text = text; self.origins = origins
    }

    /// Nil when `found` fits `expected`.
    public func misfit(found: EntityType, expected: EntityType) -> Misfit? {
        entity(found, expected)
    }

    func entity(_ a: EntityType, _ b: EntityType) -> Misfit? {
        switch (a, b) {
        case (.function(let fa), .function(let fb)): return function(fa, fb)
        case (.value(let va), .value(let vb)): return value(va, vb)
        case (.type(let ta), .type(let tb)): return type(ta, tb)
        case (.instance(let ia), .instance(let ib)): return instance(ia, ib)
        case (.component(let ca), .component(let cb)): return component(ca, cb)
        case (.module(let ma), .module(let mb)):
            do { try Subtyping.module(ma, mb) } catch {
                return Misfit(path: [], expected: "core module", found: "core module", notes: [error.message])
            }
            return nil
        default:
            // Different sorts: the sorts say it all.
            return Misfit(path: [], expected: CompositionGraph.sortWord(b), found: CompositionGraph.sortWord(a))
        }
    }

    /// A sort and, for short types, the type itself.
    func describe(_ e: EntityType) -> String {
        switch e {
        case .function(let f): text.function(f)
        case .instance: "instance"
        case .component: "component"
        case .module: "core module"
        case .value(let v): "value of type \(text.value(v))"
        case .type(let t): "type \(text.type(t))"
        }
    }

    func type(_ a: ResolvedType, _ b: ResolvedType) -> Misfit? {
        switch (a, b) {
        case (.resource(let ra), .resource(let rb)):
            return ra == rb ? nil : resourceMisfit(ra, rb, expected: "resource \(text.resource(rb))", found: "resource \(text.resource(ra))")
        case (.value(let va), .value(let vb)): return value(va, vb)
        case (.function(let fa), .function(let fb)): return function(fa, fb)
        case (.instance(let ia), .instance(let ib)): return instance(ia, ib)
        case (.component(let ca), .component(let cb)): return component(ca, cb)
        default: return Misfit(path: [], expected: text.type(b), found: text.type(a))
        }
    }

    func instance(_ a: InstanceType, _ b: InstanceType) -> Misfit? {
        for eb in b.exports {
            let step = Misfit.Step.export(sort: eb.type.sortName, name: eb.name.name)
            guard let ea = a.export(named: eb.name.name) else {
                let offered = a.exports.map { "`\($0.name.name)`" }
                let note = offered.isEmpty ? "the source exports nothing" : "the source exports " + offered.joined(separator: ", ")
                return Misfit(path: [step], expected: describe(eb.type), found: "nothing (no export of that name)", notes: [note] + nearMiss(eb.name.name, in: a.exports.map(\.name.name)))
            }
            if let m = entity(ea.type, eb.type) { return m.prefixed([step]) }
        }
        return nil
    }

    /// A component fits where one is expected if it needs no more than the
    /// expected one's imports and offers at least its exports.
    func component(_ a: ComponentType, _ b: ComponentType) -> Misfit? {
        for ia in a.imports {
            let step = Misfit.Step.export(sort: "import " + ia.type.sortName, name: ia.name.name)
            guard let ib = b.imports.first(where: { $0.name.name == ia.name.name }) else {
                return Misfit(path: [step], expected: "no such import", found: describe(ia.type))
            }
            if let m = entity(ib.type, ia.type) { return m.prefixed([step]) }
        }
        return instance(InstanceType(exports: a.exports), InstanceType(exports: b.exports))
    }

    func function(_ a: FunctionType, _ b: FunctionType) -> Misfit? {
        if a.isAsync != b.isAsync {
            return Misfit(path: [], expected: b.isAsync ? "async func" : "func", found: a.isAsync ? "async func" : "func")
        }
        let pa = a.params.map(\.name), pb = b.params.map(\.name)
        if pa != pb {
            return Misfit(path: [], expected: "parameters (\(pb.joined(separator: ", ")))", found: "parameters (\(pa.joined(separator: ", ")))",
                          notes: ["expected \(text.function(b)), found \(text.function(a))"])
        }
        for (x, y) in zip(a.params, b.params) {
            if let m = value(x.type, y.type) { return m.prefixed([.param(x.name)]) }
        }
        switch (a.result, b.result) {
        case (let x?, let y?): return value(x, y)?.prefixed([.result])
        case (nil, nil): return nil
        case (let x?, nil): return Misfit(path: [.result], expected: "no result", found: text.value(x))
        case (nil, let y?): return Misfit(path: [.result], expected: text.value(y), found: "no result")
        }
    }

    func value(_ a: ValueType, _ b: ValueType) -> Misfit? {
        if a == b { return nil }
        let whole = Misfit(path: [], expected: text.value(b), found: text.value(a))
        switch (a, b) {
        case (.record(let fa), .record(let fb)):
            let na = fa.map(\.name), nb = fb.map(\.name)
            if na != nb {
                var notes: [String] = []
                let missing = nb.filter { !na.contains($0) }, extra = na.filter { !nb.contains($0) }
                if !missing.isEmpty { notes.append("missing field\(missing.count > 1 ? "s" : "") " + missing.map { "`\($0)`" }.joined(separator: ", ")) }
                if !extra.isEmpty { notes.append("unexpected field\(extra.count > 1 ? "s" : "") " + extra.map { "`\($0)`" }.joined(separator: ", ")) }
                if missing.isEmpty && extra.isEmpty { notes.append("the fields are in a different order") }
                return Misfit(path: [], expected: whole.expected, found: whole.found, notes: notes)
            }
            for (x, y) in zip(fa, fb) { if let m = value(x.type, y.type) { return m.prefixed([.field(x.name)]) } }
        case (.variant(let ca), .variant(let cb)):
            if ca.map(\.name) != cb.map(\.name) { return whole }
            for (x, y) in zip(ca, cb) {
                switch (x.type, y.type) {
                case (let tx?, let ty?): if let m = value(tx, ty) { return m.prefixed([.case(x.name)]) }
                case (nil, nil): break
                case (let tx?, nil): return Misfit(path: [.case(x.name)], expected: "no payload", found: text.value(tx))
                case (nil, let ty?): return Misfit(path: [.case(x.name)], expected: text.value(ty), found: "no payload")
                }
            }
        case (.list(let x), .list(let y)), (.option(let x), .option(let y)):
            if let m = value(x, y) { return m.prefixed([.element]) }
        case (.fixedList(let x, let n), .fixedList(let y, let k)):
            if n != k { return whole }
            if let m = value(x, y) { return m.prefixed([.element]) }
        case (.tuple(let ta), .tuple(let tb)):
            if ta.count != tb.count { return whole }
            for (i, (x, y)) in zip(ta, tb).enumerated() { if let m = value(x, y) { return m.prefixed([.tupleElement(i)]) } }
        case (.result(let oa, let ea), .result(let ob, let eb)):
            if (oa == nil) != (ob == nil) || (ea == nil) != (eb == nil) { return whole }
            if let x = oa, let y = ob, let m = value(x, y) { return m.prefixed([.ok]) }
            if let x = ea, let y = eb, let m = value(x, y) { return m.prefixed([.err]) }
        case (.map(let ka, let va), .map(let kb, let vb)):
            if let m = value(ka, kb) { return m.prefixed([.key]) }
            if let m = value(va, vb) { return m.prefixed([.value]) }
        case (.own(let x), .own(let y)), (.borrow(let x), .borrow(let y)):
            if x != y { return resourceMisfit(x, y, expected: whole.expected, found: whole.found) }
        case (.stream(let x), .stream(let y)), (.future(let x), .future(let y)):
            if let x, let y, let m = value(x, y) { return m.prefixed([.element]) }
            if (x == nil) != (y == nil) { return whole }
        default:
            return whole
        }
        return nil
    }

    /// Two resources that merely share a name are the classic puzzle: say
    /// where each one comes from.
    func resourceMisfit(_ found: ResourceID, _ expected: ResourceID, expected e: String, found f: String) -> Misfit {
        var notes: [String] = []
        let en = text.resource(expected), fn = text.resource(found)
        let sameName = en == fn
        notes.append("expected resource `\(en)`" + (origins[expected.id].map { " \($0)" } ?? ""))
        notes.append("found resource `\(fn)`" + (origins[found.id].map { " \($0)" } ?? ""))
        if sameName { notes.append("these are different resources with the same name; a resource is the same only when it comes from the same definition") }
        return Misfit(path: [], expected: e, found: f, notes: notes)
    }

    /// Names close to `name`: a version skew or a near spelling.
    func nearMiss(_ name: String, in names: [String]) -> [String] {
        let base = ImportName.unversioned(name)
        var out: [String] = []
        for n in names where n != name && ImportName.unversioned(n) == base {
            out.append("`\(n)` has the same name at another version")
        }
        return out
    }
}
