/// The `cm32p2` core names of component-model#378 ("standard" names),
/// translated to the older names the rest of the wrapper understands.
///
/// Toolchains still write both schemes, and wit-component accepts both: a
/// module or export name that starts with `cm32p2` is read the standard
/// way, anything else the old way. Translating once, at the edge, keeps one
/// classification for both; the original names stay what the module is
/// instantiated with and what its exports are aliased by.
///
/// Standard names spell interfaces by their canonical id (the package
/// version cut to its compatibility track: `@0.2.1` → `@0.2`, `@1.4.0` →
/// `@1`), world-level items with an empty interface, and resource
/// intrinsics as suffixes (`r_drop`, `r_new`, `r_rep`, `r_dtor`).
enum StandardNames {
    static let prefix = "cm32p2"

    /// `ns:pkg/iface@1.2.3` → `ns:pkg/iface@1`; other names unchanged.
    static func canonicalID(_ name: String) -> String {
        guard name.contains("/"), let at = name.lastIndex(of: "@") else { return name }
        let version = name[name.index(after: at)...]
        let core = version.split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false).first ?? version[...]
        // A pre-release keeps its whole version.
        if core.contains("-") { return name }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let major = UInt64(parts[0]), let minor = UInt64(parts[1]), UInt64(parts[2]) != nil else { return name }
        let track: String
        if major != 0 { track = "\(major)" } else if minor != 0 { track = "0.\(minor)" } else { track = String(core) }
        return String(name[..<at]) + "@" + track
    }

    /// The world item a standard interface name refers to: a plain name
    /// matches exactly, an interface id by its canonical id.
    static func worldName(_ id: String, in items: [String: EntityType]) -> String? {
        if case .instance? = items[id] { return id }
        for (name, type) in items.sorted(by: { $0.key < $1.key }) {
            guard case .instance = type else { continue }
            if canonicalID(name) == id { return name }
        }
        return nil
    }

    private static func instance(_ items: [String: EntityType], _ name: String) -> InstanceType? {
        if case .instance(let it)? = items[name] { return it }
        return nil
    }

    private static func isResource(_ it: InstanceType?, _ name: String) -> Bool {
        if case .type(.resource)? = it?.export(named: name)?.type { return true }
        return false
    }

    private static func isFunction(_ it: InstanceType?, _ name: String) -> Bool {
        if case .function? = it?.export(named: name)?.type { return true }
        return false
    }

    /// The old-style (module, name) of a standard import, or nil when the
    /// module name is not a standard one.
    static func importKey(module: String, name: String, imports: [String: EntityType], exports: [String: EntityType]) -> (module: String, name: String)? {
        guard let rest = module.stripping(prefix) else { return nil }
        if rest.isEmpty {
            if case .function? = imports[name] { return ("$root", name) }
            if let r = name.strippingSuffix("_drop"), case .type(.resource)? = imports[r] { return ("$root", "[resource-drop]" + r) }
            return ("$root", name)
        }
        // Anything but `|iface` is left as it is, so the usual error names it.
        guard let iface = rest.stripping("|") else { return (module, name) }
        if let exported = iface.stripping("_ex_") {
            let world = worldName(exported, in: exports) ?? exported
            let it = instance(exports, world)
            for (suffix, intrinsic) in [("_drop", "[resource-drop]"), ("_new", "[resource-new]"), ("_rep", "[resource-rep]")] {
                if let r = name.strippingSuffix(suffix), isResource(it, r) { return ("[export]" + world, intrinsic + r) }
            }
            return ("[export]" + world, name)
        }
        let world = worldName(iface, in: imports) ?? iface
        let it = instance(imports, world)
        if !isFunction(it, name), let r = name.strippingSuffix("_drop"), isResource(it, r) { return (world, "[resource-drop]" + r) }
        return (world, name)
    }

    /// The old-style name of a standard export, or nil when it is not one.
    static func exportKey(_ name: String, exports: [String: EntityType]) -> String? {
        guard let rest = name.stripping(prefix) else { return nil }
        switch rest {
        case "_memory": return "memory"
        case "_realloc": return "cabi_realloc"
        case "_initialize": return "_initialize"
        default: break
        }
        if let item = rest.stripping("||") {
            if exports[item] == nil, let f = item.strippingSuffix("_post"), case .function? = exports[f] { return "cabi_post_" + f }
            return item
        }
        guard let path = rest.stripping("|"), let bar = path.lastIndex(of: "|") else { return nil }
        let iface = String(path[..<bar])
        let item = String(path[path.index(after: bar)...])
        let world = worldName(iface, in: exports) ?? iface
        let it = instance(exports, world)
        if isFunction(it, item) { return "\(world)#\(item)" }
        if let f = item.strippingSuffix("_post"), isFunction(it, f) { return "cabi_post_\(world)#\(f)" }
        if let r = item.strippingSuffix("_dtor"), isResource(it, r) { return "\(world)#[dtor]\(r)" }
        return "\(world)#\(item)"
    }
}

extension String {
    /// The string without `suffix`, or nil if it does not end so (or is only the suffix).
    func strippingSuffix(_ suffix: String) -> String? {
        guard hasSuffix(suffix), count > suffix.count else { return nil }
        return String(dropLast(suffix.count))
    }
}
