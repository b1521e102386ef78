/// The named types and resources a type expression may refer to.
///
/// Built from `--define` declarations (CLI) or the corpus `definition`
/// strings (tests); it also remembers each defined type's name so layouts can
/// print `point` rather than its structure.
public struct TypeEnvironment: Sendable {
    public private(set) var types: [String: ValueType] = [:]
    public private(set) var resources: [String: ResourceID] = [:]
    /// When true, `own<x>`/`borrow<x>` with an undeclared `x` refer to a fresh
    /// resource named `x`, so calculator users need not declare resources
    /// (handles have the same layout whatever the resource).
    public var implicitResources: Bool

    public init(implicitResources: Bool = true) { self.implicitResources = implicitResources }

    /// Defines (or redefines) a named value type.
    public mutating func define(_ name: String, as type: ValueType) {
        types[name] = type
    }

    /// Declares a resource; declaring an existing name returns its id.
    @discardableResult
    public mutating func declareResource(_ name: String) -> ResourceID {
        if let r = resources[name] { return r }
        let r = ResourceID(id: resources.count, name: name)
        resources[name] = r
        return r
    }

    /// Names for printing: each defined type's structure maps to its name.
    /// Where two names share one structure, the alphabetically first wins so
    /// output does not depend on dictionary order.
    public var namer: TypeNamer {
        var names: [ValueType: String] = [:]
        for (name, type) in types.sorted(by: { $0.key > $1.key }) { names[type] = name }
        return TypeNamer(names: names)
    }
}
