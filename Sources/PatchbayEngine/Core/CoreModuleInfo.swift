/// What can be done with a core module that is not a component: a
/// `dylink.0` dynamic library can be linked (`patchbay link`), and a module
/// carrying its world in `component-type` sections (as `embed` writes them)
/// can be wrapped into a component (`patchbay new`). Read from the
/// top-level sections only (the same walk `link` and `new` do); code is
/// never read.
public struct CoreModuleInfo: Sendable, Hashable {
    /// The parsed `dylink.0` section, if the module is a dynamic library.
    public var dylink: Dylink?
    /// Whether it has a `component-type` custom section (an embedded world).
    public var hasWorld: Bool

    /// The module's info, or nil when `bytes` is not a core module, its
    /// sections cannot be walked or its `dylink.0` section is malformed
    /// (`link` and `new` then say where).
    public static func scan(_ bytes: [UInt8]) -> CoreModuleInfo? {
        guard let sections = try? ModuleSections(bytes) else { return nil }
        var info = CoreModuleInfo(dylink: nil, hasWorld: !sections.componentTypeSections.isEmpty)
        for s in sections.sections where s.customName == "dylink.0" {
            guard let d = try? Dylink.parse(s.customPayload, offset: s.customPayload.startIndex) else { return nil }
            info.dylink = d
        }
        return info
    }
}
