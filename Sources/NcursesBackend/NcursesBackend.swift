import CNcursesShim
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TerminalCore

/// The real terminal, through ncursesw. It only copies the cells the runner
/// says changed; curses then sends the minimum to the terminal.
///
/// One instance at a time: a terminal is a process-wide resource. The
/// terminal is restored by `restore()`, at exit, and on fatal signals (the C
/// shim installs the handlers), so a crash never leaves a raw-mode terminal.
public final class NcursesBackend: Backend {
    public enum SetupError: Error, CustomStringConvertible {
        case notATerminal

        public var description: String {
            switch self {
            case .notATerminal: return "the workbench needs a terminal: stdin and stdout must be a TTY and TERM must name a known terminal"
            }
        }
    }

    private let logPath: String?
    private let environment: [String: String]
    public private(set) var colorCapability: ColorCapability = .none
    private var palette = ColorPairs()

    /// - Parameters:
    ///   - logPath: where stderr goes while the screen is in use (created
    ///     with its directory if needed), e.g. `~/.cache/patchbay/patchbay.log`.
    ///     Nil leaves stderr alone, which will garble the screen if written to.
    ///   - environment: read for `NO_COLOR` and `COLORTERM`.
    public init(logPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.logPath = logPath
        self.environment = environment
    }

    public var size: Size { Size(width: Int(ncshim_cols()), height: Int(ncshim_lines())) }

    public func setup() throws {
        if let logPath {
            let directory = URL(fileURLWithPath: logPath).deletingLastPathComponent().path
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let wantsColor = ColorCapability.detect(environment: environment, terminalColors: 256) != .none
        let started: Int32 = logPath.map { ncshim_start($0, wantsColor ? 1 : 0) } ?? ncshim_start(nil, wantsColor ? 1 : 0)
        guard started == 0 else { throw SetupError.notATerminal }
        let colors = Int(ncshim_colors())
        colorCapability = wantsColor ? ColorCapability.detect(environment: environment, terminalColors: colors) : .none
        palette = ColorPairs(capacity: Int(ncshim_color_pairs()), colors: colors)
    }

    public func restore() { ncshim_stop() }

    public func invalidate() { ncshim_clear() }

    public func draw(_ changes: [CellChange], cursor: Position?) throws {
        for change in changes {
            let cell = change.cell
            let pair = colorCapability == .none ? 0 : palette.pair(fg: number(for: cell.fg), bg: number(for: cell.bg))
            let scalars = cell.symbol.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
            guard !scalars.isEmpty else { continue }
            scalars.withUnsafeBufferPointer { text in
                _ = ncshim_put(Int32(change.y), Int32(change.x), text.baseAddress, Int32(text.count), Int32(cell.attributes.rawValue), Int32(pair))
            }
        }
        if let cursor {
            ncshim_set_cursor(1, Int32(cursor.y), Int32(cursor.x))
        } else {
            ncshim_set_cursor(0, 0, 0)
        }
        ncshim_refresh()
    }

    public func readEvent(timeout: Duration?) -> InputResult {
        var raw = ncshim_event()
        _ = ncshim_read(timeout.map { Int32(clamping: $0.milliseconds) } ?? -1, &raw)
        switch Int(raw.kind) {
        case NCSHIM_EVENT_CHAR:
            guard raw.code >= 0, let key = Key.fromCharacterCode(UInt32(raw.code)) else { return .timeout }
            return .event(.key(key))
        case NCSHIM_EVENT_KEY:
            guard let key = NcursesBackend.key(fromShimCode: Int(raw.code)) else { return .timeout }
            return .event(.key(key))
        case NCSHIM_EVENT_MOUSE:
            guard let kind = NcursesBackend.mouseKind(fromShimCode: Int(raw.code)) else { return .timeout }
            return .event(.mouse(MouseEvent(kind, x: Int(raw.x), y: Int(raw.y))))
        case NCSHIM_EVENT_RESIZE:
            return .event(.resize(size))
        case NCSHIM_EVENT_CLOSED:
            return .closed
        default:
            return .timeout
        }
    }

    public func bell() { ncshim_beep() }

    /// The curses colour number for a colour: -1 is the terminal default.
    /// True colour is shown through the 256 palette, which every modern
    /// terminal has and which needs no special terminfo entry.
    private func number(for color: Color) -> Int {
        switch color.downgraded(to: min(colorCapability, .indexed256)) {
        case .default: return -1
        case .ansi(let ansi):
            // 8-colour terminals: bright colours fold onto their base colour.
            return palette.colors >= 16 ? Int(ansi.rawValue) : Int(ansi.rawValue % 8)
        case .indexed(let index): return Int(index)
        case .rgb: return -1
        }
    }

    static func key(fromShimCode code: Int) -> Key? {
        if code > NCSHIM_KEY_F0 { return .function(code - NCSHIM_KEY_F0) }
        let entries: [(Int, Key)] = [
            (NCSHIM_KEY_UP, .up), (NCSHIM_KEY_DOWN, .down),
            (NCSHIM_KEY_LEFT, .left), (NCSHIM_KEY_RIGHT, .right),
            (NCSHIM_KEY_HOME, .home), (NCSHIM_KEY_END, .end),
            (NCSHIM_KEY_PAGE_UP, .pageUp), (NCSHIM_KEY_PAGE_DOWN, .pageDown),
            (NCSHIM_KEY_BACKSPACE, .backspace), (NCSHIM_KEY_DELETE, .delete),
            (NCSHIM_KEY_INSERT, .insert), (NCSHIM_KEY_BACKTAB, .backTab),
            (NCSHIM_KEY_ENTER, .enter),
        ]
        return entries.first { $0.0 == code }?.1
    }

    static func mouseKind(fromShimCode code: Int) -> MouseEvent.Kind? {
        let entries: [(Int, MouseEvent.Kind)] = [
            (NCSHIM_MOUSE_PRESS_LEFT, .press(.left)), (NCSHIM_MOUSE_PRESS_MIDDLE, .press(.middle)),
            (NCSHIM_MOUSE_PRESS_RIGHT, .press(.right)), (NCSHIM_MOUSE_RELEASE_LEFT, .release(.left)),
            (NCSHIM_MOUSE_RELEASE_MIDDLE, .release(.middle)), (NCSHIM_MOUSE_RELEASE_RIGHT, .release(.right)),
            (NCSHIM_MOUSE_WHEEL_UP, .wheelUp), (NCSHIM_MOUSE_WHEEL_DOWN, .wheelDown),
        ]
        return entries.first { $0.0 == code }?.1
    }
}
