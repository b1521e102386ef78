import PatchbayEngine
import TerminalCore

extension WorkbenchApp {
    public func render(into buffer: inout CellBuffer) {
        var me = self
        me.renderAll(into: &buffer)
    }

    /// Lays out the panes and draws each; records pane rectangles for the mouse.
    mutating func renderAll(into buffer: inout CellBuffer) {
        if showingCanvas { renderCanvasScreen(into: &buffer); return }
        let screen = Rect(x: 0, y: 0, width: buffer.width, height: buffer.height)
        buffer.fill(screen, with: Cell(symbol: " ", fg: theme.style("ui.background").fg ?? .default, bg: theme.style("ui.background").bg ?? .default))
        let outer = screen.rows(.fill, .fixed(1))
        let main = outer[0].rows(.fill, .fixed(min(8, max(3, outer[0].height / 4))))
        let cols = main[0].columns(.fixed(min(28, max(16, main[0].width / 5))), .percent(45), .fill)
        paneRects = [.library: cols[0], .browser: cols[1], .detail: cols[2], .diagnostics: main[1]]
        renderLibrary(in: cols[0], buffer: &buffer)
        renderBrowser(in: cols[1], buffer: &buffer)
        renderDetail(in: cols[2], buffer: &buffer)
        renderDiagnostics(in: main[1], buffer: &buffer)
        renderStatus(in: outer[1], buffer: &buffer)
        if let p = picker { renderPicker(p, in: screen, buffer: &buffer) }
        if showHelp { renderHelp(in: screen, buffer: &buffer) }
    }

    func block(_ title: String, _ pane: Pane) -> Block {
        Block.themed(title, theme: theme, focused: focus == pane)
    }

    func renderLibrary(in area: Rect, buffer: inout CellBuffer) {
        let b = block("Library", .library)
        b.render(in: area, buffer: &buffer)
        let items: [TextLine] = documents.map { d in
            let mark = d.isValid ? TextSpan("✓ ", style: theme.style("diag.info")) : TextSpan("✗ ", style: theme.style("diag.error"))
            return TextLine(spans: [mark, TextSpan(d.name, style: theme.style("ui.text")), TextSpan(" \(sizeText(d.size))", style: theme.style("ui.text.dim"))])
        }
        ListView(items, selectedStyle: theme.style(focus == .library ? "ui.selection" : "ui.selection.unfocused"))
            .render(in: b.inner(area), buffer: &buffer, state: libraryState)
    }

    func renderBrowser(in area: Rect, buffer: inout CellBuffer) {
        let name = selectedIndex.map { documents[$0].name } ?? "no component"
        let b = block("Browser: \(name)", .browser)
        b.render(in: area, buffer: &buffer)
        var inner = b.inner(area)
        if filtering || !filter.text.isEmpty {
            let rows = inner.rows(.fixed(1), .fill)
            TextInput(prompt: "/", placeholder: "filter", style: theme.style("ui.input"), showsCursor: filtering)
                .render(in: rows[0], buffer: &buffer, state: filter)
            inner = rows[1]
        }
        var state = treeState
        state.scrollIntoView(viewHeight: inner.height, roots: visibleRoots)
        TreeView(visibleRoots, style: theme.style("ui.text"),
                 selectedStyle: theme.style(focus == .browser ? "ui.selection" : "ui.selection.unfocused"))
            .render(in: inner, buffer: &buffer, state: state)
    }

    func renderDetail(in area: Rect, buffer: inout CellBuffer) {
        let b = block("Detail", .detail)
        b.render(in: area, buffer: &buffer)
        let lines = DetailText.lines(for: selectedDetail, document: selectedIndex.map { documents[$0] }, theme: theme)
        Paragraph(lines, style: theme.style("ui.text"), wrap: false, scroll: detailScroll).render(in: b.inner(area), buffer: &buffer)
    }

    func renderDiagnostics(in area: Rect, buffer: inout CellBuffer) {
        let b = block("Diagnostics", .diagnostics)
        b.render(in: area, buffer: &buffer)
        let diags = selectedIndex.map { documents[$0].diagnostics } ?? []
        let items = diags.map { d in TextLine(d.text, style: theme.style("diag." + d.severity.rawValue)) }
        ListView(items, selectedStyle: theme.style("ui.selection")).render(in: b.inner(area), buffer: &buffer, state: diagnosticsState)
    }

    func renderStatus(in area: Rect, buffer: inout CellBuffer) {
        let hints = keymap.hints([StandardAction.help, StandardAction.focusNext, StandardAction.filter, WorkbenchActions.open, WorkbenchActions.nextTheme, StandardAction.quit],
                                 registry: registry,
                                 labels: [StandardAction.help: "help", StandardAction.focusNext: "pane", StandardAction.filter: "filter",
                                          WorkbenchActions.open: "open", WorkbenchActions.nextTheme: "theme", StandardAction.quit: "quit"])
        StatusBar(hints: hints, message: status, style: theme.style("ui.statusbar"), keyStyle: theme.style("ui.statusbar.key"))
            .render(in: area, buffer: &buffer)
    }

    func renderPicker(_ p: FilePicker, in screen: Rect, buffer: inout CellBuffer) {
        let area = screen.centered(width: min(60, screen.width - 4), height: min(20, screen.height - 4))
        buffer.fill(area, with: Cell(symbol: " ", fg: theme.style("ui.modal").fg ?? .default, bg: theme.style("ui.modal").bg ?? .default))
        let b = Block(title: "Open: \(p.directory)", borderStyle: theme.style("ui.border.focused"), titleStyle: theme.style("ui.title"), style: theme.style("ui.modal"))
        b.render(in: area, buffer: &buffer)
        let items = p.entries.map { TextLine($0.isDirectory ? $0.name + "/" : $0.name) }
        ListView(items, selectedStyle: theme.style("ui.selection")).render(in: b.inner(area), buffer: &buffer, state: p.state)
    }

    func renderHelp(in screen: Rect, buffer: inout CellBuffer) {
        let lines = HelpText.styledLines(registry: registry, keymap: keymap, headingStyle: theme.style("ui.title"),
                                         keyStyle: theme.style("ui.statusbar.key"), textStyle: theme.style("ui.help"))
        let area = screen.centered(width: min(64, screen.width - 2), height: min(lines.count + 2, screen.height - 2))
        buffer.fill(area, with: Cell(symbol: " ", fg: theme.style("ui.help").fg ?? .default, bg: theme.style("ui.help").bg ?? .default))
        let b = Block(title: "Help (any key closes)", borderStyle: theme.style("ui.border.focused"), titleStyle: theme.style("ui.title"), style: theme.style("ui.help"))
        b.render(in: area, buffer: &buffer)
        Paragraph(lines, wrap: false).render(in: b.inner(area), buffer: &buffer)
    }

    func sizeText(_ n: Int) -> String {
        n >= 1_000_000 ? "\(n / 1_000_000) MB" : n >= 1000 ? "\(n / 1000) KB" : "\(n) B"
    }
}
