#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine
import TerminalCore

extension WorkbenchApp {
    public mutating func update(_ event: Event) -> [Command] {
        var commands: [Command] = []
        switch event {
        case .resize(let s):
            size = s
        case .key(let key):
            commands = handle(key)
        case .mouse(let m):
            if callPanel != nil || linkPanel != nil || savePrompt != nil { return [] }
            if message != nil { if case .press = m.kind { message = nil }; return [] }
            if showingCanvas { handleCanvasMouse(m); return [] }
            handleMouse(m)
        case .tick, .message:
            return []
        }
        syncScroll()
        return commands
    }

    /// Keeps each list's scroll offset following its selection for the
    /// current pane sizes, so the offset moves only when it must (the
    /// selection does not stick to the bottom row while scrolling back up).
    mutating func syncScroll() {
        let l = currentLayout
        libraryState.scrollIntoView(viewHeight: l.inner(.library).height)
        let diag = l.inner(.diagnostics)
        let rows = diagnosticRows(width: diag.width)
        if let first = rows.firstIndex(where: { $0.index == diagnosticsState.selected }),
           let last = rows.lastIndex(where: { $0.index == diagnosticsState.selected }) {
            if last >= diagnosticsRowOffset + diag.height { diagnosticsRowOffset = last - diag.height + 1 }
            if first < diagnosticsRowOffset { diagnosticsRowOffset = first }
        }
        diagnosticsRowOffset = max(0, min(diagnosticsRowOffset, rows.count - diag.height))
        treeState.scrollIntoView(viewHeight: l.browserRows.height, roots: visibleRoots)
    }

    mutating func handle(_ key: Key) -> [Command] {
        if message != nil { message = nil; return [] }
        if callPanel != nil { return handleCallPanel(key) }
        if savePrompt != nil { return handleSavePrompt(key) }
        if linkPanel != nil { return handleLinkPanel(key) }
        if tour != nil { return handleTour(key) }
        if showingCanvas { return handleCanvas(key) }
        if showHelp {
            // Moving keys scroll the overlay (it may not fit a small screen); any other key closes it.
            switch keymap.action(for: key) {
            case StandardAction.moveDown: scrollHelp(1)
            case StandardAction.moveUp: scrollHelp(-1)
            case StandardAction.pageDown: scrollHelp(10)
            case StandardAction.pageUp: scrollHelp(-10)
            default: showHelp = false
            }
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
            resetDetailScroll()
            return []
        }
        guard let action = keymap.action(for: key) else { return [] }
        return perform(action)
    }

    mutating func scrollHelp(_ step: Int) {
        let (lines, area) = helpLayout(screen: Rect(x: 0, y: 0, width: size.width, height: size.height))
        helpScroll = max(0, min(helpScroll + step, lines.count - (area.height - 2)))
    }

    mutating func resetDetailScroll() {
        detailScroll = 0
        detailHScroll = 0
    }

    /// Carries out a named action: the one path for keys, mouse and tests.
    public mutating func perform(_ action: String) -> [Command] {
        switch action {
        case StandardAction.quit:
            return [.quit]
        case WorkbenchActions.tour:
            startFormsTour()
        case WorkbenchActions.linkView:
            showLinkView()
        case WorkbenchActions.link:
            openLinkPanel()
        case WorkbenchActions.wrap:
            wrapSelected()
        case WorkbenchActions.saveDocument:
            startSavePrompt()
        case StandardAction.help:
            showHelp = true
            helpScroll = 0
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
            if focus == .browser { treeState.collapseOrSelectParent(roots: visibleRoots); resetDetailScroll() }
            if focus == .detail { scrollDetailSideways(-8) }
        case StandardAction.moveRight:
            if focus == .browser { treeState.expandOrSelectChild(roots: visibleRoots); resetDetailScroll() }
            if focus == .library { focus = .browser }
            if focus == .detail { scrollDetailSideways(8) }
        case StandardAction.confirm:
            if focus == .browser { treeState.toggleSelected(roots: visibleRoots) }
            if focus == .detail { detailHScroll = 0 }
            if focus == .library { focus = .browser }
        case WorkbenchActions.open:
            let start = documents.last.map { PathNames.deletingLast($0.path) } ?? FileManager.default.currentDirectoryPath
            picker = FilePicker(directory: start.isEmpty ? "." : start)
        case WorkbenchActions.reload:
            if let i = selectedIndex, documents[i].inMemory {
                status = "\(documents[i].name) is in memory: nothing to reload (write it to a file first)"
            } else if let i = selectedIndex {
                var doc = ComponentDocument.load(path: documents[i].path)
                doc.displayPath = documents[i].displayPath
                documents[i] = doc
                trees[i] = BrowserTree(doc, theme: theme)
                status = "reloaded \(doc.name)"
            }
        case CanvasActions.toggle:
            enterCanvas()
        case WorkbenchActions.call:
            openCallPanelFromBrowser()
        case WorkbenchActions.nextTheme:
            // The next theme, shown with the colours the terminal has (NO_COLOR stays in force).
            let capability = theme.capability
            if let i = themes.firstIndex(where: { $0.name == theme.name }) {
                theme = themes[(i + 1) % themes.count].adapted(to: capability)
            } else if let first = themes.first {
                theme = first.adapted(to: capability)
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
                selectDocument()
            }
        case .browser:
            let roots = visibleRoots
            if treeState.selectedID == nil { treeState.moveToFirst(roots: roots) }
            else if step > 0 { treeState.moveDown(by: min(step, 100_000), roots: roots) }
            else { treeState.moveUp(by: min(-step, 100_000), roots: roots) }
            resetDetailScroll()
        case .detail:
            let inner = currentLayout.inner(.detail)
            let count = detailLines(width: inner.width).count
            detailScroll = max(0, min(detailScroll + max(-1000, min(step, 1000)), count - inner.height))
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
                selectDocument()
                status = "opened \(DisplayPath.relative(path, to: pathBase))"
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

    /// After the library selection changed: the new component's tree, unfolded at the top.
    mutating func selectDocument() {
        treeState = WorkbenchApp.initialTreeState
        treeState.moveToFirst(roots: visibleRoots)
        diagnosticsState = ListState()
        diagnosticsRowOffset = 0
        resetDetailScroll()
    }

    mutating func scrollDetailSideways(_ step: Int) {
        let inner = currentLayout.inner(.detail)
        let widest = detailLines(width: inner.width).map(\.width).max() ?? 0
        detailHScroll = max(0, min(detailHScroll + step, widest - inner.width))
    }

    /// Click to focus a pane and select the row under the pointer (a click on
    /// the selected tree row folds or unfolds it, so the mouse alone can
    /// browse); the wheel scrolls the pane under the pointer.
    mutating func handleMouse(_ m: MouseEvent) {
        if picker != nil { return }
        if showHelp {
            if case .press = m.kind { showHelp = false }
            return
        }
        let l = currentLayout
        guard let pane = WorkbenchApp.Pane.allCases.first(where: { l.panes[$0]?.contains(x: m.x, y: m.y) == true }) else { return }
        switch m.kind {
        case .wheelUp:
            focus = pane; move(-3)
        case .wheelDown:
            focus = pane; move(3)
        case .release:
            return
        case .press:
            focus = pane
            switch pane {
            case .library:
                let inner = l.inner(.library)
                guard inner.contains(x: m.x, y: m.y) else { return }
                let i = libraryState.visibleOffset(viewHeight: inner.height, count: documents.count) + m.y - inner.y
                if i < documents.count && i != libraryState.selected {
                    libraryState.select(i, count: documents.count)
                    selectDocument()
                }
            case .browser:
                guard l.browserRows.contains(x: m.x, y: m.y) else { return }
                let rows = treeState.visibleRows(visibleRoots)
                let i = treeState.offset + m.y - l.browserRows.y
                guard i >= 0 && i < rows.count else { return }
                if treeState.selectedID == rows[i].id { treeState.toggleSelected(roots: visibleRoots) }
                else { treeState.selectedID = rows[i].id }
                resetDetailScroll()
            case .diagnostics:
                let inner = l.inner(.diagnostics)
                let rows = diagnosticRows(width: inner.width)
                let n = selectedIndex.map { documents[$0].diagnostics.count } ?? 0
                guard inner.contains(x: m.x, y: m.y) else { return }
                let r = diagnosticsRowOffset + m.y - inner.y
                if r < rows.count { diagnosticsState.select(rows[r].index, count: n) }
            case .detail:
                break
            }
        }
    }
}
