import WasmKit

/// A running component: instantiated once over WasmKit, then called
/// export by export with component values.
///
///     let rt = try ComponentRuntime(component)
///     let f = try rt.function("test:demo/api#sum")
///     let r = try rt.call(f, [.list([.u32(1), .u32(2)])])
public final class ComponentRuntime {
    private let store: WasmKit.Store
    private let instantiator: Instantiator
    private let root: RuntimeScope
    /// Handles the host received as results (own handles returned by exports).
    private let host = InstanceState(name: "the host")

    /// What the host gave for the unresolved imports, and how often each was called.
    public let hostValues: HostValues

    /// Instantiates `component`; its unresolved function imports return the
    /// values in `hostValues` (WAVE texts by `iface#func`) or trap when called.
    public init(_ component: Component, hostValues: HostValues = HostValues()) throws {
        self.hostValues = hostValues
        var bodies: [Int: IndexSpaces] = [:]
        do { _ = try TypeResolver().recordBodies(component, into: &bodies) } catch {
            throw InstantiationError("the component does not resolve: \(error.message)", at: error.offset)
        }
        store = WasmKit.Store(engine: WasmKit.Engine(configuration: WasmKit.EngineConfiguration(features: Instantiator.coreFeatures)))
        instantiator = Instantiator(store: store, bodies: bodies)
        instantiator.hostValues = hostValues
        root = try instantiator.instantiate(component, parent: nil, args: nil, name: "the root component")
        try hostValues.checkAllUsed()
    }

    /// Every exported function, by its path (`name` or `iface#name`).
    public var exportedFunctions: [String] {
        var out: [String] = []
        func walk(_ ex: RuntimeExports, _ prefix: String) {
            for n in ex.names {
                switch ex[n] {
                case .function?: out.append(prefix + n)
                case .instance(let inner)?: walk(inner, prefix + n + "#")
                default: break
                }
            }
        }
        walk(root.exports, "")
        return out
    }

    /// The exported function at `path`: `name`, or `instance#name` (nested: `a#b#name`).
    public func function(_ path: String) throws(InstantiationError) -> ComponentFunction {
        var ex = root.exports
        let parts = path.split(separator: "#", omittingEmptySubsequences: false).map(String.init)
        for (i, p) in parts.enumerated() {
            switch ex[p] {
            case .instance(let inner)? where i < parts.count - 1: ex = inner
            case .function(let f)? where i == parts.count - 1: return f
            default:
                let known = exportedFunctions
                throw InstantiationError("no exported function `\(path)`; exported functions: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
            }
        }
        throw InstantiationError("no exported function `\(path)`")
    }

    /// Calls `f` with `args`; own handles in the result are kept in the host's table.
    /// With `trace`, every boundary crossing of the call is recorded in it.
    public func call(_ f: ComponentFunction, _ args: [ComponentValue], trace: CallTrace? = nil) throws -> ComponentValue? {
        instantiator.trace = trace
        defer { instantiator.trace = nil }
        let r = try f.call(args)
        return r.map(keepHandles)
    }

    /// Gives own handles that reach the host an index in its table, so they can be shown and passed back.
    private func keepHandles(_ v: ComponentValue) -> ComponentValue {
        switch v {
        case .own(var h):
            h.hostIndex = host.table.add(HandleEntry(type: h.type, rep: h.rep, own: true))
            return .own(h)
        case .list(let xs): return .list(xs.map(keepHandles))
        case .tuple(let xs): return .tuple(xs.map(keepHandles))
        case .record(let fs): return .record(fs.map { ($0.name, keepHandles($0.value)) })
        case .variant(let n, let p): return .variant(name: n, payload: p.map(keepHandles))
        case .option(let p): return .option(p.map(keepHandles))
        case .result(let ok, let p): return .result(isOk: ok, payload: p.map(keepHandles))
        default: return v
        }
    }
}

extension TypeResolver {
    /// Resolves `component` like `resolveComponentBody`, also keeping the
    /// final index spaces of every nested component body, by its offset:
    /// the runtime reads function types from them.
    func recordBodies(_ component: Component, into table: inout [Int: IndexSpaces]) throws(ValidationError) -> IndexSpaces {
        scopes.append(IndexSpaces())
        defer { scopes.removeLast() }
        for section in component.sections {
            if case .component(let inner) = section.content {
                let s = try recordBodies(inner, into: &table)
                cur.components.append(ComponentType(imports: s.imports, exports: s.exports))
            } else {
                try resolve(section)
            }
        }
        table[component.offset] = cur
        return cur
    }
}
