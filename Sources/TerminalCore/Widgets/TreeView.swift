/// A node of a foldable tree (a component's imports, an interface's items).
/// Ids must be unique in a tree; a path such as `import/wasi:io/streams`
/// works well and stays stable when the tree is rebuilt.
public struct TreeNode: Hashable, Sendable {
    public var id: String
    public var label: TextLine
    public var children: [TreeNode]

    public init(id: String, label: TextLine, children: [TreeNode] = []) {
        self.id = id
        self.label = label
        self.children = children
    }
}

/// A node as it appears on screen after folding is applied.
public struct TreeRow: Hashable, Sendable {
    public var id: String
    public var parentID: String?
    public var depth: Int
    public var label: TextLine
    public var hasChildren: Bool
    public var isExpanded: Bool
}

/// Folds, selection and scroll of a tree, owned by the app. Selection is by
/// id so it survives folding and rebuilding the tree.
public struct TreeState: Hashable, Sendable {
    public var expanded: Set<String>
    public var selectedID: String?
    public var offset: Int

    /// Deeper nodes are not shown; protects against runaway nesting in input.
    public static let maxDepth = 128

    public init(expanded: Set<String> = [], selectedID: String? = nil, offset: Int = 0) {
        self.expanded = expanded
        self.selectedID = selectedID
        self.offset = offset
    }

    /// The rows shown: children of expanded nodes only.
    public func visibleRows(_ roots: [TreeNode]) -> [TreeRow] {
        var rows: [TreeRow] = []
        func visit(_ node: TreeNode, parent: String?, depth: Int) {
            let open = expanded.contains(node.id) && !node.children.isEmpty
            rows.append(TreeRow(id: node.id, parentID: parent, depth: depth, label: node.label, hasChildren: !node.children.isEmpty, isExpanded: open))
            guard open, depth < TreeState.maxDepth else { return }
            for child in node.children { visit(child, parent: node.id, depth: depth + 1) }
        }
        for root in roots { visit(root, parent: nil, depth: 0) }
        return rows
    }

    /// Index of the selection among visible rows (the first row if the
    /// selected node is hidden or gone).
    public func selectedIndex(in rows: [TreeRow]) -> Int? {
        guard !rows.isEmpty else { return nil }
        return rows.firstIndex { $0.id == selectedID } ?? 0
    }

    private mutating func selectRow(_ index: Int, _ rows: [TreeRow]) {
        guard !rows.isEmpty else { selectedID = nil; return }
        selectedID = rows[min(max(0, index), rows.count - 1)].id
    }

    public mutating func moveDown(by step: Int = 1, roots: [TreeNode]) {
        let rows = visibleRows(roots)
        if let index = rows.firstIndex(where: { $0.id == selectedID }) {
            selectRow(index + step, rows)
        } else {
            selectRow(0, rows)
        }
    }

    public mutating func moveUp(by step: Int = 1, roots: [TreeNode]) {
        let rows = visibleRows(roots)
        selectRow((selectedIndex(in: rows) ?? 0) - step, rows)
    }

    public mutating func moveToFirst(roots: [TreeNode]) { selectRow(0, visibleRows(roots)) }
    public mutating func moveToLast(roots: [TreeNode]) {
        let rows = visibleRows(roots)
        selectRow(rows.count - 1, rows)
    }

    public mutating func setExpanded(_ id: String, _ open: Bool) {
        if open { expanded.insert(id) } else { expanded.remove(id) }
    }

    /// Enter/space: open or close the selected node.
    public mutating func toggleSelected(roots: [TreeNode]) {
        let rows = visibleRows(roots)
        guard let index = selectedIndex(in: rows) else { return }
        let row = rows[index]
        selectedID = row.id
        if row.hasChildren { setExpanded(row.id, !row.isExpanded) }
    }

    /// Left / `h`: close the selected node, or go to its parent if it is closed.
    public mutating func collapseOrSelectParent(roots: [TreeNode]) {
        let rows = visibleRows(roots)
        guard let index = selectedIndex(in: rows) else { return }
        let row = rows[index]
        if row.isExpanded {
            setExpanded(row.id, false)
            selectedID = row.id
        } else if let parent = row.parentID {
            selectedID = parent
        } else {
            selectedID = row.id
        }
    }

    /// Right / `l`: open the selected node, or step into its first child if open.
    public mutating func expandOrSelectChild(roots: [TreeNode]) {
        let rows = visibleRows(roots)
        guard let index = selectedIndex(in: rows) else { return }
        let row = rows[index]
        selectedID = row.id
        guard row.hasChildren else { return }
        if row.isExpanded {
            if index + 1 < rows.count { selectedID = rows[index + 1].id }
        } else {
            setExpanded(row.id, true)
        }
    }

    public mutating func scrollIntoView(viewHeight: Int, roots: [TreeNode]) {
        let rows = visibleRows(roots)
        var list = ListState(selected: selectedIndex(in: rows), offset: offset)
        list.scrollIntoView(viewHeight: viewHeight)
        offset = list.offset
    }
}

/// Draws a tree with fold markers and two columns of indent per level.
public struct TreeView: Sendable {
    public var roots: [TreeNode]
    public var style: Style
    public var selectedStyle: Style
    public var markerStyle: Style

    public init(_ roots: [TreeNode], style: Style = .plain, selectedStyle: Style = Style(attributes: .reverse), markerStyle: Style = .plain) {
        self.roots = roots
        self.style = style
        self.selectedStyle = selectedStyle
        self.markerStyle = markerStyle
    }

    public func render(in area: Rect, buffer: inout CellBuffer, state: TreeState) {
        buffer.setStyle(style, in: area)
        let rows = state.visibleRows(roots)
        let selected = state.selectedIndex(in: rows)
        let list = ListState(selected: selected, offset: state.offset)
        let offset = list.visibleOffset(viewHeight: area.height, count: rows.count)
        for line in 0..<area.height {
            let index = offset + line
            guard index < rows.count else { break }
            let row = rows[index]
            let rowArea = area.row(line)
            let isSelected = index == selected
            if isSelected { buffer.setStyle(selectedStyle, in: rowArea) }
            let rowStyle = isSelected ? style.patched(with: selectedStyle) : style
            let marker = row.hasChildren ? (row.isExpanded ? "▾ " : "▸ ") : "  "
            let indent = String(repeating: "  ", count: row.depth)
            var x = buffer.write(indent, x: area.x, y: rowArea.y, style: rowStyle, clip: area)
            x = buffer.write(marker, x: x, y: rowArea.y, style: rowStyle.patched(with: markerStyle), clip: area)
            buffer.write(isSelected ? row.label.selected(selectedStyle) : row.label, x: x, y: rowArea.y, style: rowStyle, clip: area)
        }
    }
}
