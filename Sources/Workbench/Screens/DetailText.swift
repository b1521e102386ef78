import PatchbayEngine
import TerminalCore

/// The detail pane's content: the selected item's type in WIT, its core
/// signatures under the Canonical ABI, and the memory layout of its types.
enum DetailText {
    static func lines(for item: DetailItem?, document: ComponentDocument?, theme: Theme) -> [TextLine] {
        guard let doc = document else { return [TextLine("Open a component with o.", style: theme.style("ui.text.dim"))] }
        let head = theme.style("ui.title"), dim = theme.style("ui.text.dim"), ty = theme.style("wit.type")
        guard let item else {
            return [TextLine(doc.name, style: head), TextLine(doc.path, style: dim), TextLine("\(doc.size) bytes"), "",
                    TextLine("Select an import or export to see its type, core signature and layout.", style: dim)]
        }
        switch item {
        case .function(let name, let f):
            var out: [TextLine] = [TextLine(name, style: head), TextLine(doc.text.function(f), style: ty), ""]
            if let sig = try? SignatureRenderer.render(f) {
                out += sig.split(separator: "\n", omittingEmptySubsequences: false).map { TextLine(String($0)) }
            }
            for p in f.params { out += layoutLines("param \(p.name)", p.type, doc, theme) }
            if let r = f.result { out += layoutLines("result", r, doc, theme) }
            return out
        case .valueType(let name, let v):
            return [TextLine("type \(name)", style: head), TextLine(doc.text.value(v), style: ty)] + layoutLines(name, v, doc, theme)
        case .text(let title, let body):
            return [TextLine(title, style: head)] + body.split(separator: "\n").map { TextLine(String($0)) }
        }
    }

    /// The layout ruler of a type, for types with more than a scalar to show.
    static func layoutLines(_ title: String, _ t: ValueType, _ doc: ComponentDocument, _ theme: Theme) -> [TextLine] {
        switch t {
        case .bool, .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64, .f32, .f64, .char: return []
        default: break
        }
        guard let layout = try? CanonicalABI.layout(of: t) else { return [] }
        var out: [TextLine] = ["", TextLine("layout of \(title)", style: theme.style("ui.title"))]
        out += LayoutRenderer.render(layout).split(separator: "\n", omittingEmptySubsequences: false).map { TextLine(String($0)) }
        return out
    }
}
