/// A trap while running a component: what went wrong, and where, as the
/// component function and core function it happened in.
public struct ComponentTrap: Error, CustomStringConvertible, Sendable {
    public var message: String
    /// The component function being run (innermost), e.g. `test:demo/api#sum`.
    public var componentFunction: String?
    /// The core function that trapped, or that was running when it did.
    public var coreFunction: String?
    /// The component functions that were running around it, innermost first.
    public var callers: [String] = []

    /// Records that the trap passed out through component function `f`.
    mutating func passing(through f: String) {
        if componentFunction == nil { componentFunction = f } else if componentFunction != f, callers.last != f { callers.append(f) }
    }

    public init(_ message: String, componentFunction: String? = nil, coreFunction: String? = nil) {
        self.message = message; self.componentFunction = componentFunction; self.coreFunction = coreFunction
    }

    public var description: String {
        var s = "trap: " + message
        if let coreFunction { s += "\n  in core function \(coreFunction)" }
        if let componentFunction { s += "\n  in component function \(componentFunction)" }
        for c in callers { s += "\n  called from component function \(c)" }
        return s
    }
}

/// A component that cannot be instantiated by this runtime: an unsupported
/// feature, or a definition that does not fit (missing argument, bad index).
public struct InstantiationError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var offset: Int?
    public init(_ message: String, at offset: Int? = nil) { self.message = message; self.offset = offset }
    public var description: String {
        offset.map { "at byte offset \($0) (0x\(String($0, radix: 16))): " + message } ?? message
    }
}
