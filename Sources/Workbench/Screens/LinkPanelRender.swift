#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TerminalCore

/// Drawing the link panel (the libraries in link order, the options, the
/// equivalent command line and the last error), the save prompt and the
/// message box, each a window over the browser.
extension WorkbenchApp {
    var linkPanelArea: Rect {
        let screen = Rect(x: 0, y: 0, width: size.width, height: size.height)
        return screen.centered(width: max(1, min(screen.width - 2, 100)), height: max(1, screen.height - 2))
    }

    /// The panel's rows, top to bottom, at the panel's inner width, and the row of the first library.
    func linkPanelLines(_ p: LinkPanel, width: Int) -> (lines: [TextLine], firstEntry: Int) {
        let dim = theme.style("ui.text.dim"), text = theme.style("ui.text"), name = theme.style("wit.name")
        var out: [TextLine] = []
        out += WordWrap.wrap(TextLine("Libraries in link order (a symbol comes from the first chosen library that defines it):", style: dim), width: max(1, width))
        let firstEntry = out.count
        let nameWidth = min(24, p.entries.map(\.name.displayWidth).max() ?? 0)
        for (i, e) in p.entries.enumerated() {
            let pos = p.position(of: e).map { String($0) } ?? " "
            let mark = e.chosen ? "[x]" : "[ ]"
            var spans = [TextSpan(String(repeating: " ", count: max(0, 2 - pos.count)) + pos + " " + mark + " ", style: text)]
            if let r = p.renaming, p.state.selected == i {
                spans.append(TextSpan("name> " + r.text + "▏", style: theme.style("ui.input")))
            } else {
                spans.append(TextSpan(Self.fit(e.name, columns: nameWidth).padded(toColumns: nameWidth), style: name))
                spans.append(TextSpan("  " + e.path, style: text))
                spans.append(TextSpan(e.needed.isEmpty ? "" : "  needs " + e.needed.joined(separator: ", "), style: dim))
            }
            out.append(TextLine(spans: spans))
        }
        out.append("")
        out.append(TextLine(spans: [TextSpan((p.stubMissingFunctions ? "[x]" : "[ ]") + " --stub-missing-functions (s)   ", style: text),
                                    TextSpan((p.useBuiltInLibdl ? "[x]" : "[ ]") + " --use-built-in-libdl (d)", style: text)]))
        out.append(TextLine(String(repeating: "─", count: max(0, width)), style: theme.style("ui.border")))
        for l in p.output {
            let style: Style
            switch l.kind {
            case .error: style = theme.style("diag.error")
            case .note: style = dim
            case .command: style = theme.style("wit.type")
            }
            // The linker indents its lists with tabs, which take no cell: four spaces on the screen.
            let shown = l.text.replacing("\t", with: "    ")
            out += width > 2 ? WordWrap.wrap(TextLine(shown, style: style), width: width) : [TextLine(shown, style: style)]
        }
        return (out, firstEntry)
    }

    func renderLinkPanel(_ p: LinkPanel, buffer: inout CellBuffer) {
        let area = linkPanelArea
        let st = theme.style("ui.modal")
        buffer.fill(area, with: Cell(symbol: " ", fg: st.fg ?? .default, bg: st.bg ?? .default))
        let b = Block(title: "Link dynamic libraries", borderStyle: theme.style("ui.border.focused"), titleStyle: theme.style("ui.title"), style: st)
        b.render(in: area, buffer: &buffer)
        let inner = b.inner(area)
        guard inner.height > 1, inner.width > 0 else { return }
        var (lines, headRows) = linkPanelLines(p, width: inner.width)
        let body = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1)
        // On a small screen the heading, then the blank row and the rule go first, so the error still shows.
        if lines.count > body.height { lines.removeFirst(headRows); headRows = 0 }
        for k in [p.entries.count + 2, p.entries.count] where lines.count > body.height && k < lines.count { lines.remove(at: k) }
        for (k, line) in lines.prefix(body.height).enumerated() {
            let r = body.row(k)
            if k - headRows == p.state.selected && p.renaming == nil {
                let sel = theme.style("ui.selection")
                buffer.setStyle(sel, in: r)
                buffer.write(line.selected(sel), x: r.x, y: r.y, clip: r)
            } else {
                buffer.write(line, x: r.x, y: r.y, clip: r)
            }
        }
        let keys = p.renaming != nil ? "type the name the library links as · enter keep · esc cancel"
            : "space choose · J/K order · n name · s/d options · enter link · esc close"
        buffer.write(TextLine(keys, style: theme.style("ui.text.dim")), x: inner.x, y: inner.y + inner.height - 1, clip: inner.row(inner.height - 1))
    }

    func renderSavePrompt(_ s: SavePrompt, buffer: inout CellBuffer) {
        let screen = Rect(x: 0, y: 0, width: size.width, height: size.height)
        let width = max(1, min(screen.width - 2, 70))
        let problem = s.problem.map { WordWrap.wrap(TextLine($0, style: theme.style("diag.error")), width: max(1, width - 2)) } ?? []
        let area = screen.centered(width: width, height: min(screen.height, 4 + problem.count))
        let st = theme.style("ui.modal")
        buffer.fill(area, with: Cell(symbol: " ", fg: st.fg ?? .default, bg: st.bg ?? .default))
        let name = documents.indices.contains(s.document) ? documents[s.document].name : "the document"
        let b = Block(title: "Write \(name) to (enter write, esc cancel)", borderStyle: theme.style("ui.border.focused"), titleStyle: theme.style("ui.title"), style: st)
        b.render(in: area, buffer: &buffer)
        let inner = b.inner(area)
        guard inner.height > 0 else { return }
        TextInput(prompt: "> ", placeholder: "path", style: theme.style("ui.input"), showsCursor: true).render(in: inner.row(0), buffer: &buffer, state: s.input)
        for (k, l) in problem.enumerated() where k + 1 < inner.height {
            buffer.write(l, x: inner.x, y: inner.y + 1 + k, clip: inner.row(1 + k))
        }
    }

    func renderMessage(_ m: WorkbenchMessage, buffer: inout CellBuffer) {
        let screen = Rect(x: 0, y: 0, width: size.width, height: size.height)
        let width = max(1, min(screen.width - 2, 90))
        let lines = m.lines.flatMap { WordWrap.wrap(TextLine($0.replacing("\t", with: "    "), style: theme.style("diag.error")), width: max(1, width - 2)) }
        let area = screen.centered(width: width, height: min(screen.height, lines.count + 2))
        let st = theme.style("ui.modal")
        buffer.fill(area, with: Cell(symbol: " ", fg: st.fg ?? .default, bg: st.bg ?? .default))
        let b = Block(title: "\(m.title) (any key closes)", borderStyle: theme.style("ui.border.focused"), titleStyle: theme.style("ui.title"), style: st)
        b.render(in: area, buffer: &buffer)
        Paragraph(lines, wrap: false).render(in: b.inner(area), buffer: &buffer)
    }
}
