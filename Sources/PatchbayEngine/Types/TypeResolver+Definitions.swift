/// Type definitions, extern types and core types, resolved in the current scope.
extension TypeResolver {
    func valueType(_ ref: ValTypeRef, at offset: Int) throws(ValidationError) -> ValueType {
        switch ref {
        case .primitive(let p): return p.valueType
        case .index(let i):
            guard Int(i) < cur.types.count else { throw outOfBounds("type", i, cur.types.count, offset) }
            guard case .value(let v) = cur.types[Int(i)] else {
                throw ValidationError("type index \(i) is not a defined type (it is a \(cur.types[Int(i)].kindName))", at: offset)
            }
            return v
        }
    }

    func resourceType(_ i: UInt32, at offset: Int) throws(ValidationError) -> ResourceID {
        guard Int(i) < cur.types.count else { throw outOfBounds("type", i, cur.types.count, offset) }
        guard case .resource(let r) = cur.types[Int(i)] else {
            throw ValidationError("type index \(i) is not a resource type (it is a \(cur.types[Int(i)].kindName))", at: offset)
        }
        return r
    }

    func functionType(_ f: FuncTypeDef, at offset: Int) throws(ValidationError) -> FunctionType {
        var params: [ValueType.Field] = []
        for p in f.params { params.append(.init(p.name, try valueType(p.type, at: offset))) }
        let result: ValueType? = if let r = f.result { try valueType(r, at: offset) } else { nil }
        return FunctionType(isAsync: f.isAsync, params: params, result: result)
    }

    func definedType(_ d: DefinedType, at offset: Int) throws(ValidationError) -> ValueType {
        func v(_ r: ValTypeRef) throws(ValidationError) -> ValueType { try valueType(r, at: offset) }
        func ov(_ r: ValTypeRef?) throws(ValidationError) -> ValueType? { if let r { try v(r) } else { nil } }
        switch d {
        case .primitive(let p): return p.valueType
        case .record(let fields):
            var out: [ValueType.Field] = []
            for f in fields { out.append(.init(f.name, try v(f.type))) }
            return .record(out)
        case .variant(let cases):
            var out: [ValueType.Case] = []
            for c in cases { out.append(.init(c.name, try ov(c.type))) }
            return .variant(out)
        case .list(let t): return .list(try v(t))
        case .fixedList(let t, let n): return .fixedList(try v(t), n)
        case .tuple(let ts):
            var out: [ValueType] = []
            for t in ts { out.append(try v(t)) }
            return .tuple(out)
        case .flags(let names): return .flags(names)
        case .enumeration(let names): return .enumeration(names)
        case .option(let t): return .option(try v(t))
        case .result(let ok, let err): return .result(ok: try ov(ok), err: try ov(err))
        case .own(let i): return .own(try resourceType(i, at: offset))
        case .borrow(let i): return .borrow(try resourceType(i, at: offset))
        case .stream(let t): return .stream(try ov(t))
        case .future(let t): return .future(try ov(t))
        case .map(let k, let val): return .map(try v(k), try v(val))
        }
    }

    func resolveTypeDef(_ t: TypeDef) throws(ValidationError) -> ResolvedType {
        switch t.kind {
        case .defined(let d):
            try validateDefinedType(d, at: t.offset)
            let v = try definedType(d, at: t.offset)
            try validateResolvedValue(v, at: t.offset)
            if validation != nil { shapes.types.append(shape(of: t.kind)) }
            return .value(v)
        case .function(let f):
            let ft = try functionType(f, at: t.offset)
            try validateFunctionType(f, resolved: ft, at: t.offset)
            if validation != nil { shapes.types.append(shape(of: t.kind)) }
            return .function(ft)
        case .resource:
            if validation != nil { shapes.types.append(.open) }
            return .resource(fresh(""))
        case .instance(let decls):
            var inner = IndexSpaces()
            inner.shapes.checksNames = false
            scopes.append(inner)
            declDepth += 1
            defer {
                declDepth -= 1
                let done = scopes.removeLast()
                if validation != nil { shapes.types.append(.instance(done.shapes.exports)) }
            }
            for d in decls { try resolveInstanceDecl(d) }
            try validateTypeNames(imports: [], exports: cur.exports, at: t.offset)
            return .instance(InstanceType(exports: cur.exports))
        case .component(let decls):
            scopes.append(IndexSpaces())
            declDepth += 1
            defer {
                declDepth -= 1
                let done = scopes.removeLast()
                if validation != nil { shapes.types.append(.component(ComponentShape(imports: done.shapes.imports, exports: done.shapes.exports))) }
            }
            for d in decls {
                switch d {
                case .import(let i):
                    let e = try entityType(i.type, name: i.name.name, at: i.offset)
                    if validation != nil {
                        let s = shape(of: i.type)
                        try checkNamedTypes(s, isImport: true, sortName: e.sortName, at: i.offset)
                        shapes.add(s)
                        shapes.imports.append(NamedShape(name: i.name.name, shape: s))
                    }
                    cur.addImport(NamedEntity(name: i.name, type: e, origin: cur.origin(of: i.type)))
                case .instance(let d):
                    try resolveInstanceDecl(d)
                }
            }
            try validateTypeNames(imports: cur.imports, exports: cur.exports, at: t.offset)
            return .component(ComponentType(imports: cur.imports, exports: cur.exports))
        }
    }

    func resolveInstanceDecl(_ d: InstanceDecl) throws(ValidationError) {
        switch d {
        case .coreType(let c): try addCoreType(c, offset: 0)
        case .type(let t): cur.types.append(try resolveTypeDef(t))
        case .alias(let a):
            try validateTypeAlias(a)
            try addAlias(a)
        case .export(let offset, let name, let type):
            let e = try entityType(type, name: name.name, at: offset)
            if validation != nil {
                let s = shape(of: type)
                try checkNamedTypes(s, isImport: false, sortName: e.sortName, at: offset)
                shapes.add(s)
                shapes.exports.append(NamedShape(name: name.name, shape: s))
            }
            let origin = cur.origin(of: type)
            if let origin, case .type = e { cur.typeOrigins[cur.types.count] = origin }
            cur.exports.append(NamedEntity(name: name, type: e, origin: origin))
            cur.add(e)
        }
    }

    /// The entity type an `externtype` denotes. `(sub resource)` mints a
    /// fresh resource named after the import or export, unless
    /// `mintResources` is false (type ascriptions are matched, not minted).
    func entityType(_ t: ExternType, name: String, at offset: Int, mintResources: Bool = true) throws(ValidationError) -> EntityType {
        func typeAt(_ i: UInt32) throws(ValidationError) -> ResolvedType {
            guard Int(i) < cur.types.count else { throw outOfBounds("type", i, cur.types.count, offset) }
            return cur.types[Int(i)]
        }
        switch t {
        case .module(let i):
            guard Int(i) < cur.coreTypes.count else { throw outOfBounds("core type", i, cur.coreTypes.count, offset) }
            guard case .module(let m) = cur.coreTypes[Int(i)] else {
                throw ValidationError("core type index \(i) is not a module type", at: offset)
            }
            return .module(m)
        case .func_(let i):
            guard case .function(let f) = try typeAt(i) else {
                throw ValidationError("type index \(i) is not a function type (in `\(name)`)", at: offset)
            }
            return .function(f)
        case .value(let v): return .value(try valueType(v, at: offset))
        case .type(.eq(let i)):
            let target = try typeAt(i)
            if case .resource(let r) = target {
                self.name(r, name)
                // The same resource, spelled with this name where it is
                // used through it (`type y = x`: handles of `y` say `y`).
                if !name.isEmpty { return .type(.resource(ResourceID(id: r.id, name: name))) }
            }
            return .type(target)
        case .type(.subResource):
            guard mintResources else { return .type(.resource(ResourceID(id: -1, name: name))) }
            let r = fresh(name)
            if declDepth > 0 { abstractResources.insert(r.id) }
            return .type(.resource(r))
        case .component(let i):
            guard case .component(let c) = try typeAt(i) else {
                throw ValidationError("type index \(i) is not a component type (in `\(name)`)", at: offset)
            }
            return .component(c)
        case .instance(let i):
            guard case .instance(let it) = try typeAt(i) else {
                throw ValidationError("type index \(i) is not an instance type (in `\(name)`)", at: offset)
            }
            return .instance(refreshed(it))
        }
    }

    /// An instance type used for a new import or export gets its own copies
    /// of the abstract resources it declares (`(sub resource)` inside the
    /// type). Resources it re-exports from outside (`(eq outer)`) stay the
    /// same resources: that is what makes a `use` across interfaces work.
    /// A resource the enclosing scope can already name came in through an
    /// outer alias, so it is one of those, even when that scope is itself
    /// a type declaration (a world whose exported interface `use`s an
    /// imported one's resource).
    func refreshed(_ it: InstanceType) -> InstanceType {
        var map: [Int: ResourceID] = [:]
        var named = Set<Int>()
        for t in cur.types { if case .resource(let r) = t { named.insert(r.id) } }
        for e in it.exports {
            for r in e.type.introducedResources where map[r.id] == nil && abstractResources.contains(r.id) && !named.contains(r.id) {
                let copy = fresh(resourceNames[r.id] ?? r.name)
                // Inside another type declaration the copy is abstract too.
                if declDepth > 0 { abstractResources.insert(copy.id) }
                map[r.id] = copy
            }
        }
        return it.substituting(map, keepingNames: true)
    }


    // MARK: core types

    func addCoreType(_ t: CoreTypeDef, offset: Int) throws(ValidationError) {
        switch t {
        case .sub(let s, _):
            noteCoreSubType(s, index: cur.coreTypes.count)
            cur.coreTypes.append(coreEntry(s))
        case .rec(let subs):
            for s in subs {
                noteCoreSubType(s, index: cur.coreTypes.count)
                cur.coreTypes.append(coreEntry(s))
            }
        case .module(let decls):
            scopes.append(IndexSpaces())
            var m = CoreModuleType()
            for d in decls {
                switch d {
                case .type(let t): try addCoreType(t, offset: offset)
                case .outerAlias(let count, let index):
                    guard Int(count) < scopes.count else {
                        scopes.removeLast()
                        throw ValidationError("outer alias count \(count) is too large", at: offset)
                    }
                    let target = scopes[scopes.count - 1 - Int(count)]
                    guard Int(index) < target.coreTypes.count else {
                        scopes.removeLast()
                        throw outOfBounds("core type", index, target.coreTypes.count, offset)
                    }
                    cur.coreTypes.append(target.coreTypes[Int(index)])
                case .import(let module, let name, let ext):
                    do { try validateCoreExtern(ext, at: offset) } catch { scopes.removeLast(); throw error }
                    m.imports.append(CoreImportType(module: module, name: name, type: coreEntity(ext)))
                case .export(let name, let ext):
                    do { try validateCoreExtern(ext, at: offset) } catch { scopes.removeLast(); throw error }
                    m.exports.append(CoreExportType(name: name, type: coreEntity(ext)))
                }
            }
            scopes.removeLast()
            try validateModuleType(m, at: offset)
            cur.coreTypes.append(.module(m))
        }
    }

    func coreEntry(_ s: CoreSubType) -> CoreTypeEntry {
        if case .function(let p, let r) = s.composite { return .function(CoreFuncType(params: p, results: r)) }
        return .other
    }

    func coreEntity(_ e: CoreExternType) -> CoreEntityType {
        func fn(_ i: UInt32) -> CoreFuncType? {
            guard Int(i) < cur.coreTypes.count, case .function(let f) = cur.coreTypes[Int(i)] else { return nil }
            return f
        }
        switch e {
        case .function(let i): return .function(fn(i))
        case .table(let r, let l): return .table(r, l)
        case .memory(let l): return .memory(l)
        case .global(let t, let m, _): return .global(t, mutable: m)
        case .tag(let i): return .tag(fn(i))
        }
    }
}

extension PrimitiveType {
    public var valueType: ValueType {
        switch self {
        case .bool: .bool
        case .s8: .s8
        case .u8: .u8
        case .s16: .s16
        case .u16: .u16
        case .s32: .s32
        case .u32: .u32
        case .s64: .s64
        case .u64: .u64
        case .f32: .f32
        case .f64: .f64
        case .char: .char
        case .string: .string
        case .errorContext: .errorContext
        }
    }
}

extension ResolvedType {
    public var kindName: String {
        switch self {
        case .value: "value type"
        case .function: "function type"
        case .resource: "resource"
        case .instance: "instance type"
        case .component: "component type"
        }
    }
}
