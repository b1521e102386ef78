/// A record of every boundary crossing during a call: which component
/// function was entered from where, the flattened core values on each side,
/// and the bytes the Canonical ABI read from and wrote to linear memory.
public final class CallTrace {
    public enum Event: Sendable, Equatable {
        /// Entering a component function. `via` says which boundary: `lift`
        /// (into a core export) or `lower` (out of a core import).
        case enter(depth: Int, via: String, function: String, instance: String, arguments: String, core: [String])
        case exit(depth: Int, via: String, function: String, result: String, core: [String])
        case memory(depth: Int, write: Bool, instance: String, address: Int, bytes: [UInt8])
        case note(depth: Int, String)
    }

    public private(set) var events: [Event] = []
    var depth = 0

    public init() {}

    func add(_ e: Event) {
        // Adjacent accesses of the same kind merge into one range, so a
        // record stored field by field shows as one block of bytes.
        if case .memory(let d, let w, let inst, let a, let b) = e,
           case .memory(let d0, let w0, let inst0, let a0, let b0)? = events.last,
           d == d0, w == w0, inst == inst0, a0 + b0.count == a {
            events[events.count - 1] = .memory(depth: d, write: w, instance: inst, address: a0, bytes: b0 + b)
            return
        }
        events.append(e)
    }

    /// Puts an event before those recorded since `mark`: a crossing is
    /// known only once its arguments are converted, but reads first.
    func insert(_ e: Event, at mark: Int) {
        events.insert(e, at: min(mark, events.count))
    }

    /// The trace as indented lines.
    public func render(maxBytes: Int = 32) -> [String] {
        events.map { e in
            switch e {
            case .enter(let d, let via, let f, let inst, let args, let core):
                let arrow = via == "lift" ? "→ \(f)(\(args))  [lift into \(inst)]" : "→ \(f)(\(args))  [lower: called from \(inst)]"
                return pad(d) + arrow + "  core: (" + core.joined(separator: ", ") + ")"
            case .exit(let d, let via, let f, let result, let core):
                return pad(d) + "← \(f) = \(result)  [\(via)]  core: (" + core.joined(separator: ", ") + ")"
            case .memory(let d, let w, let inst, let a, let b):
                let hex = b.prefix(maxBytes).map { h2($0) }.joined(separator: " ") + (b.count > maxBytes ? " …" : "")
                return pad(d + 1) + (w ? "write " : "read ") + "\(b.count) byte\(b.count == 1 ? "" : "s") at 0x\(String(a, radix: 16)) in \(inst) memory: " + hex
            case .note(let d, let s):
                return pad(d + 1) + s
            }
        }
    }

    private func pad(_ d: Int) -> String { String(repeating: "  ", count: d) }
    private func h2(_ b: UInt8) -> String { b < 16 ? "0" + String(b, radix: 16) : String(b, radix: 16) }
}
