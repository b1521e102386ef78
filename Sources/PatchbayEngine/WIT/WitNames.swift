/// Lexical helpers shared by the WIT printer and decoder: keyword escaping,
/// `@external-id` string escaping and the kinds of component extern names.
public enum WitNames {
    /// Words that WIT reserves; identifiers spelled like them print as `%word`.
    static let keywords: Set<String> = [
        "use", "type", "func", "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64",
        "f32", "f64", "float32", "float64", "char", "resource", "record", "flags", "variant",
        "enum", "bool", "string", "option", "result", "future", "stream", "list", "own",
        "borrow", "_", "as", "from", "static", "interface", "tuple", "world", "import",
        "export", "package", "with", "include", "constructor", "error-context", "async", "map",
    ]

    /// `name`, or `%name` when it is a keyword.
    public static func escape(_ name: String) -> String {
        keywords.contains(name) ? "%" + name : name
    }

    /// The body of an `@external-id("...")` string: plain characters as they
    /// are, the usual backslash escapes, everything else as `\u{hex}`.
    public static func escapeString(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            let v = u.value
            let plain = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5a) || (v >= 0x61 && v <= 0x7a)
                || u == "-" || u == "_" || u == "." || u == "/" || u == ":" || u == " "
            if plain { out.unicodeScalars.append(u); continue }
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out += "\\u{" + String(v, radix: 16) + "}"
            }
        }
        return out
    }
}

/// The shape of a component extern name, as far as WIT decoding cares
/// (the component model's `ComponentNameKind`).
enum ExternNameKind: Equatable {
    case label(String)
    case constructor(resource: String)
    case method(resource: String, name: String)
    case `static`(resource: String, name: String)
    /// `ns:pkg/iface@ver`, split into its parts.
    case interface(InterfaceName)
    /// `url=`, `integrity=`, `locked-dep=`... names: not representable in WIT.
    case other

    init(_ name: String) {
        if let rest = name.dropPrefix("[constructor]") {
            self = .constructor(resource: rest)
        } else if let rest = name.dropPrefix("[method]") {
            let (r, n) = ExternNameKind.splitDot(rest)
            self = .method(resource: r, name: n)
        } else if let rest = name.dropPrefix("[static]") {
            let (r, n) = ExternNameKind.splitDot(rest)
            self = .static(resource: r, name: n)
        } else if name.contains("=") || name.hasPrefix("[") {
            self = .other
        } else if let iface = InterfaceName(name) {
            self = .interface(iface)
        } else {
            self = .label(name)
        }
    }

    private static func splitDot(_ s: String) -> (String, String) {
        guard let dot = s.firstIndex(of: ".") else { return (s, "") }
        return (String(s[..<dot]), String(s[s.index(after: dot)...]))
    }
}

/// `ns:pkg/iface@ver` (namespace may itself contain `:` for nested
/// namespaces; the projection may have more `/` segments).
struct InterfaceName: Equatable {
    var namespace: String
    var package: String
    var interface: String
    var version: String?

    init?(_ s: String) {
        guard let slash = s.firstIndex(of: "/") else { return nil }
        let head = s[..<slash]
        guard let colon = head.lastIndex(of: ":") else { return nil }
        namespace = String(head[..<colon])
        package = String(head[head.index(after: colon)...])
        let afterSlash = s[s.index(after: slash)...]
        let at = afterSlash.firstIndex(of: "@")
        let projection = at.map { afterSlash[..<$0] } ?? afterSlash
        interface = String(projection.split(separator: "/", omittingEmptySubsequences: false).first ?? "")
        version = at.map { String(afterSlash[afterSlash.index(after: $0)...]) }
    }

    /// The package name, with a version suffix attribute appended to the
    /// version prefix written in the name (`@1` + `.2.3`).
    func packageName(versionSuffix: String?) -> WitPackageName {
        var v = version
        if let v0 = v, let suffix = versionSuffix { v = v0 + suffix }
        return WitPackageName(namespace: namespace, name: package, version: v)
    }
}

extension String {
    func dropPrefix(_ p: String) -> String? {
        hasPrefix(p) ? String(dropFirst(p.count)) : nil
    }
}
