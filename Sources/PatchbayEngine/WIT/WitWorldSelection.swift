/// Picks the world a command means, as wit-parser's `select_world` does:
/// no name means the main package's only world; a plain name is a world of
/// the main package; `ns:pkg/name` (optionally `@version`) names a world of
/// any loaded package.
public enum WitWorldSelection {
    public static func select(_ doc: WitDocument, main: WitPackageID, name: String?) throws(WitError) -> WitWorldID {
        guard main.index >= 0, main.index < doc.packages.count else { throw WitError("no package was loaded") }
        let pkg = doc[main]
        guard let name else {
            switch pkg.worlds.count {
            case 1: return pkg.worlds[0].id
            case 0: throw WitError("no worlds found in package `\(pkg.name)`")
            default:
                throw WitError("multiple worlds found in package `\(pkg.name)` (\(pkg.worlds.map(\.name).joined(separator: ", "))); one must be explicitly chosen with --world")
            }
        }
        if let iface = InterfaceName(name) {
            let wanted = WitPackageName(namespace: iface.namespace, name: iface.package, version: iface.version)
            guard let p = doc.packages.first(where: { $0.name == wanted }) else {
                throw WitError("no package named `\(wanted)` found for world `\(name)`")
            }
            guard let w = p.worlds.first(where: { $0.name == iface.interface }) else {
                throw WitError("world `\(iface.interface)` not found in package `\(wanted)`")
            }
            return w.id
        }
        guard let w = pkg.worlds.first(where: { $0.name == name }) else {
            let known = pkg.worlds.map(\.name)
            throw WitError("world `\(name)` not found in package `\(pkg.name)`" + (known.isEmpty ? " (it has no worlds)" : " (its worlds: \(known.joined(separator: ", ")))"))
        }
        return w.id
    }
}
