/// Gives every import of a core module a unique (module, name) pair, as
/// wit-component does before wrapping a module.
///
/// Core wasm lets a module import the same (module, name) several times
/// (linkers can leave such repeats when objects each import one function),
/// but a core module inside a component may not: the component
/// validator rejects it ("duplicate import name ... not allowed in
/// components"), since an instantiation argument provides each name once.
/// The second and later copies are renamed `name [v2]`, `name [v3]`, ...
/// in place, and the instantiation gives each copy what its original gets.
/// Only the import section is written anew; every other section is copied
/// byte for byte, so no offset in code, names or custom sections moves
/// except by the import section's change in size (which nothing refers to).
enum DuplicateImports {
    /// One renamed import: its module, its new name and the name the module
    /// gave it (what it is resolved as).
    struct Renamed: Equatable, Sendable {
        var module: String
        var name: String
        var original: String
    }

    /// `module` with its duplicate imports renamed, and the renamed imports
    /// in the module's order. Without duplicates the bytes are returned as
    /// they are and the list is empty.
    static func rename(_ module: [UInt8]) throws(WrapError) -> (bytes: [UInt8], renamed: [Renamed]) {
        let sections = try ModuleSections(module)
        guard let section = sections.sections.first(where: { $0.id == 2 }) else { return (module, []) }
        let entries: [Entry]
        do { entries = try readImports(module, section: section) } catch {
            throw WrapError("malformed import section of the core module: \(error)")
        }

        // Names seen so far per module; a later import may itself be named
        // like an earlier renamed copy, and is then renamed in turn.
        var seen: [String: Set<String>] = [:]
        var renamed: [Renamed] = []
        var names: [String] = []
        for e in entries {
            var taken = seen[e.module] ?? []
            var name = e.name
            if taken.contains(name) {
                var v = 2
                while taken.contains("\(e.name) [v\(v)]") { v += 1 }
                name = "\(e.name) [v\(v)]"
                renamed.append(Renamed(module: e.module, name: name, original: e.name))
            }
            taken.insert(name)
            seen[e.module] = taken
            names.append(name)
        }
        if renamed.isEmpty { return (module, []) }

        var body = ByteWriter()
        body.u32(UInt32(entries.count))
        for (e, name) in zip(entries, names) {
            body.name(e.module)
            body.name(name)
            body.append(module[e.descriptor])
        }
        var out = ByteWriter()
        out.append(sections.header)
        for s in sections.sections {
            if s.offset == section.offset { out.section(2, body.bytes) } else { out.append(s.bytes) }
        }
        return (out.bytes, renamed)
    }

    /// `items` (what instantiates `module`'s imports of one core module
    /// name) with an item for each renamed copy: the same as its original's.
    static func complete(_ items: [CoreInstance.InlineExport], module: String, renamed: [Renamed]) -> [CoreInstance.InlineExport] {
        var out = items
        for r in renamed where r.module == module && !out.contains(where: { $0.name == r.name }) {
            if let original = items.first(where: { $0.name == r.original }) {
                out.append(CoreInstance.InlineExport(name: r.name, item: original.item))
            }
        }
        return out
    }

    /// Every group completed (`complete(_:module:renamed:)`).
    static func complete(_ groups: [(module: String, items: [CoreInstance.InlineExport])], renamed: [Renamed]) -> [(module: String, items: [CoreInstance.InlineExport])] {
        if renamed.isEmpty { return groups }
        return groups.map { ($0.module, complete($0.items, module: $0.module, renamed: renamed)) }
    }

    /// One import as written: its names and the byte range of its type.
    private struct Entry {
        var module: String
        var name: String
        var descriptor: Range<Int>
    }

    /// The imports of the section, read only far enough to know where each
    /// one's type ends (it is copied unread).
    private static func readImports(_ module: [UInt8], section: ModuleSections.Raw) throws(DecodeError) -> [Entry] {
        var head = ByteReader(bytes: module[...], base: 0, position: section.offset + 1, end: section.offset + section.bytes.count)
        _ = try head.readU32()
        var r = ByteReader(bytes: module[...], base: 0, position: head.position, end: section.offset + section.bytes.count)
        var scanner = CoreModuleScanner(module[...], offset: 0)
        let decoder = ComponentDecoder()
        var entries: [Entry] = []
        let count = try r.readCount("imports")
        for _ in 0..<count {
            let m = try r.readName()
            let n = try r.readName()
            let start = r.position
            // Tables and globals may use the shared-everything value types
            // only the scanner reads; the rest is the ordinary external type.
            switch try r.peekByte() {
            case 0x01:
                _ = try r.readByte()
                _ = try scanner.readValType(&r)
                _ = try decoder.readLimits(&r)
            case 0x03:
                _ = try r.readByte()
                _ = try scanner.readValType(&r)
                _ = try r.readByte()
            default:
                _ = try decoder.readCoreExternType(&r)
            }
            entries.append(Entry(module: m, name: n, descriptor: start..<r.position))
        }
        guard r.isAtEnd else {
            throw DecodeError("unexpected data at the end of the import section", at: r.position)
        }
        return entries
    }
}
