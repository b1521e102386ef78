import PatchbayEngine
import TerminalCore

/// Where each pane sits on a screen of a given size. `update` uses the same
/// layout as `render` (mouse hit-testing, scroll limits), so a click lands
/// on the row that was drawn there.
struct WorkbenchLayout {
    var panes: [WorkbenchApp.Pane: Rect]
    var status: Rect
    /// The browser's tree rows (below the filter line when one is shown).
    var browserRows: Rect

    /// Screens narrower than this show the library or the browser (whichever
    /// has the focus; the browser when neither has) beside the detail pane.
    static let narrowWidth = 60

    /// `diagnosticRows(width)` says how many rows the diagnostics take at a
    /// pane width: the pane grows to show them all, up to half the screen,
    /// so an error's offset is not hidden on a small terminal.
    init(screen: Rect, showsFilter: Bool, focus: WorkbenchApp.Pane, diagnosticRows: (Int) -> Int) {
        let outer = screen.rows(.fill, .fixed(1))
        let usual = min(8, max(3, outer[0].height / 4))
        let wanted = min(diagnosticRows(max(0, screen.width - 2)) + 2, outer[0].height / 2)
        let main = outer[0].rows(.fill, .fixed(max(usual, wanted)))
        var browser: Rect
        if screen.width < WorkbenchLayout.narrowWidth {
            let cols = main[0].columns(.percent(50), .fill)
            browser = cols[0]
            panes = [focus == .library ? .library : .browser: cols[0], .detail: cols[1], .diagnostics: main[1]]
        } else {
            let cols = main[0].columns(.fixed(min(28, max(16, main[0].width / 5))), .percent(35), .fill)
            browser = cols[1]
            panes = [.library: cols[0], .browser: cols[1], .detail: cols[2], .diagnostics: main[1]]
        }
        status = outer[1]
        let inner = WorkbenchLayout.inner(browser)
        browserRows = showsFilter ? inner.rows(.fixed(1), .fill)[1] : inner
    }

    /// The inside of a bordered pane.
    static func inner(_ r: Rect) -> Rect { Block(title: nil).inner(r) }

    func inner(_ pane: WorkbenchApp.Pane) -> Rect { panes[pane].map(WorkbenchLayout.inner) ?? Rect(x: 0, y: 0, width: 0, height: 0) }
}

extension WorkbenchApp {
    var showsFilter: Bool { filtering || !filter.text.isEmpty }

    func layout(width: Int, height: Int) -> WorkbenchLayout {
        WorkbenchLayout(screen: Rect(x: 0, y: 0, width: width, height: height), showsFilter: showsFilter, focus: focus,
                        diagnosticRows: { diagnosticRows(width: $0).count })
    }

    /// The layout for the terminal size the app was last told about.
    var currentLayout: WorkbenchLayout { layout(width: size.width, height: size.height) }

    public func render(into buffer: inout CellBuffer) {
        if tour != nil { renderTour(into: &buffer); return }
        if showingCanvas {
            renderCanvasScreen(into: &buffer)
            if let p = callPanel { renderCallPanel(p, buffer: &buffer) }
            return
        }
        let screen = Rect(x: 0, y: 0, width: buffer.width, height: buffer.height)
        let bg = theme.style("ui.background")
        buffer.fill(screen, with: Cell(symbol: " ", fg: bg.fg ?? .default, bg: bg.bg ?? .default))
        let l = layout(width: buffer.width, height: buffer.height)
        if let r = l.panes[.library] { renderLibrary(in: r, buffer: &buffer) }
        if let r = l.panes[.browser] { renderBrowser(in: r, rows: l.browserRows, buffer: &buffer) }
        if let r = l.panes[.detail] { renderDetail(in: r, buffer: &buffer) }
        if let r = l.panes[.diagnostics] { renderDiagnostics(in: r, buffer: &buffer) }
        renderStatus(in: l.status, buffer: &buffer)
        if let p = picker { renderPicker(p, in: screen, buffer: &buffer) }
        if showHelp { renderHelp(in: screen, buffer: &buffer) }
        if let p = linkPanel { renderLinkPanel(p, buffer: &buffer) }
        if let s = savePrompt { renderSavePrompt(s, buffer: &buffer) }
        if let p = callPanel { renderCallPanel(p, buffer: &buffer) }
        if let m = message { renderMessage(m, buffer: &buffer) }
    }

    func block(_ title: String, _ pane: Pane) -> Block {
        Block.themed(title, theme: theme, focused: focus == pane)
    }

    func renderLibrary(in area: Rect, buffer: inout CellBuffer) {
        let b = block("Library", .library)
        b.render(in: area, buffer: &buffer)
        let width = b.inner(area).width
        let items: [TextLine] = documents.map { d in
            let mark = d.isValid ? TextSpan("✓ ", style: theme.style("diag.info")) : TextSpan("✗ ", style: theme.style("diag.error"))
            // The size goes right-aligned when the whole name fits beside it; otherwise the name wins.
            let size = sizeText(d.size)
            let room = width - 2 - size.displayWidth - 1
            if d.name.displayWidth <= room {
                return TextLine(spans: [mark, TextSpan(d.name.padded(toColumns: room) + " ", style: theme.style("ui.text")), TextSpan(size, style: theme.style("ui.text.dim"))])
            }
            return TextLine(spans: [mark, TextSpan(Self.fit(d.name, columns: width - 2), style: theme.style("ui.text"))])
        }
        ListView(items, selectedStyle: theme.style(focus == .library ? "ui.selection" : "ui.selection.unfocused"))
            .render(in: b.inner(area), buffer: &buffer, state: libraryState)
    }

    /// `text` cut to `columns` with a trailing `…` when it does not fit.
    static func fit(_ text: String, columns: Int) -> String {
        guard columns > 0 else { return "" }
        if text.displayWidth <= columns { return text }
        return text.prefix(columns: columns - 1) + "…"
    }

    func renderBrowser(in area: Rect, rows: Rect, buffer: inout CellBuffer) {
        let name = selectedIndex.map { documents[$0].name } ?? "no component"
        let b = block("Browser: \(name)", .browser)
        b.render(in: area, buffer: &buffer)
        if showsFilter {
            let line = Rect(x: rows.x, y: rows.y - 1, width: rows.width, height: 1)
            TextInput(prompt: "/", placeholder: "filter", style: theme.style("ui.input"), showsCursor: filtering)
                .render(in: line, buffer: &buffer, state: filter)
        }
        let roots = visibleRoots
        if roots.isEmpty {
            let message = selectedIndex == nil ? "" : (filter.text.isEmpty ? "nothing to browse" : "no match for “\(filter.text)”")
            Paragraph([TextLine(message, style: theme.style("ui.text.dim"))]).render(in: rows, buffer: &buffer)
            return
        }
        TreeView(roots, style: theme.style("ui.text"),
                 selectedStyle: theme.style(focus == .browser ? "ui.selection" : "ui.selection.unfocused"))
            .render(in: rows, buffer: &buffer, state: treeState)
    }

    func detailLines(width: Int) -> [TextLine] {
        DetailText.lines(for: selectedDetail, document: selectedIndex.map { documents[$0] }, theme: theme, width: width)
    }

    func renderDetail(in area: Rect, buffer: inout CellBuffer) {
        let b = block("Detail", .detail)
        b.render(in: area, buffer: &buffer)
        let inner = b.inner(area)
        var p = Paragraph(detailLines(width: inner.width), style: theme.style("ui.text"), wrap: false, scroll: detailScroll)
        p.hscroll = detailHScroll
        p.overflowStyle = theme.style("ui.text.dim")
        p.render(in: inner, buffer: &buffer)
    }

    /// The diagnostics as screen rows: each message word-wrapped to `width`
    /// with continuation rows indented, so its offset at the end is never cut off.
    func diagnosticRows(width: Int) -> [(index: Int, line: TextLine)] {
        let diags = selectedIndex.map { documents[$0].diagnostics } ?? []
        var rows: [(index: Int, line: TextLine)] = []
        for (i, d) in diags.enumerated() {
            let style = theme.style("diag." + d.severity.rawValue)
            let first = width > 2 ? WordWrap.wrap(TextLine(d.text, style: style), width: width) : [TextLine(d.text, style: style)]
            guard first.count > 1 else { rows += first.map { (i, $0) }; continue }
            // Re-wrap what follows the first row two columns narrower, under a hanging indent.
            let head = first[0]
            let rest = String(d.text.dropFirst(head.plainText.count)).drop { $0 == " " }
            rows.append((i, head))
            rows += WordWrap.wrap(TextLine(String(rest), style: style), width: width - 2).map { (i, TextLine(spans: [TextSpan("  ")] + $0.spans)) }
        }
        return rows
    }

    func renderDiagnostics(in area: Rect, buffer: inout CellBuffer) {
        let b = block("Diagnostics", .diagnostics)
        b.render(in: area, buffer: &buffer)
        let inner = b.inner(area)
        let rows = diagnosticRows(width: inner.width)
        let selectedStyle = theme.style(focus == .diagnostics ? "ui.selection" : "ui.selection.unfocused")
        for (line, row) in rows.dropFirst(diagnosticsRowOffset).prefix(inner.height).enumerated() {
            let r = inner.row(line)
            let selected = row.index == diagnosticsState.selected
            if selected { buffer.setStyle(selectedStyle, in: r) }
            buffer.write(selected ? row.line.selected(selectedStyle) : row.line, x: r.x, y: r.y, clip: r)
        }
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
        let b = Block(title: "Open: \(DisplayPath.relative(p.directory, to: pathBase))", borderStyle: theme.style("ui.border.focused"), titleStyle: theme.style("ui.title"), style: theme.style("ui.modal"))
        b.render(in: area, buffer: &buffer)
        let items = p.entries.map { TextLine($0.isDirectory ? $0.name + "/" : $0.name) }
        ListView(items, selectedStyle: theme.style("ui.selection")).render(in: b.inner(area), buffer: &buffer, state: p.state)
    }

    /// The help overlay's lines (from the action table) wrapped to the overlay, and its area.
    func helpLayout(screen: Rect) -> (lines: [TextLine], area: Rect) {
        let styled = HelpText.styledLines(registry: registry, keymap: keymap, headingStyle: theme.style("ui.title"),
                                          keyStyle: theme.style("ui.statusbar.key"), textStyle: theme.style("ui.help"))
        let width = min(64, screen.width - 2)
        let avail = max(1, width - 2)
        // Rows are `  keys  description`: a description too long wraps under itself, not under the keys.
        let lines = styled.flatMap { line -> [TextLine] in
            guard line.width > avail, line.spans.count == 3 else { return Paragraph([line]).displayLines(width: avail) }
            let prefix = TextLine(spans: Array(line.spans.prefix(2)))
            let indent = prefix.width + 2
            guard avail - indent >= 10, var desc = line.spans.last else { return Paragraph([line]).displayLines(width: avail) }
            desc.text = String(desc.text.drop { $0 == " " })
            let parts = WordWrap.wrap(TextLine(spans: [desc]), width: avail - indent)
            return parts.enumerated().map { i, part in
                TextLine(spans: (i == 0 ? prefix.spans + [TextSpan("  ")] : [TextSpan(String(repeating: " ", count: indent))]) + part.spans)
            }
        }
        return (lines, screen.centered(width: width, height: min(lines.count + 2, screen.height - 2)))
    }

    func renderHelp(in screen: Rect, buffer: inout CellBuffer) {
        let (lines, area) = helpLayout(screen: screen)
        buffer.fill(area, with: Cell(symbol: " ", fg: theme.style("ui.help").fg ?? .default, bg: theme.style("ui.help").bg ?? .default))
        let fits = lines.count <= area.height - 2
        let b = Block(title: fits ? "Help (any key closes)" : "Help (j/k scroll, other keys close)", borderStyle: theme.style("ui.border.focused"),
                      titleStyle: theme.style("ui.title"), style: theme.style("ui.help"))
        b.render(in: area, buffer: &buffer)
        Paragraph(lines, wrap: false, scroll: helpScroll).render(in: b.inner(area), buffer: &buffer)
    }

    func sizeText(_ n: Int) -> String {
        n >= 1_000_000 ? "\(n / 1_000_000) MB" : n >= 1000 ? "\(n / 1000) KB" : "\(n) B"
    }
}
