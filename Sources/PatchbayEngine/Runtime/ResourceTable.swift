import WasmKit

/// A resource type as it exists at run time: each evaluation of a
/// `(type (resource ...))` definition makes a new one (resources are
/// generative), and imports of a resource type are bound to their argument's.
public final class RuntimeResourceType: @unchecked Sendable {
    /// Named by the first export that names it (for traces and results).
    public internal(set) var name: String
    /// The core function the defining component gave as `(dtor ...)`.
    let destructor: WasmKit.Function?
    /// The component instance that defined the type: lowering a borrow into
    /// it passes the representation itself instead of a new handle.
    weak var implementation: InstanceState?

    init(name: String, destructor: WasmKit.Function?, implementation: InstanceState?) {
        self.name = name; self.destructor = destructor; self.implementation = implementation
    }
}

/// The run-time state of one component instance: its handle table.
/// Core instances inside a component share their component's table, as in
/// the Canonical ABI (`ComponentInstance.table`).
final class InstanceState {
    var name: String
    var table = HandleTable()
    /// Set while one of the instance's lifted functions runs: a synchronous
    /// component instance may not be entered again until it returns (the
    /// spec's re-entrance rule), which also keeps a call cycle between
    /// components from recursing until the process runs out of stack.
    var entered = false
    init(name: String) { self.name = name }
}

/// The borrows a callee received during one call: it must drop every one
/// before returning (the spec's `borrow_scope` / `num_borrows`).
final class CallScope {
    var borrows = 0
}

/// One handle: the resource it refers to, and whether it owns it.
struct HandleEntry {
    var type: RuntimeResourceType
    var rep: UInt32
    var own: Bool
    /// Borrows of this own handle currently lent out to a callee.
    var lends = 0
    /// For a borrow handle given to a callee: the call it must be dropped in.
    var scope: CallScope?
}

/// A component instance's table of handles. Index 0 is never used, so a
/// zero handle is always invalid; freed slots are reused, lowest last freed first.
struct HandleTable {
    private(set) var slots: [HandleEntry?] = [nil]
    private var free: [Int] = []

    mutating func add(_ e: HandleEntry) -> UInt32 {
        if let i = free.popLast() { slots[i] = e; return UInt32(i) }
        slots.append(e)
        return UInt32(slots.count - 1)
    }

    func get(_ i: UInt32, in owner: String) throws(ComponentTrap) -> HandleEntry {
        guard Int(i) < slots.count, let e = slots[Int(i)] else {
            throw ComponentTrap("unknown handle index \(i) in the handle table of \(owner)")
        }
        return e
    }

    mutating func update(_ i: UInt32, _ body: (inout HandleEntry) -> Void) {
        guard Int(i) < slots.count, slots[Int(i)] != nil else { return }
        body(&slots[Int(i)]!)
    }

    mutating func remove(_ i: UInt32, in owner: String) throws(ComponentTrap) -> HandleEntry {
        let e = try get(i, in: owner)
        slots[Int(i)] = nil
        free.append(Int(i))
        return e
    }

    /// Live handles, for reports.
    var liveCount: Int { slots.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }
}
