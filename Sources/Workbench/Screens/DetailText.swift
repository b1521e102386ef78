import PatchbayEngine
import TerminalCore

/// The detail pane's content: the selected item's type in WIT, its core
/// signatures under the Canonical ABI, and the memory layout of its types.
/// Prose and WIT types are word-wrapped to `width`; tables and byte rulers
/// keep their columns and are scrolled sideways instead.
enum DetailText {
    static func lines(for item: DetailItem?, document: ComponentDocument?, theme: Theme, width: Int) -> [TextLine] {
        func wrap(_ line: TextLine) -> [TextLine] { width > 0 ? WordWrap.wrap(line, width: width) : [line] }
        guard let doc = document else { return wrap(TextLine("Open a component with o.", style: theme.style("ui.text.dim"))) }
        let head = theme.style("ui.title"), dim = theme.style("ui.text.dim"), ty = theme.style("wit.type")
        if doc.report == nil, let core = doc.core {
            var out = wrap(TextLine(doc.name, style: head)) + wrap(TextLine(doc.displayPath, style: dim)) + [TextLine("\(doc.size) bytes"), ""]
            out += wrap(TextLine("A core module, not a component:", style: head))
            if let d = core.dylink {
                out += wrap(TextLine("a dynamic library (dylink.0): \(d.memorySize) bytes of data, table \(d.tableSize)" + (d.needed.isEmpty ? "" : "; needs " + d.needed.joined(separator: ", ")) + "."))
                out += wrap(TextLine("The link action (b) links it with other open libraries into one component, as patchbay link does.", style: dim))
            }
            if core.hasWorld {
                out += wrap(TextLine("It carries its world in component-type sections."))
                out += wrap(TextLine("The wrap action (w) makes it a component, as patchbay new does.", style: dim))
            }
            return out
        }
        if doc.report == nil {
            return wrap(TextLine(doc.name, style: head)) + wrap(TextLine(doc.displayPath, style: dim)) + [TextLine("\(doc.size) bytes"), ""]
                + wrap(TextLine("This file did not load: the diagnostics pane says why and where.", style: dim))
        }
        guard let item else {
            let made = doc.inMemory ? wrap(TextLine("Made in the workbench, in memory (s writes it to a file), as:", style: dim)) + wrap(TextLine(doc.origin ?? "", style: ty)) + [""] : []
            return wrap(TextLine(doc.name, style: head)) + wrap(TextLine(doc.displayPath, style: dim)) + [TextLine("\(doc.size) bytes"), ""] + made
                + wrap(TextLine("Select an import or export to see its type, core signatures and layout.", style: dim))
        }
        switch item {
        case .function(let name, let f):
            var out = wrap(TextLine(name, style: head)) + wrap(TextLine(doc.text.function(f), style: ty)) + [""]
            if let sig = try? SignatureRenderer.render(f) {
                // The renderer's first line repeats the function type, shown above already.
                out += sig.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map { TextLine(String($0)) }
            }
            for p in f.params { out += layoutLines("param \(p.name)", p.type, theme, wrap) }
            if let r = f.result { out += layoutLines("result", r, theme, wrap) }
            return out
        case .valueType(let name, let v):
            return wrap(TextLine("type \(name)", style: head)) + wrap(TextLine(doc.text.value(v), style: ty)) + layoutLines(name, v, theme, wrap)
        case .text(let title, let body):
            return wrap(TextLine(title, style: head)) + body.split(separator: "\n").flatMap { wrap(TextLine(String($0))) }
        }
    }

    /// The layout ruler of a type, for types with more than a scalar to show.
    static func layoutLines(_ title: String, _ t: ValueType, _ theme: Theme, _ wrap: (TextLine) -> [TextLine]) -> [TextLine] {
        switch t {
        case .bool, .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64, .f32, .f64, .char: return []
        default: break
        }
        guard let layout = try? CanonicalABI.layout(of: t) else { return [] }
        var out: [TextLine] = [""] + wrap(TextLine("layout of \(title)", style: theme.style("ui.title")))
        var rendered = LayoutRenderer.render(layout).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while rendered.last?.isEmpty == true { rendered.removeLast() }
        // The first line is the type: wrap it like the other WIT text.
        if let first = rendered.first { out += wrap(TextLine(first, style: theme.style("wit.type"))) }
        out += rendered.dropFirst().map { TextLine($0) }
        return out
    }
}
