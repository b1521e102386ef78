/// Collects the sections of a component being written and counts its index
/// spaces, so every definition learns its index as it is added.
final class SectionSink {
    var sections: [Section] = []
    var types: UInt32 = 0
    var funcs: UInt32 = 0
    var instances: UInt32 = 0
    var components: UInt32 = 0
    var coreFuncs: UInt32 = 0
    var coreInstances: UInt32 = 0
    var coreModules: UInt32 = 0
    var coreMemories: UInt32 = 0
    var coreTables: UInt32 = 0
    var coreGlobals: UInt32 = 0
    var coreTags: UInt32 = 0
    var coreTypes: UInt32 = 0

    private func bump(_ sort: Sort) -> UInt32 {
        func next(_ v: inout UInt32) -> UInt32 { v += 1; return v - 1 }
        switch sort {
        case .type: return next(&types)
        case .func_: return next(&funcs)
        case .instance: return next(&instances)
        case .component: return next(&components)
        case .core(.func_): return next(&coreFuncs)
        case .core(.instance): return next(&coreInstances)
        case .core(.module): return next(&coreModules)
        case .core(.memory): return next(&coreMemories)
        case .core(.table): return next(&coreTables)
        case .core(.global): return next(&coreGlobals)
        case .core(.tag): return next(&coreTags)
        default: return 0
        }
    }

    /// Appends to the last section when it has the same kind (fewer, larger
    /// sections, as toolchains write them).
    private func append(_ content: Section.Content) {
        if let last = sections.last {
            switch (last.content, content) {
            case (.types(let a), .types(let b)): sections[sections.count - 1] = Section(.types(a + b)); return
            case (.aliases(let a), .aliases(let b)): sections[sections.count - 1] = Section(.aliases(a + b)); return
            case (.canons(let a), .canons(let b)): sections[sections.count - 1] = Section(.canons(a + b)); return
            case (.imports(let a), .imports(let b)): sections[sections.count - 1] = Section(.imports(a + b)); return
            case (.exports(let a), .exports(let b)): sections[sections.count - 1] = Section(.exports(a + b)); return
            case (.coreInstances(let a), .coreInstances(let b)): sections[sections.count - 1] = Section(.coreInstances(a + b)); return
            case (.instances(let a), .instances(let b)): sections[sections.count - 1] = Section(.instances(a + b)); return
            default: break
            }
        }
        sections.append(Section(content))
    }

    func addType(_ kind: TypeDef.Kind) -> UInt32 {
        append(.types([TypeDef(kind)]))
        return bump(.type)
    }

    func addCoreType(_ def: CoreTypeDef) -> UInt32 {
        if let last = sections.last, case .coreTypes(let a) = last.content {
            sections[sections.count - 1] = Section(.coreTypes(a + [def]))
        } else {
            sections.append(Section(.coreTypes([def])))
        }
        coreTypes += 1
        return coreTypes - 1
    }

    func addAlias(_ a: Alias) -> UInt32 {
        append(.aliases([a]))
        return bump(a.sort)
    }

    func addImport(_ name: String, _ type: ExternType) -> UInt32 {
        addImport(ExternName(name), type)
    }

    /// With the name's attributes (`implements`, versions) kept.
    func addImport(_ name: ExternName, _ type: ExternType) -> UInt32 {
        append(.imports([Import(name: name, type: type)]))
        return bump(type.sort)
    }

    func addExport(_ name: String, _ item: SortIndex, type: ExternType? = nil) -> UInt32 {
        addExport(ExternName(name), item, type: type)
    }

    func addExport(_ name: ExternName, _ item: SortIndex, type: ExternType? = nil) -> UInt32 {
        append(.exports([Export(name: name, item: item, type: type)]))
        return bump(item.sort)
    }

    func addCanon(_ kind: Canon.Kind) -> UInt32 {
        let c = Canon(kind)
        append(.canons([c]))
        return bump(c.definesComponentFunction ? .func_ : .core(.func_))
    }

    func addCoreModule(_ bytes: [UInt8]) -> UInt32 {
        sections.append(Section(.coreModule(CoreModule(bytes: bytes[...], offset: 0))))
        return bump(.core(.module))
    }

    func addCoreInstance(_ expr: CoreInstance.Expr) -> UInt32 {
        append(.coreInstances([CoreInstance(expr)]))
        return bump(.core(.instance))
    }

    func addInstance(_ expr: ComponentInstance.Expr) -> UInt32 {
        append(.instances([ComponentInstance(expr)]))
        return bump(.instance)
    }

    func addComponent(_ c: Component) -> UInt32 {
        sections.append(Section(.component(c)))
        return bump(.component)
    }

    func aliasCoreExport(_ instance: UInt32, _ name: String, _ sort: CoreSort) -> UInt32 {
        addAlias(Alias(sort: .core(sort), target: .coreInstanceExport(instance: instance, name: name)))
    }
}

/// Writes resolved value types as definitions into one component scope,
/// reusing structures already written there. Resources and the structures
/// that must be named come from the caller (`named`), which knows what is
/// imported or exported in the scope.
final class ValueTypeWriter {
    let sink: SectionSink
    let resource: (ResourceID) throws(WrapError) -> UInt32
    let named: (ValueType) -> UInt32?
    var anonymous: [ValueType: UInt32] = [:]
    var functionTypes: [FunctionType: UInt32] = [:]

    init(sink: SectionSink, resource: @escaping (ResourceID) throws(WrapError) -> UInt32, named: @escaping (ValueType) -> UInt32? = { _ in nil }) {
        self.sink = sink; self.resource = resource; self.named = named
    }

    func ref(_ v: ValueType) throws(WrapError) -> ValTypeRef {
        if let p = v.primitive { return .primitive(p) }
        if let i = named(v) { return .index(i) }
        if let i = anonymous[v] { return .index(i) }
        let i = sink.addType(.defined(try defined(v)))
        anonymous[v] = i
        return .index(i)
    }

    func defined(_ v: ValueType) throws(WrapError) -> DefinedType {
        try v.definedType(ref: { (t: ValueType) throws(WrapError) in try ref(t) },
                          handle: { (r: ResourceID) throws(WrapError) in try resource(r) })
    }

    func function(_ f: FunctionType) throws(WrapError) -> UInt32 {
        if let i = functionTypes[f] { return i }
        let i = sink.addType(.function(try f.definition(ref: { (t: ValueType) throws(WrapError) in try ref(t) })))
        functionTypes[f] = i
        return i
    }

    static func needsName(_ v: ValueType) -> Bool {
        switch v {
        case .record, .variant, .enumeration, .flags: true
        default: false
        }
    }
}
