import Testing
import TerminalCore

@Suite struct ListStateTests {
    @Test func scrollingFollowsSelectionMinimally() {
        var state = ListState(selected: 0)
        for _ in 0..<7 {
            state.moveDown(count: 20)
            state.scrollIntoView(viewHeight: 5)
        }
        #expect(state.selected == 7)
        #expect(state.offset == 3)
        state.moveUp(by: 3, count: 20)
        state.scrollIntoView(viewHeight: 5)
        #expect(state.selected == 4 && state.offset == 3)  // still visible: no jump
        state.moveUp(by: 2, count: 20)
        state.scrollIntoView(viewHeight: 5)
        #expect(state.selected == 2 && state.offset == 2)
    }

    @Test func movementClamps() {
        var state = ListState()
        state.moveDown(count: 3)
        #expect(state.selected == 0)
        state.moveToLast(count: 3)
        state.moveDown(count: 3)
        #expect(state.selected == 2)
        state.pageUp(viewHeight: 10, count: 3)
        #expect(state.selected == 0)
        state.moveDown(count: 0)
        #expect(state.selected == nil)
    }

    @Test func renderShowsSelectionEvenWithStaleOffset() {
        let items = (0..<10).map { TextLine("item \($0)") }
        var buffer = CellBuffer(width: 10, height: 3)
        ListView(items, highlightSymbol: "> ").render(in: buffer.area, buffer: &buffer, state: ListState(selected: 8, offset: 0))
        #expect(buffer.lines() == ["  item 6", "  item 7", "> item 8"])
        #expect(buffer[3, 2].attributes.contains(.reverse))
        #expect(!buffer[3, 1].attributes.contains(.reverse))
    }

    @Test func offsetNeverLeavesEmptyRowsBelow() {
        let state = ListState(selected: nil, offset: 50)
        #expect(state.visibleOffset(viewHeight: 4, count: 10) == 6)
        #expect(state.visibleOffset(viewHeight: 4, count: 2) == 0)
    }
}

@Suite struct TreeTests {
    let roots = [
        TreeNode(id: "imports", label: "imports", children: [
            TreeNode(id: "imports/io", label: "wasi:io", children: [TreeNode(id: "imports/io/streams", label: "streams")]),
            TreeNode(id: "imports/cli", label: "wasi:cli"),
        ]),
        TreeNode(id: "exports", label: "exports", children: [TreeNode(id: "exports/run", label: "run")]),
    ]

    func text(_ state: TreeState, height: Int = 6) -> [String] {
        var buffer = CellBuffer(width: 20, height: height)
        TreeView(roots).render(in: buffer.area, buffer: &buffer, state: state)
        var lines = buffer.lines()
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    @Test func startsFolded() {
        let state = TreeState()
        #expect(text(state) == ["▸ imports", "▸ exports"])
    }

    @Test func unfoldAndStepIntoChildren() {
        var state = TreeState(selectedID: "imports")
        state.expandOrSelectChild(roots: roots)
        #expect(text(state) == ["▾ imports", "  ▸ wasi:io", "    wasi:cli", "▸ exports"])
        state.expandOrSelectChild(roots: roots)
        #expect(state.selectedID == "imports/io")
        state.toggleSelected(roots: roots)
        #expect(text(state) == ["▾ imports", "  ▾ wasi:io", "      streams", "    wasi:cli", "▸ exports"])
        state.moveDown(roots: roots)
        #expect(state.selectedID == "imports/io/streams")
    }

    @Test func foldingKeepsSelectionVisible() {
        var state = TreeState(expanded: ["imports", "imports/io"], selectedID: "imports/io/streams")
        state.collapseOrSelectParent(roots: roots)  // leaf: go to parent
        #expect(state.selectedID == "imports/io")
        state.collapseOrSelectParent(roots: roots)  // open: close it
        #expect(!state.expanded.contains("imports/io"))
        state.collapseOrSelectParent(roots: roots)
        #expect(state.selectedID == "imports")
        state.collapseOrSelectParent(roots: roots)
        #expect(text(state) == ["▸ imports", "▸ exports"])
        state.moveToLast(roots: roots)
        #expect(state.selectedID == "exports")
    }

    @Test func scrollsWithSelection() {
        var state = TreeState(expanded: ["imports", "imports/io", "exports"], selectedID: "imports")
        for _ in 0..<5 { state.moveDown(roots: roots); state.scrollIntoView(viewHeight: 3, roots: roots) }
        #expect(state.selectedID == "exports/run")
        #expect(text(state, height: 3) == ["    wasi:cli", "▾ exports", "    run"])
    }
}
