#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine
import TerminalCore

/// Draws the canvas: a title row, the scrolled composition (wires under
/// boxes, the composite's imports and exports at the edges), a line about
/// the selection, the status bar, and any overlay on top.
extension WorkbenchApp {
    func renderCanvasScreen(into buffer: inout CellBuffer) {
        let screen = Rect(x: 0, y: 0, width: buffer.width, height: buffer.height)
        let bg = theme.style("ui.background")
        buffer.fill(screen, with: Cell(symbol: " ", fg: bg.fg ?? .default, bg: bg.bg ?? .default))
        guard screen.height >= 4, screen.width >= 10 else { return }
        let g = canvasGraph
        let layout = canvasLayout
        let vp = Rect(x: 0, y: 1, width: screen.width, height: screen.height - 3)

        // Title row.
        let wires = g.liveNodes.reduce(0) { $0 + ((try? g.node($1))?.arguments.count ?? 0) }
        let implicit = layout.importLabels.count
        var title = " Canvas · \(layout.boxes.count) instances · \(wires) wires · \(implicit) imports · \(g.exports.count) exports"
        if canvas.moving { title += " · moving" }
        buffer.write(title, x: 0, y: 0, style: theme.style("ui.title"), clip: screen.row(0))

        let ox = vp.x - canvas.scrollX, oy = vp.y - canvas.scrollY
        // Wires first, so boxes and labels sit on top of them.
        var grid = WireGrid()
        for w in layout.wires { grid.add(w) }
        let wireStyle = theme.style("canvas.wire")
        for (p, m) in grid.cells {
            let sym = grid.heads.contains(p) ? "▶" : WireGrid.symbol(m)
            buffer.write(sym, x: p.x + ox, y: p.y + oy, style: wireStyle, clip: vp)
        }
        for l in layout.importLabels {
            buffer.write(l.text, x: l.x + ox, y: l.y + oy, style: theme.style("canvas.port.import"), clip: vp)
        }
        for l in layout.exportLabels {
            buffer.write(l.text, x: l.x + ox, y: l.y + oy, style: theme.style("canvas.port.export"), clip: vp)
        }
        for box in layout.boxes { drawBox(box, graph: g, offsetX: ox, offsetY: oy, clip: vp, buffer: &buffer) }
        if layout.boxes.isEmpty {
            buffer.write("Empty composition. Press a to add an instance of a library component, ? for help.",
                         x: 2, y: vp.y + 1, style: theme.style("ui.text.dim"), clip: vp)
        }

        // The selection, in words.
        let info = selectionInfo(layout: layout)
        buffer.write(info, x: 0, y: screen.height - 2, style: theme.style(layout.planError == nil ? "ui.text" : "diag.error"),
                     clip: screen.row(screen.height - 2))

        let hints = canvasKeymap.hints([StandardAction.help, CanvasActions.add, CanvasActions.wire, CanvasActions.undo,
                                        CanvasActions.write, CanvasActions.toggle],
                                       registry: CanvasActions.registry,
                                       labels: [StandardAction.help: "help", CanvasActions.add: "add", CanvasActions.wire: "wire",
                                                CanvasActions.undo: "undo", CanvasActions.write: "write", CanvasActions.toggle: "browser"])
        StatusBar(hints: hints, message: status, style: theme.style("ui.statusbar"), keyStyle: theme.style("ui.statusbar.key"))
            .render(in: screen.row(screen.height - 1), buffer: &buffer)

        renderCanvasOverlay(in: screen, buffer: &buffer)
        if canvas.showHelp {
            let lines = HelpText.styledLines(registry: CanvasActions.registry, keymap: canvasKeymap, headingStyle: theme.style("ui.title"),
                                             keyStyle: theme.style("ui.statusbar.key"), textStyle: theme.style("ui.help"))
            modal("Canvas help (any key closes)", lines: lines, in: screen, width: (lines.map(\.width).max() ?? 60) + 2, buffer: &buffer)
        }
    }

    func drawBox(_ box: CanvasLayout.Box, graph g: CompositionGraph, offsetX ox: Int, offsetY oy: Int, clip: Rect, buffer: inout CellBuffer) {
        let r = Rect(x: box.rect.x + ox, y: box.rect.y + oy, width: box.rect.width, height: box.rect.height)
        let selected = canvas.selection?.node == box.node
        let bg = theme.style("ui.background")
        let inner = r.intersection(clip)
        if !inner.isEmpty { buffer.fill(inner, with: Cell(symbol: " ", fg: bg.fg ?? .default, bg: bg.bg ?? .default)) }
        let border = theme.style(selected ? "ui.border.focused" : "canvas.box")
        let sym = selected ? BorderSymbols.thick : BorderSymbols.rounded
        let h = String(repeating: sym.horizontal, count: max(0, r.width - 2))
        buffer.write(sym.topLeft + h + sym.topRight, x: r.x, y: r.y, style: border, clip: clip)
        buffer.write(sym.bottomLeft + h + sym.bottomRight, x: r.x, y: r.maxY - 1, style: border, clip: clip)
        for y in (r.y + 1)..<max(r.y + 1, r.maxY - 1) {
            buffer.write(sym.vertical, x: r.x, y: y, style: border, clip: clip)
            buffer.write(sym.vertical, x: r.maxX - 1, y: y, style: border, clip: clip)
        }
        let titleText = " " + Self.clipped(box.title + (box.folded ? " ▸" : ""), r.width - 4) + " "
        let titleStyle = (canvas.selection == .init(node: box.node, port: .header)) ? theme.style("ui.selection") : theme.style("ui.title")
        buffer.write(titleText, x: r.x + 1, y: r.y, style: titleStyle, clip: clip)
        let node = try? g.node(box.node)
        let selStyle = theme.style("ui.selection")
        if box.folded {
            let n = box.imports.count + box.exports.count
            buffer.write(Self.clipped("⋯ \(n) port\(n == 1 ? "" : "s")", r.width - 4), x: r.x + 2, y: r.y + 1, style: theme.style("ui.text.dim"), clip: clip)
            return
        }
        if box.imports.isEmpty && box.exports.isEmpty {
            if case .import? = node?.kind {
                buffer.write(Self.clipped("composite import", r.width - 4), x: r.x + 2, y: r.y + 1, style: theme.style("ui.text.dim"), clip: clip)
            }
        }
        let used = usedExports(of: box.node, graph: g)
        for name in box.imports {
            let y = box.row(of: .import(name)) + oy
            let wired = node?.arguments[name] != nil
            buffer.write(wired ? "●" : "○", x: r.x, y: y, style: theme.style("canvas.port.import"), clip: clip)
            let isSel = canvas.selection == .init(node: box.node, port: .import(name))
            buffer.write(" " + Self.clipped(name, r.width - 4) + " ", x: r.x + 1, y: y, style: isSel ? selStyle : theme.style("ui.text"), clip: clip)
        }
        for name in box.exports {
            let y = box.row(of: .export(name)) + oy
            let text = " " + Self.clipped(name, r.width - 4) + " "
            let isSel = canvas.selection == .init(node: box.node, port: .export(name))
            buffer.write(text, x: r.maxX - 1 - text.displayWidth, y: y, style: isSel ? selStyle : theme.style("ui.text"), clip: clip)
            buffer.write(used.contains(name) ? "●" : "○", x: r.maxX - 1, y: y, style: theme.style("canvas.port.export"), clip: clip)
        }
    }

    /// Exports of a box that feed a wire or a composite export.
    func usedExports(of id: NodeID, graph g: CompositionGraph) -> Set<String> {
        var out = Set<String>()
        for n in g.liveNodes {
            if case .alias(let s, let e)? = (try? g.node(n))?.kind, s == id { out.insert(e) }
        }
        return out
    }

    static func clipped(_ s: String, _ width: Int) -> String {
        guard width > 1, s.displayWidth > width else { return s }
        var out = ""
        for c in s {
            if (out + String(c)).displayWidth >= width { break }
            out.append(c)
        }
        return out + "…"
    }

    /// One line about what is selected: the port's type and what feeds it.
    func selectionInfo(layout: CanvasLayout) -> String {
        if let e = layout.planError { return "cannot plan the composite: " + (e.split(separator: "\n").first.map(String.init) ?? e) }
        guard let sel = canvas.selection else { return "" }
        let g = canvasGraph
        let text = g.wireCheck.text
        let name = g.displayName(sel.node)
        switch sel.port {
        case .header:
            guard let n = try? g.node(sel.node) else { return "" }
            switch n.kind {
            case .instantiation(let p):
                let pkg = g.packages[p]
                return "\(name): instance of \(pkg.key) (\((pkg.path.map { PathNames.last($0) }) ?? "?")), \(pkg.type.imports.count) imports, \(pkg.type.exports.count) exports"
            case .import(let iname, let t): return "composite import `\(iname)`: \(text.entity(t))"
            case .alias: return name
            }
        case .import(let i):
            let t = (try? g.expectedType(of: sel.node, argument: i)).map { text.entity($0) } ?? "?"
            let from = (try? g.node(sel.node))?.arguments[i].map { " ← " + g.displayName($0) } ?? " (unwired: imported by the composite)"
            return "\(name) imports `\(i)`: \(t)\(from)"
        case .export(let e):
            var t = "?"
            if case .instance(let it)? = try? g.type(of: sel.node), let x = it.export(named: e) { t = text.entity(x.type) }
            return "\(name) exports `\(e)`: \(t)"
        }
    }

    func modal(_ title: String, lines: [TextLine], in screen: Rect, width: Int, scroll: Int = 0, buffer: inout CellBuffer) {
        let area = screen.centered(width: min(width, screen.width - 2), height: min(lines.count + 2, screen.height - 2))
        let st = theme.style("ui.modal")
        buffer.fill(area, with: Cell(symbol: " ", fg: st.fg ?? .default, bg: st.bg ?? .default))
        let b = Block(title: title, borderStyle: theme.style("ui.border.focused"), titleStyle: theme.style("ui.title"), style: st)
        b.render(in: area, buffer: &buffer)
        Paragraph(lines, wrap: false, scroll: scroll).render(in: b.inner(area), buffer: &buffer)
    }

    func renderCanvasOverlay(in screen: Rect, buffer: inout CellBuffer) {
        let g = canvasGraph
        switch canvas.overlay {
        case .none: return
        case .message(let title, let lines):
            let width = min(screen.width - 2, max(title.displayWidth + 6, (lines.map(\.displayWidth).max() ?? 0) + 4))
            modal(title, lines: lines.map { TextLine($0) } + ["", TextLine("(any key closes)", style: theme.style("ui.text.dim"))],
                  in: screen, width: width, buffer: &buffer)
        case .view(let title, let lines, let scroll):
            let area = Rect(x: 0, y: 1, width: screen.width, height: max(3, screen.height - 2))
            let st = theme.style("ui.modal")
            buffer.fill(area, with: Cell(symbol: " ", fg: st.fg ?? .default, bg: st.bg ?? .default))
            let b = Block(title: title, borderStyle: theme.style("ui.border.focused"), titleStyle: theme.style("ui.title"), style: st)
            b.render(in: area, buffer: &buffer)
            Paragraph(lines.map { TextLine($0) }, wrap: false, scroll: scroll).render(in: b.inner(area), buffer: &buffer)
        case .candidates(let target, let name, let list, let state):
            let items: [TextLine] = list.map { c in
                let mark = c.fits ? TextSpan("✓ ", style: theme.style("diag.info")) : TextSpan("✗ ", style: theme.style("diag.error"))
                var spans = [mark, TextSpan(c.label, style: theme.style("ui.text"))]
                if let b = c.blocked { spans.append(TextSpan("  " + b, style: theme.style("diag.warning"))) }
                else if let m = c.misfit {
                    // The import is the same for every row: the row starts below it.
                    var short = m
                    if case .import? = short.path.first { short.path.removeFirst() }
                    spans.append(TextSpan("  " + (short.description.split(separator: "\n").first.map(String.init) ?? ""), style: theme.style("diag.error")))
                }
                return TextLine(spans: spans)
            }
            let width = min(screen.width - 2, max(50, (items.map(\.width).max() ?? 0) + 6))
            let detailLines = state.selected.flatMap { $0 < list.count ? list[$0] : nil }.map { c -> [String] in
                if let b = c.blocked { return [b] }
                if let m = c.misfit { return ["does not fit:"] + m.description.split(separator: "\n").map(String.init) }
                return ["fits: enter wires it"]
            } ?? []
            let height = min(screen.height - 2, items.count + detailLines.count + 3)
            let area = screen.centered(width: width, height: height)
            let st = theme.style("ui.modal")
            buffer.fill(area, with: Cell(symbol: " ", fg: st.fg ?? .default, bg: st.bg ?? .default))
            let b = Block(title: "Wire `\(name)` of \(g.displayName(target))", borderStyle: theme.style("ui.border.focused"), titleStyle: theme.style("ui.title"), style: st)
            b.render(in: area, buffer: &buffer)
            let inner = b.inner(area)
            let listHeight = max(1, inner.height - detailLines.count - 1)
            let parts = inner.rows(.fixed(listHeight), .fixed(1), .fill)
            var s = state
            s.scrollIntoView(viewHeight: listHeight)
            ListView(items, selectedStyle: theme.style("ui.selection")).render(in: parts[0], buffer: &buffer, state: s)
            Paragraph(detailLines.map { TextLine($0, style: theme.style("ui.text.dim")) }, wrap: false).render(in: parts[2], buffer: &buffer)
        case .library(let state):
            let items = documents.map { d in TextLine((d.isValid ? "✓ " : "✗ ") + d.name) }
            listModal("Add an instance of", items: items, state: state, in: screen, buffer: &buffer)
        case .plug(let socket, let choices, let state):
            let items = choices.map { TextLine(g.displayName($0)) }
            listModal("Plug into \(g.displayName(socket)) the exports of", items: items, state: state, in: screen, buffer: &buffer)
        case .prompt(let prompt, let input):
            let label: String
            switch prompt {
            case .rename(let id): label = "Rename \(g.displayName(id)) to"
            case .exportName(let id, let port):
                if case .export(let e) = port { label = "Export `\(e)` of \(g.displayName(id)) as" } else { label = "Export \(g.displayName(id)) as" }
            case .writeFile: label = "Write the composite to (tab: dependencies \(canvas.importDependencies ? "imported" : "embedded"))"
            case .writeWac: label = "Save the composition as WAC to"
            }
            let area = screen.centered(width: min(screen.width - 2, max(60, label.displayWidth + 6)), height: 3)
            let st = theme.style("ui.modal")
            buffer.fill(area, with: Cell(symbol: " ", fg: st.fg ?? .default, bg: st.bg ?? .default))
            let b = Block(title: label, borderStyle: theme.style("ui.border.focused"), titleStyle: theme.style("ui.title"), style: st)
            b.render(in: area, buffer: &buffer)
            TextInput(prompt: "> ", placeholder: "", style: theme.style("ui.input"), showsCursor: true)
                .render(in: b.inner(area), buffer: &buffer, state: input)
        }
    }

    func listModal(_ title: String, items: [TextLine], state: ListState, in screen: Rect, buffer: inout CellBuffer) {
        let width = min(screen.width - 2, max(title.displayWidth + 6, (items.map(\.width).max() ?? 0) + 6))
        let area = screen.centered(width: width, height: min(screen.height - 2, items.count + 2))
        let st = theme.style("ui.modal")
        buffer.fill(area, with: Cell(symbol: " ", fg: st.fg ?? .default, bg: st.bg ?? .default))
        let b = Block(title: title, borderStyle: theme.style("ui.border.focused"), titleStyle: theme.style("ui.title"), style: st)
        b.render(in: area, buffer: &buffer)
        var s = state
        s.scrollIntoView(viewHeight: max(1, area.height - 2))
        ListView(items, selectedStyle: theme.style("ui.selection")).render(in: b.inner(area), buffer: &buffer, state: s)
    }
}
