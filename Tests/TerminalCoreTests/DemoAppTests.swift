import Testing
import TerminalCore

/// A small app in the shape the workbench will have: a list pane and a
/// detail pane, a `/` filter, a help overlay and a quit dialog, all driven
/// by named actions through the keymap.
struct DemoApp: TerminalApp {
    var items = ["wasi:cli/run", "wasi:io/streams", "wasi:http/handler", "app:calc/eval", "app:log/sink"]
    var list = ListState(selected: 0)
    var filter = TextInputState()
    var filtering = false
    var showHelp = false
    var confirmQuit = false
    var focusedPane = 0
    var size = Size(width: 0, height: 0)
    var lastClick: Position?
    let keymap = Keymap.standard
    let theme = Theme.builtinDefault

    var visible: [String] {
        filter.text.isEmpty ? items : items.filter { $0.contains(filter.text) }
    }

    var listHeight: Int { max(0, size.height - 3) }

    mutating func update(_ event: Event) -> [Command] {
        switch event {
        case .resize(let newSize):
            size = newSize
            list.scrollIntoView(viewHeight: listHeight)
            return []
        case .mouse(let mouse):
            if case .press(.left) = mouse.kind { lastClick = Position(x: mouse.x, y: mouse.y) }
            if case .wheelDown = mouse.kind { list.moveDown(count: visible.count) }
            return []
        case .key(let key):
            return handle(key)
        case .tick, .message:
            return []
        }
    }

    private mutating func handle(_ key: Key) -> [Command] {
        if confirmQuit {
            if key == .char("y") || key == .enter { return [.quit] }
            confirmQuit = false
            return []
        }
        if filtering {
            if key == .enter || key == .esc {
                filtering = false
                if key == .esc { filter.clear() }
            } else if !filter.handle(key) {
                return [.bell]
            }
            list.select(0, count: visible.count)
            return []
        }
        guard let action = keymap.action(for: key) else { return [.bell] }
        switch action {
        case StandardAction.quit: confirmQuit = true
        case StandardAction.help: showHelp.toggle()
        case StandardAction.cancel: showHelp = false
        case StandardAction.filter: filtering = true
        case StandardAction.moveDown: list.moveDown(count: visible.count)
        case StandardAction.moveUp: list.moveUp(count: visible.count)
        case StandardAction.goTop: list.moveToFirst(count: visible.count)
        case StandardAction.goBottom: list.moveToLast(count: visible.count)
        case StandardAction.focusNext, StandardAction.focusPrevious: focusedPane = 1 - focusedPane
        default: break
        }
        list.scrollIntoView(viewHeight: listHeight)
        return []
    }

    func render(into buffer: inout CellBuffer) {
        let rows = buffer.area.rows(.fill, .fixed(1))
        let panes = rows[0].columns(.percent(50), .fill)
        let listBlock = Block(title: "Imports", borderStyle: theme.style(focusedPane == 0 ? ThemeRole.borderFocused : ThemeRole.border), symbols: .ascii)
        listBlock.render(in: panes[0], buffer: &buffer)
        ListView(visible.map { TextLine($0) }, selectedStyle: theme.style(ThemeRole.selection)).render(in: listBlock.inner(panes[0]), buffer: &buffer, state: list)
        let detailBlock = Block(title: "Detail", symbols: .ascii)
        detailBlock.render(in: panes[1], buffer: &buffer)
        let selected = list.selected.flatMap { $0 < visible.count ? visible[$0] : nil } ?? "nothing"
        Paragraph(text: "Selected: \(selected)").render(in: detailBlock.inner(panes[1]), buffer: &buffer)
        if filtering || !filter.text.isEmpty {
            TextInput(prompt: "/", showsCursor: filtering).render(in: rows[1], buffer: &buffer, state: filter)
        } else {
            let hints = keymap.hints([StandardAction.quit, StandardAction.help, StandardAction.filter], registry: .standard, labels: [StandardAction.filter: "filter", StandardAction.help: "help"])
            StatusBar(hints: hints).render(in: rows[1], buffer: &buffer)
        }
        if showHelp {
            let box = buffer.area.inset(by: 1)
            Block(title: "Help", symbols: .ascii).render(in: box, buffer: &buffer)
            Paragraph(HelpText.lines(registry: .standard, keymap: keymap).map { TextLine($0) }).render(in: box.inset(by: 1), buffer: &buffer)
        }
        if confirmQuit {
            Modal(title: "Quit", message: "Really quit?", buttons: ["Yes", "No"]).render(in: buffer.area, buffer: &buffer, selectedButton: 0)
        }
    }
}

@Suite struct DemoAppTests {
    @Test func keyScriptDrivesTheApp() throws {
        var app = DemoApp()
        var backend = TestBackend(width: 40, height: 6, keys: "jj")
        try AppRunner.run(&app, on: &backend)
        #expect(backend.text == """
        + Imports ---------++ Detail ----------+
        |wasi:cli/run      ||Selected:         |
        |wasi:io/streams   ||wasi:http/handler |
        |wasi:http/handler ||                  |
        +------------------++------------------+
         q quit  ? help  / filter
        """)
        #expect(backend.frames.count == 3)
        #expect(backend.restoreCount == 1)
        // After the first full frame only the changed cells are sent.
        #expect(backend.changeCounts[0] == 240)
        #expect(backend.changeCounts[1] < 60)
    }

    @Test func scrollingAndGoBottom() throws {
        var app = DemoApp()
        var backend = TestBackend(width: 40, height: 6, keys: "G")
        try AppRunner.run(&app, on: &backend)
        #expect(backend.screen.lines()[1...3] == ["|wasi:http/handler ||Selected:         |", "|app:calc/eval     ||app:log/sink      |", "|app:log/sink      ||                  |"])
        #expect(app.list.offset == 2)
    }

    @Test func filterShowsCursorAndNarrowsTheList() throws {
        var app = DemoApp()
        var backend = TestBackend(width: 40, height: 6, keys: "/app<enter>j")
        try AppRunner.run(&app, on: &backend)
        let lines = backend.screen.lines()
        #expect(lines[1] == "|app:calc/eval     ||Selected:         |")
        #expect(lines[2] == "|app:log/sink      ||app:log/sink      |")
        #expect(lines[5] == "/app")
        #expect(backend.cursor == nil)
        var typing = DemoApp()
        var typingBackend = TestBackend(width: 40, height: 6, keys: "/ap")
        try AppRunner.run(&typing, on: &typingBackend)
        #expect(typingBackend.cursor == Position(x: 3, y: 5))
    }

    @Test func helpOverlayAndQuitDialog() throws {
        var app = DemoApp()
        var backend = TestBackend(width: 50, height: 12, keys: "?")
        try AppRunner.run(&app, on: &backend)
        let lines = backend.screen.lines()
        #expect(lines[1] == "|+ Help " + String(repeating: "-", count: 40) + "+|")
        #expect(lines[2] == "||General                                       ||")
        #expect(lines[3] == "||  q, ctrl+c     Quit                          ||")
        #expect(lines[4] == "||  ?, f1         Show or hide this help        ||")

        var quitting = DemoApp()
        var quitBackend = TestBackend(width: 40, height: 10, keys: "qnjqy")
        try AppRunner.run(&quitting, on: &quitBackend)
        // `y` in the dialog quits before input runs out; `n` closed the first dialog.
        #expect(quitting.list.selected == 1)
        #expect(quitBackend.frames[1].contains("Really quit?"))
        #expect(!quitBackend.frames[2].contains("Really quit?"))
        #expect(quitBackend.frames.last?.contains("Really quit?") == true)
    }

    @Test func mouseResizeAndBell() throws {
        var app = DemoApp()
        var backend = TestBackend(width: 40, height: 6, events: [
            .mouse(MouseEvent(.press(.left), x: 3, y: 2)),
            .mouse(MouseEvent(.wheelDown, x: 3, y: 2)),
            .key(.char("z")),
            .resize(Size(width: 30, height: 5)),
        ])
        try AppRunner.run(&app, on: &backend)
        #expect(app.lastClick == Position(x: 3, y: 2))
        #expect(app.list.selected == 1)
        #expect(backend.bells == 1)
        #expect(app.size == Size(width: 30, height: 5))
        #expect(backend.screen.width == 30)
        #expect(backend.screen.lines()[0] == "+ Imports ----++ Detail -----+")
        #expect(backend.screen == {
            var expected = CellBuffer(width: 30, height: 5)
            app.render(into: &expected)
            return expected
        }())
    }

    @Test func noColorRendersAttributesOnly() {
        var app = DemoApp()
        _ = app.update(.resize(Size(width: 40, height: 6)))
        var buffer = CellBuffer(width: 40, height: 6)
        var mono = app
        mono = DemoApp()
        _ = mono.update(.resize(Size(width: 40, height: 6)))
        let theme = Theme.builtinDefault.adapted(to: .none)
        ListView(["a", "b"], selectedStyle: theme.style(ThemeRole.selection)).render(in: buffer.area, buffer: &buffer, state: ListState(selected: 1))
        #expect(buffer[0, 1].attributes == .reverse)
        #expect(buffer[0, 1].fg == .default && buffer[0, 1].bg == .default)
    }
}
