/// The component that gives an exported interface its names.
///
/// Lifted functions are typed structurally at the top level; an instance
/// made of them would export anonymous records and unnamed resources. So,
/// like wit-component, each exported interface is an instance of a small
/// component that imports the lifted functions and the types they use
/// (`import-func-*`, `import-type-*`) and exports them again under the
/// interface's names, with function types written in terms of the exported
/// types.
///
/// Both halves follow the interface's declarators in the world (`body`),
/// so every alias keeps its shape: `type b = a` exports `b` as the export
/// `a`, and a function's parameter of type `a` names `a`. Types the
/// interface `use`s from elsewhere are imported with the very type they
/// stand for (the top-level alias of the other interface's export), so the
/// world still reads them as `use`.
final class ExportShim {
    let builder: WrapBuilder
    let interface: String
    let type: InstanceType
    /// The interface's declarators in the world.
    let body: [InstanceDecl]
    let lifted: [String: UInt32]

    let sink = SectionSink()
    var args: [ComponentInstance.Arg] = []
    var importedNamed: [ValueType: UInt32] = [:]
    var importedResources: [Int: UInt32] = [:]
    var nested = 0

    init(builder: WrapBuilder, interface: String, type: InstanceType, body: [InstanceDecl], lifted: [String: UInt32]) {
        self.builder = builder; self.interface = interface; self.type = type; self.body = body; self.lifted = lifted
    }

    lazy var importWriter = ValueTypeWriter(
        sink: sink,
        resource: { [unowned self] r throws(WrapError) in try self.importResource(r, label: nil) },
        named: { [unowned self] v in self.importedNamed[v] ?? self.importNested(v) })

    func build() throws(WrapError) -> (Component, [ComponentInstance.Arg]) {
        func bad(_ what: String) -> WrapError { WrapError("the exported interface `\(interface)` \(what)") }
        // Body type index → what it is, for both halves.
        enum Slot { case def(TypeDef.Kind), outer(UInt32), export(String, eq: UInt32?) }
        var slots: [Slot] = []
        for d in body {
            switch d {
            case .type(let t): slots.append(.def(t.kind))
            case .alias(let a):
                guard a.sort == .type, case .outer(1, let w) = a.target else { throw bad("has an alias that is not a `use`") }
                slots.append(.outer(w))
            case .export(_, let n, .type(.eq(let i))): slots.append(.export(n.name, eq: i))
            case .export(_, let n, .type(.subResource)): slots.append(.export(n.name, eq: nil))
            case .export(_, _, .func_): continue
            case .export(_, let n, _): throw bad("has an export `\(n.name)` that is not a type or function")
            case .coreType: continue
            }
        }
        func outer(_ i: UInt32?) -> UInt32? {
            guard let i, Int(i) < slots.count, case .outer(let w) = slots[Int(i)] else { return nil }
            return w
        }

        // Imports: every type and used function of the interface.
        var imp: [UInt32: UInt32] = [:]
        var argOf: [UInt32: SortIndex] = [:]
        var funcImports: [String: UInt32] = [:]
        var index: UInt32 = 0
        for d in body {
            switch d {
            case .type(let t):
                guard let k = WorldPrefix.remap(t.kind, { imp[$0] }) else { throw bad("has a type that refers ahead") }
                imp[index] = sink.addType(k)
                index += 1
            case .alias:
                index += 1  // bound when the export that names it is reached
            case .export(_, let n, .type(let bound)):
                let name = n.name
                guard let entity = type.export(named: name)?.type, case .type(let resolved) = entity else { throw bad("does not resolve its type `\(name)`") }
                let label = "import-type-\(name)"
                let i: UInt32
                let arg: SortIndex
                if case .eq(let target) = bound, let w = outer(target) {
                    // A `use`: the other interface's type itself.
                    arg = SortIndex(.type, try builder.worldTypeTop(w))
                    switch resolved {
                    case .resource(let r):
                        i = sink.addImport(label, .type(.subResource))
                        if importedResources[r.id] == nil { importedResources[r.id] = i }
                    case .value(let v):
                        let def = try importWriter.defined(v)
                        i = sink.addImport(label, .type(.eq(sink.addType(.defined(def)))))
                        if importedNamed[v] == nil, ValueTypeWriter.needsName(v) { importedNamed[v] = i }
                    default: throw bad("uses `\(name)`, which is not a value type or resource")
                    }
                    imp[target] = i
                } else if case .eq(let target) = bound {
                    guard let t = imp[target] else { throw bad("has a type `\(name)` that refers ahead") }
                    i = sink.addImport(label, .type(.eq(t)))
                    if let a = argOf[target] {
                        arg = a  // an alias of another export: the same type
                    } else {
                        guard case .value(let v) = resolved else { throw bad("has a type `\(name)` that is not a value type") }
                        arg = SortIndex(.type, try topIndex(v))
                        if importedNamed[v] == nil, ValueTypeWriter.needsName(v) { importedNamed[v] = i }
                    }
                } else {
                    guard case .resource(let r) = resolved else { throw bad("declares `\(name)` as a resource, which it does not resolve to") }
                    arg = SortIndex(.type, try builder.resourceTop(r))
                    i = sink.addImport(label, .type(.subResource))
                    if importedResources[r.id] == nil { importedResources[r.id] = i }
                }
                args.append(ComponentInstance.Arg(name: label, item: arg))
                argOf[index] = arg
                imp[index] = i
                index += 1
            case .export(_, let n, .func_(let t)):
                guard let f = lifted[n.name] else { continue }
                guard let ft = imp[t] else { throw bad("has a function `\(n.name)` whose type refers ahead") }
                let label = "import-func-\(Self.label(n.name))"
                funcImports[n.name] = sink.addImport(label, .func_(type: ft))
                args.append(ComponentInstance.Arg(name: label, item: SortIndex(.func_, f)))
            default:
                continue
            }
        }

        // Exports under the interface's names, written in terms of each other.
        var exp: [UInt32: UInt32] = [:]
        index = 0
        for d in body {
            switch d {
            case .type(let t):
                guard let k = WorldPrefix.remap(t.kind, { exp[$0] }) else { throw bad("has a type that refers ahead") }
                exp[index] = sink.addType(k)
                index += 1
            case .alias:
                index += 1
            case .export(_, let n, .type(let bound)):
                let target: UInt32?
                if case .eq(let t) = bound, outer(t) == nil { target = exp[t] } else { target = imp[index] }
                guard let target else { throw bad("has a type `\(n.name)` that refers ahead") }
                let e = sink.addExport(n.name, SortIndex(.type, target))
                if case .eq(let t) = bound, outer(t) != nil { exp[t] = e }
                exp[index] = e
                index += 1
            case .export(_, let n, .func_(let t)):
                guard let f = funcImports[n.name] else { continue }
                guard let ft = exp[t] else { throw bad("has a function `\(n.name)` whose type refers ahead") }
                _ = sink.addExport(n, SortIndex(.func_, f), type: .func_(type: ft))
            default:
                continue
            }
        }
        return (Component(sections: sink.sections), args)
    }

    func importResource(_ r: ResourceID, label: String?) throws(WrapError) -> UInt32 {
        if let i = importedResources[r.id] { return i }
        let name: String
        if let label { name = "import-type-\(label)" } else { nested += 1; name = "import-type-nested\(nested)" }
        let i = sink.addImport(name, .type(.subResource))
        importedResources[r.id] = i
        args.append(ComponentInstance.Arg(name: name, item: SortIndex(.type, try builder.resourceArg(r))))
        return i
    }

    /// A named structure the interface uses without exporting it (a field
    /// type of a `use`d record): imported under a made-up name, because a
    /// component's imports may only mention named types.
    func importNested(_ v: ValueType) -> UInt32? {
        guard ValueTypeWriter.needsName(v) else { return nil }
        guard let def = try? importWriter.defined(v), let arg = try? topIndex(v) else { return nil }
        nested += 1
        let name = "import-type-nested\(nested)"
        let d = sink.addType(.defined(def))
        let i = sink.addImport(name, .type(.eq(d)))
        importedNamed[v] = i
        args.append(ComponentInstance.Arg(name: name, item: SortIndex(.type, arg)))
        return i
    }

    func topIndex(_ v: ValueType) throws(WrapError) -> UInt32 {
        switch try builder.topTypes.ref(v) {
        case .index(let i): return i
        case .primitive(let p): return builder.top.addType(.defined(.primitive(p)))
        }
    }

    /// `[constructor]a` → `constructor-a`, `[method]a.b` → `method-a-b`:
    /// import names must be plain kebab-case.
    static func label(_ name: String) -> String {
        var s = name
        for (p, r) in [("[constructor]", "constructor-"), ("[method]", "method-"), ("[static]", "static-")] {
            if s.hasPrefix(p) { s = r + s.dropFirst(p.count) }
        }
        return s.replacing(".", with: "-")
    }
}
