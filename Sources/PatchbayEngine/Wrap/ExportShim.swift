/// The component that gives an exported interface its names.
///
/// Lifted functions are typed structurally at the top level; an instance
/// made of them would export anonymous records and unnamed resources. So,
/// like wit-component, each exported interface is an instance of a small
/// component that imports the lifted functions and the types they use
/// (`import-func-*`, `import-type-*`) and exports them again under the
/// interface's names, with function types written in terms of the exported
/// types. Types the interface `use`s from elsewhere are imported with the
/// very type they stand for, so the world still reads them as `use`.
final class ExportShim {
    let builder: WrapBuilder
    let interface: String
    let type: InstanceType
    /// Type exports that are `use`s: name → world type index.
    let used: [String: UInt32]
    let lifted: [String: UInt32]

    let sink = SectionSink()
    var args: [ComponentInstance.Arg] = []
    var importedNamed: [ValueType: UInt32] = [:]
    var importedResources: [Int: UInt32] = [:]
    var importedByName: [String: UInt32] = [:]
    var importedFuncs: [String: UInt32] = [:]
    var exportedNamed: [ValueType: UInt32] = [:]
    var exportedResources: [Int: UInt32] = [:]
    var nested = 0

    init(builder: WrapBuilder, interface: String, type: InstanceType, used: [String: UInt32], lifted: [String: UInt32]) {
        self.builder = builder; self.interface = interface; self.type = type; self.used = used; self.lifted = lifted
    }

    lazy var importWriter = ValueTypeWriter(
        sink: sink,
        resource: { [unowned self] r throws(WrapError) in try self.importResource(r, label: nil) },
        named: { [unowned self] v in self.importedNamed[v] ?? self.importNested(v) })

    lazy var exportWriter = ValueTypeWriter(
        sink: sink,
        resource: { [unowned self] r throws(WrapError) in
            if let i = self.exportedResources[r.id] ?? self.importedResources[r.id] { return i }
            return try self.importResource(r, label: nil)
        },
        named: { [unowned self] v in self.exportedNamed[v] ?? self.importedNamed[v] })

    func build() throws(WrapError) -> (Component, [ComponentInstance.Arg]) {
        // Imports: every type and function of the interface.
        for x in type.exports {
            let name = x.name.name
            switch x.type {
            case .type(.resource(let r)):
                if importedResources[r.id] == nil { _ = try importResource(r, label: name) }
            case .type(.value(let v)):
                let def = try importWriter.defined(v)
                let d = sink.addType(.defined(def))
                let i = sink.addImport("import-type-\(name)", .type(.eq(d)))
                importedByName[name] = i
                if importedNamed[v] == nil, ValueTypeWriter.needsName(v) { importedNamed[v] = i }
                let arg: UInt32
                if let w = used[name] { arg = try builder.worldTypeTop(w) } else { arg = try topIndex(v) }
                args.append(ComponentInstance.Arg(name: "import-type-\(name)", item: SortIndex(.type, arg)))
            case .function(let f):
                guard let lifted = lifted[name] else { continue }
                let t = try importWriter.function(f)
                let label = "import-func-\(Self.label(name))"
                importedFuncs[name] = sink.addImport(label, .func_(type: t))
                args.append(ComponentInstance.Arg(name: label, item: SortIndex(.func_, lifted)))
            default:
                throw WrapError("the exported interface `\(interface)` has an export `\(name)` that is not a type or function")
            }
        }
        // Exports under the interface's names.
        for x in type.exports {
            let name = x.name.name
            switch x.type {
            case .type(.resource(let r)):
                guard let i = importedResources[r.id] else { continue }
                exportedResources[r.id] = sink.addExport(name, SortIndex(.type, i))
            case .type(.value(let v)):
                let target: UInt32
                if used[name] != nil, let i = importedByName[name] {
                    target = i
                } else if ValueTypeWriter.needsName(v), let i = exportedNamed[v] {
                    target = i
                } else {
                    target = sink.addType(.defined(try exportWriter.defined(v)))
                }
                let e = sink.addExport(name, SortIndex(.type, target))
                if ValueTypeWriter.needsName(v), exportedNamed[v] == nil { exportedNamed[v] = e }
            case .function(let f):
                guard let imported = importedFuncs[name] else { continue }
                let t = try exportWriter.function(f)
                _ = sink.addExport(name, SortIndex(.func_, imported), type: .func_(type: t))
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
        args.append(ComponentInstance.Arg(name: name, item: SortIndex(.type, try builder.resourceTop(r))))
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
        return s.replacingOccurrences(of: ".", with: "-")
    }
}
