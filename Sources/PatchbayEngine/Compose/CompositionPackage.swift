/// A component registered with a composition under a package name
/// (`test:foo`, optionally versioned): the bytes that get embedded and the
/// type that wiring is checked against.
public struct CompositionPackage: Sendable {
    public var name: String
    public var version: SemVer?
    /// Where it was read from, for messages and session files.
    public var path: String?
    public var bytes: [UInt8]
    public var component: Component
    /// Its imports and exports. Resource ids are the graph's own, so
    /// resources of different packages never collide.
    public var type: ComponentType
    /// Resources the package defines itself and exports: each instantiation
    /// gets fresh copies of these.
    public var definedResources: [ResourceID]
    /// Core modules validated when the package was loaded.
    public var validatedModules: Set<CoreModuleKey> = []

    /// `test:foo` or `test:foo@1.0.0`.
    public var key: String { version.map { "\(name)@\($0)" } ?? name }

    /// Decodes and validates `bytes`. Resource ids are renumbered from
    /// `firstResource` upwards; the caller advances its counter past
    /// `type`'s resources.
    public static func load(name: String, version: SemVer? = nil, path: String? = nil, bytes: [UInt8],
                            firstResource: Int) throws(CompositionError) -> (CompositionPackage, [Int: String]) {
        let component: Component
        do { component = try ComponentDecoder.decode(bytes) } catch {
            throw CompositionError(.invalidPackage, "package `\(name)` is not a valid component", causes: ["\(error)"])
        }
        let (diagnostics, checked, validated) = Validator.validate(component, trusting: [])
        if let problem = diagnostics.first(where: \.isError) {
            throw CompositionError(.invalidPackage, "package `\(name)` is not a valid component", causes: [problem.description])
        }
        // Validation resolved the component already; its types are the package's.
        guard let resolved = validated else {
            throw CompositionError(.invalidPackage, "package `\(name)` is not a valid component")
        }
        // Renumber every resource the type mentions into the graph's space.
        var ids = Set<Int>()
        for e in resolved.type.imports + resolved.type.exports { e.type.collectResources(into: &ids) }
        var map: [Int: ResourceID] = [:]
        var names: [Int: String] = [:]
        for (i, old) in ids.sorted().enumerated() {
            let n = resolved.resourceNames[old] ?? ""
            map[old] = ResourceID(id: firstResource + i, name: n)
            names[firstResource + i] = n
        }
        var type = resolved.type.substituting(map, keepingNames: true)
        // A resource defined inside the component may have no name of its
        // own; the name it is exported under is the one people know.
        func nameFrom(_ e: NamedEntity) {
            switch e.type {
            case .type(.resource(let r)) where (names[r.id] ?? "").isEmpty: names[r.id] = e.name.name
            case .instance(let it): it.exports.forEach(nameFrom)
            default: break
            }
        }
        (type.imports + type.exports).forEach(nameFrom)
        var renamed: [Int: ResourceID] = [:]
        for (id, n) in names { renamed[id] = ResourceID(id: id, name: n) }
        type = type.substituting(renamed, keepingNames: true)
        let imported = Set(type.imports.flatMap(\.type.introducedResources).map(\.id))
        var defined: [ResourceID] = []
        for e in type.exports {
            for r in e.type.introducedResources where !imported.contains(r.id) && !defined.contains(r) { defined.append(r) }
        }
        var pkg = CompositionPackage(name: name, version: version, path: path, bytes: bytes, component: component,
                                     type: type, definedResources: defined)
        pkg.validatedModules = checked

        return (pkg, names)
    }

    public func `import`(named n: String) -> NamedEntity? { type.imports.first { $0.name.name == n } }
    public func export(named n: String) -> NamedEntity? { type.exports.first { $0.name.name == n } }
}
