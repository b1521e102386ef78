/// Whether a component conforms to a WIT world (`wasm-tools component
/// targets`): a component targets a world when everything it imports is
/// something the world imports, of a type that fits where the component
/// expects it, and everything the world exports is something the component
/// exports, of a type that fits the world's.
///
/// Resources are matched the way instantiation matches them: the world's
/// imported resources are what the component's imported resources get bound
/// to, and the component's exported resources are what the world's exported
/// ones stand for. After that binding, identities compare as in a wire.
///
/// Unlike a wire, which stops at the first misfit, this reports every
/// difference: each missing or extra item, and each member of an interface
/// that does not fit, as a `Misfit` whose path starts at the import or export.
public struct TargetsReport: Sendable {
    /// The world checked against, `ns:pkg/world`.
    public var world: String
    /// Every difference, imports first, then exports, in declaration order.
    public var differences: [Misfit]
    public var conforms: Bool { differences.isEmpty }
}

public enum Targets {
    /// Checks a component (its resolved type, with the resolver's resource
    /// names) against `world` of `document`.
    public static func check(component: ComponentType, resourceNames: [Int: String] = [:],
                             document: WitDocument, world: WitWorldID) throws(WitError) -> TargetsReport {
        var converter = WitWorldTypes(document: document)
        let expectedWorld = try converter.componentType(of: world)
        var names = resourceNames
        names.merge(converter.resourceNames) { a, _ in a }
        // The resolver knows a component's resources by the names they were
        // declared or imported under; one defined inside and only exported
        // is named here by its export, as WIT would print it.
        for e in component.imports + component.exports { nameResources(e, &names) }
        var origins = converter.resourceOrigins
        for e in component.exports {
            for r in e.type.introducedResources where origins[r.id] == nil {
                origins[r.id] = "defined by the component's export `\(e.name.name)`"
            }
        }
        for i in component.imports {
            for r in i.type.introducedResources where origins[r.id] == nil {
                origins[r.id] = "imported by the component through `\(i.name.name)`"
            }
        }
        let check = WireCheck(text: TypeText(resourceNames: names), origins: origins)
        var differences: [Misfit] = []

        // Imports: the world's imports are what the component is instantiated
        // with, so its imported resources become the world's.
        var importMap: [Int: ResourceID] = [:]
        for ci in component.imports {
            if let wi = expectedWorld.imports.first(where: { $0.name.name == ci.name.name }) {
                importMap.merge(ci.type.resourceBindings(to: wi.type)) { a, _ in a }
            }
        }
        let bound = component.substituting(importMap)
        let worldImportNames = expectedWorld.imports.map(\.name.name)
        for ci in bound.imports {
            let step = Misfit.Step.import(ci.name.name)
            guard let wi = expectedWorld.imports.first(where: { $0.name.name == ci.name.name }) else {
                let listed = worldImportNames.map { "`\($0)`" }.joined(separator: ", ")
                let notes = [worldImportNames.isEmpty ? "the world imports nothing" : "the world imports " + listed]
                    + check.nearMiss(ci.name.name, in: worldImportNames)
                differences.append(Misfit(path: [step], expected: "no such import (the world does not import it)",
                                          found: check.describe(ci.type), notes: notes))
                continue
            }
            differences += members(check, found: wi.type, expected: ci.type, at: step)
        }

        // Exports: the component's exported resources are what the world's
        // exported resources stand for.
        var exportMap: [Int: ResourceID] = [:]
        for we in expectedWorld.exports {
            if let ce = bound.exports.first(where: { $0.name.name == we.name.name }) {
                // Only resources the world's exports define stand for the
                // component's; one the world imports stays what it is, so a
                // component that defines its own in its place does not fit.
                let bindings = we.type.resourceBindings(to: ce.type).filter { converter.exportedResources.contains($0.key) }
                exportMap.merge(bindings) { a, _ in a }
            }
        }
        let componentExportNames = bound.exports.map(\.name.name)
        for we in expectedWorld.exports {
            let step = Misfit.Step.export(sort: "export", name: we.name.name)
            let expected = we.type.substituting(exportMap)
            guard let ce = bound.exports.first(where: { $0.name.name == we.name.name }) else {
                let listed = componentExportNames.map { "`\($0)`" }.joined(separator: ", ")
                let notes = [componentExportNames.isEmpty ? "the component exports nothing" : "the component exports " + listed]
                    + check.nearMiss(we.name.name, in: componentExportNames)
                differences.append(Misfit(path: [step], expected: check.describe(expected),
                                          found: "nothing (the component has no export of that name)", notes: notes))
                continue
            }
            differences += members(check, found: ce.type, expected: expected, at: step)
        }
        return TargetsReport(world: worldName(document, world), differences: differences)
    }

    /// Every misfit of `found` where `expected` is asked for. For two
    /// instances, each member is checked on its own so that every function
    /// of an interface that differs is reported, not only the first.
    static func members(_ check: WireCheck, found: EntityType, expected: EntityType, at step: Misfit.Step) -> [Misfit] {
        guard case .instance(let fi) = found, case .instance(let ei) = expected else {
            return check.misfit(found: found, expected: expected).map { [$0.prefixed([step])] } ?? []
        }
        var out: [Misfit] = []
        for eb in ei.exports {
            let inner = Misfit.Step.export(sort: eb.type.sortName, name: eb.name.name)
            guard let fa = fi.export(named: eb.name.name) else {
                let offered = fi.exports.map { "`\($0.name.name)`" }
                let note = offered.isEmpty ? "the instance exports nothing" : "the instance exports " + offered.joined(separator: ", ")
                out.append(Misfit(path: [step, inner], expected: check.describe(eb.type), found: "nothing (no export of that name)",
                                  notes: [note] + check.nearMiss(eb.name.name, in: fi.exports.map(\.name.name))))
                continue
            }
            if let m = check.misfit(found: fa.type, expected: eb.type) { out.append(m.prefixed([step, inner])) }
        }
        return out
    }

    static func nameResources(_ e: NamedEntity, _ names: inout [Int: String]) {
        switch e.type {
        case .type(.resource(let r)):
            if (names[r.id] ?? r.name).isEmpty { names[r.id] = e.name.name }
        case .instance(let i):
            for x in i.exports { nameResources(x, &names) }
        default: break
        }
    }

    /// `ns:pkg/world`, or the bare name for a world outside a package.
    public static func worldName(_ document: WitDocument, _ world: WitWorldID) -> String {
        let w = document[world]
        guard let p = w.package, p.index < document.packages.count else { return w.name }
        let pn = document[p].name
        return "\(pn.namespace):\(pn.name)/\(w.name)" + (pn.version.map { "@\($0)" } ?? "")
    }

    /// The world to check against: `name` (a world of the main package, or
    /// `ns:pkg/world` of any loaded package), or the main package's only world.
    public static func selectWorld(_ document: WitDocument, main: WitPackageID, name: String?) throws(WitError) -> WitWorldID {
        let pkg = document[main]
        guard let name else {
            if pkg.worlds.count == 1 { return pkg.worlds[0].id }
            if pkg.worlds.isEmpty { throw WitError("package `\(pkg.name)` contains no worlds") }
            let listed = pkg.worlds.map { "  \(worldName(document, $0.id))" }.joined(separator: "\n")
            throw WitError("there are several worlds in `\(pkg.name)`; choose one with --world:\n\(listed)")
        }
        if let w = pkg.worlds.first(where: { $0.name == name }) { return w.id }
        for (i, _) in document.packages.enumerated() {
            let id = WitPackageID(index: i)
            for w in document[id].worlds where worldName(document, w.id) == name { return w.id }
        }
        let all = document.packages.indices.flatMap { i in document.packages[i].worlds.map { worldName(document, $0.id) } }
        let listed = all.isEmpty ? "there are no worlds" : "the worlds are: " + all.joined(separator: ", ")
        throw WitError("no world named `\(name)` in `\(pkg.name)`; \(listed)")
    }
}
