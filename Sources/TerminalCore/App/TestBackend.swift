/// A backend with no terminal: input comes from a script, drawn changes are
/// applied to an in-memory screen, and every frame is kept as text. Because
/// it rebuilds the screen from diffs only, a test through it also checks
/// that the diffs were complete.
public struct TestBackend: Backend {
    public private(set) var size: Size
    public var colorCapability: ColorCapability
    /// What a terminal would show now.
    public private(set) var screen: CellBuffer
    /// The text of the screen after each draw.
    public private(set) var frames: [String] = []
    /// How many cells each draw changed.
    public private(set) var changeCounts: [Int] = []
    public private(set) var cursor: Position?
    public private(set) var bells = 0
    public private(set) var isSetUp = false
    public private(set) var restoreCount = 0
    /// Whether each draw appends the screen's text to `frames`. Off for
    /// long scripted runs (benchmarks), where only the last screen matters.
    public var recordsFrames = true
    private var script: [Event]

    public init(width: Int, height: Int, events: [Event] = [], colorCapability: ColorCapability = .trueColor) {
        self.size = Size(width: width, height: height)
        self.screen = CellBuffer(width: width, height: height)
        self.script = events
        self.colorCapability = colorCapability
    }

    /// Scripted keys in `Key.script` notation, e.g. `"jj<enter>q"`.
    public init(width: Int, height: Int, keys: String, colorCapability: ColorCapability = .trueColor) {
        self.init(width: width, height: height, events: Key.script(keys).map { .key($0) }, colorCapability: colorCapability)
    }

    /// The last frame's text.
    public var text: String { renderToText(screen) }

    public mutating func setup() throws { isSetUp = true }

    public mutating func restore() {
        isSetUp = false
        restoreCount += 1
    }

    public mutating func invalidate() { screen = CellBuffer(width: size.width, height: size.height) }

    public mutating func draw(_ changes: [CellChange], cursor: Position?) throws {
        screen.apply(changes)
        self.cursor = cursor
        changeCounts.append(changes.count)
        if recordsFrames { frames.append(renderToText(screen)) }
    }

    /// Pops the next scripted event; a scripted resize also resizes the screen.
    public mutating func readEvent(timeout: Duration?) -> InputResult {
        guard !script.isEmpty else { return .closed }
        let event = script.removeFirst()
        if case .resize(let newSize) = event {
            size = newSize
            screen.resize(width: newSize.width, height: newSize.height)
        }
        return .event(event)
    }

    public mutating func bell() { bells += 1 }
}

extension TerminalApp {
    /// The app's current frame as text, without running anything.
    public func renderText(width: Int, height: Int) -> String {
        var buffer = CellBuffer(width: width, height: height)
        render(into: &buffer)
        return renderToText(buffer)
    }
}
