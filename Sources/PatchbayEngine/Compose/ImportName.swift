/// Versions in interface names (`ns:pkg/iface@1.2.3`): how the composition
/// engine decides that two imports are the same interface at compatible
/// versions and may be merged to the higher one.
public enum ImportName {
    /// The name without its `@version` suffix.
    public static func unversioned(_ name: String) -> String {
        guard let at = name.lastIndex(of: "@"), name.contains(":") else { return name }
        return String(name[..<at])
    }

    /// The version after `@`, if the name carries one.
    public static func version(_ name: String) -> SemVer? {
        guard let at = name.lastIndex(of: "@"), name.contains(":") else { return nil }
        return SemVer(String(name[name.index(after: at)...]))
    }

    /// Names that may merge share this key: the unversioned name plus the
    /// part of the version that semver says must agree (the major version,
    /// or `0.minor` before 1.0, or the whole `0.0.patch`). A prerelease
    /// only merges with itself.
    public static func compatibilityKey(_ name: String) -> String {
        guard let v = version(name) else { return name }
        let base = unversioned(name)
        if !v.prerelease.isEmpty { return name }
        if v.major > 0 { return "\(base)@\(v.major)" }
        if v.minor > 0 { return "\(base)@0.\(v.minor)" }
        return "\(base)@0.0.\(v.patch)"
    }
}

/// A semantic version, compared by precedence (build metadata ignored).
public struct SemVer: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: UInt64, minor: UInt64, patch: UInt64
    public var prerelease: String
    public var build: String

    public init?(_ s: String) {
        var rest = Substring(s)
        var build = ""
        if let plus = rest.firstIndex(of: "+") { build = String(rest[rest.index(after: plus)...]); rest = rest[..<plus] }
        var pre = ""
        if let dash = rest.firstIndex(of: "-") { pre = String(rest[rest.index(after: dash)...]); rest = rest[..<dash] }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let a = UInt64(parts[0]), let b = UInt64(parts[1]), let c = UInt64(parts[2]) else { return nil }
        major = a; minor = b; patch = c; prerelease = pre; self.build = build
    }

    public var description: String {
        "\(major).\(minor).\(patch)" + (prerelease.isEmpty ? "" : "-\(prerelease)") + (build.isEmpty ? "" : "+\(build)")
    }

    public static func < (a: SemVer, b: SemVer) -> Bool {
        if (a.major, a.minor, a.patch) != (b.major, b.minor, b.patch) { return (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch) }
        if a.prerelease == b.prerelease { return false }
        if a.prerelease.isEmpty { return false }
        if b.prerelease.isEmpty { return true }
        let pa = a.prerelease.split(separator: "."), pb = b.prerelease.split(separator: ".")
        for (x, y) in zip(pa, pb) where x != y {
            switch (UInt64(x), UInt64(y)) {
            case (let i?, let j?): return i < j
            case (_?, nil): return true
            case (nil, _?): return false
            default: return x < y
            }
        }
        return pa.count < pb.count
    }
}
