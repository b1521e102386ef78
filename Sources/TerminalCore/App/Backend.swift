/// What reading input produced.
public enum InputResult: Sendable {
    case event(Event)
    /// Nothing arrived within the timeout.
    case timeout
    /// Input is gone (terminal closed, end of a test script): the runner stops.
    case closed
}

/// A terminal, or something that stands in for one. The runner owns the
/// frame buffers and hands the backend only changed cells.
public protocol Backend {
    /// The current size in cells.
    var size: Size { get }
    /// What colours can be shown; the app adapts its theme to it.
    var colorCapability: ColorCapability { get }
    /// Takes over the terminal.
    mutating func setup() throws
    /// Gives the terminal back as it was. Safe to call more than once.
    mutating func restore()
    /// Forgets what is on screen so the next draw repaints everything.
    mutating func invalidate()
    /// Shows the changed cells and places (or hides) the cursor.
    mutating func draw(_ changes: [CellChange], cursor: Position?) throws
    /// Waits up to `timeout` (forever if nil) for input.
    mutating func readEvent(timeout: Duration?) -> InputResult
    mutating func bell()
}

extension Duration {
    /// Whole milliseconds, at least 0; for C timeouts.
    public var milliseconds: Int {
        let parts = components
        return max(0, Int(parts.seconds) * 1000 + Int(parts.attoseconds / 1_000_000_000_000_000))
    }
}
