/// Encodes resolved WIT (a `WitDocument`) as component-model binaries, the
/// two forms toolchains exchange:
///
/// - a whole package "encoded as wasm" (`wasm-tools component wit --wasm`):
///   a component whose exports are the package's interfaces and worlds, each
///   wrapped in a component type, plus a `package-docs` custom section for
///   what the binary format cannot hold (docs, `@since`/`@unstable`);
/// - the payload of the `component-type` custom section that
///   `wasm-tools component embed` adds to a core module: one world, wrapped
///   the same way, with its string encoding.
///
/// The layouts follow wit-component so that the bytes are the same as the
/// oracle's, not just equivalent; `WitDecoder` reads both forms back.
public enum WitEncoder {
    /// The producers section wit-component appends to what it writes.
    static let producerName = "wit-component"
    static let producerVersion = "0.262.0"

    /// Which string encoding a `component-type` section records.
    public enum StringEncoding: UInt8, Sendable {
        case utf8 = 0, utf16 = 1, compactUTF16 = 2
    }

    // MARK: names

    /// `ns:pkg/name@version` for an interface or world of package `pkg`.
    static func qualified(_ doc: WitDocument, _ pkg: WitPackageID?, _ name: String) throws(WitError) -> String {
        guard let pkg, pkg.index >= 0, pkg.index < doc.packages.count else {
            throw WitError("`\(name)` does not belong to a package")
        }
        let p = doc[pkg].name
        return "\(p.namespace):\(p.name)/\(name)" + (p.version.map { "@\($0)" } ?? "")
    }

    /// The id of a named interface (`ns:pkg/iface@version`).
    static func interfaceID(_ doc: WitDocument, _ id: WitInterfaceID) throws(WitError) -> String {
        guard let name = doc[id].name else { throw WitError("an anonymous interface has no id") }
        return try qualified(doc, doc[id].package, name)
    }

    /// The import or export name of a world item.
    static func keyName(_ doc: WitDocument, _ key: WitWorldKey) throws(WitError) -> String {
        switch key {
        case .name(let n): return n
        case .interface(let id): return try interfaceID(doc, id)
        }
    }

    // MARK: worlds

    /// The component type of `world`, as a list of declarators.
    public static func worldType(_ doc: WitDocument, _ world: WitWorldID) throws(WitError) -> [ComponentDecl] {
        guard world.index >= 0, world.index < doc.worlds.count else { throw WitError("world #\(world.index) does not exist") }
        var enc = WitTypeEncoder(doc: doc)
        let w = doc[world]
        for (key, item) in w.imports {
            let name = try keyName(doc, key)
            let type: ExternType
            switch item {
            case .interface(let id, _, _, _):
                enc.interface = id
                do { type = .instance(type: try enc.instanceType(id)) } catch { throw error.context("failed to encode import `\(name)`") }
            case .function(let f):
                enc.interface = nil
                do { type = .func_(type: try enc.funcType(f)) } catch { throw error.context("failed to encode import `\(name)`") }
            case .type(let t):
                enc.interface = nil
                enc.importTypes = true
                do { _ = try enc.valType(.id(t)) } catch { throw error.context("failed to encode type `\(name)`") }
                enc.importTypes = false
                continue
            }
            enc.outer.append(.import(Import(name: try externName(doc, key, item, name), type: type)))
        }
        for (key, item) in w.exports {
            let name = try keyName(doc, key)
            let type: ExternType
            switch item {
            case .interface(let id, _, _, _):
                enc.interface = id
                do { type = .instance(type: try enc.instanceType(id)) } catch { throw error.context("failed to encode export `\(name)`") }
            case .function(let f):
                enc.interface = nil
                do { type = .func_(type: try enc.funcType(f)) } catch { throw error.context("failed to encode export `\(name)`") }
            case .type:
                throw WitError("the world exports the type `\(name)`; worlds can only import types")
            }
            enc.outer.append(.instance(.export(offset: 0, name: try externName(doc, key, item, name), type: type)))
        }
        return enc.outer
    }

    /// An import/export name with `implements` for `label: ns:pkg/iface`
    /// and the item's `external-id`.
    static func externName(_ doc: WitDocument, _ key: WitWorldKey, _ item: WitWorldItem, _ name: String) throws(WitError) -> ExternName {
        var implements: String?
        var externalId: String?
        switch item {
        case .interface(let id, let ext, _, _):
            externalId = ext
            if case .name = key, doc[id].name != nil { implements = try interfaceID(doc, id) }
        case .function(let f): externalId = f.externalId
        case .type(let t): externalId = doc[t].externalId
        }
        return WitTypeEncoder.externName(name, externalId: externalId, implements: implements)
    }

    /// The payload of a `component-type` custom section for `world`, as
    /// `wasm-tools component embed` writes it.
    public static func worldMetadata(_ doc: WitDocument, _ world: WitWorldID, encoding: StringEncoding = .utf8) throws(WitError) -> [UInt8] {
        let inner = try worldType(doc, world)
        let w = doc[world]
        let wrapper: [ComponentDecl] = [
            .instance(.type(TypeDef(.component(inner)))),
            .instance(.export(offset: 0, name: ExternName(try qualified(doc, w.package, w.name)), type: .component(type: 0))),
        ]
        var c = Component()
        c.sections = [
            Section(.custom(CustomSection(name: "wit-component-encoding", payload: [0x04, encoding.rawValue][...]))),
            Section(.types([TypeDef(.component(wrapper))])),
            Section(.exports([Export(name: ExternName(w.name), item: SortIndex(.type, 0))])),
            producers(),
        ]
        return ComponentEncoder.encode(c)
    }

    // MARK: packages

    /// `pkg` encoded as a component, as `wasm-tools component wit --wasm`
    /// writes it.
    public static func encodePackage(_ doc: WitDocument, _ pkg: WitPackageID) throws(WitError) -> [UInt8] {
        guard pkg.index >= 0, pkg.index < doc.packages.count else { throw WitError("package #\(pkg.index) does not exist") }
        var sections: [Section] = []
        var types: UInt32 = 0
        func add(_ name: String, _ decls: [ComponentDecl]) {
            sections.append(Section(.types([TypeDef(.component(decls))])))
            sections.append(Section(.exports([Export(name: ExternName(name), item: SortIndex(.type, types))])))
            types += 2
        }
        for (name, id) in doc[pkg].interfaces {
            do { add(name, try interfaceWrapper(doc, pkg, id)) } catch { throw error.context("failed to encode interface `\(name)`") }
        }
        for (name, id) in doc[pkg].worlds {
            let inner: [ComponentDecl]
            do { inner = try worldType(doc, id) } catch { throw error.context("failed to encode world `\(name)`") }
            add(name, [
                .instance(.type(TypeDef(.component(inner)))),
                .instance(.export(offset: 0, name: ExternName(try qualified(doc, doc[id].package, name)), type: .component(type: 0))),
            ])
        }
        sections.append(Section(.custom(CustomSection(name: "package-docs", payload: WitPackageMetadata.encode(doc, pkg)[...]))))
        sections.append(producers())
        var c = Component()
        c.sections = sections
        return ComponentEncoder.encode(c)
    }

    /// An interface as a component type that imports every interface it
    /// depends on (whole, so every reader sees the same types in the same
    /// order) and exports the interface itself as an instance.
    static func interfaceWrapper(_ doc: WitDocument, _ pkg: WitPackageID, _ id: WitInterfaceID) throws(WitError) -> [ComponentDecl] {
        var live: [WitInterfaceID] = []
        var seen = Set<WitInterfaceID>()
        var onPath = Set<WitInterfaceID>()
        try addLive(doc, id, &live, &seen, &onPath)
        var enc = WitTypeEncoder(doc: doc)
        for iface in live {
            enc.interface = iface
            let name = try interfaceID(doc, iface)
            if iface == id {
                let idx = try enc.instanceType(iface)
                enc.outer.append(.instance(.export(offset: 0, name: ExternName(name), type: .instance(type: idx))))
            } else {
                enc.pushInstance()
                for (_, t) in doc[iface].types { _ = try enc.valType(.id(t)) }
                let decls = enc.popInstance()
                let idx = enc.defineOuterInstance(decls)
                enc.importMap[iface] = enc.instances
                enc.instances += 1
                enc.outer.append(.import(Import(name: ExternName(name), type: .instance(type: idx))))
            }
        }
        return enc.outer
    }

    /// The interfaces `id`'s types come from, transitively, before `id`.
    static func addLive(_ doc: WitDocument, _ id: WitInterfaceID, _ out: inout [WitInterfaceID],
                        _ seen: inout Set<WitInterfaceID>, _ onPath: inout Set<WitInterfaceID>) throws(WitError) {
        if seen.contains(id) { return }
        guard onPath.insert(id).inserted else { throw WitError("interface `\(doc[id].name ?? "?")` depends on itself") }
        for dep in directDependencies(doc, id) {
            try addLive(doc, dep, &out, &seen, &onPath)
        }
        onPath.remove(id)
        seen.insert(id)
        out.append(id)
    }

    /// Interfaces whose types `id` uses, in the order of its types.
    static func directDependencies(_ doc: WitDocument, _ id: WitInterfaceID) -> [WitInterfaceID] {
        var out: [WitInterfaceID] = []
        for (_, t) in doc[id].types {
            let ty = doc[t]
            guard case .alias(.id(let other)) = ty.kind, other.index < doc.types.count else { continue }
            let o = doc[other]
            guard o.owner != ty.owner, case .interface(let dep) = o.owner else { continue }
            if !out.contains(dep) { out.append(dep) }
        }
        return out
    }

    // MARK: custom sections

    /// `producers` with `processed-by: wit-component <version>`.
    static func producers() -> Section {
        var w = ByteWriter()
        w.u32(1)
        w.name("processed-by")
        w.u32(1)
        w.name(producerName)
        w.name(producerVersion)
        return Section(.custom(CustomSection(name: "producers", payload: w.bytes[...])))
    }
}
