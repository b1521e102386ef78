import PatchbayEngine
import TerminalCore

/// The link view: a shared-everything link drawn with the canvas's ideas.
/// Each library is a box (its `dylink.0` needs and where the linker put
/// it); each symbol a library takes from another library is an edge from
/// the importer to the provider; a bar shows the one memory and the one
/// table, each library at its base.
enum LinkDiagram {
    static func lines(_ r: LinkedComponentReport, title: String, theme: Theme, width: Int) -> [TextLine] {
        let head = theme.style("ui.title"), dim = theme.style("ui.text.dim")
        let box = theme.style("canvas.box.border"), wire = theme.style("canvas.wire")
        let imp = theme.style("canvas.port.import"), exp = theme.style("canvas.port.export")
        var out: [TextLine] = [TextLine(" \(title): \(r.libraries.count) libraries, one memory, one table (\(r.summary))", style: head), ""]
        let inner = max(20, min(width - 4, 60))
        func pad(_ s: String) -> String {
            let c = s.count > inner ? String(s.prefix(inner - 1)) + "…" : s
            return c + String(repeating: " ", count: max(0, inner - c.count))
        }
        for lib in r.libraries {
            let name = " \(lib.name) "
            out.append(TextLine(" ┌─" + name + String(repeating: "─", count: max(0, inner - name.count)) + "─┐", style: box))
            var rows: [(String, Style)] = []
            let data = lib.memorySize.map { "\($0) bytes" } ?? "no dylink.0"
            rows.append(("data \(data) at \(lib.memoryBase.map { "0x" + String($0, radix: 16) } ?? "?"); table \(lib.tableSize ?? 0) at \(lib.tableBase ?? 0)", .plain))
            if let n = lib.needed, !n.isEmpty { rows.append(("needs \(n.joined(separator: ", "))", dim)) }
            let fromMain = lib.imports.filter { $0.providerKind == "main" }.count
            if fromMain > 0 { rows.append(("\(fromMain) from the main module (memory, table, bases, stack)", dim)) }
            for s in lib.imports where s.providerKind == "import" { rows.append(("◀ \(s.name) from the component import \(s.provider)", imp)) }
            for (row, style) in rows { out.append(TextLine(spans: [TextSpan(" │ ", style: box), TextSpan(pad(row), style: style), TextSpan(" │", style: box)])) }
            out.append(TextLine(" └" + String(repeating: "─", count: inner + 2) + "┘", style: box))
            // Symbol edges: this library's imports that another library provides.
            for s in lib.imports where s.providerKind == "library" {
                let kind = s.module == "env" ? "" : " (\(s.module))"
                out.append(TextLine(spans: [TextSpan("   └──", style: wire), TextSpan(" \(s.name)\(kind) ", style: imp),
                                            TextSpan("────▶ ", style: wire), TextSpan(s.provider, style: exp)]))
            }
        }
        out.append("")
        out.append(TextLine(" memory", style: head))
        out += bar(r.memoryRegions, hex: true, theme: theme, width: width)
        let table = r.tableRegions
        out.append(TextLine(" table", style: head))
        if table.isEmpty {
            out.append(TextLine("   slot 0 is null; no library asks for table slots", style: dim))
        } else {
            out += bar(table, hex: false, theme: theme, width: width)
        }
        return out
    }

    /// The regions in address order, each a segment at least as wide as its
    /// label (sizes differ by orders of magnitude, so widths are not to scale),
    /// with the start addresses underneath.
    static func bar(_ regions: [LinkedComponentReport.Region], hex: Bool, theme: Theme, width: Int) -> [TextLine] {
        let fills = ["█", "▓", "▒", "░"]
        var top = TextLine(spans: [TextSpan("   ")]), labels = "   ", addresses = "   "
        func num(_ v: UInt64) -> String { hex ? "0x" + String(v, radix: 16) : String(v) }
        var at: UInt64?
        for (k, r) in regions.enumerated() {
            if let a = at, r.start > a {
                top.spans.append(TextSpan("·", style: theme.style("ui.text.dim"))); labels += " "; addresses += " "
            }
            let label = "\(r.owner) \(r.end - r.start)\(hex ? "B" : "")"
            let w = max(label.count, num(r.start).count) + 1
            top.spans.append(TextSpan(String(repeating: fills[k % fills.count], count: w), style: theme.style(k % 2 == 0 ? "canvas.port.export" : "canvas.port.import")))
            labels += label + String(repeating: " ", count: w - label.count)
            let n = num(r.start)
            addresses += n + String(repeating: " ", count: w - n.count)
            at = r.end
        }
        if let last = regions.last { addresses += num(last.end) }
        return [top, TextLine(labels), TextLine(addresses, style: theme.style("ui.text.dim"))]
    }
}
