/// Drives a `TerminalApp` on a `Backend`: events in, `update`, `render`
/// into a fresh buffer, diff against the last frame, draw only the changes.
public enum AppRunner {
    /// Runs until the app returns `.quit` or input closes. The backend is
    /// restored on every way out, including a thrown error.
    public static func run<App: TerminalApp, B: Backend>(_ app: inout App, on backend: inout B, tickInterval: Duration? = nil) throws {
        try backend.setup()
        defer { backend.restore() }
        app.terminalReady(colorCapability: backend.colorCapability)
        var tick = tickInterval
        var previous = CellBuffer(width: 0, height: 0)
        var pending: [Event] = [.resize(backend.size)]
        // Bounds a chain of `perform` commands that keep producing events.
        let maxEventsPerFrame = 1000
        while true {
            var handled = 0
            while !pending.isEmpty && handled < maxEventsPerFrame {
                let event = pending.removeFirst()
                handled += 1
                for command in app.update(event) {
                    switch command {
                    case .quit: return
                    case .bell: backend.bell()
                    case .setTickInterval(let interval): tick = interval
                    case .perform(let work): if let produced = work() { pending.append(produced) }
                    }
                }
            }
            let size = backend.size
            var frame = CellBuffer(width: size.width, height: size.height)
            app.render(into: &frame)
            let changes = CellBuffer.diff(previous, frame)
            if !changes.isEmpty || frame.cursor != previous.cursor {
                try backend.draw(changes, cursor: frame.cursor)
            }
            previous = frame
            if !pending.isEmpty { continue }
            switch backend.readEvent(timeout: tick) {
            case .event(let event):
                if case .resize = event {
                    backend.invalidate()
                    previous = CellBuffer(width: 0, height: 0)
                }
                pending.append(event)
            case .timeout:
                if tick != nil { pending.append(.tick) }
            case .closed:
                return
            }
        }
    }
}
