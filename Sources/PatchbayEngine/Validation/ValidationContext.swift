/// State the validator keeps beside the resolver's index spaces: the
/// features in force, notes gathered on the way, and per component body
/// what the rules of that body need (names used, values consumed, which
/// resources are defined here and which are visible from outside).
final class ValidationContext {
    let features: FeatureSet
    var notes: [Diagnostic] = []
    /// Core modules already checked elsewhere (a composition's packages):
    /// their code is not checked again.
    var trustedModules: Set<CoreModuleKey> = []
    /// Core modules whose code this run checked and found valid.
    var checkedModules: Set<CoreModuleKey> = []
    var bodies: [BodyState] = []
    /// Indices (in the resolver's scope stack) of scopes that are component
    /// bodies, as opposed to component, instance or module types.
    var bodyScopes: Set<Int> = []
    /// GC composite types by scope depth and core type index (the resolver
    /// keeps only function and module types), for the `gc` option.
    var gcTypes: [Int: [Int: CompositeType]] = [:]
    /// The last type identity minted for the named-type rule.
    var nextTypeId = 0

    init(features: FeatureSet) { self.features = features }

    /// One component body under validation.
    struct BodyState {
        var importScope = NameScope()
        var exportScope = NameScope()
        var importedResources: Set<Int> = []
        var exportedResources: Set<Int> = []
        /// For each value index: where it was defined and whether it was used.
        var values: [(offset: Int, used: Bool)] = []
        /// Resources defined by a `resource` type in this body, with the
        /// type's offset, representation and destructor.
        var localResources: [Int: CoreValType] = [:]
        /// The `$t` of the first `context.get`/`context.set`, which all others must repeat.
        var contextType: CoreValType? = nil
        var sawStart = false
    }

    var body: BodyState {
        get { bodies[bodies.count - 1] }
        _modify { yield &bodies[bodies.count - 1] }
    }
}

/// Names declared in one scope, checked for strong uniqueness.
struct NameScope {
    var seen: [String: String] = [:]

    /// Adds `name`, or returns the earlier name it collides with.
    mutating func insert(_ name: String) -> String? {
        let key = ExternNames.uniquenessKey(name)
        if let prev = seen[key] { return prev }
        seen[key] = name
        return nil
    }
}
