import WasmParser
import WasmKit

/// Instantiates a component over WasmKit's core runtime: walks each
/// component body's definitions in order, filling the runtime index spaces
/// (core modules and instances, nested components and instances, aliases,
/// types, canon definitions, imports, exports), as the component model's
/// instantiation does.
final class Instantiator {
    let store: WasmKit.Store
    let layouts = LayoutCache()
    /// The resolver's spaces of every component body, by the body's offset.
    let bodies: [Int: IndexSpaces]
    /// The trace of the call in progress, if one is being recorded.
    var trace: CallTrace?
    /// Values the host returns for the top level's unresolved function imports.
    var hostValues = HostValues()
    private var modules: [Int: WasmKit.Module] = [:]
    private var instanceCount = 0

    init(store: WasmKit.Store, bodies: [Int: IndexSpaces]) {
        self.store = store; self.bodies = bodies
    }

    /// Instantiates `component`; `args` are the imports it is given (for
    /// the top level, nil: every import becomes a host stub).
    func instantiate(_ component: Component, parent: RuntimeScope?, args: [String: RuntimeItem]?, name: String) throws -> RuntimeScope {
        guard let spaces = bodies[component.offset] else {
            throw InstantiationError("no resolved types for the component at this offset", at: component.offset)
        }
        let scope = RuntimeScope(parent: parent, state: InstanceState(name: name), spaces: spaces)
        for s in component.sections {
            if case .custom(let c) = s.content, c.name == "component-name", let n = try? ComponentNames.parse(c.payload) { scope.names = n }
        }
        for section in component.sections {
            try define(section, in: scope, args: args)
        }
        return scope
    }

    private func define(_ section: Section, in scope: RuntimeScope, args: [String: RuntimeItem]?) throws {
        switch section.content {
        case .custom: break
        case .coreModule(let m):
            scope.coreModules.append(try module(m))
        case .coreInstances(let list):
            for ci in list { try coreInstance(ci, in: scope) }
        case .coreTypes(let list):
            scope.coreTypeCount += list.count
        case .component(let c):
            scope.components.append(ComponentClosure(component: c, parent: scope))
        case .instances(let list):
            for i in list { try instance(i, in: scope) }
        case .aliases(let list):
            for a in list { try alias(a, in: scope) }
        case .types(let list):
            for t in list {
                if case .resource(_, let dtor) = t.kind {
                    let d = try dtor.map { i throws(InstantiationError) in try scope.coreFunc(i, "resource destructor", at: t.offset).function }
                    scope.addType(.resource(RuntimeResourceType(name: "resource", destructor: d, implementation: scope.state)))
                } else {
                    scope.addType(.other)
                }
            }
        case .canons(let list):
            for c in list { try canon(c, in: scope) }
        case .start(let s):
            throw InstantiationError("start functions (a gated feature) are not supported by the runtime", at: s.offset)
        case .imports(let list):
            for i in list {
                if let args {
                    guard let item = args[i.name.name] else {
                        throw InstantiationError("missing argument for import `\(i.name.name)`", at: i.offset)
                    }
                    scope.add(item)
                } else {
                    guard let e = scope.spaces.imports.first(where: { $0.name.name == i.name.name }) else {
                        throw InstantiationError("no type for import `\(i.name.name)`", at: i.offset)
                    }
                    var resources: [Int: RuntimeResourceType] = [:]
                    scope.add(try HostStubs.item(for: e.type, name: i.name.name, given: hostValues, resources: &resources, at: i.offset))
                }
            }
        case .exports(let list):
            for e in list {
                let item = try scope.item(e.item, at: e.offset)
                name(item, e.name.name)
                scope.add(item)
                scope.exports.add(e.name.name, item)
            }
        case .values(let list):
            if let v = list.first { throw InstantiationError("value definitions (a gated feature) are not supported by the runtime", at: v.offset) }
        }
    }

    /// Gives exported functions and resource types the name they are exported under.
    private func name(_ item: RuntimeItem, _ n: String) {
        switch item {
        case .function(let f) where f.provisionalName:
            f.name = n; f.provisionalName = false
        case .type(.resource(let r)) where r.name == "resource":
            r.name = n
        case .instance(let exports):
            for en in exports.names {
                switch exports[en] {
                case .function(let f)? where f.provisionalName || !f.name.contains("#"):
                    if f.provisionalName || f.name == en { f.name = n + "#" + en; f.provisionalName = false }
                default: break
                }
            }
        default: break
        }
    }

    // MARK: core

    /// Core features beyond WasmKit's defaults that component toolchains and
    /// the spec tests use (a module with a second memory, SIMD in real code).
    static let coreFeatures: WasmParser.WasmFeatureSet = [.referenceTypes, .exceptionHandling, .multiMemory, .simd, .tailCall]

    private func module(_ m: CoreModule) throws -> WasmKit.Module {
        if let cached = modules[m.offset] { return cached }
        do {
            let parsed = try WasmKit.parseWasm(bytes: Array(m.bytes), features: Self.coreFeatures)
            modules[m.offset] = parsed
            return parsed
        } catch {
            throw InstantiationError("core module does not load: \(error)", at: m.offset)
        }
    }

    private func coreInstance(_ ci: CoreInstance, in scope: RuntimeScope) throws {
        switch ci.expr {
        case .instantiate(let m, let args):
            guard Int(m) < scope.coreModules.count else {
                throw InstantiationError("core module index \(m) is out of bounds (\(scope.coreModules.count) defined)", at: ci.offset)
            }
            var imports = WasmKit.Imports()
            for a in args {
                guard Int(a.index) < scope.coreInstances.count else {
                    throw InstantiationError("core instance index \(a.index) is out of bounds in argument `\(a.name)`", at: ci.offset)
                }
                let given = scope.coreInstances[Int(a.index)]
                for n in given.names { if let v = given.items[n] { imports.define(module: a.name, name: n, v) } }
            }
            let module = scope.coreModules[Int(m)]
            let instance: WasmKit.Instance
            do { instance = try module.instantiate(store: store, imports: imports) } catch let t as ComponentTrap {
                throw t
            } catch {
                throw InstantiationError("core module \(m) does not instantiate in \(scope.state.name): \(error)", at: ci.offset)
            }
            var ex = CoreExports()
            for (n, v) in instance.exports { ex.add(n, v) }
            scope.coreInstances.append(ex)
        case .fromExports(let items):
            var ex = CoreExports()
            for e in items { ex.add(e.name, try scope.coreItem(e.item, at: ci.offset)) }
            scope.coreInstances.append(ex)
        }
    }

    // MARK: component instances

    private func instance(_ i: ComponentInstance, in scope: RuntimeScope) throws {
        switch i.expr {
        case .instantiate(let c, let args):
            guard Int(c) < scope.components.count else {
                throw InstantiationError("component index \(c) is out of bounds (\(scope.components.count) defined)", at: i.offset)
            }
            let closure = scope.components[Int(c)]
            var given: [String: RuntimeItem] = [:]
            for a in args { given[a.name] = try scope.item(a.item, at: i.offset) }
            instanceCount += 1
            let named = scope.names.names[.instance]?[UInt32(scope.instances.count)].map { "instance `\($0)`" }
            let label = named ?? "instance \(scope.instances.count) of component \(c)"
            let inner = try instantiate(closure.component, parent: closure.parent, args: given,
                                        name: scope.parent == nil ? label : "\(label) in \(scope.state.name)")
            // Without a name section, what an instance exports says best which one it is.
            if named == nil, let first = inner.exports.names.first {
                inner.state.name = "instance \(scope.instances.count) (exports `\(first)`\(inner.exports.names.count > 1 ? ", …" : ""))"
                    + (scope.parent == nil ? "" : " in \(scope.state.name)")
            }
            scope.instances.append(inner.exports)
        case .fromExports(let items):
            let ex = RuntimeExports()
            for e in items { ex.add(e.name.name, try scope.item(e.item, at: i.offset)) }
            scope.instances.append(ex)
        }
    }

    // MARK: aliases

    private func alias(_ a: Alias, in scope: RuntimeScope) throws(InstantiationError) {
        switch a.target {
        case .instanceExport(let inst, let name):
            guard Int(inst) < scope.instances.count else {
                throw InstantiationError("instance index \(inst) is out of bounds in alias of `\(name)`", at: a.offset)
            }
            guard let item = scope.instances[Int(inst)][name] else {
                throw InstantiationError("instance \(inst) has no export `\(name)`", at: a.offset)
            }
            scope.add(item)
        case .coreInstanceExport(let inst, let name):
            guard Int(inst) < scope.coreInstances.count else {
                throw InstantiationError("core instance index \(inst) is out of bounds in alias of `\(name)`", at: a.offset)
            }
            guard let v = scope.coreInstances[Int(inst)].items[name] else {
                throw InstantiationError("core instance \(inst) has no export `\(name)`", at: a.offset)
            }
            let core = scope.names.names[.core(.instance)]?[inst].map { "core instance `\($0)`" } ?? "core instance \(inst)"
            scope.addCore(v, name: "`\(name)` of \(core) in \(scope.state.name)")
        case .outer(let count, let index):
            guard let target = scope.outer(count) else {
                throw InstantiationError("outer alias count \(count) goes past the outermost component", at: a.offset)
            }
            let i = Int(index)
            switch a.sort {
            case .type:
                guard i < target.types.count else { throw InstantiationError("outer type index \(i) is out of bounds", at: a.offset) }
                scope.addType(target.types[i])
            case .component:
                guard i < target.components.count else { throw InstantiationError("outer component index \(i) is out of bounds", at: a.offset) }
                scope.components.append(target.components[i])
            case .core(.module):
                guard i < target.coreModules.count else { throw InstantiationError("outer module index \(i) is out of bounds", at: a.offset) }
                scope.coreModules.append(target.coreModules[i])
            case .core(.type):
                scope.coreTypeCount += 1
            default:
                throw InstantiationError("outer aliases of \(a.sort.name) are not allowed", at: a.offset)
            }
        }
    }
}
