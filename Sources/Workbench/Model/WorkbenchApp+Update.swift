import Foundation
import TerminalCore

extension WorkbenchApp {
    public mutating func update(_ event: Event) -> [Command] {
        switch event {
        case .resize(let s):
            size = s
            return []
        case .key(let key):
            return handle(key)
        case .mouse(let m):
            if showingCanvas { handleCanvasMouse(m); return [] }
            handleMouse(m)
            return []
        case .tick, .message:
            return []
        }
    }

    mutating func handle(_ key: Key) -> [Command] {
        if showingCanvas { return handleCanvas(key) }
        if showHelp {
            showHelp = false
            return []
        }
        if picker != nil { return handlePicker(key) }
        if filtering {
            switch key {
            case .enter: filtering = false
            case .esc: filtering = false; filter.clear()
            default: _ = filter.handle(key)
            }
            // Matches may sit deep in folded instances: unfold what the filter keeps.
            if !filter.text.isEmpty {
                func ids(_ n: TreeNode) -> [String] { [n.id] + n.children.flatMap(ids) }
                treeState.expanded.formUnion(visibleRoots.flatMap(ids))
            }
            treeState.moveToFirst(roots: visibleRoots)
            return []
        }
        guard let action = keymap.action(for: key) else { return [] }
        return perform(action)
    }

    /// Carries out a named action: the one path for keys, mouse and tests.
    public mutating func perform(_ action: String) -> [Command] {
        switch action {
        case StandardAction.quit:
            return [.quit]
        case StandardAction.help:
            showHelp = true
        case StandardAction.filter:
            focus = .browser
            filtering = true
        case StandardAction.cancel:
            filter.clear()
        case StandardAction.focusNext:
            focus = Pane(rawValue: (focus.rawValue + 1) % Pane.allCases.count) ?? .library
        case StandardAction.focusPrevious:
            focus = Pane(rawValue: (focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count) ?? .library
        case StandardAction.moveDown: move(1)
        case StandardAction.moveUp: move(-1)
        case StandardAction.pageDown: move(10)
        case StandardAction.pageUp: move(-10)
        case StandardAction.goTop: move(Int.min / 2)
        case StandardAction.goBottom: move(Int.max / 2)
        case StandardAction.moveLeft:
            if focus == .browser { treeState.collapseOrSelectParent(roots: visibleRoots) }
        case StandardAction.moveRight:
            if focus == .browser { treeState.expandOrSelectChild(roots: visibleRoots) }
            if focus == .library { focus = .browser }
        case StandardAction.confirm:
            if focus == .browser { treeState.toggleSelected(roots: visibleRoots) }
            if focus == .library { focus = .browser }
        case WorkbenchActions.open:
            let start = documents.last.map { ($0.path as NSString).deletingLastPathComponent } ?? FileManager.default.currentDirectoryPath
            picker = FilePicker(directory: start.isEmpty ? "." : start)
        case WorkbenchActions.reload:
            if let i = selectedIndex {
                let doc = ComponentDocument.load(path: documents[i].path)
                documents[i] = doc
                trees[i] = BrowserTree(doc, theme: theme)
                status = "reloaded \(doc.name)"
            }
        case CanvasActions.toggle:
            enterCanvas()
        case WorkbenchActions.nextTheme:
            if let i = themes.firstIndex(where: { $0.name == theme.name }) {
                theme = themes[(i + 1) % themes.count]
            } else if let first = themes.first {
                theme = first
            }
            trees = documents.map { BrowserTree($0, theme: theme) }
            status = "theme: \(theme.name)"
        default:
            break
        }
        return []
    }

    mutating func move(_ step: Int) {
        switch focus {
        case .library:
            let before = libraryState.selected
            if step > 0 { libraryState.moveDown(by: min(step, max(documents.count, 1)), count: documents.count) }
            else { libraryState.moveUp(by: min(-step, max(documents.count, 1)), count: documents.count) }
            if libraryState.selected != before {
                treeState = WorkbenchApp.initialTreeState
                treeState.moveToFirst(roots: visibleRoots)
                detailScroll = 0
            }
        case .browser:
            let roots = visibleRoots
            if treeState.selectedID == nil { treeState.moveToFirst(roots: roots) }
            else if step > 0 { treeState.moveDown(by: min(step, 100_000), roots: roots) }
            else { treeState.moveUp(by: min(-step, 100_000), roots: roots) }
            detailScroll = 0
        case .detail:
            detailScroll = max(0, detailScroll + max(-1000, min(step, 1000)))
        case .diagnostics:
            let n = selectedIndex.map { documents[$0].diagnostics.count } ?? 0
            if step > 0 { diagnosticsState.moveDown(by: min(step, max(n, 1)), count: n) }
            else { diagnosticsState.moveUp(by: min(-step, max(n, 1)), count: n) }
        }
    }

    mutating func handlePicker(_ key: Key) -> [Command] {
        guard var p = picker else { return [] }
        switch keymap.action(for: key) {
        case StandardAction.moveDown: p.state.moveDown(count: p.entries.count)
        case StandardAction.moveUp: p.state.moveUp(count: p.entries.count)
        case StandardAction.confirm:
            if let path = p.choose() {
                add(ComponentDocument.load(path: path))
                libraryState.select(documents.count - 1, count: documents.count)
                treeState = WorkbenchApp.initialTreeState
                status = "opened \(path)"
                picker = nil
                return []
            }
        case StandardAction.cancel, StandardAction.quit:
            picker = nil
            return []
        default: break
        }
        picker = p
        return []
    }

    mutating func handleMouse(_ m: MouseEvent) {
        guard let pane = paneRects.first(where: { $0.value.contains(x: m.x, y: m.y) })?.key else { return }
        switch m.kind {
        case .wheelUp:
            focus = pane; move(-3)
        case .wheelDown:
            focus = pane; move(3)
        case .release:
            return
        case .press:
            focus = pane
            guard let r = paneRects[pane] else { return }
            let row = m.y - r.y - 1
            switch pane {
            case .library:
                if row >= 0 && row < documents.count {
                    libraryState.select(row + libraryState.offset, count: documents.count)
                    treeState = WorkbenchApp.initialTreeState
                }
            case .browser:
                let rows = treeState.visibleRows(visibleRoots)
                let i = row + treeState.offset
                if row >= 0 && i < rows.count { treeState.selectedID = rows[i].id }
            default: break
            }
        }
    }
}
