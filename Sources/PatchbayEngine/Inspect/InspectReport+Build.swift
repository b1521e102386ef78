extension InspectReport {
    /// Builds the report of a decoded component. Types come from the
    /// resolver; a component that does not resolve still gets its structure
    /// (`types` nil), so a broken file can be looked at.
    /// `summaries` are core module summaries already made (by the resolver),
    /// by module offset; missing ones are read here.
    public static func build(_ c: Component, types: ComponentType?, text: TypeText,
                             summaries: [Int: CoreModuleReader.Summary] = [:]) -> InspectReport {
        var r = InspectReport(name: nil, offset: c.offset, size: c.size)
        if let types {
            r.imports = types.imports.map { item($0, text) }
            r.exports = types.exports.map { item($0, text) }
        } else {
            for s in c.sections {
                if case .imports(let list) = s.content {
                    r.imports += list.map { Item(name: $0.name.name, kind: $0.type.sort.name, type: "?", attributes: attrs($0.name), exports: nil) }
                }
                if case .exports(let list) = s.content {
                    r.exports += list.map { Item(name: $0.name.name, kind: $0.item.sort.name, type: "?", attributes: attrs($0.name), exports: nil) }
                }
            }
        }
        for s in c.sections {
            switch s.content {
            case .custom(let cs):
                r.customSections.append(Custom(name: cs.name, offset: s.offset, size: cs.payload.count))
                if cs.name == "component-name", let n = try? ComponentNames.parse(cs.payload) { r.name = n.componentName }
                if cs.name == "producers" { r.producers = try? Producers.parse(cs.payload) }
            case .coreModule(let m):
                let summary = summaries[m.offset] ?? (try? CoreModuleReader.summarize(m.bytes, offset: m.offset))
                r.coreModules.append(Module(
                    index: r.coreModules.count, offset: m.offset, size: m.bytes.count,
                    functions: summary?.functionCount,
                    imports: summary?.type.imports.map { CoreItem(module: $0.module, name: $0.name, kind: $0.type.sort.name, type: text.core($0.type)) } ?? [],
                    exports: summary?.type.exports.map { CoreItem(module: nil, name: $0.name, kind: $0.type.sort.name, type: text.core($0.type)) } ?? [],
                    customSections: summary?.customSections))
            case .coreInstances(let list):
                for i in list {
                    switch i.expr {
                    case .instantiate(let m, let args):
                        r.coreInstances.append(Instance(index: r.coreInstances.count, offset: i.offset, kind: "instantiate", of: Int(m),
                                                        args: args.map { .init(name: $0.name, sort: "core instance", index: $0.index) }))
                    case .fromExports(let exports):
                        r.coreInstances.append(Instance(index: r.coreInstances.count, offset: i.offset, kind: "exports", of: nil,
                                                        args: exports.map { .init(name: $0.name, sort: "core " + $0.item.sort.name, index: $0.item.index) }))
                    }
                }
            case .instances(let list):
                for i in list {
                    switch i.expr {
                    case .instantiate(let comp, let args):
                        r.instances.append(Instance(index: r.instances.count, offset: i.offset, kind: "instantiate", of: Int(comp),
                                                    args: args.map { .init(name: $0.name, sort: $0.item.sort.name, index: $0.item.index) }))
                    case .fromExports(let exports):
                        r.instances.append(Instance(index: r.instances.count, offset: i.offset, kind: "exports", of: nil,
                                                    args: exports.map { .init(name: $0.name.name, sort: $0.item.sort.name, index: $0.item.index) }))
                    }
                }
            case .component(let nested):
                // Resolved on its own (as a component file would be), but its
                // modules were read when the outer one was resolved.
                let nestedType = try? TypeResolver.resolve(nested, summaries: summaries)
                var sub = build(nested, types: nestedType?.type, text: TypeText(resourceNames: nestedType?.resourceNames ?? [:]),
                                summaries: summaries.merging(nestedType?.moduleSummaries ?? [:]) { a, _ in a })
                sub.offset = nested.offset
                r.components.append(sub)
            case .canons(let list):
                for cn in list { r.canons.append(canonInfo(cn, types: types, text: text)) }
            default:
                break
            }
        }
        r.linked = LinkedComponentReport.build(c)
        return r
    }

    static func attrs(_ n: ExternName) -> [String]? {
        if n.attributes.isEmpty { return nil }
        return n.attributes.map {
            switch $0 {
            case .implements(let s): "implements=\(s)"
            case .versionSuffix(let s): "versionsuffix=\(s)"
            case .externalId(let s): "external-id=\(s)"
            }
        }
    }

    static func item(_ e: NamedEntity, _ text: TypeText) -> Item {
        var it = Item(name: e.name.name, kind: e.type.sortName, type: text.entity(e.type), attributes: attrs(e.name), exports: nil)
        if case .instance(let inst) = e.type { it.exports = inst.exports.map { item($0, text) } }
        return it
    }

    static func canonInfo(_ c: Canon, types: ComponentType?, text: TypeText) -> CanonInfo {
        func opts(_ o: [CanonOption]) -> CanonInfo.Options {
            var out = CanonInfo.Options()
            for x in o {
                switch x {
                case .utf8: out.stringEncoding = "utf8"
                case .utf16: out.stringEncoding = "utf16"
                case .latin1Utf16: out.stringEncoding = "latin1+utf16"
                case .memory(let i): out.memory = i
                case .realloc(let i): out.realloc = i
                case .postReturn(let i): out.postReturn = i
                case .async: out.async = true
                case .callback(let i): out.callback = i
                case .coreType, .gc: break
                }
            }
            return out
        }
        var info = CanonInfo(offset: c.offset, kind: c.name)
        switch c.kind {
        case .lift(let f, let o, let t):
            info.function = f; info.typeIndex = t; info.options = opts(o)
        case .lower(let f, let o):
            info.function = f; info.options = opts(o)
        case .taskReturn(_, let o), .streamRead(_, let o), .streamWrite(_, let o), .futureRead(_, let o),
             .futureWrite(_, let o), .errorContextNew(let o), .errorContextDebugMessage(let o):
            info.options = opts(o)
        default: break
        }
        return info
    }
}
