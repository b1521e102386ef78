/// Names from the `name` (core) and `component-name` sections, turned into
/// text-format identifiers the way `wasm-tools print` does.
///
/// A name that is a valid identifier prints as `$name`; one with other
/// characters as `$"quoted"`; an empty name, one starting with `#`, or a
/// duplicate within its map gets a synthetic `$"#func3 name"` identifier
/// (plus an `(@name "...")` annotation where the item is defined), so every
/// identifier in the output is unique and the original name survives.
struct Naming: Sendable {
    enum Kind: Sendable { case plain, quoted, synthetic(String) }
    var name: String
    var kind: Kind

    init(_ name: String, index: UInt32, group: String, used: inout Set<String>?) {
        self.name = name
        var k: Kind = name.unicodeScalars.allSatisfy(Naming.isIdChar) ? .plain : .quoted
        var duplicate = false
        if used != nil { duplicate = !used!.insert(name).inserted }
        if name.isEmpty || name.hasPrefix("#") || duplicate {
            k = .synthetic("#\(group)\(index)")
        }
        self.kind = k
    }

    /// The identifier used where the item is referenced.
    var identifier: String {
        switch kind {
        case .plain: "$" + name
        case .quoted: "$\"" + TextWriter.escaped(name) + "\""
        case .synthetic(let prefix): "$\"" + prefix + " " + TextWriter.escaped(name) + "\""
        }
    }

    /// The identifier used where the item is defined.
    var definition: String {
        if case .synthetic = kind {
            return identifier + " (@name \"" + TextWriter.escaped(name) + "\")"
        }
        return identifier
    }

    static func isIdChar(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "0"..."9", "a"..."z", "A"..."Z": return true
        default: return "!#$%&'*+-./:<=>?@\\^_`|~".unicodeScalars.contains(c)
        }
    }
}

/// One index space's names.
struct NameMap: Sendable {
    var names: [UInt32: Naming] = [:]
    subscript(_ i: UInt32) -> Naming? { names[i] }

    /// A reference: `$name` or the bare index.
    func ref(_ i: UInt32) -> String { names[i]?.identifier ?? String(i) }

    /// A definition: `$name (;i;)` or `(;i;)`.
    func def(_ i: UInt32) -> String {
        if let n = names[i] { return n.definition + " (;\(i);)" }
        return "(;\(i);)"
    }
}

/// A two-level map (locals, labels and fields, per function or type).
struct IndirectNameMap: Sendable {
    var names: [UInt64: Naming] = [:]
    subscript(_ outer: UInt32, _ inner: UInt32) -> Naming? { names[UInt64(outer) << 32 | UInt64(inner)] }
}

/// The names of a core module (`name` custom section).
struct CoreNames: Sendable {
    var module: Naming?
    var funcs = NameMap(), types = NameMap(), tables = NameMap(), memories = NameMap()
    var globals = NameMap(), elems = NameMap(), datas = NameMap(), tags = NameMap()
    var locals = IndirectNameMap(), labels = IndirectNameMap(), fields = IndirectNameMap()

    /// Reads as much of the section as is well formed: like the core spec
    /// says, a broken name section must not make the module unreadable.
    static func parse(_ payload: ArraySlice<UInt8>) -> CoreNames {
        var out = CoreNames()
        forEachSubsection(payload) { (id, s) throws(DecodeError) in
            switch id {
            case 0: out.module = try readName(&s, group: "module")
            case 1: try readMap(&s, into: &out.funcs, group: "func")
            case 2: try readIndirect(&s, into: &out.locals, group: "local", dedupe: true)
            case 3: try readIndirect(&s, into: &out.labels, group: "label", dedupe: false)
            case 4: try readMap(&s, into: &out.types, group: "type")
            case 5: try readMap(&s, into: &out.tables, group: "table")
            case 6: try readMap(&s, into: &out.memories, group: "memory")
            case 7: try readMap(&s, into: &out.globals, group: "global")
            case 8: try readMap(&s, into: &out.elems, group: "elem")
            case 9: try readMap(&s, into: &out.datas, group: "data")
            case 10: try readIndirect(&s, into: &out.fields, group: "field", dedupe: true)
            case 11: try readMap(&s, into: &out.tags, group: "tag")
            default: break
            }
        }
        return out
    }

    /// Calls `body` with the id and contents of each subsection of a name
    /// section, up to the first one that is not well formed (the rest is
    /// dropped, as the one broken name section would be).
    static func forEachSubsection(_ payload: ArraySlice<UInt8>, _ body: (UInt8, inout ByteReader) throws(DecodeError) -> Void) {
        var r = ByteReader(slice: payload[...])
        do {
            while !r.isAtEnd {
                let id = try r.readByte()
                let size = Int(try r.readU32())
                var s = try r.subReader(size)
                try body(id, &s)
            }
        } catch {}
    }

    /// The name of the module or component itself (never deduplicated).
    static func readName(_ r: inout ByteReader, group: String) throws(DecodeError) -> Naming {
        var none: Set<String>? = nil
        return Naming(try r.readName(), index: 0, group: group, used: &none)
    }

    static func readMap(_ r: inout ByteReader, into map: inout NameMap, group: String) throws(DecodeError) {
        let n = try r.readCount("names", minItemSize: 2)
        var used: Set<String>? = []
        for _ in 0..<n {
            let i = try r.readU32()
            map.names[i] = Naming(try r.readName(), index: i, group: group, used: &used)
        }
    }

    static func readIndirect(_ r: inout ByteReader, into map: inout IndirectNameMap, group: String, dedupe: Bool) throws(DecodeError) {
        let n = try r.readCount("indirect names", minItemSize: 2)
        for _ in 0..<n {
            let outer = try r.readU32()
            let m = try r.readCount("names", minItemSize: 2)
            var used: Set<String>? = dedupe ? [] : nil
            for _ in 0..<m {
                let i = try r.readU32()
                map.names[UInt64(outer) << 32 | UInt64(i)] = Naming(try r.readName(), index: i, group: group, used: &used)
            }
        }
    }
}

/// The names of a component (`component-name` custom section).
struct ComponentNameMaps: Sendable {
    var component: Naming?
    var coreFuncs = NameMap(), coreTables = NameMap(), coreMemories = NameMap(), coreGlobals = NameMap()
    var coreTags = NameMap(), coreTypes = NameMap(), coreModules = NameMap(), coreInstances = NameMap()
    var funcs = NameMap(), values = NameMap(), types = NameMap(), components = NameMap(), instances = NameMap()

    static func parse(_ payload: ArraySlice<UInt8>) -> ComponentNameMaps {
        var out = ComponentNameMaps()
        CoreNames.forEachSubsection(payload) { (id, s) throws(DecodeError) in
            switch id {
            case 0: out.component = try CoreNames.readName(&s, group: "component")
            case 1:
                let b = try s.readByte()
                if b == 0x00 {
                    switch try s.readByte() {
                    case 0x00: try CoreNames.readMap(&s, into: &out.coreFuncs, group: "core-func")
                    case 0x01: try CoreNames.readMap(&s, into: &out.coreTables, group: "core-table")
                    case 0x02: try CoreNames.readMap(&s, into: &out.coreMemories, group: "core-memory")
                    case 0x03: try CoreNames.readMap(&s, into: &out.coreGlobals, group: "core-global")
                    case 0x04: try CoreNames.readMap(&s, into: &out.coreTags, group: "core-tag")
                    case 0x10: try CoreNames.readMap(&s, into: &out.coreTypes, group: "core-type")
                    case 0x11: try CoreNames.readMap(&s, into: &out.coreModules, group: "core-module")
                    case 0x12: try CoreNames.readMap(&s, into: &out.coreInstances, group: "core-instance")
                    default: break
                    }
                } else {
                    switch b {
                    case 0x01: try CoreNames.readMap(&s, into: &out.funcs, group: "func")
                    case 0x02: try CoreNames.readMap(&s, into: &out.values, group: "value")
                    case 0x03: try CoreNames.readMap(&s, into: &out.types, group: "type")
                    case 0x04: try CoreNames.readMap(&s, into: &out.components, group: "component")
                    case 0x05: try CoreNames.readMap(&s, into: &out.instances, group: "instance")
                    default: break
                    }
                }
            default: break
            }
        }
        return out
    }
}
