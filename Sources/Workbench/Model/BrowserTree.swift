import PatchbayEngine
import TerminalCore

/// What the detail pane shows for a browser row.
public enum DetailItem: Sendable, Hashable {
    case function(name: String, FunctionType)
    case valueType(name: String, ValueType)
    case text(title: String, body: String)
}

/// The browser's tree for a document: imports and exports as a foldable
/// WIT-like tree, then the structure (modules, instances, canon, custom
/// sections). Each row id maps to what the detail pane shows.
public struct BrowserTree: Sendable {
    public var roots: [TreeNode] = []
    public var details: [String: DetailItem] = [:]

    public init() {}

    public init(_ doc: ComponentDocument, theme: Theme) {
        guard let report = doc.report else { return }
        var n = 0
        func id() -> String { n += 1; return "n\(n)" }
        let kw = theme.style("wit.keyword"), name = theme.style("wit.name"), ty = theme.style("wit.type")
        func entityNode(_ prefix: String, _ e: NamedEntity) -> TreeNode {
            let nodeID = id()
            var label = TextLine(spans: [TextSpan(prefix + " ", style: kw), TextSpan(e.name.name, style: name)])
            var children: [TreeNode] = []
            switch e.type {
            case .function(let f):
                label.spans.append(TextSpan(": " + doc.text.function(f), style: ty))
                details[nodeID] = .function(name: e.name.name, f)
            case .type(.value(let v)):
                label.spans.append(TextSpan(": type " + doc.text.value(v), style: ty))
                details[nodeID] = .valueType(name: e.name.name, v)
            case .instance(let inst):
                label.spans.append(TextSpan(": instance", style: ty))
                children = inst.exports.map { entityNode("export", $0) }
                details[nodeID] = .text(title: e.name.name, body: "instance with \(inst.exports.count) exports")
            default:
                label.spans.append(TextSpan(": " + doc.text.entity(e.type), style: ty))
                details[nodeID] = .text(title: e.name.name, body: doc.text.entity(e.type))
            }
            return TreeNode(id: nodeID, label: label, children: children)
        }
        if let t = doc.type {
            if !t.imports.isEmpty {
                roots.append(TreeNode(id: "imports", label: TextLine("imports (\(t.imports.count))", style: kw), children: t.imports.map { entityNode("import", $0) }))
            }
            if !t.exports.isEmpty {
                roots.append(TreeNode(id: "exports", label: TextLine("exports (\(t.exports.count))", style: kw), children: t.exports.map { entityNode("export", $0) }))
            }
        }
        // The structural part of the inspect outline, minus imports/exports shown above.
        let outline = report.outline(title: doc.name)
        for group in outline.children where !group.title.hasPrefix("imports") && !group.title.hasPrefix("exports") {
            roots.append(outlineNode(group, id: id, style: kw))
        }
    }

    mutating func outlineNode(_ o: OutlineNode, id: () -> String, style: Style) -> TreeNode {
        let nodeID = id()
        let text = o.title + (o.detail.map { ": " + $0 } ?? "")
        let at = o.offset.map { "\noffset 0x\(String($0, radix: 16))" } ?? ""
        let hint = o.title.hasPrefix("linked libraries (") ? "\nPress L for the link view: the libraries as boxes, who provides each symbol, the memory and table layout." : ""
        details[nodeID] = .text(title: o.title, body: (o.detail ?? "") + at + hint)
        return TreeNode(id: nodeID, label: TextLine(text), children: o.children.map { outlineNode($0, id: id, style: style) })
    }

    /// The tree keeping only rows whose text contains `filter` (case-insensitive) and their ancestors.
    public func filtered(_ filter: String) -> [TreeNode] {
        if filter.isEmpty { return roots }
        let needle = filter.lowercased()
        func keep(_ n: TreeNode) -> TreeNode? {
            let kids = n.children.compactMap(keep)
            if n.label.plainText.lowercased().contains(needle) || !kids.isEmpty {
                return TreeNode(id: n.id, label: n.label, children: kids.isEmpty && n.label.plainText.lowercased().contains(needle) ? n.children : kids)
            }
            return nil
        }
        return roots.compactMap(keep)
    }
}
