/// Import and export names: syntax, strong uniqueness, the type rules that
/// `[constructor]`/`[method]`/`[static]` and `implements` impose, and which
/// resources an import or export may mention (only ones a client outside
/// can name: imported ones, or for exports also exported ones).
extension TypeResolver {
    func validateExternName(_ name: ExternName, entity: EntityType, isExport: Bool,
                            scope: inout NameScope, siblings: @autoclosure () -> [NamedEntity], at offset: Int) throws(ValidationError) {
        guard let v = validation else { return }
        let what = isExport ? "export" : "import"
        let kind: ExternNames.Kind
        do { kind = try ExternNames.parse(name.name, isExport: isExport, features: v.features) } catch {
            throw ValidationError("\(what) name `\(name.name)` is not a valid extern name: \(error.message)", at: offset)
        }
        if isExport, case .interface = kind {} // interface exports are fine
        for a in name.attributes {
            switch a {
            case .implements(let iface):
                if !v.features.contains(.implements) { throw ValidationError("the `cm-implements` feature is not active", at: offset) }
                guard case .label = kind else { throw ValidationError("name `\(name.name)` is not valid with `implements`", at: offset) }
                guard case .instance = entity else { throw ValidationError("only instances can have an `implements`", at: offset) }
                let ik: ExternNames.Kind
                do { ik = try ExternNames.parseAny(iface, features: v.features) } catch {
                    throw ValidationError("`\(iface)` is not a valid name: \(error.message)", at: offset)
                }
                guard case .interface = ik else { throw ValidationError("name `\(iface)` must be an interface", at: offset) }
            case .versionSuffix:
                guard case .instance = entity else { throw ValidationError("only instances can have an `versionsuffix`", at: offset) }
            case .externalId:
                if !v.features.contains(.implements) { throw ValidationError("the `cm-implements` feature is not active", at: offset) }
            }
        }
        // Only resource-method names look at their siblings; building the
        // list for every name would make a component's names quadratic.
        switch kind {
        case .constructor, .method, .staticFunc:
            do { try checkAnnotation(kind, entity: entity, siblings: siblings()) } catch {
                throw ValidationError("\(what) name `\(name.name)` is not valid: \(error.message)", at: offset)
            }
        default: break
        }
        if let prev = scope.insert(name.name) {
            throw ValidationError("\(what) name `\(name.name)` conflicts with previous name `\(prev)`", at: offset)
        }
    }

    /// The resource named `n` among the sibling imports or exports.
    private func resource(named n: String, in siblings: [NamedEntity]) -> ResourceID? {
        for s in siblings where s.name.name == n { if case .type(.resource(let r)) = s.type { return r } }
        return nil
    }

    private func checkAnnotation(_ kind: ExternNames.Kind, entity: EntityType, siblings: [NamedEntity]) throws(ExternNames.NameError) {
        func fn() throws(ExternNames.NameError) -> FunctionType {
            guard case .function(let f) = entity else { throw ExternNames.NameError(message: "item is not a func") }
            return f
        }
        func match(_ r: ResourceID, _ name: String) throws(ExternNames.NameError) {
            let named = siblings.first { s in if case .type(.resource(let x)) = s.type { x == r } else { false } }
            guard let named else { throw ExternNames.NameError(message: "resource used in function does not have a name in this context") }
            if named.name.name != name { throw ExternNames.NameError(message: "function does not match expected resource name `\(named.name.name)`") }
        }
        switch kind {
        case .constructor(let rname):
            let f = try fn()
            if f.isAsync { throw ExternNames.NameError(message: "constructor function cannot be async") }
            guard let result = f.result else { throw ExternNames.NameError(message: "function should return one value") }
            let r: ResourceID?
            switch result {
            case .own(let x): r = x
            case .result(ok: .own(let x)?, _): r = x
            default: r = nil
            }
            guard let r else { throw ExternNames.NameError(message: "function should return `(own $T)` or `(result (own $T))`") }
            try match(r, rname)
        case .method(let rname, _):
            let f = try fn()
            guard let first = f.params.first else { throw ExternNames.NameError(message: "function should have at least one argument") }
            guard first.name == "self" else { throw ExternNames.NameError(message: "function should have a first argument called `self`") }
            guard case .borrow(let r) = first.type else { throw ExternNames.NameError(message: "function should take a first argument of `(borrow $T)`") }
            try match(r, rname)
        case .staticFunc(let rname, _):
            _ = try fn()
            if resource(named: rname, in: siblings) == nil {
                throw ExternNames.NameError(message: "static resource name is not known in this context")
            }
        default: break
        }
    }

    /// A component-level import: name rules, gated sorts, visibility.
    func validateImport(_ i: Import, entity: EntityType) throws(ValidationError) {
        guard let v = validation else { return }
        if case .value = entity, !v.features.contains(.values) {
            throw ValidationError("support for component model `value`s is not enabled", at: i.offset)
        }
        // Moved out and back so the insert does not copy the whole scope.
        var scope = NameScope()
        swap(&scope, &v.body.importScope)
        defer { swap(&scope, &v.body.importScope) }
        try validateExternName(i.name, entity: entity, isExport: false, scope: &scope, siblings: cur.imports + [NamedEntity(name: i.name, type: entity)], at: i.offset)
        let allowed = v.body.importedResources.union(entity.introducedResources.map(\.id))
        if !entity.referencedResources.isSubset(of: allowed) {
            throw ValidationError("\(entity.sortName) not valid to be used as import", at: i.offset)
        }
        v.body.importedResources.formUnion(entity.introducedResources.map(\.id))
        if case .value = entity { v.body.values.append((i.offset, false)) }
    }

    /// A component-level export, after its type is known.
    func validateExport(_ e: Export, entity: EntityType) throws(ValidationError) {
        guard let v = validation else { return }
        var scope = NameScope()
        swap(&scope, &v.body.exportScope)
        defer { swap(&scope, &v.body.exportScope) }
        try validateExternName(e.name, entity: entity, isExport: true, scope: &scope, siblings: cur.exports + [NamedEntity(name: e.name, type: entity)], at: e.offset)
        let visible = v.body.importedResources.union(v.body.exportedResources)
        let allowed: Set<Int>
        if case .type(.resource(let r)) = entity {
            allowed = visible.union([r.id])
        } else {
            allowed = visible.union(entity.introducedResources.map(\.id))
        }
        if case .component = entity {} else if !entity.referencedResources.isSubset(of: allowed) {
            throw ValidationError("\(entity.sortName) not valid to be used as export", at: e.offset)
        }
        v.body.exportedResources.formUnion(entity.introducedResources.map(\.id))
        if e.item.sort == .value { try consumeValue(e.item.index, at: e.offset) }
        if case .value = entity { v.body.values.append((e.offset, true)) }
    }

    /// Marks value `i` of the current body as used, once.
    func consumeValue(_ i: UInt32, at offset: Int) throws(ValidationError) {
        guard let v = validation else { return }
        guard Int(i) < v.body.values.count else {
            throw ValidationError("unknown value \(i): value index out of bounds", at: offset)
        }
        if v.body.values[Int(i)].used { throw ValidationError("value \(i) cannot be used more than once", at: offset) }
        v.body.values[Int(i)].used = true
    }
}

extension EntityType {
    /// Ids of every resource mentioned anywhere in this entity's type.
    var referencedResources: Set<Int> {
        var out: Set<Int> = []
        collectResources(into: &out)
        return out
    }

    func collectResources(into out: inout Set<Int>) {
        switch self {
        case .module, .component: break
        case .function(let f): f.collectResources(into: &out)
        case .value(let t): t.collectResources(into: &out)
        case .type(let t): t.collectResources(into: &out)
        case .instance(let i): for e in i.exports { e.type.collectResources(into: &out) }
        }
    }
}

extension ResolvedType {
    func collectResources(into out: inout Set<Int>) {
        switch self {
        case .value(let t): t.collectResources(into: &out)
        case .function(let f): f.collectResources(into: &out)
        case .resource(let r): out.insert(r.id)
        case .instance(let i): for e in i.exports { e.type.collectResources(into: &out) }
        case .component: break
        }
    }
}

extension FunctionType {
    func collectResources(into out: inout Set<Int>) {
        for p in params { p.type.collectResources(into: &out) }
        result?.collectResources(into: &out)
    }
}

extension ValueType {
    func collectResources(into out: inout Set<Int>) {
        switch self {
        case .own(let r), .borrow(let r): out.insert(r.id)
        case .record(let fs): for f in fs { f.type.collectResources(into: &out) }
        case .variant(let cs): for c in cs { c.type?.collectResources(into: &out) }
        case .list(let t), .fixedList(let t, _), .option(let t): t.collectResources(into: &out)
        case .tuple(let ts): for t in ts { t.collectResources(into: &out) }
        case .result(let ok, let err): ok?.collectResources(into: &out); err?.collectResources(into: &out)
        case .stream(let t), .future(let t): t?.collectResources(into: &out)
        case .map(let k, let v): k.collectResources(into: &out); v.collectResources(into: &out)
        default: break
        }
    }
}
