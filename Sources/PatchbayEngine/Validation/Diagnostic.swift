/// One finding of the validator, in a form the workbench can list: how bad
/// it is, what is wrong, where in the file, and any explanation.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning, note }

    public var severity: Severity
    public var message: String
    /// Absolute byte offset in the file, when the finding has a place.
    public var offset: Int?
    /// Further lines of explanation (context of a type mismatch, ...).
    public var notes: [String]

    public init(_ severity: Severity, _ message: String, offset: Int? = nil, notes: [String] = []) {
        self.severity = severity; self.message = message; self.offset = offset; self.notes = notes
    }

    public var isError: Bool { severity == .error }

    /// `error: message (at offset 0x..)`, the form the CLI prints.
    public var description: String {
        var s = "\(severity.rawValue): \(message)"
        if let offset { s += " (at offset 0x\(String(offset, radix: 16)))" }
        return s
    }
}

/// The gated features of the component model that a component may use.
/// Validation rejects a component that uses a feature not in the set, so
/// `.mvp` answers "would a conservative runtime accept this?".
public struct FeatureSet: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// 🔀 async lift/lower, streams, futures and the task built-ins.
    public static let async = FeatureSet(rawValue: 1 << 0)
    /// 🧵 thread built-ins.
    public static let threads = FeatureSet(rawValue: 1 << 1)
    /// 🗺️ `map<K, V>`.
    public static let map = FeatureSet(rawValue: 1 << 2)
    /// 🔧 fixed-length lists `list<T, N>`.
    public static let fixedLengthLists = FeatureSet(rawValue: 1 << 3)
    /// 🪙 value imports, value definitions and the start section.
    public static let values = FeatureSet(rawValue: 1 << 4)
    /// 📝 the `error-context` type and its built-ins.
    public static let errorContext = FeatureSet(rawValue: 1 << 5)
    /// 🏷️ the `implements` and `external-id` attributes.
    public static let implements = FeatureSet(rawValue: 1 << 6)
    /// 64-bit memories and `i64` resource representations in canon options.
    public static let memory64 = FeatureSet(rawValue: 1 << 7)
    /// Core exception handling (tags) in embedded modules.
    public static let exceptions = FeatureSet(rawValue: 1 << 8)
    /// The `gc` canonical option.
    public static let gc = FeatureSet(rawValue: 1 << 9)
    /// 🪺 nested namespaces and packages in interface names.
    public static let nestedNames = FeatureSet(rawValue: 1 << 10)

    /// The component model without any gated feature (core exceptions stay on:
    /// they are a standard core feature).
    public static let mvp: FeatureSet = [.exceptions]
    public static let all = FeatureSet(rawValue: (1 << 11) - 1)

    /// Parses a name as the CLI and manifests spell it (`all`, `mvp`,
    /// `cm-async`, `cm64`, ...); nil for an unknown name.
    public static func named(_ name: String) -> FeatureSet? {
        switch name {
        case "all": .all
        case "mvp", "default": .mvp
        case "cm-async", "cm-more-async-builtins", "cm-async-stackful", "cm-async-builtins": .async
        case "cm-threading": .threads
        case "cm-map": .map
        case "cm-fixed-length-lists", "cm-fixed-size-list": .fixedLengthLists
        case "cm-values": .values
        case "cm-error-context": .errorContext
        case "cm-implements": .implements
        case "cm64": .memory64
        case "exceptions": .exceptions
        case "gc", "cm-gc": .gc
        case "cm-nested-names": .nestedNames
        // Core proposals: the core parser accepts them or notes that it cannot check them.
        case "custom-page-sizes", "shared-everything-threads", "memory64", "threads", "multi-memory",
             "reference-types", "simd", "tail-call", "function-references", "stack-switching", "wide-arithmetic",
             "cm-canon-names", "cm-async-builtins-extra":
            []
        default: nil
        }
    }

    /// Parses a comma-separated list; a leading `-` removes a feature from
    /// what came before (the manifest's `-exceptions`), starting from `mvp`.
    public static func parse(_ list: String) -> FeatureSet? {
        var set: FeatureSet = .mvp
        for raw in list.split(separator: ",") {
            let item = String(raw.filter { $0 != " " })
            if item.hasPrefix("-") {
                guard let f = named(String(item.dropFirst())) else { return nil }
                set.remove(f)
            } else {
                guard let f = named(item) else { return nil }
                set.formUnion(f)
            }
        }
        return set
    }
}
