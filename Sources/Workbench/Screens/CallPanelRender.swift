import TerminalCore

/// Drawing the call panel: a window over the screen with the function and
/// its type, the argument prompt, then the result and the trace, wrapped
/// to the window and scrolled with the arrow and page keys.
extension WorkbenchApp {
    var callPanelArea: Rect {
        let screen = Rect(x: 0, y: 0, width: size.width, height: size.height)
        return screen.centered(width: max(1, screen.width - 2), height: max(1, screen.height - 2))
    }

    /// Rows left for the output, under the function line, the prompt and a rule.
    var callPanelOutputHeight: Int { max(1, Block(title: nil).inner(callPanelArea).height - 3) }

    func callPanelStyle(_ kind: CallPanel.Kind) -> Style {
        switch kind {
        case .heading: return theme.style("ui.title")
        case .result: return theme.style("diag.info")
        case .error: return theme.style("diag.error")
        case .trace: return theme.style("ui.text")
        case .note: return theme.style("ui.text.dim")
        }
    }

    /// The output as screen rows at the panel's width (long trace lines wrap).
    func callPanelOutputLines(_ p: CallPanel) -> [TextLine] {
        let width = max(1, Block(title: nil).inner(callPanelArea).width)
        return Paragraph(p.output.map { TextLine($0.text, style: callPanelStyle($0.kind)) }).displayLines(width: width)
    }

    func renderCallPanel(_ p: CallPanel, buffer: inout CellBuffer) {
        let area = callPanelArea
        let st = theme.style("ui.modal")
        buffer.fill(area, with: Cell(symbol: " ", fg: st.fg ?? .default, bg: st.bg ?? .default))
        let b = Block(title: "Call: \(p.source) (enter call, tab function, ↑↓ scroll, esc close)",
                      borderStyle: theme.style("ui.border.focused"), titleStyle: theme.style("ui.title"), style: st)
        b.render(in: area, buffer: &buffer)
        let inner = b.inner(area)
        guard inner.height > 0, inner.width > 0 else { return }
        var head = TextLine(spans: [TextSpan(p.function ?? "no function", style: theme.style("wit.name"))])
        if !p.signature.isEmpty { head.spans.append(TextSpan(": " + p.signature, style: theme.style("wit.type"))) }
        if p.functions.count > 1 { head.spans.append(TextSpan("  (\(p.chosen + 1) of \(p.functions.count))", style: theme.style("ui.text.dim"))) }
        buffer.write(head, x: inner.x, y: inner.y, clip: inner.row(0))
        if inner.height > 1 {
            TextInput(prompt: "args> ", placeholder: "WAVE arguments, comma-separated", style: theme.style("ui.input"), showsCursor: true)
                .render(in: inner.row(1), buffer: &buffer, state: p.input)
        }
        if inner.height > 2 {
            buffer.write(TextLine(String(repeating: "─", count: inner.width), style: theme.style("ui.border")), x: inner.x, y: inner.y + 2, clip: inner.row(2))
        }
        guard inner.height > 3 else { return }
        let out = Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: inner.height - 3)
        Paragraph(callPanelOutputLines(p), wrap: false, scroll: p.scroll).render(in: out, buffer: &buffer)
    }
}
