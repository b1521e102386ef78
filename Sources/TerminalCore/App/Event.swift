/// Something that happened, delivered to `TerminalApp.update`.
public enum Event: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// The terminal has a new size; also sent once before the first frame,
    /// so the app knows its pane sizes before it needs them.
    case resize(Size)
    /// The tick interval passed with no input (animations, polling).
    case tick
    /// A result an app's own `Command.perform` produced.
    case message(any Sendable)
}

/// A side effect the app asks for. Effects are values that the runner
/// carries out, so `update` stays pure and testable.
public enum Command: Sendable {
    case quit
    case bell
    /// Changes how often `.tick` arrives when idle; nil stops ticks.
    case setTickInterval(Duration?)
    /// Runs work and feeds its event (if any) back into `update`. The
    /// runner calls it synchronously between frames, so keep it short.
    case perform(@Sendable () -> Event?)
}

/// The Elm-style app: all state in the value, `update` returns effects,
/// `render` draws the state. Neither touches the terminal.
public protocol TerminalApp {
    mutating func update(_ event: Event) -> [Command]
    func render(into buffer: inout CellBuffer)
    /// Called once the backend is set up, when the terminal's colours are
    /// known (a real terminal only says after it has been taken over), so the
    /// app can adapt its theme before the first frame.
    mutating func terminalReady(colorCapability: ColorCapability)
}

extension TerminalApp {
    public mutating func terminalReady(colorCapability: ColorCapability) {}
}
