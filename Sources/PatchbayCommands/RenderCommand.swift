import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TerminalCore
import Workbench

/// `patchbay render`: the workbench without a terminal. A key script drives
/// the same app and runner as `open`, on an in-memory screen, and the last
/// frame is printed as text: for tests, documentation and bug reports.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Run the workbench headlessly on a key script and print the final screen as text.",
        discussion: """
        Key script: characters are typed as themselves (a space too); <name> is a named key:
        <enter> <esc> <tab> <shift+tab> <up> <down> <left> <right> <home> <end> <pgup> <pgdn>
        <backspace> <space> <ctrl+X> <f1>..<f24>, and <lt> types '<'. Events: <resize WxH>,
        <click X,Y>, <wheelup X,Y>, <wheeldown X,Y> (0-based cells).
        Example: --keys '<tab>jjl/greet<enter>?'
        Paths are shown relative to the current folder. Key bindings are the defaults
        unless --bindings is given (the user's keys.toml is not read, so output is reproducible).
        """
    )

    @Argument(help: "Component files or folders, as for `open` (the bundled samples by default).") var paths: [String] = []
    @Option(help: "Screen size, WIDTHxHEIGHT.") var size: String = "80x24"
    @Option(help: "Key script to feed before printing (see below).") var keys: String = ""
    @Option(help: "Theme name (dark, light, high-contrast) or a path to a theme .toml file.") var theme: String?
    @Option(help: "Key binding file (TOML, [keys] table).") var bindings: String?
    @Flag(help: "Print the screen with ANSI colour escapes.") var ansi = false
    @Option(help: "Colours for --ansi: none, 16, 256 or truecolor (default truecolor; none when NO_COLOR is set).") var colors: String?
    @Flag(help: "After the text, print a map of the cells' styles (one letter per cell) and its legend: the golden-file format.") var styleMap = false
    @Flag(help: .hidden) var timings = false

    struct Dimensions { var width: Int; var height: Int }

    static func parseSize(_ text: String) -> Dimensions? {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (1...2000).contains(w), (1...2000).contains(h) else { return nil }
        return Dimensions(width: w, height: h)
    }

    static func parseColors(_ text: String) -> ColorCapability? {
        switch text.lowercased() {
        case "none", "0", "mono": return ColorCapability.none
        case "16", "ansi", "ansi16": return .ansi16
        case "256", "indexed": return .indexed256
        case "truecolor", "true", "24bit", "rgb": return .trueColor
        default: return nil
        }
    }

    func validate() throws {
        if ansi && styleMap { throw ValidationError("--ansi and --style-map are two forms of output: choose one") }
        guard Self.parseSize(size) != nil else {
            throw ValidationError("--size: expected WIDTHxHEIGHT with both from 1 to 2000 (like 80x24), found '\(size)'")
        }
        if let colors, Self.parseColors(colors) == nil {
            throw ValidationError("--colors: expected none, 16, 256 or truecolor, found '\(colors)'")
        }
        do {
            _ = try EventScript.parse(keys)
        } catch {
            throw ValidationError("--keys: \(error.description)")
        }
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        guard let dims = Self.parseSize(size) else { throw Exit.usage }
        let events: [Event]
        do { events = try EventScript.parse(keys) } catch {
            printError("--keys: \(error.description)")
            throw Exit.usage
        }
        let setup = WorkbenchSetup(paths: paths, theme: theme, keyFile: bindings)
        for w in setup.warnings { StandardStreams.writeError("warning: " + w + "\n") }
        var capability = ColorCapability.trueColor
        if let c = colors.flatMap(Self.parseColors) { capability = c }
        else if let nc = ProcessInfo.processInfo.environment["NO_COLOR"], !nc.isEmpty { capability = .none }
        var app = setup.makeAppWithCompositions(capability: capability)
        let loaded = clock.now

        var inner = TestBackend(width: dims.width, height: dims.height, events: events, colorCapability: capability)
        inner.recordsFrames = false
        var backend = TimedBackend(inner: inner, clock: clock)
        try AppRunner.run(&app, on: &backend)
        let screen = backend.inner.screen

        let text = ansi ? screen.ansiLines().joined(separator: "\n") + "\n" : screen.snapshot(styles: styleMap)
        StandardStreams.writeOutput(text)

        if timings {
            // For scripts/bench-workbench.sh: event-to-drawn-frame times through the real runner.
            let ms = { (d: Duration) -> Double in Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }
            let frames = backend.frameTimes.map(ms).sorted()
            func pct(_ p: Double) -> Double { frames.isEmpty ? 0 : frames[min(frames.count - 1, Int(Double(frames.count - 1) * p))] }
            let mean = frames.isEmpty ? 0 : frames.reduce(0, +) / Double(frames.count)
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            func f(_ x: Double, _ places: Int) -> String { DecimalText.fixed(x, places: places) }
            let line = "timings: load_ms=\(f(ms(loaded - start), 1)) first_frame_ms=\(f(ms((backend.firstDraw ?? loaded) - start), 1)) events=\(frames.count)"
                + " frame_ms_mean=\(f(mean, 3)) frame_ms_p50=\(f(pct(0.5), 3)) frame_ms_p95=\(f(pct(0.95), 3)) frame_ms_max=\(f(frames.last ?? 0, 3)) peak_rss_kb=\(usage.ru_maxrss)\n"
            StandardStreams.writeError(line)
        }
    }
}

/// Wraps a backend to time each scripted event until its frame is drawn
/// (update, render, diff and the draw itself).
private struct TimedBackend: Backend {
    var inner: TestBackend
    let clock: ContinuousClock
    var eventStart: ContinuousClock.Instant?
    var firstDraw: ContinuousClock.Instant?
    var frameTimes: [Duration] = []

    init(inner: TestBackend, clock: ContinuousClock) {
        self.inner = inner
        self.clock = clock
    }

    var size: Size { inner.size }
    var colorCapability: ColorCapability { inner.colorCapability }
    mutating func setup() throws { try inner.setup() }
    mutating func restore() { inner.restore() }
    mutating func invalidate() { inner.invalidate() }
    mutating func bell() { inner.bell() }

    mutating func draw(_ changes: [CellChange], cursor: Position?) throws {
        try inner.draw(changes, cursor: cursor)
        let now = clock.now
        if firstDraw == nil { firstDraw = now }
        if let t = eventStart { frameTimes.append(now - t); eventStart = nil }
    }

    mutating func readEvent(timeout: Duration?) -> InputResult {
        // An event whose frame changed nothing was not drawn; it still took its time.
        if let t = eventStart { frameTimes.append(clock.now - t) }
        let r = inner.readEvent(timeout: timeout)
        eventStart = clock.now
        return r
    }
}
