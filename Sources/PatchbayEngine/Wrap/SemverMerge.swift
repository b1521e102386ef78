/// Semver-compatible imports merged into one, as wit-component does.
///
/// A world that imports `a:b/c@0.1.0` and `a:b/c@0.1.1` (two libraries
/// built against neighbouring releases) gets one import, the newest of
/// the compatible versions; the module's imports of the older name are
/// satisfied from it. Versions are compatible when they agree on the
/// first non-zero of major and minor (`1.x.y`, `0.2.x`), or exactly for
/// `0.0.x` and pre-releases.
enum SemverMerge {
    struct Version: Comparable {
        var major: Int, minor: Int, patch: Int
        static func < (a: Version, b: Version) -> Bool {
            (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
        }
    }

    /// `ns:pkg/iface@1.2.3` → (`ns:pkg/iface`, 1.2.3); nil for names
    /// without a plain release version (pre-releases and build metadata
    /// only match exactly, so they never merge).
    static func split(_ name: String) -> (base: String, version: Version)? {
        guard let at = name.lastIndex(of: "@") else { return nil }
        let parts = name[name.index(after: at)...].split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var n: [Int] = []
        for p in parts {
            guard !p.isEmpty, p.allSatisfy(\.isASCII), let v = Int(p) else { return nil }
            n.append(v)
        }
        return (String(name[..<at]), Version(major: n[0], minor: n[1], patch: n[2]))
    }

    static func track(_ v: Version) -> String {
        if v.major != 0 { return "\(v.major)" }
        if v.minor != 0 { return "0.\(v.minor)" }
        return "0.0.\(v.patch)"
    }

    /// For each name a newer compatible name replaces: old → newest.
    static func targets(_ names: [String]) -> [String: String] {
        var newest: [String: (name: String, version: Version)] = [:]
        var keyed: [(name: String, key: String)] = []
        for name in names {
            guard let (base, v) = split(name) else { continue }
            let key = base + "@" + track(v)
            keyed.append((name, key))
            if let cur = newest[key], !(cur.version < v) { continue }
            newest[key] = (name, v)
        }
        var out: [String: String] = [:]
        for (name, key) in keyed {
            if let n = newest[key], n.name != name { out[name] = n.name }
        }
        return out
    }
}
