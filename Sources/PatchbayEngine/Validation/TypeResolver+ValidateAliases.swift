/// Alias rules beyond bounds: what may be aliased inside types, and that an
/// outer alias does not carry resources across a component boundary (a
/// nested component cannot name its parent's resources: it must import them).
extension TypeResolver {
    /// Aliases at component level: gated sorts.
    func validateAlias(_ a: Alias) throws(ValidationError) {
        guard let v = validation else { return }
        if a.sort == .core(.tag) && !v.features.contains(.exceptions) {
            throw ValidationError("exceptions proposal not enabled", at: a.offset)
        }
        if a.sort == .value && !v.features.contains(.values) {
            throw ValidationError("support for component model `value`s is not enabled", at: a.offset)
        }
    }

    func validateTypeAlias(_ a: Alias) throws(ValidationError) {
        guard validation != nil else { return }
        switch a.target {
        case .outer:
            switch a.sort {
            case .type, .core(.type): break
            default: throw ValidationError("aliases in a component or instance type may only refer to types or instances", at: a.offset)
            }
        case .instanceExport:
            switch a.sort {
            case .type, .instance: break
            default: throw ValidationError("aliases in a component or instance type may only refer to types or instances", at: a.offset)
            }
        case .coreInstanceExport:
            throw ValidationError("aliases in a component or instance type may only refer to types or instances", at: a.offset)
        }
    }

    func validateOuterTypeAlias(_ t: ResolvedType, count: UInt32, at offset: Int) throws(ValidationError) {
        guard let v = validation, count > 0 else { return }
        let here = scopes.count - 1
        let target = here - Int(count)
        // Crossing a component body boundary: any body scope in (target, here].
        let crosses = v.bodyScopes.contains { $0 > target && $0 <= here }
        guard crosses else { return }
        var found: Set<Int> = []
        t.collectResources(into: &found)
        if !found.isEmpty {
            throw ValidationError("cannot alias outer type which transitively refers to resources not defined in the current component", at: offset)
        }
    }
}
