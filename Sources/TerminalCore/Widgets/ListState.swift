/// Selection and scroll position of a list or table, owned by the app so
/// that `render` stays pure. Movement methods clamp to the item count; call
/// `scrollIntoView(viewHeight:)` after moving so the offset follows the
/// selection the way a reader expects (it moves only when it must).
public struct ListState: Hashable, Sendable {
    public var selected: Int?
    public var offset: Int

    public init(selected: Int? = nil, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    public mutating func select(_ index: Int?, count: Int) {
        guard let index, count > 0 else { selected = nil; return }
        selected = min(max(0, index), count - 1)
    }

    public mutating func moveDown(by step: Int = 1, count: Int) { select((selected ?? -1) + step, count: count) }
    public mutating func moveUp(by step: Int = 1, count: Int) { select((selected ?? count) - step, count: count) }
    public mutating func moveToFirst(count: Int) { select(0, count: count) }
    public mutating func moveToLast(count: Int) { select(count - 1, count: count) }
    public mutating func pageDown(viewHeight: Int, count: Int) { moveDown(by: max(1, viewHeight - 1), count: count) }
    public mutating func pageUp(viewHeight: Int, count: Int) { moveUp(by: max(1, viewHeight - 1), count: count) }

    /// Moves the offset the least needed to show the selection.
    public mutating func scrollIntoView(viewHeight: Int) {
        offset = visibleOffset(viewHeight: viewHeight, count: Int.max)
    }

    /// The offset to draw with: the stored one, corrected so the selection
    /// is visible and no empty rows show below a list that could fill them.
    public func visibleOffset(viewHeight: Int, count: Int) -> Int {
        guard viewHeight > 0 else { return 0 }
        var result = max(0, offset)
        if let selected {
            if selected < result { result = selected }
            if selected >= result + viewHeight { result = selected - viewHeight + 1 }
        }
        if count != Int.max { result = min(result, max(0, count - viewHeight)) }
        return max(0, result)
    }
}
