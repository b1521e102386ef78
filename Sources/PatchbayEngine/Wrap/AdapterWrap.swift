/// `patchbay new --adapt NAME=ADAPTER.wasm`: the main module's imports of
/// core module NAME are satisfied by an adapter module (a WASI preview1 →
/// preview2 adapter, typically), as `wasm-tools component new --adapt` does.
///
/// An adapter is a core module with its own `component-type` section. Its
/// imports come from the world (lowered like the main module's), from
/// `__main_module__` (the main module's exports: realloc and others) and,
/// for its memory, from the main module's memory. Its exports implement the
/// main module's imports of NAME and its own world's exports.
///
/// The component is written the way `new` writes one module, with the main
/// module and its adapters standing in for that module (`LinkedInstantiation`):
/// the adapters' worlds are merged into the main world (imports no module
/// uses are left out as usual), each adapter is trimmed to what is used
/// (`AdapterModuleGC`), the main module reaches the adapters' functions
/// through a shim table (they are instantiated after it, since they need
/// its memory), and a fixup fills that table once they exist.
extension ComponentWrapper {
    /// One `--adapt NAME=ADAPTER.wasm`.
    public struct Adapter: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public init(name: String, bytes: [UInt8]) { self.name = name; self.bytes = bytes }
    }

    /// The component for `module` with `adapters`, encoded.
    /// `reallocViaMemoryGrow`: the adapters never use the main module's
    /// realloc (their stacks and reallocs grow memory by pages instead).
    public static func new(module bytes: [UInt8], adapters: [Adapter], reallocViaMemoryGrow: Bool = false) throws(WrapError) -> [UInt8] {
        if adapters.isEmpty && !reallocViaMemoryGrow { return try new(module: bytes) }
        return ComponentEncoder.encode(try build(module: bytes, adapters: adapters, reallocViaMemoryGrow: reallocViaMemoryGrow))
    }

    public static func build(module bytes: [UInt8], adapters: [Adapter], reallocViaMemoryGrow: Bool = false) throws(WrapError) -> Component {
        var seen = Set<String>()
        for a in adapters where !seen.insert(a.name).inserted {
            throw WrapError("the adapter name `\(a.name)` is given twice")
        }
        let sections = try ModuleSections(bytes)
        let metadata = sections.componentTypeSections
        let mainWorld = try AdapterPlan.world(of: metadata.map { Array($0.customPayload) }, what: "the module")
        let main = sections.strippedBytes()
        let mainType: CoreModuleType
        do { mainType = try CoreModuleReader.summarize(main[...], offset: 0).type } catch {
            throw WrapError("the input is not a valid core module: \(error)")
        }
        var plans: [AdapterPlan] = []
        for a in adapters {
            plans.append(try AdapterPlan(a, mainType: mainType, reallocViaMemoryGrow: reallocViaMemoryGrow))
        }
        // wit-component adds the adapters' worlds first and the module's
        // last, which decides the order of the component's imports.
        // Exports, though, are lifted from the module first, then from each
        // adapter (the resolved order is what the wrapper follows).
        var world: WorldMetadata
        do { world = try WorldMerge.merge(plans.map(\.world) + [mainWorld]) } catch {
            throw WrapError("failed to merge the WIT worlds of the adapters into the module's world: \(error.message)")
        }
        AdapterPlan.liftMainExportsFirst(&world, main: mainWorld)
        try AdapterPlan.checkOwnMetadata(mainType, own: mainWorld, merged: world, adapters: Set(adapters.map(\.name)))
        // The module as embedded: later copies of a repeated import renamed.
        let (embedded, renamed) = try DuplicateImports.rename(main)
        let instantiation = try AdapterInstantiation(main: .module(embedded), mainType: mainType, adapters: plans.filter { $0.reduced != nil }, renamed: renamed)
        let builder = WrapBuilder(module: [], world: world, hasMetadata: !metadata.isEmpty)
        builder.linked = instantiation
        return try builder.build()
    }
}

/// One adapter, checked against the main module and trimmed.
struct AdapterPlan {
    let name: String
    let world: WorldMetadata
    /// The trimmed module, or nil when nothing of it is used (it is then
    /// not instantiated at all).
    var reduced: [UInt8]?
    var type = CoreModuleType()
    /// Exports the component lifts from this adapter (its world's exports,
    /// their post-returns, its reallocs).
    var liftedExports: [String] = []

    static func world(of payloads: [[UInt8]], what: String) throws(WrapError) -> WorldMetadata {
        guard let first = payloads.first else {
            return WorldMetadata(worldName: "root:root/root", decls: [], type: ComponentType(), stringEncoding: .utf8)
        }
        var worlds: [WorldMetadata] = []
        for p in payloads { worlds.append(try WorldMetadata.decode(p)) }
        guard worlds.allSatisfy({ $0.decls == worlds[0].decls }) else {
            throw WrapError("\(what) carries \(payloads.count) different component-type sections; merging several worlds is not supported yet")
        }
        _ = first
        return worlds[0]
    }

    static func liftMainExportsFirst(_ world: inout WorldMetadata, main: WorldMetadata) {
        let mainExports = Set(main.type.exports.map(\.name.name))
        world.type.exports = world.type.exports.filter { mainExports.contains($0.name.name) } + world.type.exports.filter { !mainExports.contains($0.name.name) }
    }

    /// `patchbay link --adapt`: the linked libraries (`inner`) take the
    /// main module's place; returns the merged world and what instantiates
    /// the libraries and then the adapters.
    static func adaptLinked(_ inner: any LinkedInstantiation, world: WorldMetadata, adapters: [ComponentWrapper.Adapter]) throws(WrapError) -> (WorldMetadata, any LinkedInstantiation) {
        var plans: [AdapterPlan] = []
        for a in adapters { plans.append(try AdapterPlan(a, mainType: inner.moduleType, reallocViaMemoryGrow: false)) }
        var merged: WorldMetadata
        do { merged = try WorldMerge.merge(plans.map(\.world) + [world]) } catch {
            throw WrapError("failed to merge the WIT worlds of the adapters into the libraries' world: \(error.message)")
        }
        liftMainExportsFirst(&merged, main: world)
        return (merged, try AdapterInstantiation(main: .linked(inner), mainType: inner.moduleType, adapters: plans.filter { $0.reduced != nil }))
    }

    /// The main module's own world must name what it imports, not only an
    /// adapter's world: the string encoding of a lowering that goes through
    /// the shim comes from the module's metadata (wit-component's check;
    /// a function it cannot find in the merged world fails validation later,
    /// with its own message).
    static func checkOwnMetadata(_ mainType: CoreModuleType, own: WorldMetadata, merged: WorldMetadata, adapters: Set<String>) throws(WrapError) {
        let importsMemory = mainType.imports.contains { if case .memory = $0.type { true } else { false } }
        if importsMemory { return }
        func function(_ w: WorldMetadata, _ module: String, _ name: String) -> FunctionType? {
            for i in w.type.imports {
                if module == "$root", i.name.name == name, case .function(let f) = i.type { return f }
                if i.name.name == module, case .instance(let it) = i.type, case .function(let f)? = it.export(named: name)?.type { return f }
            }
            return nil
        }
        for i in mainType.imports where !adapters.contains(i.module) {
            guard case .function = i.type, function(own, i.module, i.name) == nil, let f = function(merged, i.module, i.name) else { continue }
            guard let needs = try? AbiNeeds(f, context: .lower), needs.memory || needs.realloc || needs.strings else { continue }
            throw WrapError("failed to register indirect shims for main module: missing component metadata for import of `\(i.module)::\(i.name)`")
        }
    }

    init(_ adapter: ComponentWrapper.Adapter, mainType: CoreModuleType, reallocViaMemoryGrow: Bool) throws(WrapError) {
        name = adapter.name
        let context = "failed to validate the imports of the adapter module `\(adapter.name)`"
        let sections: ModuleSections
        do { sections = try ModuleSections(adapter.bytes) } catch { throw error.context(context) }
        world = try Self.world(of: sections.componentTypeSections.map { Array($0.customPayload) }, what: "the adapter `\(adapter.name)`")
        let stripped = sections.strippedBytes()
        let original: CoreModuleType
        do { original = try CoreModuleReader.summarize(stripped[...], offset: 0).type } catch {
            throw WrapError("\(context): the adapter is not a valid core module: \(error)")
        }

        // What the main module needs from it, with the types it expects.
        var required = Set<String>()
        for i in mainType.imports where i.module == adapter.name {
            guard case .function(let want?) = i.type else {
                throw WrapError("\(context): the main module imports `\(i.module)::\(i.name)`, which is not a function")
            }
            guard let e = original.exports.first(where: { $0.name == i.name }), case .function(let found) = e.type else {
                throw WrapError("\(context): adapter module did not export `\(i.name)`")
            }
            if let found, found != want {
                throw WrapError("\(context): type mismatch for function `\(i.name)`: expected `\(AbiNeeds.text(want))` but found `\(AbiNeeds.text(found))`")
            }
            required.insert(i.name)
        }
        // What its own world exports.
        var lifted: [String] = []
        for e in world.type.exports {
            switch e.type {
            case .function: lifted.append(e.name.name)
            case .instance(let it):
                for x in it.exports { if case .function = x.type { lifted.append("\(e.name.name)#\(x.name.name)") } }
            default: break
            }
        }
        let exported = Set(original.exports.compactMap { if case .function = $0.type { $0.name } else { nil } })
        for f in lifted where !exported.contains(f) {
            throw WrapError("\(context): failed to find export of function `\(f)`")
        }
        guard !(required.isEmpty && lifted.isEmpty) else { return }
        var keep = lifted
        for f in lifted where exported.contains("cabi_post_\(f)") { keep.append("cabi_post_\(f)") }
        for r in ["cabi_realloc", "cabi_import_realloc", "cabi_export_realloc"] where exported.contains(r) { keep.append(r) }
        liftedExports = keep
        required.formUnion(keep)

        let mainExports = Set(mainType.exports.compactMap { if case .function = $0.type { $0.name } else { nil } })
        let mainRealloc = reallocViaMemoryGrow ? nil : ["cabi_realloc_adapter", "cabi_realloc"].first(where: { mainExports.contains($0) })
        let gc = try AdapterModuleGC(name: adapter.name, bytes: stripped)
        let bytes = try gc.reduce(required: required, mainRealloc: mainRealloc)
        do { type = try CoreModuleReader.summarize(bytes[...], offset: 0).type } catch {
            throw WrapError("the trimmed adapter module `\(adapter.name)` does not read back: \(error)")
        }
        reduced = bytes
    }
}

/// Instantiates the main module and its adapters where `new` would
/// instantiate its one module.
final class AdapterInstantiation: LinkedInstantiation {
    /// What the adapters adapt: one core module, or linked libraries.
    enum Main { case module([UInt8]), linked(any LinkedInstantiation) }
    let main: Main
    let mainType: CoreModuleType
    let adapters: [AdapterPlan]
    let moduleType: CoreModuleType
    /// Main-module imports served by an adapter, in order: each becomes a
    /// slot of the shim table.
    private var slots: [(adapter: Int, name: String, type: CoreFuncType)] = []
    /// The main module's renamed copies of repeated imports (`DuplicateImports`);
    /// `mainType` has the module's own names.
    let renamed: [DuplicateImports.Renamed]

    init(main: Main, mainType: CoreModuleType, adapters: [AdapterPlan], renamed: [DuplicateImports.Renamed] = []) throws(WrapError) {
        self.main = main; self.mainType = mainType; self.adapters = adapters; self.renamed = renamed
        let names = Set(adapters.map(\.name))
        var imports: [CoreImportType] = []
        var seen = Set<String>()
        for i in mainType.imports {
            if let k = adapters.firstIndex(where: { $0.name == i.module }) {
                guard case .function(let t?) = i.type else { continue }
                if !slots.contains(where: { $0.adapter == k && $0.name == i.name }) { slots.append((k, i.name, t)) }
                continue
            }
            if seen.insert(i.module + "\u{0}" + i.name).inserted { imports.append(i) }
        }
        // The adapters' world imports are lowered like the main module's;
        // their memory and `__main_module__` items come from the main module.
        for a in adapters {
            for i in a.type.imports {
                if i.module == "__main_module__" { continue }
                if case .memory = i.type { continue }
                if names.contains(i.module) {
                    throw WrapError("the adapter `\(a.name)` imports from the adapter `\(i.module)`, which is not supported")
                }
                if seen.insert(i.module + "\u{0}" + i.name).inserted { imports.append(i) }
            }
        }
        var exports = mainType.exports
        // The lifts and lowerings pick reallocs by name from one instance:
        // an adapter's realloc is only offered when the module has none, so
        // the module's own lowerings never allocate with an adapter's.
        let reallocs: Set<String> = ["cabi_realloc", "cabi_import_realloc", "cabi_export_realloc"]
        let mainHasRealloc = mainType.exports.contains { reallocs.contains($0.name) }
        for a in adapters {
            for name in a.liftedExports where !exports.contains(where: { $0.name == name }) {
                if mainHasRealloc && reallocs.contains(name) { continue }
                if let e = a.type.exports.first(where: { $0.name == name }) { exports.append(e) }
            }
        }
        moduleType = CoreModuleType(imports: imports, exports: exports)
    }

    func instantiate(top: SectionSink, imports: [(module: String, items: [CoreInstance.InlineExport])]) throws(WrapError) -> UInt32 {
        // The adapters' functions, through a table filled after they exist.
        var shimInstance: UInt32?
        var slotFuncs: [UInt32] = []
        if !slots.isEmpty {
            let m = top.addCoreModule(WrapBuilder.shimModule(slots.map(\.type)))
            let inst = top.addCoreInstance(.instantiate(module: m, args: []))
            shimInstance = inst
            for i in slots.indices { slotFuncs.append(top.aliasCoreExport(inst, "\(i)", .func_)) }
        }
        func group(_ module: String) -> [CoreInstance.InlineExport] {
            imports.first(where: { $0.module == module })?.items ?? []
        }
        func modules(_ t: CoreModuleType) -> [String] {
            var out: [String] = []
            for i in t.imports where !out.contains(i.module) { out.append(i.module) }
            return out
        }

        var args: [CoreInstance.Arg] = []
        var groups = imports
        for m in modules(mainType) {
            var items: [CoreInstance.InlineExport]
            if let k = adapters.firstIndex(where: { $0.name == m }) {
                items = []
                for (s, slot) in slots.enumerated() where slot.adapter == k {
                    items.append(CoreInstance.InlineExport(name: slot.name, item: CoreSortIndex(.func_, slotFuncs[s])))
                }
                groups.append((m, items))
            } else {
                items = group(m)
            }
            if case .module = main {
                items = DuplicateImports.complete(items, module: m, renamed: renamed)
                args.append(CoreInstance.Arg(name: m, index: top.addCoreInstance(.fromExports(items))))
            }
        }
        let mainInstance: UInt32
        switch main {
        case .module(let bytes):
            mainInstance = top.addCoreInstance(.instantiate(module: top.addCoreModule(bytes), args: args))
        case .linked(let inner):
            mainInstance = try inner.instantiate(top: top, imports: groups)
        }

        // The one memory: the main module's (its stand-in when it imports it).
        var memory: UInt32?
        func mainMemory() throws(WrapError) -> UInt32 {
            if let memory { return memory }
            for g in imports { for i in g.items where i.item.sort == .memory { memory = i.item.index; return i.item.index } }
            guard mainType.exports.contains(where: { if $0.name == "memory", case .memory = $0.type { true } else { false } }) else {
                throw WrapError("module does not export a memory named `memory`")
            }
            let m = top.aliasCoreExport(mainInstance, "memory", .memory)
            memory = m
            return m
        }

        var adapterInstances: [UInt32] = []
        for a in adapters {
            guard let bytes = a.reduced else { continue }
            let module = top.addCoreModule(bytes)
            var args: [CoreInstance.Arg] = []
            for m in modules(a.type) {
                if m == "__main_module__" {
                    for i in a.type.imports where i.module == m {
                        guard let e = mainType.exports.first(where: { $0.name == i.name }), e.type.sort == i.type.sort else {
                            throw WrapError("the adapter `\(a.name)` imports `__main_module__::\(i.name)`, which the main module does not export")
                        }
                    }
                    args.append(CoreInstance.Arg(name: m, index: mainInstance))
                    continue
                }
                var items = group(m)
                for i in a.type.imports where i.module == m {
                    if case .memory = i.type {
                        items.removeAll { $0.name == i.name }
                        items.append(CoreInstance.InlineExport(name: i.name, item: CoreSortIndex(.memory, try mainMemory())))
                    }
                }
                args.append(CoreInstance.Arg(name: m, index: top.addCoreInstance(.fromExports(items))))
            }
            adapterInstances.append(top.addCoreInstance(.instantiate(module: module, args: args)))
        }

        // Fill the table with the adapters' functions.
        if let shimInstance {
            var actual: [CoreInstance.InlineExport] = []
            for (s, slot) in slots.enumerated() {
                let f = top.aliasCoreExport(adapterInstances[slot.adapter], slot.name, .func_)
                actual.append(CoreInstance.InlineExport(name: "\(s)", item: CoreSortIndex(.func_, f)))
            }
            let table = top.aliasCoreExport(shimInstance, "$imports", .table)
            actual.append(CoreInstance.InlineExport(name: "$imports", item: CoreSortIndex(.table, table)))
            let fixup = top.addCoreModule(WrapBuilder.fixupModule(slots.map(\.type)))
            let argInstance = top.addCoreInstance(.fromExports(actual))
            _ = top.addCoreInstance(.instantiate(module: fixup, args: [CoreInstance.Arg(name: "", index: argInstance)]))
        }

        // What the lifts and lowerings read: the main module's exports, and
        // the adapters' world exports and reallocs.
        guard moduleType.exports.count > mainType.exports.count else { return mainInstance }
        var items: [CoreInstance.InlineExport] = []
        for e in mainType.exports {
            items.append(CoreInstance.InlineExport(name: e.name, item: CoreSortIndex(e.type.sort, top.aliasCoreExport(mainInstance, e.name, e.type.sort))))
        }
        for e in moduleType.exports.dropFirst(mainType.exports.count) {
            guard let k = adapters.firstIndex(where: { $0.type.exports.contains(where: { $0.name == e.name }) && $0.liftedExports.contains(e.name) }) else { continue }
            items.append(CoreInstance.InlineExport(name: e.name, item: CoreSortIndex(e.type.sort, top.aliasCoreExport(adapterInstances[k], e.name, e.type.sort))))
        }
        return top.addCoreInstance(.fromExports(items))
    }

    func initialize(top: SectionSink) throws(WrapError) {
        if case .linked(let inner) = main { try inner.initialize(top: top) }
    }
}
