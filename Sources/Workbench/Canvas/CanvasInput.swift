#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine
import TerminalCore

/// Keys and mouse on the canvas: overlays first (a list, a prompt, a
/// message), then moving a box, then the canvas's action table.
extension WorkbenchApp {
    /// The canvas's window onto the composition (below the title row,
    /// above the detail line and the status bar).
    var canvasViewport: Rect {
        Rect(x: 0, y: 1, width: size.width, height: max(1, size.height - 3))
    }

    mutating func enterCanvas() {
        showingCanvas = true
        fixSelection()
        if canvasGraph.liveNodes.isEmpty { status = "empty composition: press a to add an instance of a library component" }
    }

    mutating func handleCanvas(_ key: Key) -> [Command] {
        if canvas.showHelp { canvas.showHelp = false; return [] }
        switch canvas.overlay {
        case .none: break
        default: return handleCanvasOverlay(key)
        }
        let action = canvasKeymap.action(for: key)
        if canvas.moving {
            switch action {
            case StandardAction.moveLeft: moveBox(dx: -2, dy: 0)
            case StandardAction.moveRight: moveBox(dx: 2, dy: 0)
            case StandardAction.moveUp: moveBox(dx: 0, dy: -1)
            case StandardAction.moveDown: moveBox(dx: 0, dy: 1)
            case StandardAction.quit: return [.quit]
            default:
                canvas.moving = false
                status = "box placed"
                saveCanvasSession()
            }
            return []
        }
        guard let action else { return [] }
        return performCanvas(action)
    }

    /// Carries out a canvas action: the one path for keys, mouse and tests.
    public mutating func performCanvas(_ action: String) -> [Command] {
        switch action {
        case StandardAction.quit: return [.quit]
        case StandardAction.help: canvas.showHelp = true
        // Esc only closes things on the canvas (people press it repeatedly); `c` leaves.
        case StandardAction.cancel: canvas.moving = false
        case CanvasActions.toggle: showingCanvas = false
        case StandardAction.moveDown: stepPort(1)
        case StandardAction.moveUp: stepPort(-1)
        case StandardAction.moveLeft: stepLayer(-1)
        case StandardAction.moveRight: stepLayer(1)
        case CanvasActions.nextBox: stepBox(1)
        case CanvasActions.previousBox: stepBox(-1)
        case CanvasActions.scrollLeft: canvas.scrollX = max(0, canvas.scrollX - 8)
        case CanvasActions.scrollRight: canvas.scrollX += 8
        case CanvasActions.scrollUp: canvas.scrollY = max(0, canvas.scrollY - 4)
        case CanvasActions.scrollDown: canvas.scrollY += 4
        case StandardAction.confirm:
            switch canvas.selection?.port {
            case .import?: openCandidates()
            case .export?: startExportPrompt()
            case .header?: toggleFold()
            case nil: break
            }
        case CanvasActions.wire: openCandidates()
        case CanvasActions.unwire: canvasUnwire()
        case CanvasActions.remove: canvasRemove()
        case CanvasActions.rename:
            if let sel = canvas.selection {
                canvas.overlay = .prompt(.rename(sel.node), TextInputState(text: (try? canvasGraph.node(sel.node))?.name ?? ""))
            }
        case CanvasActions.export: startExportPrompt()
        case CanvasActions.add:
            if documents.isEmpty { status = "the library is empty: open a component with o in the browser" }
            else { canvas.overlay = .library(state: ListState(selected: 0)) }
        case CanvasActions.plug:
            guard let sel = canvas.selection, case .instantiation? = (try? canvasGraph.node(sel.node))?.kind else {
                status = "select the instance to plug into (the socket)"
                break
            }
            let choices = canvasLayout.walkOrder.map(\.node).filter { id in
                guard id != sel.node, case .instantiation? = (try? canvasGraph.node(id))?.kind else { return false }
                return true
            }
            if choices.isEmpty { status = "no other instance to plug from: add one with a" }
            else { canvas.overlay = .plug(socket: sel.node, choices: choices, state: ListState(selected: 0)) }
        case CanvasActions.undo: canvasUndo()
        case CanvasActions.redo: canvasRedo()
        case CanvasActions.fold: toggleFold()
        case CanvasActions.move:
            if canvas.selection != nil { canvas.moving = true; status = "moving the box: movement keys move it, any other key places it" }
        case CanvasActions.write:
            canvas.overlay = .prompt(.writeFile, TextInputState(text: canvas.lastOutput))
        case CanvasActions.view: showCompositeView()
        case CanvasActions.call: openCallPanelFromCanvas()
        case CanvasActions.saveWac:
            canvas.overlay = .prompt(.writeWac, TextInputState(text: canvas.lastWac))
        default: break
        }
        canvasScrollIntoView()
        return []
    }

    /// The canvas's keys, following the workbench's (user-adjusted) keymap.
    var canvasKeymap: Keymap { CanvasActions.keymap(over: keymap) }

    mutating func handleCanvasOverlay(_ key: Key) -> [Command] {
        let action = canvasKeymap.action(for: key)
        switch canvas.overlay {
        case .none: return []
        case .message:
            canvas.overlay = .none
        case .view(let title, let lines, let scroll):
            switch action {
            case StandardAction.moveDown: canvas.overlay = .view(title: title, lines: lines, scroll: min(scroll + 1, max(0, lines.count - 1)))
            case StandardAction.moveUp: canvas.overlay = .view(title: title, lines: lines, scroll: max(0, scroll - 1))
            case CanvasActions.scrollDown: canvas.overlay = .view(title: title, lines: lines, scroll: min(scroll + 10, max(0, lines.count - 1)))
            case CanvasActions.scrollUp: canvas.overlay = .view(title: title, lines: lines, scroll: max(0, scroll - 10))
            default: canvas.overlay = .none
            }
        case .candidates(let target, let name, let list, var state):
            switch action {
            case StandardAction.moveDown: state.moveDown(count: list.count)
            case StandardAction.moveUp: state.moveUp(count: list.count)
            case StandardAction.confirm, CanvasActions.wire:
                if let i = state.selected, i < list.count { choose(list[i], target: target, importName: name); return [] }
            case StandardAction.quit, StandardAction.cancel:
                canvas.overlay = .none
                return []
            default: break
            }
            canvas.overlay = .candidates(target: target, importName: name, list: list, state: state)
        case .library(var state):
            switch action {
            case StandardAction.moveDown: state.moveDown(count: documents.count)
            case StandardAction.moveUp: state.moveUp(count: documents.count)
            case StandardAction.confirm:
                canvas.overlay = .none
                if let i = state.selected { addInstance(document: i) }
                return []
            case StandardAction.quit, StandardAction.cancel:
                canvas.overlay = .none
                return []
            default: break
            }
            canvas.overlay = .library(state: state)
        case .plug(let socket, let choices, var state):
            switch action {
            case StandardAction.moveDown: state.moveDown(count: choices.count)
            case StandardAction.moveUp: state.moveUp(count: choices.count)
            case StandardAction.confirm:
                if let i = state.selected, i < choices.count { plug(socket: socket, plug: choices[i]) }
                return []
            case StandardAction.quit, StandardAction.cancel:
                canvas.overlay = .none
                return []
            default: break
            }
            canvas.overlay = .plug(socket: socket, choices: choices, state: state)
        case .prompt(let prompt, var input):
            switch key {
            case .enter:
                canvas.overlay = .none
                finishPrompt(prompt, input.text)
                return []
            case .esc:
                canvas.overlay = .none
                return []
            case .tab:
                if case .writeFile = prompt { canvas.importDependencies.toggle() }
            default:
                _ = input.handle(key)
            }
            canvas.overlay = .prompt(prompt, input)
        }
        return []
    }

    mutating func finishPrompt(_ prompt: CanvasModel.Prompt, _ text: String) {
        let value = text.trimmingBlanks()
        switch prompt {
        case .rename(let id):
            let old = canvasGraph.displayName(id)
            if let e = commit([.rename(node: id.raw, name: value.isEmpty ? nil : value)], summary: "renamed \(old) to \(value.isEmpty ? "(no name)" : value)") {
                refuse("Cannot rename \(old)", e)
            }
        case .exportName(let id, let port):
            guard !value.isEmpty else { status = "no export name given: nothing exported"; return }
            exportSelected(id, port, as: value)
        case .writeFile:
            guard !value.isEmpty else { status = "no file name given: nothing written"; return }
            writeComposite(to: value)
        case .writeWac:
            guard !value.isEmpty else { status = "no file name given: nothing written"; return }
            saveWac(to: value)
        }
    }

    mutating func startExportPrompt() {
        guard let sel = canvas.selection else { return }
        let base: String
        switch sel.port {
        case .export(let e): base = e
        case .header: base = Self.kebab(canvasGraph.displayName(sel.node))
        case .import:
            status = "select an export port (right side of a box) or a box to export it"
            return
        }
        canvas.overlay = .prompt(.exportName(sel.node, sel.port), TextInputState(text: freeExportName(base)))
    }

    mutating func toggleFold() {
        guard let sel = canvas.selection else { return }
        if canvas.folded.contains(sel.node.raw) { canvas.folded.remove(sel.node.raw) } else { canvas.folded.insert(sel.node.raw) }
        canvas.selection?.port = .header
        saveCanvasSession()
    }

    // MARK: selection

    /// Keeps the selection on something that exists (after undo, removal).
    mutating func fixSelection() {
        let layout = canvasLayout
        if let sel = canvas.selection, let box = layout.box(sel.node) {
            if !box.ports.contains(sel.port) { canvas.selection?.port = .header }
            return
        }
        canvas.selection = layout.walkOrder.first.map { .init(node: $0.node, port: .header) }
    }

    mutating func stepPort(_ d: Int) {
        let layout = canvasLayout
        guard let sel = canvas.selection, let box = layout.box(sel.node) else { fixSelection(); return }
        let ports = box.ports
        let i = ports.firstIndex(of: sel.port) ?? 0
        canvas.selection?.port = ports[max(0, min(ports.count - 1, i + d))]
    }

    mutating func stepBox(_ d: Int) {
        let order = canvasLayout.walkOrder
        guard !order.isEmpty else { return }
        let i = canvas.selection.flatMap { s in order.firstIndex { $0.node == s.node } } ?? -d
        let j = ((i + d) % order.count + order.count) % order.count
        canvas.selection = .init(node: order[j].node, port: .header)
    }

    /// Selects the nearest box to the left or right of the selected one.
    mutating func stepLayer(_ d: Int) {
        let layout = canvasLayout
        guard let sel = canvas.selection, let box = layout.box(sel.node) else { fixSelection(); return }
        let row = box.row(of: sel.port)
        let others = layout.boxes.filter { d < 0 ? $0.rect.x < box.rect.x : $0.rect.x > box.rect.x }
        guard let best = others.min(by: { a, b in
            (abs(a.rect.x - box.rect.x), abs(a.rect.y + a.rect.height / 2 - row)) < (abs(b.rect.x - box.rect.x), abs(b.rect.y + b.rect.height / 2 - row))
        }) else { return }
        canvas.selection = .init(node: best.node, port: .header)
    }

    mutating func moveBox(dx: Int, dy: Int) {
        guard let sel = canvas.selection, let box = canvasLayout.box(sel.node) else { return }
        canvas.positions[sel.node.raw] = Position(x: max(0, box.rect.x + dx), y: max(0, box.rect.y + dy))
        canvasScrollIntoView()
        // Saved at each step: a terminal closed mid-move keeps the place.
        saveCanvasSession()
    }

    /// Scrolls so the selected port is on screen.
    mutating func canvasScrollIntoView() {
        guard let sel = canvas.selection, let box = canvasLayout.box(sel.node) else { return }
        let vp = canvasViewport
        let y = box.row(of: sel.port)
        if y < canvas.scrollY { canvas.scrollY = y }
        if y >= canvas.scrollY + vp.height { canvas.scrollY = y - vp.height + 1 }
        if box.rect.x < canvas.scrollX { canvas.scrollX = max(0, box.rect.x - 2) }
        if box.rect.maxX > canvas.scrollX + vp.width { canvas.scrollX = max(0, min(box.rect.x - 2, box.rect.maxX - vp.width + 2)) }
    }

    mutating func handleCanvasMouse(_ m: MouseEvent) {
        switch m.kind {
        case .wheelUp: canvas.scrollY = max(0, canvas.scrollY - 3)
        case .wheelDown: canvas.scrollY += 3
        case .release: return
        case .press:
            guard case .none = canvas.overlay else { return }
            let vp = canvasViewport
            guard vp.contains(x: m.x, y: m.y) else { return }
            let cx = m.x - vp.x + canvas.scrollX, cy = m.y - vp.y + canvas.scrollY
            for box in canvasLayout.boxes {
                guard let port = box.port(atX: cx, y: cy) else { continue }
                let again = canvas.selection == .init(node: box.node, port: port)
                canvas.selection = .init(node: box.node, port: port)
                // A second click on an import opens its candidates.
                if again, case .import = port { openCandidates() }
                return
            }
        }
    }

    /// Restores the saved session (if any) and opens its components in the
    /// library, so the canvas continues where the last run stopped.
    public mutating func attachSession(_ store: SessionStore) {
        canvas.store = store
        let loaded: SessionStore.Loaded?
        do { loaded = try store.load() } catch {
            status = "the session \(store.path) could not be restored: \(error.message)"
            return
        }
        guard let loaded else { return }
        canvas.adopt(loaded)
        for p in canvasGraph.packages {
            if let path = p.path, !documents.contains(where: { $0.path == path }) { add(ComponentDocument.load(path: path)) }
        }
        let n = CanvasLayout.boxNodes(canvasGraph).count
        status = "restored the session: \(n) boxes, \(loaded.session.edits.count) edits" +
            (loaded.skipped.isEmpty ? "" : "; \(loaded.skipped.count) edits no longer apply: " + loaded.skipped.joined(separator: "; "))
    }
}
