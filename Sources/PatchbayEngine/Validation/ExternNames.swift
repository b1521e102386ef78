/// The lexical rules of import and export names (Explainer.md "Import and
/// Export Definitions"): kebab-case labels, `[constructor]`/`[method]`/
/// `[static]` annotations, and interface names with versions (the former
/// dependency, URL and hash names are gone from the spec and rejected, as
/// wasm-tools 1.262 rejects them). Names are checked as strings, before any
/// type is looked at, so the messages say what is wrong with the spelling.
enum ExternNames {
    enum Kind: Equatable {
        case label
        case constructor(resource: String)
        case method(resource: String, name: String)
        case staticFunc(resource: String, name: String)
        case interface
    }

    struct NameError: Error { var message: String }

    /// `label ::= first-fragment ('-' fragment)*`, where a fragment is all
    /// lowercase-or-digits or all uppercase-or-digits and the first starts with a letter.
    static func isKebab(_ s: String) -> Bool {
        if s.isEmpty { return false }
        var first = true
        for frag in s.split(separator: "-", omittingEmptySubsequences: false) {
            guard let c0 = frag.first else { return false }
            if first && !(c0.isASCII && c0.isLetter) { return false }
            first = false
            var lower = false, upper = false
            for c in frag.unicodeScalars {
                switch c {
                case "a"..."z": lower = true
                case "A"..."Z": upper = true
                case "0"..."9": break
                default: return false
                }
            }
            if lower && upper { return false }
        }
        return true
    }

    static func kebab(_ s: Substring) throws(NameError) {
        guard isKebab(String(s)) else { throw NameError(message: "`\(s)` is not in kebab case") }
    }

    /// Parses an extern name. Imports and exports now share one grammar;
    /// `isExport` is kept for callers that say which one they check.
    static func parse(_ name: String, isExport: Bool, features: FeatureSet) throws(NameError) -> Kind {
        try parseAny(name, features: features)
    }

    static func parseAny(_ name: String, features: FeatureSet) throws(NameError) -> Kind {
        var s = Substring(name)
        if s.hasPrefix("[constructor]") {
            s = s.dropFirst("[constructor]".count)
            try kebab(s)
            return .constructor(resource: String(s))
        }
        for (prefix, isMethod) in [("[method]", true), ("[static]", false)] where s.hasPrefix(prefix) {
            s = s.dropFirst(prefix.count)
            guard let dot = s.firstIndex(of: ".") else { throw NameError(message: "failed to find `.` character") }
            let res = s[..<dot], fn = s[s.index(after: dot)...]
            try kebab(res)
            try kebab(fn)
            return isMethod ? .method(resource: String(res), name: String(fn)) : .staticFunc(resource: String(res), name: String(fn))
        }
        // The dependency, url and integrity names (`unlocked-dep=<..>`,
        // `url=<..>`, `integrity=<..>`) were dropped from the spec; wasm-tools
        // 1.262 rejects them as ordinary names, and so does Patchbay.
        if s.contains(":") {
            var pkg = s
            var version: Substring? = nil
            if let at = s.firstIndex(of: "@") {
                pkg = s[..<at]
                version = s[s.index(after: at)...]
            }
            try packagePath(pkg, requireProjection: true, features: features)
            if let version { try semver(version) }
            return .interface
        }
        try kebab(s)
        return .label
    }

    /// `namespace ':' package ('/' interface)`; namespace and package lowercase.
    static func packagePath(_ s: Substring, requireProjection: Bool, features: FeatureSet) throws(NameError) {
        let slashParts = s.split(separator: "/", omittingEmptySubsequences: false)
        let head = slashParts[0]
        let colonParts = head.split(separator: ":", omittingEmptySubsequences: false)
        guard colonParts.count >= 2 else { throw NameError(message: "expected `:` in package name") }
        if colonParts.count > 2 && !features.contains(.nestedNames) {
            throw NameError(message: "nested namespaces require the `cm-nested-names` feature")
        }
        for p in colonParts {
            try kebab(p)
            if p.contains(where: { $0.isUppercase }) {
                throw NameError(message: "character `\(p.first { $0.isUppercase } ?? "?")` is not lowercase in package name/namespace")
            }
        }
        if slashParts.count == 1 {
            if requireProjection { throw NameError(message: "expected `/` after package name") }
            return
        }
        if slashParts.count > 2 && !features.contains(.nestedNames) {
            throw NameError(message: "nested interface projections require the `cm-nested-names` feature")
        }
        for p in slashParts.dropFirst() { try kebab(p) }
    }

    /// A semantic version (semver 2.0): `MAJOR.MINOR.PATCH(-pre)?(+build)?`,
    /// with the error wording of the Rust `semver` crate the spec tests expect.
    static func semver(_ v: Substring) throws(NameError) {
        if v.isEmpty { throw NameError(message: "empty string, expected a semver version") }
        var core = v
        var pre: Substring? = nil, build: Substring? = nil
        if let plus = core.firstIndex(of: "+") { build = core[core.index(after: plus)...]; core = core[..<plus] }
        if let dash = core.firstIndex(of: "-") { pre = core[core.index(after: dash)...]; core = core[..<dash] }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        let what = ["major", "minor", "patch"]
        for (i, p) in parts.enumerated() {
            guard i < 3 else { throw NameError(message: "unexpected character '.' after patch version number") }
            if let bad = p.first(where: { !$0.isASCII || !$0.isNumber }) {
                throw NameError(message: "unexpected character '\(bad)' while parsing \(what[i]) version number")
            }
            if p.isEmpty {
                throw NameError(message: i == 0 ? "unexpected character '.' while parsing major version number" : "unexpected end of input while parsing \(what[i]) version number")
            }
            if p.count > 1 && p.hasPrefix("0") { throw NameError(message: "invalid leading zero in \(what[i]) version number") }
        }
        if parts.count < 3 { throw NameError(message: "unexpected end of input while parsing \(what[parts.count]) version number") }
        for ids in [pre, build].compactMap({ $0 }) {
            for id in ids.split(separator: ".", omittingEmptySubsequences: false) {
                if id.isEmpty || id.contains(where: { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-")) }) {
                    throw NameError(message: "invalid pre-release or build identifier in version")
                }
            }
        }
    }

    /// The key under which strong uniqueness compares names: acronyms
    /// lowercased, `[method]l.l`/`[static]l.l` folded to `l`, annotations
    /// other than `[constructor]` stripped.
    static func uniquenessKey(_ name: String) -> String {
        let lower = name.lowercased()
        for prefix in ["[method]", "[static]"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 && parts[0] == parts[1] { return String(parts[0]) }
            return String(rest)
        }
        return lower
    }
}
