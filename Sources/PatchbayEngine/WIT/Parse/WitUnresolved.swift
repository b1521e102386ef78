/// The arenas a WIT package is resolved in: first per package with
/// placeholders for what other packages define (`WitUnresolvedPackage`),
/// then all packages together (`WitResolveState`), and finally a
/// `WitDocument` for the printer. These carry what the document does not:
/// spans for messages, name tables in order, `include`s still to merge.

/// A type definition; `kind == nil` is a placeholder for a type named in
/// a `use` of another package's interface, filled in when packages join.
struct WitRType {
    var name: String?
    var kind: WitTypeDefKind?
    var owner: WitTypeOwner
    var docs = WitDocs()
    var stability: WitStability = .unknown
    var span: WitSpan
    var externalId: String?
    /// Where each record field is named, for messages about its type.
    var fieldSpans: [WitSpan] = []
}

struct WitRFunction {
    var function: WitFunction
    var span: WitSpan
}

struct WitRInterface {
    var name: String?
    var types = WitOrderedMap<String, WitTypeID>()
    var functions = WitOrderedMap<String, WitRFunction>()
    var docs = WitDocs()
    var stability: WitStability = .unknown
    var package: WitPackageID?
    var span: WitSpan
}

enum WitRWorldItem {
    case interface(WitInterfaceID, stability: WitStability, docs: WitDocs, externalId: String?, span: WitSpan)
    case function(WitRFunction)
    case type(WitTypeID, span: WitSpan)

    var span: WitSpan {
        switch self {
        case .interface(_, _, _, _, let s): s
        case .function(let f): f.span
        case .type(_, let s): s
        }
    }

    var kindName: String {
        switch self {
        case .interface: "interface"
        case .function: "func"
        case .type: "type"
        }
    }
}

struct WitRInclude {
    var stability: WitStability
    var world: WitWorldID
    var names: [(name: String, asName: String)]
    var span: WitSpan
}

struct WitRWorld {
    var name: String
    var docs = WitDocs()
    var stability: WitStability = .unknown
    var imports = WitOrderedMap<WitWorldKey, WitRWorldItem>()
    var exports = WitOrderedMap<WitWorldKey, WitRWorldItem>()
    var includes: [WitRInclude] = []
    var package: WitPackageID?
    var span: WitSpan
}

/// What a top-level name refers to.
enum WitAstItemRef: Equatable {
    case interface(WitInterfaceID)
    case world(WitWorldID)
}

/// One package after its own names are resolved. Items of other packages
/// it uses come first in each arena as placeholders, listed in `foreignDeps`.
struct WitUnresolvedPackage {
    var name: WitPackageName
    var nameSpan: WitSpan
    var docs = WitDocs()
    var types: [WitRType] = []
    var interfaces: [WitRInterface] = []
    var worlds: [WitRWorld] = []
    /// Package → item name → (placeholder, the stability of each reference).
    var foreignDeps = WitOrderedMap<WitPackageName, WitOrderedMap<String, (item: WitAstItemRef, stabilities: [WitStability])>>()
    var foreignDepSpans: [WitSpan] = []
    var requiredResourceTypes: [(WitTypeID, WitSpan)] = []
}

extension WitStability {
    var isUnknown: Bool { if case .unknown = self { return true } else { return false } }
    var isStable: Bool { if case .stable = self { return true } else { return false } }
}
