/// Something that draws itself into a rectangle of a buffer and nothing
/// else: no terminal, no stored scroll position. State that must survive
/// between frames (selection, offset, folds) is a separate value the app
/// owns and passes to `render`, so `render` stays a pure function of it.
public protocol Widget {
    func render(in area: Rect, buffer: inout CellBuffer)
}

extension CellBuffer {
    /// Draws a widget; reads better at call sites than `widget.render(...)`.
    public mutating func render(_ widget: some Widget, in area: Rect) {
        widget.render(in: area, buffer: &self)
    }
}
