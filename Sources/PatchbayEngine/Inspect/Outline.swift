/// A foldable tree of labelled nodes: the shape in which `inspect` prints a
/// component and the workbench's browser shows it.
public struct OutlineNode: Sendable, Hashable {
    public var title: String
    public var detail: String?
    public var offset: Int?
    public var children: [OutlineNode]

    public init(_ title: String, detail: String? = nil, offset: Int? = nil, children: [OutlineNode] = []) {
        self.title = title; self.detail = detail; self.offset = offset; self.children = children
    }

    /// Indented text, two spaces a level, `title: detail` on each line.
    public func render(indent: Int = 0) -> String {
        var lines: [String] = []
        render(into: &lines, depth: indent)
        return lines.joined(separator: "\n")
    }

    func render(into lines: inout [String], depth: Int) {
        let pad = String(repeating: "  ", count: depth)
        lines.append(pad + title + (detail.map { ": " + $0 } ?? ""))
        for c in children { c.render(into: &lines, depth: depth + 1) }
    }
}

extension InspectReport {
    /// The report as an outline; empty groups are left out.
    public func outline(title: String) -> OutlineNode {
        var groups: [OutlineNode] = []
        func group(_ name: String, _ nodes: [OutlineNode]) {
            if !nodes.isEmpty { groups.append(OutlineNode("\(name) (\(nodes.count))", children: nodes)) }
        }
        func itemNode(_ prefix: String, _ i: Item) -> OutlineNode {
            var title = "\(prefix) \(i.name)"
            if let a = i.attributes { title += " [\(a.joined(separator: ", "))]" }
            let kids = (i.exports ?? []).map { itemNode("export", $0) }
            return OutlineNode(title, detail: kids.isEmpty ? i.type : "instance", children: kids)
        }
        group("imports", imports.map { itemNode("import", $0) })
        group("exports", exports.map { itemNode("export", $0) })
        if let linked { groups.append(linked.outline()) }
        group("core modules", coreModules.map { m in
            var kids: [OutlineNode] = m.imports.map { OutlineNode("import \"\($0.module ?? "")\" \"\($0.name)\"", detail: $0.type) }
            kids += m.exports.map { OutlineNode("export \"\($0.name)\"", detail: $0.type) }
            let fns = m.functions.map { ", \($0) functions" } ?? ""
            return OutlineNode("module \(m.index)", detail: "\(m.size) bytes\(fns)", offset: m.offset, children: kids)
        })
        group("core instances", coreInstances.map { instanceNode("core instance", $0, of: "module") })
        group("instances", instances.map { instanceNode("instance", $0, of: "component") })
        group("components", components.enumerated().map { i, c in
            var n = c.outline(title: "component \(i)")
            n.detail = "\(c.size) bytes"
            n.offset = c.offset
            return n
        })
        group("canon", canons.enumerated().map { i, c in canonNode(i, c) })
        var customs = customSections.map { OutlineNode("custom \"\($0.name)\"", detail: "\($0.size) bytes", offset: $0.offset) }
        if let p = producers {
            customs.append(OutlineNode("producers", children: p.fields.map { f in
                OutlineNode(f.name, detail: f.values.map { $0.version.isEmpty ? $0.name : "\($0.name) \($0.version)" }.joined(separator: ", "))
            }))
        }
        group("custom sections", customs)
        let nameNote = name.map { " \"\($0)\"" } ?? ""
        return OutlineNode(title + nameNote, detail: "component, \(size) bytes", offset: offset, children: groups)
    }

    func instanceNode(_ what: String, _ i: Instance, of: String) -> OutlineNode {
        let args = i.args.map { OutlineNode("\"\($0.name)\"", detail: "\($0.sort) \($0.index)") }
        if i.kind == "instantiate", let m = i.of {
            return OutlineNode("\(what) \(i.index)", detail: "instantiate \(of) \(m)", offset: i.offset, children: args)
        }
        return OutlineNode("\(what) \(i.index)", detail: "from exports", offset: i.offset, children: args)
    }

    func canonNode(_ index: Int, _ c: CanonInfo) -> OutlineNode {
        var parts: [String] = []
        switch c.kind {
        case "lift":
            parts.append("core func \(c.function ?? 0) as type \(c.typeIndex ?? 0)")
        case "lower":
            parts.append("func \(c.function ?? 0)")
        default: break
        }
        if let o = c.options {
            if let m = o.memory { parts.append("memory \(m)") }
            if let r = o.realloc { parts.append("realloc \(r)") }
            if let p = o.postReturn { parts.append("post-return \(p)") }
            if let s = o.stringEncoding { parts.append("string-encoding=\(s)") }
            if o.async == true { parts.append("async") }
            if let cb = o.callback { parts.append("callback \(cb)") }
        }
        return OutlineNode("canon \(c.kind)", detail: parts.isEmpty ? nil : parts.joined(separator: ", "), offset: c.offset)
    }
}
