import WasmKit

/// A component function at run time: a lifted core function, an export
/// forwarded from an inner instance, or a host stub for an unprovided import.
public final class ComponentFunction {
    /// Where the function comes from, as people know it (`test:demo/api#sum`).
    public internal(set) var name: String
    public let type: FunctionType
    var body: ([ComponentValue]) throws -> ComponentValue?
    /// Set until an export gives the function a better name.
    var provisionalName: Bool

    init(name: String, type: FunctionType, provisional: Bool = false, body: @escaping ([ComponentValue]) throws -> ComponentValue?) {
        self.name = name; self.type = type; self.provisionalName = provisional; self.body = body
    }

    public func call(_ args: [ComponentValue]) throws -> ComponentValue? { try body(args) }
}

/// What a type index holds at run time: only resources matter (they are
/// generative and have handles); every other type is structural.
enum RuntimeType {
    case resource(RuntimeResourceType)
    case other
}

/// An entry of a component-level index space at run time.
enum RuntimeItem {
    case function(ComponentFunction)
    case instance(RuntimeExports)
    case component(ComponentClosure)
    case type(RuntimeType)
    case module(WasmKit.Module)
    case value(ComponentValue)
}

/// A component instance's exports, in definition order.
public final class RuntimeExports {
    var names: [String] = []
    var items: [String: RuntimeItem] = [:]

    func add(_ name: String, _ item: RuntimeItem) {
        if items[name] == nil { names.append(name) }
        items[name] = item
    }

    subscript(_ name: String) -> RuntimeItem? { items[name] }
}

/// A nested component definition with the scope it was defined in, so its
/// outer aliases find what they name.
struct ComponentClosure {
    let component: Component
    let parent: RuntimeScope
}

/// A core instance's exports by name.
struct CoreExports {
    var items: [String: WasmKit.ExternalValue] = [:]
    var names: [String] = []
    mutating func add(_ n: String, _ v: WasmKit.ExternalValue) {
        if items[n] == nil { names.append(n) }
        items[n] = v
    }
}

/// The index spaces of one component instance while it is being
/// instantiated (and afterwards, for its functions' canonical options).
final class RuntimeScope {
    let parent: RuntimeScope?
    let state: InstanceState
    /// The resolver's index spaces for this component body (for function types).
    let spaces: IndexSpaces

    var funcs: [ComponentFunction] = []
    var values: [ComponentValue] = []
    var types: [RuntimeType] = []
    var components: [ComponentClosure] = []
    var instances: [RuntimeExports] = []
    var coreModules: [WasmKit.Module] = []
    var coreFuncs: [(function: WasmKit.Function, name: String)] = []
    var coreTables: [WasmKit.Table] = []
    var coreMemories: [WasmKit.Memory] = []
    var coreGlobals: [WasmKit.Global] = []
    var coreTags: [WasmKit.Tag] = []
    var coreInstances: [CoreExports] = []
    var coreTypeCount = 0
    let exports = RuntimeExports()
    /// The body's `component-name` section, for naming instances in traces.
    var names = ComponentNames()

    init(parent: RuntimeScope?, state: InstanceState, spaces: IndexSpaces) {
        self.parent = parent; self.state = state; self.spaces = spaces
    }

    /// The run-time resource type of each resource id the resolver gave
    /// this body: handles lifted in this scope are checked against it.
    var resourcesByID: [Int: RuntimeResourceType] = [:]

    func addType(_ t: RuntimeType) {
        if case .resource(let rt) = t, types.count < spaces.types.count, case .resource(let id) = spaces.types[types.count] {
            resourcesByID[id.id] = rt
        }
        types.append(t)
    }

    func add(_ item: RuntimeItem) {
        switch item {
        case .function(let f): funcs.append(f)
        case .instance(let i): instances.append(i)
        case .component(let c): components.append(c)
        case .type(let t): addType(t)
        case .module(let m): coreModules.append(m)
        case .value(let v): values.append(v)
        }
    }

    func addCore(_ v: WasmKit.ExternalValue, name: String) {
        switch v {
        case .function(let f): coreFuncs.append((f, name))
        case .table(let t): coreTables.append(t)
        case .memory(let m): coreMemories.append(m)
        case .global(let g): coreGlobals.append(g)
        case .tag(let t): coreTags.append(t)
        }
    }

    func item(_ s: SortIndex, at offset: Int) throws(InstantiationError) -> RuntimeItem {
        let i = Int(s.index)
        func oob(_ what: String, _ n: Int) -> InstantiationError {
            InstantiationError("\(what) index \(i) is out of bounds (\(n) defined)", at: offset)
        }
        switch s.sort {
        case .func_: guard i < funcs.count else { throw oob("function", funcs.count) }; return .function(funcs[i])
        case .value: guard i < values.count else { throw oob("value", values.count) }; return .value(values[i])
        case .type: guard i < types.count else { throw oob("type", types.count) }; return .type(types[i])
        case .component: guard i < components.count else { throw oob("component", components.count) }; return .component(components[i])
        case .instance: guard i < instances.count else { throw oob("instance", instances.count) }; return .instance(instances[i])
        case .core(.module): guard i < coreModules.count else { throw oob("core module", coreModules.count) }; return .module(coreModules[i])
        case .core(let c): throw InstantiationError("a core \(c.name) cannot be used as a component-level item", at: offset)
        }
    }

    func coreItem(_ s: CoreSortIndex, at offset: Int) throws(InstantiationError) -> WasmKit.ExternalValue {
        let i = Int(s.index)
        func oob(_ n: Int) -> InstantiationError {
            InstantiationError("core \(s.sort.name) index \(i) is out of bounds (\(n) defined)", at: offset)
        }
        switch s.sort {
        case .func_: guard i < coreFuncs.count else { throw oob(coreFuncs.count) }; return .function(coreFuncs[i].function)
        case .table: guard i < coreTables.count else { throw oob(coreTables.count) }; return .table(coreTables[i])
        case .memory: guard i < coreMemories.count else { throw oob(coreMemories.count) }; return .memory(coreMemories[i])
        case .global: guard i < coreGlobals.count else { throw oob(coreGlobals.count) }; return .global(coreGlobals[i])
        case .tag: guard i < coreTags.count else { throw oob(coreTags.count) }; return .tag(coreTags[i])
        default: throw InstantiationError("a core \(s.sort.name) cannot be exported from a core instance", at: offset)
        }
    }

    func coreFunc(_ i: UInt32, _ what: String, at offset: Int) throws(InstantiationError) -> (function: WasmKit.Function, name: String) {
        guard Int(i) < coreFuncs.count else {
            throw InstantiationError("\(what): core function index \(i) is out of bounds (\(coreFuncs.count) defined)", at: offset)
        }
        return coreFuncs[Int(i)]
    }

    /// The scope `count` levels out (0 is this one), for outer aliases.
    func outer(_ count: UInt32) -> RuntimeScope? {
        var s: RuntimeScope? = self
        for _ in 0..<count { s = s?.parent }
        return s
    }
}
