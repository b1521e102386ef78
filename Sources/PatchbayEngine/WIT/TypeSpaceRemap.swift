/// Resource substitution over the type space.
///
/// Instantiating a component, importing an instance type that declares
/// resources, or exporting one, replaces resource identities. Types that
/// mention a replaced resource are copied under new keys (losing any alias
/// relationship, as in the validator); untouched types keep their keys, so
/// `use` relationships survive where the validator's would.
struct ResourceRemap {
    var resources: [Int32: Int32] = [:]
    /// Keys already rewritten during this substitution.
    var cache: [TypeKey: TypeKey] = [:]

    var isEmpty: Bool { resources.isEmpty }
}

extension TypeSpace {
    /// Rewrites `key`; returns the new key and whether anything changed.
    mutating func remap(_ key: TypeKey, _ m: inout ResourceRemap) -> (TypeKey, Bool) {
        if let hit = m.cache[key] { return (hit, hit != key) }
        switch key.kind {
        case .resource:
            if let n = m.resources[key.index] {
                var k = key; k.index = n
                return (k, true)
            }
            return (key, false)
        case .defined:
            guard let d = definedType(key) else { return (key, false) }
            var changed = false
            func v(_ t: SpaceValType, _ space: inout TypeSpace) -> SpaceValType {
                guard case .type(let k) = t else { return t }
                let (n, c) = space.remap(k, &m)
                if c { changed = true }
                return .type(n)
            }
            func ov(_ t: SpaceValType?, _ space: inout TypeSpace) -> SpaceValType? {
                t.map { v($0, &space) }
            }
            let nd: SpaceDefined
            switch d {
            case .primitive, .flags, .enumeration: nd = d
            case .record(let fs): nd = .record(fs.map { .init(name: $0.name, type: v($0.type, &self)) })
            case .variant(let cs): nd = .variant(cs.map { .init(name: $0.name, type: ov($0.type, &self)) })
            case .list(let t): nd = .list(v(t, &self))
            case .fixedList(let t, let n): nd = .fixedList(v(t, &self), n)
            case .tuple(let ts): nd = .tuple(ts.map { v($0, &self) })
            case .option(let t): nd = .option(v(t, &self))
            case .result(let ok, let err): nd = .result(ok: ov(ok, &self), err: ov(err, &self))
            case .own(let r):
                let (n, c) = remap(r, &m); if c { changed = true }; nd = .own(n)
            case .borrow(let r):
                let (n, c) = remap(r, &m); if c { changed = true }; nd = .borrow(n)
            case .stream(let t): nd = .stream(ov(t, &self))
            case .future(let t): nd = .future(ov(t, &self))
            case .map(let k, let val): nd = .map(v(k, &self), v(val, &self))
            }
            let new = changed ? add(nd) : key
            m.cache[key] = new
            return (new, changed)
        case .function:
            guard let f = funcType(key) else { return (key, false) }
            var changed = false
            var nf = f
            for i in nf.params.indices {
                if case .type(let k) = nf.params[i].type {
                    let (n, c) = remap(k, &m); if c { changed = true }; nf.params[i].type = .type(n)
                }
            }
            if case .type(let k)? = nf.result {
                let (n, c) = remap(k, &m); if c { changed = true }; nf.result = .type(n)
            }
            let new = changed ? add(nf) : key
            m.cache[key] = new
            return (new, changed)
        case .instance:
            guard var inst = instanceType(key) else { return (key, false) }
            var changed = false
            for i in inst.exports.indices {
                let (e, c) = remap(inst.exports[i].entity, &m)
                if c { changed = true; inst.exports[i].entity = e }
            }
            for i in inst.definedResources.indices {
                if let n = m.resources[inst.definedResources[i]] { inst.definedResources[i] = n; changed = true }
            }
            let new = changed ? add(inst) : key
            m.cache[key] = new
            return (new, changed)
        case .component:
            guard var comp = componentType(key) else { return (key, false) }
            var changed = false
            for i in comp.imports.indices {
                let (e, c) = remap(comp.imports[i].entity, &m)
                if c { changed = true; comp.imports[i].entity = e }
            }
            for i in comp.exports.indices {
                let (e, c) = remap(comp.exports[i].entity, &m)
                if c { changed = true; comp.exports[i].entity = e }
            }
            for i in comp.importedResources.indices {
                if let n = m.resources[comp.importedResources[i]] { comp.importedResources[i] = n; changed = true }
            }
            for i in comp.definedResources.indices {
                if let n = m.resources[comp.definedResources[i]] { comp.definedResources[i] = n; changed = true }
            }
            let new = changed ? add(comp) : key
            m.cache[key] = new
            return (new, changed)
        }
    }

    mutating func remap(_ e: SpaceEntity, _ m: inout ResourceRemap) -> (SpaceEntity, Bool) {
        switch e {
        case .module, .value: return (e, false)
        case .function(let k):
            let (n, c) = remap(k, &m); return (.function(n), c)
        case .instance(let k):
            let (n, c) = remap(k, &m); return (.instance(n), c)
        case .component(let k):
            let (n, c) = remap(k, &m); return (.component(n), c)
        case .type(let referenced, let created):
            let (r, c1) = remap(referenced, &m)
            if referenced == created { return (.type(referenced: r, created: r), c1) }
            let (cr, c2) = remap(created, &m)
            return (.type(referenced: r, created: cr), c1 || c2)
        }
    }
}
