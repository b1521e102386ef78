/// Instantiation: core modules get instances exporting what they import
/// with matching core types; components get arguments that are subtypes of
/// their imports, with imported types substituted as arguments bind them.
/// Also the embedded core modules themselves, module types, start and values.
extension TypeResolver {
    func validateCoreInstance(_ i: CoreInstance) throws(ValidationError) {
        guard validation != nil else { return }
        switch i.expr {
        case .instantiate(let m, let args):
            guard Int(m) < cur.coreModules.count else { throw ValidationError("unknown module \(m): module index out of bounds", at: i.offset) }
            var given: [String: CoreInstanceType] = [:]
            for a in args {
                guard a.kind == 0x12 else { throw ValidationError("module instantiation argument `\(a.name)` must be an instance", at: i.offset) }
                guard Int(a.index) < cur.coreInstances.count else {
                    throw ValidationError("unknown core instance \(a.index): instance index out of bounds", at: i.offset)
                }
                if given[a.name] != nil { throw ValidationError("duplicate module instantiation argument named `\(a.name)`", at: i.offset) }
                given[a.name] = cur.coreInstances[Int(a.index)]
            }
            for imp in cur.coreModules[Int(m)].imports {
                guard let inst = given[imp.module] else {
                    throw ValidationError("missing module instantiation argument named `\(imp.module)`", at: i.offset)
                }
                guard let e = inst.export(named: imp.name) else {
                    throw ValidationError("module instantiation argument `\(imp.module)` does not export an item named `\(imp.name)`", at: i.offset)
                }
                do { try CoreMatching.check(e.type, imp.type, name: imp.name) } catch {
                    throw ValidationError("type mismatch for export `\(imp.name)` of module instantiation argument `\(imp.module)`: \(error.message)", at: i.offset)
                }
            }
        case .fromExports(let items):
            var names: Set<String> = []
            for e in items {
                if !names.insert(e.name).inserted { throw ValidationError("export name `\(e.name)` already defined", at: i.offset) }
                guard cur.coreEntity(e.item.sort, e.item.index) != nil else {
                    let s = e.item.sort.name
                    throw ValidationError("unknown \(s) \(e.item.index): \(s) index out of bounds", at: i.offset)
                }
            }
        }
    }

    func validateInstance(_ i: ComponentInstance) throws(ValidationError) {
        guard let v = validation else { return }
        switch i.expr {
        case .instantiate(let c, let args):
            guard Int(c) < cur.components.count else { throw ValidationError("unknown component \(c): component index out of bounds", at: i.offset) }
            var given: [String: EntityType] = [:]
            for a in args {
                guard let t = cur.entity(a.item.sort, a.item.index) else {
                    throw ValidationError("unknown \(a.item.sort.name) \(a.item.index): \(a.item.sort.name) index out of bounds", at: i.offset)
                }
                if given[a.name] != nil { throw ValidationError("instantiation argument `\(a.name)` conflicts with previous argument", at: i.offset) }
                given[a.name] = t
                if a.item.sort == .value { try consumeValue(a.item.index, at: i.offset) }
            }
            var map: [Int: ResourceID] = [:]
            for imp in cur.components[Int(c)].imports {
                guard let arg = given[imp.name.name] else {
                    throw ValidationError("missing import named `\(imp.name.name)`", at: i.offset)
                }
                // Abstract resources the import introduces are bound to what
                // the argument supplies; earlier bindings win, so a later use
                // of an already bound resource must match it.
                map.merge(imp.type.resourceBindings(to: arg)) { x, _ in x }
                let expected = imp.type.substituting(map)
                do { try Subtyping.check(arg, isSubtypeOf: expected) } catch {
                    throw ValidationError("type mismatch for import `\(imp.name.name)`: \(error.message)", at: i.offset)
                }
            }
        case .fromExports(let items):
            var scope = NameScope()
            var entities: [NamedEntity] = []
            for e in items {
                guard let t = cur.entity(e.item.sort, e.item.index) else {
                    throw ValidationError("unknown \(e.item.sort.name) \(e.item.index): \(e.item.sort.name) index out of bounds", at: i.offset)
                }
                entities.append(NamedEntity(name: e.name, type: t))
                try validateExternName(e.name, entity: t, isExport: true, scope: &scope, siblings: entities, at: i.offset)
                if e.item.sort == .value { try consumeValue(e.item.index, at: i.offset) }
            }
            _ = v
        }
    }

    /// An embedded core module: full parse through WasmKit (or a note when
    /// it uses proposals WasmKit lacks), names the component layer needs
    /// unique, and tags only with exceptions enabled.
    func validateCoreModule(_ m: CoreModule, _ summary: CoreModuleReader.Summary) throws(ValidationError) {
        guard let v = validation else { return }
        let key = CoreModuleKey(m.bytes)
        switch v.trustedModules.contains(key) ? .valid : CoreModuleReader.check(m.bytes, offset: m.offset) {
        case .valid: v.checkedModules.insert(key)
        case .unchecked(let reason): v.notes.append(Diagnostic(.note, reason, offset: m.offset))
        case .partlyChecked(let n, let total):
            v.checkedModules.insert(key)
            v.notes.append(Diagnostic(.note, "core module at offset 0x\(String(m.offset, radix: 16)): \(n) of \(total) function bodies use instructions the body type checker does not cover (SIMD beyond v128 loads/stores, atomics, GC, typed function references, exceptions); they were parsed, not type-checked", offset: m.offset))
        case .invalid(let e): throw ValidationError(e.message, at: e.offset)
        }
        try validateModuleType(summary.type, at: m.offset)
    }

    func validateModuleType(_ t: CoreModuleType, at offset: Int) throws(ValidationError) {
        guard let v = validation else { return }
        var seen: Set<String> = []
        for i in t.imports {
            let key = "\(i.module):\(i.name)"
            if !seen.insert(key).inserted {
                throw ValidationError("module has a duplicate import name `\(key)` that is not allowed in components", at: offset)
            }
            if case .tag = i.type, !v.features.contains(.exceptions) { throw ValidationError("exceptions proposal not enabled", at: offset) }
        }
        var names: Set<String> = []
        for e in t.exports {
            if !names.insert(e.name).inserted { throw ValidationError("duplicate export name `\(e.name)` already defined", at: offset) }
            if case .tag = e.type, !v.features.contains(.exceptions) { throw ValidationError("exceptions proposal not enabled", at: offset) }
        }
    }

    /// A function or tag in a module type names a function type of that module type.
    func validateCoreExtern(_ e: CoreExternType, at offset: Int) throws(ValidationError) {
        guard validation != nil else { return }
        switch e {
        case .function(let i), .tag(let i):
            guard Int(i) < cur.coreTypes.count else { throw ValidationError("unknown type \(i): type index out of bounds", at: offset) }
            guard case .function = cur.coreTypes[Int(i)] else { throw ValidationError("type index \(i) is not a function type", at: offset) }
        default: break
        }
    }

    func validateStart(_ s: Start) throws(ValidationError) {
        guard let v = validation else { return }
        if !v.features.contains(.values) { throw ValidationError("support for component model `value`s is not enabled", at: s.offset) }
        if v.body.sawStart { throw ValidationError("component cannot have more than one start function", at: s.offset) }
        v.body.sawStart = true
        if s.results > 1 { throw ValidationError("start function results size is out of bounds", at: s.offset) }
        guard Int(s.function) < cur.funcs.count else { throw ValidationError("unknown function \(s.function): function index out of bounds", at: s.offset) }
        let f = cur.funcs[Int(s.function)]
        if f.params.count != s.args.count {
            throw ValidationError("component start function requires \(f.params.count) arguments but was given \(s.args.count)", at: s.offset)
        }
        for (p, a) in zip(f.params, s.args) {
            guard Int(a) < cur.values.count else { throw ValidationError("unknown value \(a): value index out of bounds", at: s.offset) }
            do { try Subtyping.value(cur.values[Int(a)], p.type, top: false) } catch {
                throw ValidationError("value type mismatch for component start function argument \(a): \(error.message)", at: s.offset)
            }
            try consumeValue(a, at: s.offset)
        }
        if Int(s.results) != (f.result == nil ? 0 : 1) {
            throw ValidationError("component start function has a result count of \(f.result == nil ? 0 : 1) but the function type has a result count of \(s.results)", at: s.offset)
        }
        if f.result != nil { v.body.values.append((s.offset, false)) }
    }

    func validateValueDef(_ d: ValueDef) throws(ValidationError) {
        guard let v = validation else { return }
        if !v.features.contains(.values) { throw ValidationError("support for component model `value`s is not enabled", at: d.offset) }
        v.body.values.append((d.offset, false))
    }

    /// Values aliased out of an instance enter the body's value space unused.
    func noteAlias(_ a: Alias) {
        guard let v = validation else { return }
        if a.sort == .value { v.body.values.append((a.offset, false)) }
    }

    func finishBody() throws(ValidationError) {
        guard let v = validation else { return }
        for (i, val) in v.body.values.enumerated() where !val.used {
            throw ValidationError("value index \(i) was not used as part of an instantiation, start function, or export", at: val.offset)
        }
    }
}
