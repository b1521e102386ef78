/// `package x:y targets ns:pkg/world;`: the composition must fit the world,
/// as wac checks it after evaluating the document: everything the
/// composition imports (explicitly or left to it by `...`) is something the
/// world imports, of a type the world's import can stand in for, and
/// everything the world exports the composition exports, of a fitting type.
extension WacEvaluator {
    func checkTargets(_ target: String, _ p: WacPos) throws(WacError) {
        var me = self
        let world = try me.worldDef(target, p)
        let check = graph.wireCheck
        var imports: [(name: String, type: EntityType)] = []
        do throws(CompositionError) {
            for id in graph.liveNodes {
                if case .import(let name, let t) = try graph.node(id).kind { imports.append((name, t)) }
            }
            for imp in try CompositePlan(graph).implicitImports { imports.append((imp.name, imp.type)) }
        } catch { throw wrap(p, error) }
        var differences: [String] = []
        for (name, type) in imports {
            guard let w = world.type.imports.first(where: { $0.name.name == name }) else {
                differences.append("the composition imports `\(name)`, which world `\(target)` does not import")
                continue
            }
            // The world's own resources stand for the composition's.
            let given = w.type.substituting(w.type.resourceBindings(to: type))
            if let m = check.misfit(found: given, expected: type) {
                differences.append(m.prefixed([.import(name)]).description)
            }
        }
        for w in world.type.exports {
            guard let e = graph.exports.first(where: { $0.name == w.name.name }) else {
                differences.append("world `\(target)` exports `\(w.name.name)`, which the composition does not export")
                continue
            }
            let found: EntityType
            do { found = try graph.type(of: e.node) } catch { throw wrap(p, error) }
            let expected = w.type.substituting(w.type.resourceBindings(to: found))
            if let m = check.misfit(found: found, expected: expected) {
                differences.append("export `\(w.name.name)`: " + m.description)
            }
        }
        if !differences.isEmpty {
            throw fail(p, "the composition does not target world `\(target)`", causes: differences)
        }
    }
}
