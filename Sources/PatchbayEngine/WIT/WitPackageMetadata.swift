#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The `package-docs` custom section of a WIT package encoded as wasm:
/// docs comments and `@since`/`@unstable` gates, which the component
/// binary format has no place for.
///
/// The payload is a version byte (1) and a JSON object, written the way
/// wit-parser's serde structures serialize (field order, empty members
/// left out, serde_json's escaping), so encoded packages are byte-equal to
/// the oracle's. Reading it back injects the docs into a decoded package.
enum WitPackageMetadata {
    static let version: UInt8 = 1

    // MARK: writing

    static func encode(_ doc: WitDocument, _ pkg: WitPackageID) -> [UInt8] {
        var o = JSONObject()
        o.string("docs", doc[pkg].docs.contents)
        var worlds = JSONObject()
        for (name, id) in doc[pkg].worlds { worlds.object(name, world(doc, id)) }
        o.object("worlds", worlds)
        var ifaces = JSONObject()
        for (name, id) in doc[pkg].interfaces { ifaces.object(name, interface(doc, id)) }
        o.object("interfaces", ifaces)
        return [version] + Array(o.text.utf8)
    }

    static func world(_ doc: WitDocument, _ id: WitWorldID) -> JSONObject {
        let w = doc[id]
        var ifaceImportsOrExports = JSONObject(), types = JSONObject(), funcsImportsOrExports = JSONObject()
        var ifaceExports = JSONObject(), funcExports = JSONObject()
        var importStability = JSONObject(), exportStability = JSONObject()
        var importDocs = JSONObject(), exportDocs = JSONObject()
        let all = w.imports.map { ($0.key, $0.item, true) } + w.exports.map { ($0.key, $0.item, false) }
        for (key, item, isImport) in all {
            // Items named by reference keep their docs/stability by name.
            func record(_ name: String, _ docs: WitDocs, _ stability: WitStability) {
                if stability != .unknown {
                    if isImport { importStability.raw(name, stabilityJSON(stability)) } else { exportStability.raw(name, stabilityJSON(stability)) }
                }
                if let c = docs.contents {
                    if isImport { importDocs.string(name, c) } else { exportDocs.string(name, c) }
                }
            }
            switch key {
            case .interface(let iid):
                guard case .interface(_, _, let docs, let stability) = item,
                      let name = try? WitEncoder.interfaceID(doc, iid) else { continue }
                record(name, docs, stability)
            case .name(let name):
                switch item {
                case .interface(let iid, _, let docs, let stability):
                    if doc[iid].name != nil { record(name, docs, stability); continue }
                    let data = interface(doc, iid)
                    if isImport { ifaceImportsOrExports.object(name, data) } else { ifaceExports.object(name, data) }
                case .type(let t):
                    types.object(name, type(doc, t))
                case .function(let f):
                    let data = function(f)
                    if isImport { funcsImportsOrExports.object(name, data) } else { funcExports.object(name, data) }
                }
            }
        }
        var o = JSONObject()
        o.string("docs", w.docs.contents)
        if w.stability != .unknown { o.raw("stability", stabilityJSON(w.stability)) }
        o.object("interfaces", ifaceImportsOrExports)
        o.object("types", types)
        o.object("funcs", funcsImportsOrExports)
        o.object("interface_exports", ifaceExports)
        o.object("func_exports", funcExports)
        o.object("interface_import_stability", importStability)
        o.object("interface_export_stability", exportStability)
        o.object("interface_import_docs", importDocs)
        o.object("interface_export_docs", exportDocs)
        return o
    }

    static func interface(_ doc: WitDocument, _ id: WitInterfaceID) -> JSONObject {
        let it = doc[id]
        var funcs = JSONObject()
        for f in it.functions { funcs.object(f.name, function(f)) }
        var types = JSONObject()
        for (name, t) in it.types { types.object(name, type(doc, t)) }
        var o = JSONObject()
        o.string("docs", it.docs.contents)
        if it.stability != .unknown { o.raw("stability", stabilityJSON(it.stability)) }
        o.object("funcs", funcs)
        o.object("types", types)
        return o
    }

    static func function(_ f: WitFunction) -> JSONObject {
        var o = JSONObject()
        o.string("docs", f.docs.contents)
        if f.stability != .unknown { o.raw("stability", stabilityJSON(f.stability)) }
        return o
    }

    static func type(_ doc: WitDocument, _ id: WitTypeID) -> JSONObject {
        let t = doc[id]
        var items = JSONObject()
        switch t.kind {
        case .record(let fs): for f in fs { items.string(f.name, f.docs.contents) }
        case .flags(let cs), .enumeration(let cs): for c in cs { items.string(c.name, c.docs.contents) }
        case .variant(let cs): for c in cs { items.string(c.name, c.docs.contents) }
        default: break
        }
        var o = JSONObject()
        o.string("docs", t.docs.contents)
        if t.stability != .unknown { o.raw("stability", stabilityJSON(t.stability)) }
        o.object("items", items)
        return o
    }

    static func stabilityJSON(_ s: WitStability) -> String {
        var inner = JSONObject()
        switch s {
        case .unknown: return "\"unknown\""
        case .stable(let since, let deprecated):
            inner.string("since", since)
            inner.string("deprecated", deprecated)
            return "{\"stable\":\(inner.text)}"
        case .unstable(let feature, let deprecated):
            inner.string("feature", feature)
            inner.string("deprecated", deprecated)
            return "{\"unstable\":\(inner.text)}"
        }
    }

    /// A JSON object under construction, members in insertion order; empty
    /// and absent members are left out, as serde's `skip_serializing_if`.
    struct JSONObject {
        var members: [String] = []
        var isEmpty: Bool { members.isEmpty }
        var text: String { "{" + members.joined(separator: ",") + "}" }

        mutating func string(_ key: String, _ value: String?) {
            guard let value else { return }
            members.append(JSONObject.quote(key) + ":" + JSONObject.quote(value))
        }
        mutating func object(_ key: String, _ value: JSONObject) {
            guard !value.isEmpty else { return }
            members.append(JSONObject.quote(key) + ":" + value.text)
        }
        mutating func raw(_ key: String, _ json: String) {
            members.append(JSONObject.quote(key) + ":" + json)
        }

        /// serde_json's string escaping.
        static func quote(_ s: String) -> String {
            var out = "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                default:
                    if u.value < 0x20 {
                        let hex = String(u.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(u)
                    }
                }
            }
            return out + "\""
        }
    }

    // MARK: reading

    /// Applies the docs and gates of a `package-docs` payload to `pkg`.
    static func inject(_ payload: [UInt8], into doc: inout WitDocument, _ pkg: WitPackageID) throws(WitError) {
        guard let v = payload.first else { throw WitError("the package-docs section is empty") }
        guard v == 0 || v == version else { throw WitError("expected package-docs version \(version), got \(v)") }
        let any: Any
        do { any = try JSONTree.parse(Array(payload.dropFirst())) } catch {
            throw WitError("the package-docs section is not valid JSON: \(error)")
        }
        guard let root = any as? [String: Any] else { throw WitError("the package-docs section is not a JSON object") }
        if let worlds = root["worlds"] as? [String: Any] {
            for (name, data) in worlds {
                guard let id = doc[pkg].worlds.first(where: { $0.name == name })?.id else { throw WitError("missing world \"\(name)\"") }
                try injectWorld(data as? [String: Any] ?? [:], &doc, id)
            }
        }
        if let ifaces = root["interfaces"] as? [String: Any] {
            for (name, data) in ifaces {
                guard let id = doc[pkg].interfaces.first(where: { $0.name == name })?.id else { throw WitError("missing interface \"\(name)\"") }
                try injectInterface(data as? [String: Any] ?? [:], &doc, id)
            }
        }
        if let d = root["docs"] as? String { doc[pkg].docs = WitDocs(d) }
    }

    static func stability(_ any: Any?) throws(WitError) -> WitStability {
        guard let any else { return .unknown }
        if let s = any as? String, s == "unknown" { return .unknown }
        guard let o = any as? [String: Any] else { throw WitError("bad stability in package-docs") }
        if let s = o["stable"] as? [String: Any], let since = s["since"] as? String {
            return .stable(since: since, deprecated: s["deprecated"] as? String)
        }
        if let u = o["unstable"] as? [String: Any], let feature = u["feature"] as? String {
            return .unstable(feature: feature, deprecated: u["deprecated"] as? String)
        }
        throw WitError("bad stability in package-docs")
    }

    static func injectInterface(_ o: [String: Any], _ doc: inout WitDocument, _ id: WitInterfaceID) throws(WitError) {
        for (name, data) in o["types"] as? [String: Any] ?? [:] {
            guard let t = doc[id].types.first(where: { $0.name == name })?.id else { throw WitError("missing type \"\(name)\"") }
            try injectType(data as? [String: Any] ?? [:], &doc, t)
        }
        for (name, data) in o["funcs"] as? [String: Any] ?? [:] {
            guard let i = doc[id].functions.firstIndex(where: { $0.name == name }) else { throw WitError("missing func \"\(name)\"") }
            try injectFunction(data, &doc[id].functions[i])
        }
        if let d = o["docs"] as? String { doc[id].docs = WitDocs(d) }
        doc[id].stability = try stability(o["stability"])
    }

    static func injectFunction(_ any: Any, _ f: inout WitFunction) throws(WitError) {
        if let d = any as? String { f.docs = WitDocs(d); return }
        if any is JSONTree.Null { f.docs = WitDocs(); return }
        let o = any as? [String: Any] ?? [:]
        f.docs = WitDocs(o["docs"] as? String)
        f.stability = try stability(o["stability"])
    }

    static func injectType(_ o: [String: Any], _ doc: inout WitDocument, _ id: WitTypeID) throws(WitError) {
        if let items = o["items"] as? [String: String], !items.isEmpty {
            switch doc[id].kind {
            case .record(var fs):
                for i in fs.indices { if let d = items[fs[i].name] { fs[i].docs = WitDocs(d) } }
                doc[id].kind = .record(fs)
            case .variant(var cs):
                for i in cs.indices { if let d = items[cs[i].name] { cs[i].docs = WitDocs(d) } }
                doc[id].kind = .variant(cs)
            case .flags(var cs):
                for i in cs.indices { if let d = items[cs[i].name] { cs[i].docs = WitDocs(d) } }
                doc[id].kind = .flags(cs)
            case .enumeration(var cs):
                for i in cs.indices { if let d = items[cs[i].name] { cs[i].docs = WitDocs(d) } }
                doc[id].kind = .enumeration(cs)
            default:
                throw WitError("package-docs has item docs for a type without items")
            }
        }
        if let d = o["docs"] as? String { doc[id].docs = WitDocs(d) }
        doc[id].stability = try stability(o["stability"])
    }

    static func injectWorld(_ o: [String: Any], _ doc: inout WitDocument, _ id: WitWorldID) throws(WitError) {
        func findNamed(_ name: String, exportsOnly: Bool) -> (isImport: Bool, index: Int)? {
            if !exportsOnly, let i = doc[id].imports.firstIndex(where: { $0.key == .name(name) }) { return (true, i) }
            if let i = doc[id].exports.firstIndex(where: { $0.key == .name(name) }) { return (false, i) }
            return nil
        }
        func item(_ at: (isImport: Bool, index: Int)) -> WitWorldItem {
            at.isImport ? doc[id].imports[at.index].item : doc[id].exports[at.index].item
        }
        func setItem(_ at: (isImport: Bool, index: Int), _ it: WitWorldItem) {
            if at.isImport { doc[id].imports[at.index].item = it } else { doc[id].exports[at.index].item = it }
        }
        for (map, exportsOnly) in [("interfaces", false), ("interface_exports", true)] {
            for (name, data) in o[map] as? [String: Any] ?? [:] {
                guard let at = findNamed(name, exportsOnly: exportsOnly),
                      case .interface(let iid, let ext, let docs, _) = item(at) else { throw WitError("missing interface \"\(name)\"") }
                let d = data as? [String: Any] ?? [:]
                setItem(at, .interface(iid, externalId: ext, docs: docs, stability: try stability(d["stability"])))
                try injectInterface(d, &doc, iid)
            }
        }
        for (name, data) in o["types"] as? [String: Any] ?? [:] {
            guard let i = doc[id].imports.firstIndex(where: { $0.key == .name(name) }),
                  case .type(let t) = doc[id].imports[i].item else { throw WitError("missing type \"\(name)\"") }
            try injectType(data as? [String: Any] ?? [:], &doc, t)
        }
        // Interfaces named by reference, by the name the world gives them.
        func keyed(_ name: String, isImport: Bool) -> Int? {
            let list = isImport ? doc[id].imports : doc[id].exports
            return list.firstIndex { entry in
                guard case .interface = entry.item else { return false }
                return (try? WitEncoder.keyName(doc, entry.key)) == name
            }
        }
        for (map, isImport) in [("interface_import_stability", true), ("interface_export_stability", false),
                                ("interface_import_docs", true), ("interface_export_docs", false)] {
            for (name, data) in o[map] as? [String: Any] ?? [:] {
                guard let i = keyed(name, isImport: isImport) else { throw WitError("missing interface `\(name)`") }
                let at = (isImport: isImport, index: i)
                guard case .interface(let iid, let ext, var docs, var stab) = item(at) else { continue }
                if map.hasSuffix("docs") { docs = WitDocs(data as? String) } else { stab = try stability(data) }
                setItem(at, .interface(iid, externalId: ext, docs: docs, stability: stab))
            }
        }
        for (map, exportsOnly) in [("funcs", false), ("func_exports", true)] {
            for (name, data) in o[map] as? [String: Any] ?? [:] {
                guard let at = findNamed(name, exportsOnly: exportsOnly), case .function(var f) = item(at) else {
                    throw WitError("missing func \"\(name)\"")
                }
                try injectFunction(data, &f)
                setItem(at, .function(f))
            }
        }
        if let d = o["docs"] as? String { doc[id].docs = WitDocs(d) }
        doc[id].stability = try stability(o["stability"])
    }
}
