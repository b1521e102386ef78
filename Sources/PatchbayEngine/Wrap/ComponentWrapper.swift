/// Turns a core module that carries its world in a `component-type` custom
/// section into a component (what `wasm-tools component new` does).
///
/// The shape follows wit-component's conventions, because every toolchain
/// writes modules for them:
/// - core imports name their interface (`foo:bar/baz`, or `$root` for
///   world-level functions) and function; `[resource-drop]r` drops an
///   imported resource; `[export]iface` holds `[resource-new]r`,
///   `[resource-rep]r` and `[resource-drop]r` for exported resources;
/// - core exports are `f` for world functions and `iface#f` for interface
///   functions, with `cabi_post_<export>` post-return functions,
///   `cabi_realloc` (or `cabi_import_realloc`/`cabi_export_realloc`) and
///   `memory`;
/// - an import lowered with the module's own memory or realloc cannot be
///   made before the module is instantiated, so the module first gets a
///   shim function that calls through a table, and a fixup module fills
///   the table with the real lowering afterwards. Destructors of exported
///   resources take the same path.
/// Exported interfaces are instances of a small shim component whose
/// imports are the lifted functions and whose exports carry the
/// interface's names, so the component's world reads back as the module's.
public enum ComponentWrapper {
    public struct Options: Sendable {
        public init() {}
    }

    /// The component for `module`, encoded.
    public static func new(module bytes: [UInt8], options: Options = Options()) throws(WrapError) -> [UInt8] {
        ComponentEncoder.encode(try build(module: bytes, options: options))
    }

    public static func build(module bytes: [UInt8], options: Options = Options()) throws(WrapError) -> Component {
        let sections = try ModuleSections(bytes)
        let metadata = sections.componentTypeSections
        let world: WorldMetadata
        if metadata.isEmpty {
            world = WorldMetadata(worldName: "root:root/root", decls: [], type: ComponentType(), stringEncoding: .utf8)
        } else {
            var worlds: [WorldMetadata] = []
            for m in metadata { worlds.append(try WorldMetadata.decode(Array(m.customPayload))) }
            guard worlds.allSatisfy({ $0.decls == worlds[0].decls }) else {
                throw WrapError("the module carries \(worlds.count) different component-type sections; merging several worlds is not supported yet")
            }
            world = worlds[0]
        }
        let builder = WrapBuilder(module: sections.strippedBytes(), world: world, hasMetadata: !metadata.isEmpty)
        return try builder.build()
    }
}

/// One wrap in progress: the top-level sink and what is known so far.
final class WrapBuilder {
    let module: [UInt8]
    let world: WorldMetadata
    let hasMetadata: Bool
    let top = SectionSink()
    var prefix = WorldPrefix()
    /// Set by `patchbay link`: several libraries stand in for the one module.
    var linked: (any LinkedInstantiation)?
    /// Shims call through function-reference globals with
    /// `return_call_ref` instead of a table (`ReturnCallRefShims`).
    var shimReturnCallRef = false
    lazy var topTypes = ValueTypeWriter(sink: top, resource: { [unowned self] r throws(WrapError) in try self.resourceTop(r) })

    var worldImports: [String: EntityType] = [:]
    var worldExports: [String: EntityType] = [:]
    /// Imported interfaces replaced by a newer semver-compatible version
    /// the world also imports: old name → new name.
    var semverTargets: [String: String] = [:]
    var coreExports: [String: CoreEntityType] = [:]
    /// Top-level type index of each resource, by resource id.
    var resources: [Int: UInt32] = [:]
    /// Where an imported resource comes from: instance import name (nil for
    /// a world-level type import) and export name.
    var importedResourceSources: [Int: (instance: String?, name: String)] = [:]
    var exportedInstances: [String: UInt32] = [:]
    var worldTypeAliases: [Int: UInt32] = [:]
    /// Resources of exported interfaces: the interface and the export name.
    var exportedResourceNames: [Int: (instance: String, name: String)] = [:]
    var exportedResourceAliases: [Int: UInt32] = [:]
    /// The shim's memory when the module imports its memory.
    var shimMemory: UInt32?
    /// How each exported function is lifted, by old-style core name.
    var liftPlans: [String: LiftPlan] = [:]
    /// The module's export names by old-style name (`cm32p2` names differ).
    var coreNames: [String: String] = [:]
    /// The module's export names (old-style) in its order.
    var coreExportOrder: [String] = []
    /// The TLS base lives in a global of the shim (a module without threads).
    var tlsGlobal: CoreValType?

    init(module: [UInt8], world: WorldMetadata, hasMetadata: Bool) {
        self.module = module; self.world = world; self.hasMetadata = hasMetadata
    }

    static let invalid = "failed to decode world from module: module was not valid"

    /// How the module's import is satisfied.
    enum ImportUse {
        case lower(module: String, name: String, type: FunctionType, needs: AbiNeeds)
        case resourceDrop(ResourceID)
        case resourceNew(ResourceID)
        case resourceRep(ResourceID)
        /// `env::memory`: the module's memory comes from outside.
        case memory(Limits)
        /// An async, stream/future, error-context or thread built-in.
        case builtin(Builtin)
    }

    /// A function of the shim module: a lowering that needs the module's
    /// memory, or a destructor of an exported resource.
    enum Indirect {
        case lower(index: Int)
        case dtor(export: String)
        /// The module's realloc, for lowerings made before it exists.
        case realloc
        /// A built-in that needs the module's memory, realloc or table.
        case builtin(index: Int)
    }

    func build() throws(WrapError) -> Component {
        let summary: CoreModuleReader.Summary
        if let linked {
            summary = CoreModuleReader.Summary(type: linked.moduleType, functionCount: 0, customSections: [])
        } else {
            do { summary = try CoreModuleReader.summarize(module[...], offset: 0) } catch {
                throw WrapError("the input is not a valid core module: \(error)")
            }
        }
        for i in world.type.imports { worldImports[i.name.name] = i.type }
        semverTargets = SemverMerge.targets(world.type.imports.compactMap { if case .instance = $0.type { $0.name.name } else { nil } })
        for e in world.type.exports { worldExports[e.name.name] = e.type }
        for e in summary.type.exports {
            let key = StandardNames.exportKey(e.name, exports: worldExports) ?? e.name
            coreExports[key] = e.type; coreNames[key] = e.name; coreExportOrder.append(key)
        }
        for i in world.type.imports {
            switch i.type {
            case .instance(let it):
                // The first name is the resource's own; later ones (`type t = r`) are aliases.
                for x in it.exports { if case .type(.resource(let r)) = x.type, importedResourceSources[r.id] == nil { importedResourceSources[r.id] = (i.name.name, x.name.name) } }
            case .type(.resource(let r)):
                importedResourceSources[r.id] = (nil, i.name.name)
            default: break
            }
        }

        // Check the module against the world before writing anything.
        // `uses` names each import as the world knows it; `originals` as
        // the module does (what it is instantiated with).
        var uses: [(module: String, name: String, use: ImportUse)] = []
        var originals: [(module: String, name: String)] = []
        for imp in summary.type.imports {
            var key = imp
            if let k = StandardNames.importKey(module: imp.module, name: imp.name, imports: worldImports, exports: worldExports) {
                (key.module, key.name) = k
            }
            let use = try classify(key)
            if case .lower(_, let n, _, _) = use { key.name = n }
            uses.append((key.module, key.name, use))
            originals.append((imp.module, imp.name))
        }
        try planExports()
        if !Self.tlsUsesContextSlot(uses.map(\.use)) {
            for u in uses { if case .builtin(.tlsBase(_, let t)) = u.use { tlsGlobal = t } }
        }

        var live = ImportLiveness(decls: world.decls)
        live.compute(moduleImports: uses.map { (semverTargets[$0.module] ?? $0.module, $0.name) }) { module, name in
            guard let u = uses.first(where: { (semverTargets[$0.module] ?? $0.module) == module && $0.name == name }) else { return nil }
            switch u.use {
            case .lower, .memory, .builtin: return nil
            case .resourceDrop(let r):
                if module.hasPrefix("[export]") { return (nil, name) }
                return importedResourceSources[r.id].map { ($0.instance, $0.name) } ?? (nil, name)
            case .resourceNew, .resourceRep: return (nil, name)
            }
        }
        for u in uses {
            if case .builtin(.payload(_, _, let source?, _)) = u.use, source.imported {
                live.markPayload(interface: source.interface.map { semverTargets[$0] ?? $0 }, function: source.function, index: source.index)
            }
        }
        try prefix.copy(world.decls, live: live, into: top)
        // A component may not embed a module that imports one name twice:
        // the embedded module has its later copies renamed (`summary` keeps
        // the module's own names), and they get what the first copy gets.
        var embedded = module
        var renamed: [DuplicateImports.Renamed] = []
        if linked == nil { (embedded, renamed) = try DuplicateImports.rename(module) }
        let mainIndex = linked == nil ? top.addCoreModule(embedded) : 0
        // Imports that repeat an earlier one are served by the earlier one's item.
        var repeated = Set<Int>()
        var firstSeen = Set<String>()
        for (i, o) in originals.enumerated() where !firstSeen.insert(o.module + "\u{0}" + o.name).inserted { repeated.insert(i) }

        // Exported resources, with destructors through the shim.
        // When the module imports its memory, the shim defines it, so
        // lowerings can use it before the module exists; only realloc
        // has to go through the table.
        var importedMemory: Limits?
        for u in uses { if case .memory(let l) = u.use { importedMemory = l } }
        var indirect: [Indirect] = []
        var indirectSigs: [CoreFuncType] = []
        for (i, u) in uses.enumerated() where !repeated.contains(i) {
            guard case .lower(_, _, _, let needs) = u.use, needs.memory || needs.realloc || needs.strings else { continue }
            if importedMemory == nil {
                indirect.append(.lower(index: i)); indirectSigs.append(needs.signature)
            } else if needs.realloc, !indirect.contains(where: { if case .realloc = $0 { true } else { false } }) {
                indirect.append(.realloc); indirectSigs.append(CoreFuncType(params: [.i32, .i32, .i32, .i32], results: [.i32]))
            }
        }
        for (i, u) in uses.enumerated() where !repeated.contains(i) {
            guard case .builtin(let b) = u.use else { continue }
            if builtinIsIndirect(b, importedMemory: importedMemory != nil) {
                guard case .function(let t?) = summary.type.imports[i].type else { continue }
                indirect.append(.builtin(index: i)); indirectSigs.append(t)
            } else if b.requirements.realloc, !indirect.contains(where: { if case .realloc = $0 { true } else { false } }) {
                indirect.append(.realloc); indirectSigs.append(CoreFuncType(params: [.i32, .i32, .i32, .i32], results: [.i32]))
            }
        }
        var ownResources: [(iface: String, name: String, id: ResourceID)] = []
        var seen = Set(importedResourceSources.keys)
        for e in world.type.exports {
            guard case .instance(let it) = e.type else { continue }
            for x in it.exports {
                if case .type(.resource(let r)) = x.type, !seen.contains(r.id) {
                    seen.insert(r.id)
                    ownResources.append((e.name.name, x.name.name, r))
                    let dtor = "\(e.name.name)#[dtor]\(x.name.name)"
                    if coreExports[dtor] != nil {
                        indirect.append(.dtor(export: dtor)); indirectSigs.append(CoreFuncType(params: [.i32], results: []))
                    }
                }
            }
        }
        var shimInstance: UInt32?
        var shimFuncs: [UInt32] = []
        if !indirect.isEmpty || importedMemory != nil || tlsGlobal != nil {
            // The return_call_ref shims have no TLS-base global; a module that
            // needs both gets the call_indirect shims (valid, one indirection more).
            let shim = shimReturnCallRef && tlsGlobal == nil
                ? ReturnCallRefShims.shimModule(indirectSigs, memory: importedMemory)
                : Self.shimModule(indirectSigs, memory: importedMemory, tls: tlsGlobal)
            let m = top.addCoreModule(shim)
            let inst = top.addCoreInstance(.instantiate(module: m, args: []))
            shimInstance = inst
            if importedMemory != nil { shimMemory = top.aliasCoreExport(inst, "$memory", .memory) }
            for i in indirect.indices { shimFuncs.append(top.aliasCoreExport(inst, "\(i)", .func_)) }
        }
        let shimRealloc = indirect.firstIndex(where: { if case .realloc = $0 { true } else { false } }).map { shimFuncs[$0] }
        var dtorFuncs: [String: UInt32] = [:]
        for (i, x) in indirect.enumerated() { if case .dtor(let name) = x { dtorFuncs[name] = shimFuncs[i] } }
        for r in ownResources {
            let dtor = dtorFuncs["\(r.iface)#[dtor]\(r.name)"]
            resources[r.id.id] = top.addType(.resource(rep: .i32, destructor: dtor))
        }

        // The module's imports, grouped by module name.
        var groups: [(module: String, items: [CoreInstance.InlineExport])] = []
        var seenItems = Set<String>()
        for (i, u) in uses.enumerated() {
            let original = originals[i]
            guard seenItems.insert(original.module + "\u{0}" + original.name).inserted else { continue }
            var f: UInt32
            var sort = CoreSort.func_
            if let k = indirect.firstIndex(where: {
                switch $0 {
                case .lower(let j), .builtin(let j): j == i
                default: false
                }
            }) {
                f = shimFuncs[k]
            } else {
                switch u.use {
                case .lower(let m, let n, _, let needs):
                    var opts: [CanonOption] = []
                    if let shimMemory, needs.memory || needs.realloc || needs.strings {
                        opts.append(.memory(shimMemory))
                        if needs.realloc, let shimRealloc { opts.append(.realloc(shimRealloc)) }
                        if needs.strings { opts.append(world.stringEncoding) }
                    }
                    if needs.isAsync { opts.append(.async) }
                    f = top.addCanon(.lower(func_: try importedFunction(m, n), options: opts))
                case .resourceDrop(let r): f = top.addCanon(.resourceDrop(try resourceTop(r)))
                case .resourceNew(let r): f = top.addCanon(.resourceNew(try resourceTop(r)))
                case .resourceRep(let r): f = top.addCanon(.resourceRep(try resourceTop(r)))
                case .memory:
                    guard let shimMemory else { throw WrapError("the module's imported memory has no stand-in") }
                    f = shimMemory; sort = .memory
                case .builtin(let b):
                    f = try emitBuiltin(b, memory: shimMemory, realloc: shimRealloc, shim: shimInstance, main: nil)
                }
            }
            let item = CoreInstance.InlineExport(name: original.name, item: CoreSortIndex(sort, f))
            if let g = groups.firstIndex(where: { $0.module == original.module }) { groups[g].items.append(item) } else { groups.append((original.module, [item])) }
        }
        let main: UInt32
        if let linked {
            main = try linked.instantiate(top: top, imports: groups)
        } else {
            var args: [CoreInstance.Arg] = []
            for g in DuplicateImports.complete(groups, renamed: renamed) {
                let inst = top.addCoreInstance(.fromExports(g.items))
                args.append(CoreInstance.Arg(name: g.module, index: inst))
            }
            main = top.addCoreInstance(.instantiate(module: mainIndex, args: args))
        }
        let canon = WrapCanonOptions(builder: self, main: main, encoding: world.stringEncoding)

        // Fill the shim's table now that the memory exists.
        if let shimInstance, !indirect.isEmpty {
            var actual: [CoreInstance.InlineExport] = []
            for (k, x) in indirect.enumerated() {
                let f: UInt32
                switch x {
                case .lower(let i):
                    guard case .lower(let m, let n, _, let needs) = uses[i].use else { continue }
                    let opts = try canon.options(needs, realloc: "cabi_import_realloc")
                    f = top.addCanon(.lower(func_: try importedFunction(m, n), options: opts))
                case .dtor(let name):
                    f = top.aliasCoreExport(main, coreName(name), .func_)
                case .realloc:
                    f = try canon.realloc("cabi_import_realloc")
                case .builtin(let i):
                    guard case .builtin(let b) = uses[i].use else { continue }
                    let r = b.requirements
                    let memory: UInt32? = try r.memory ? canon.memory() : nil
                    let realloc: UInt32? = try r.realloc ? canon.realloc("cabi_import_realloc") : nil
                    f = try emitBuiltin(b, memory: memory, realloc: realloc, shim: shimInstance, main: main)
                }
                actual.append(CoreInstance.InlineExport(name: "\(k)", item: CoreSortIndex(.func_, f)))
            }
            let fixup: UInt32
            if shimReturnCallRef {
                for k in indirect.indices {
                    let g = top.aliasCoreExport(shimInstance, "g\(k)", .global)
                    actual.append(CoreInstance.InlineExport(name: "g\(k)", item: CoreSortIndex(.global, g)))
                }
                fixup = top.addCoreModule(ReturnCallRefShims.fixupModule(indirectSigs))
            } else {
                let table = top.aliasCoreExport(shimInstance, "$imports", .table)
                actual.append(CoreInstance.InlineExport(name: "$imports", item: CoreSortIndex(.table, table)))
                fixup = top.addCoreModule(Self.fixupModule(indirectSigs))
            }
            let argInstance = top.addCoreInstance(.fromExports(actual))
            _ = top.addCoreInstance(.instantiate(module: fixup, args: [CoreInstance.Arg(name: "", index: argInstance)]))
        }
        try linked?.initialize(top: top)
        try callInitialize(main: main)

        // The exports, in the world's order.
        for e in world.type.exports {
            let name = e.name.name
            switch e.type {
            case .function(let f):
                let t: UInt32
                // A world-level function type that mentions an exported
                // interface's type cannot be copied; it is written anew.
                if let wt = prefix.exportFuncTypes[name], let m = try? prefix.materialize(wt) { t = m } else { t = try topTypes.function(f) }
                let lifted = try canon.lift(core: name, f, type: t)
                _ = top.addExport(e.name, SortIndex(.func_, lifted))
            case .instance(let it):
                var lifted: [String: UInt32] = [:]
                for x in it.exports {
                    if case .function(let f) = x.type {
                        lifted[x.name.name] = try canon.lift(core: "\(name)#\(x.name.name)", f, type: try topTypes.function(f))
                    }
                }
                guard let t = prefix.exportInstanceTypes[name], case .instance(let body)? = prefix.typeKinds[Int(t)] else {
                    throw WrapError("the world's export `\(name)` has no instance type")
                }
                let shim = ExportShim(builder: self, interface: name, type: it, body: body, lifted: lifted)
                let (component, shimArgs) = try shim.build()
                let c = top.addComponent(component)
                let inst = top.addInstance(.instantiate(component: c, args: shimArgs))
                exportedInstances[name] = top.addExport(e.name, SortIndex(.instance, inst))
                for x in it.exports {
                    if case .type(.resource(let r)) = x.type, exportedResourceNames[r.id] == nil { exportedResourceNames[r.id] = (name, x.name.name) }
                }
            default:
                continue
            }
        }
        return Component(sections: top.sections)
    }

    // MARK: lookups

    func resourceTop(_ r: ResourceID) throws(WrapError) -> UInt32 {
        if let i = resources[r.id] { return i }
        guard let src = importedResourceSources[r.id] else {
            throw WrapError("the resource `\(r.name)` is not imported or exported by the world")
        }
        let i: UInt32
        if let inst = src.instance {
            guard let ti = prefix.importedInstances[inst] else { throw WrapError("the import `\(inst)` is missing") }
            i = top.addAlias(Alias(sort: .type, target: .instanceExport(instance: ti, name: src.name)))
        } else {
            guard let t = prefix.importedTypes[src.name] else { throw WrapError("the type import `\(src.name)` is missing") }
            i = t
        }
        resources[r.id] = i
        return i
    }

    /// The resource as a later exported interface must name it: through
    /// the exported instance that already carries it (an export may only
    /// mention resources the component exports by name), else as defined.
    func resourceArg(_ r: ResourceID) throws(WrapError) -> UInt32 {
        guard let (inst, name) = exportedResourceNames[r.id], let i = exportedInstances[inst] else { return try resourceTop(r) }
        if let a = exportedResourceAliases[r.id] { return a }
        let a = top.addAlias(Alias(sort: .type, target: .instanceExport(instance: i, name: name)))
        exportedResourceAliases[r.id] = a
        return a
    }

    /// A top-level index for world type `w` (used by an exported interface).
    func worldTypeTop(_ w: UInt32) throws(WrapError) -> UInt32 {
        guard Int(w) < prefix.types.count else { throw WrapError("the world refers to type \(w), which it does not define") }
        switch prefix.types[Int(w)] {
        case .top, .pending, .pendingAlias: return try prefix.materialize(w)
        case .exportAlias(let k, let name):
            if let i = worldTypeAliases[Int(w)] { return i }
            guard k < prefix.instances.count, case .export(let e) = prefix.instances[k], let inst = exportedInstances[e] else {
                throw WrapError("the world uses a type of an export before that export exists")
            }
            let i = top.addAlias(Alias(sort: .type, target: .instanceExport(instance: inst, name: name)))
            worldTypeAliases[Int(w)] = i
            return i
        case .unavailable:
            throw WrapError("the world refers to type \(w) in a way that is not supported")
        }
    }

    func importedFunction(_ module: String, _ name: String) throws(WrapError) -> UInt32 {
        if module == "$root" {
            guard let f = prefix.importedFuncs[name] else { throw WrapError("the world has no imported function `\(name)`") }
            return f
        }
        guard let inst = prefix.importedInstances[module] else { throw WrapError("the world has no imported interface `\(module)`") }
        return top.addAlias(Alias(sort: .func_, target: .instanceExport(instance: inst, name: name)))
    }

    // MARK: checking the module against the world

    func classify(_ imp: CoreImportType) throws(WrapError) -> ImportUse {
        let what = "failed to resolve import `\(imp.module)::\(imp.name)`"
        func fail(_ m: String) -> WrapError {
            if !hasMetadata { return WrapError("failed to register indirect shims for main module: missing component metadata for import of `\(imp.module)::\(imp.name)`") }
            return WrapError("\(Self.invalid): \(what): \(m)")
        }
        if imp.module == "env", imp.name == "memory", case .memory(let l) = imp.type { return .memory(l) }
        guard case .function(let found?) = imp.type else { throw fail("module is only allowed to import functions") }
        func check(_ expected: CoreFuncType, _ fname: String, iface: String?) throws(WrapError) {
            guard expected == found else {
                let m = "type mismatch for function `\(fname)`: expected `\(AbiNeeds.text(expected))` but found `\(AbiNeeds.text(found))`"
                throw fail(iface.map { "failed to validate import interface `\($0)`: \(m)" } ?? m)
            }
        }
        let i32ToNone = CoreFuncType(params: [.i32], results: [])
        let i32ToI32 = CoreFuncType(params: [.i32], results: [.i32])
        if let recognized = try recognizeBuiltin(module: imp.module, name: imp.name, found: found) {
            try check(recognized.1, imp.name, iface: nil)
            return .builtin(recognized.0)
        }
        // `[async-lower]f` lowers `f` with the `async` option.
        let asyncLower = imp.name.hasPrefix("[async-lower]")
        let fname = asyncLower ? String(imp.name.dropFirst("[async-lower]".count)) : imp.name
        let lowerOptions: SignatureOptions = asyncLower ? SignatureOptions(isAsync: true) : .sync32
        if imp.module == "$root" {
            if let r = imp.name.stripping("[resource-drop]"), case .type(.resource(let id))? = worldImports[r] {
                try check(i32ToNone, imp.name, iface: nil)
                return .resourceDrop(id)
            }
            guard case .function(let f)? = worldImports[fname] else { throw fail("no top-level imported function `\(imp.name)` specified") }
            let needs = try AbiNeeds(f, context: .lower, options: lowerOptions)
            try check(needs.signature, fname, iface: nil)
            return .lower(module: imp.module, name: fname, type: f, needs: needs)
        }
        if let iface = imp.module.stripping("[export]") {
            guard case .instance(let it)? = worldExports[iface] else { throw fail("module requires an export interface named `\(iface)`") }
            for (prefix, expected) in [("[resource-new]", i32ToI32), ("[resource-rep]", i32ToI32), ("[resource-drop]", i32ToNone)] {
                if let r = imp.name.stripping(prefix), case .type(.resource(let id))? = it.export(named: r)?.type {
                    try check(expected, imp.name, iface: iface)
                    switch prefix {
                    case "[resource-new]": return .resourceNew(id)
                    case "[resource-rep]": return .resourceRep(id)
                    default: return .resourceDrop(id)
                    }
                }
            }
            throw fail("unknown function `\(imp.name)` for the exported interface `\(iface)`")
        }
        let module = semverTargets[imp.module] ?? imp.module
        guard case .instance(let it)? = worldImports[module] else { throw fail("module requires an import interface named `\(imp.module)`") }
        if let r = imp.name.stripping("[resource-drop]"), case .type(.resource(let id))? = it.export(named: r)?.type {
            try check(i32ToNone, imp.name, iface: imp.module)
            return .resourceDrop(id)
        }
        guard case .function(let f)? = it.export(named: fname)?.type else {
            throw fail("failed to validate import interface `\(imp.module)`: function `\(imp.name)` is not in the interface")
        }
        let needs = try AbiNeeds(f, context: .lower, options: lowerOptions)
        try check(needs.signature, fname, iface: imp.module)
        return .lower(module: module, name: fname, type: f, needs: needs)
    }

    // MARK: helper modules

    /// One function per indirect import, each calling through the table.
    /// With `memory`, it also defines the memory the module imports and
    /// exports it as `$memory`.
    static func shimModule(_ sigs: [CoreFuncType], memory: Limits? = nil, tls: CoreValType? = nil) -> [UInt8] {
        var w = CoreModuleWriter()
        if !sigs.isEmpty { w.table = UInt32(sigs.count) }
        for (i, s) in sigs.enumerated() {
            var body = ByteWriter()
            for p in s.params.indices { body.byte(0x20); body.u32(UInt32(p)) }
            body.byte(0x41); body.s64(Int64(i))
            let t = w.typeIndex(s)
            body.byte(0x11); body.u32(t); body.u32(0)
            let f = w.addFunction(.init(type: s, body: body.bytes))
            w.exports.append(("\(i)", .function, f))
        }
        if !sigs.isEmpty { w.exports.append(("$imports", .table, 0)) }
        if let memory {
            w.memoryType = memory
            w.exports.append(("$memory", .memory, 0))
        }
        if let tls { addTLSBase(&w, tls) }
        return w.encode()
    }

    /// Imports the real functions and the shim's table and fills the table.
    static func fixupModule(_ sigs: [CoreFuncType]) -> [UInt8] {
        var w = CoreModuleWriter()
        for (i, s) in sigs.enumerated() { w.elements.append(w.importFunction("", "\(i)", s)) }
        w.imports.append(("", "$imports", .table(min: UInt32(sigs.count))))
        return w.encode()
    }
}

/// What `patchbay link` puts where `patchbay new` has its one module: the
/// wrapper lowers the world's imports and lifts its exports, and the linker
/// instantiates its libraries with them.
protocol LinkedInstantiation: AnyObject {
    /// The libraries' imports from the world and everything lifting may use
    /// (memory, realloc, exported functions), as one module would have them.
    var moduleType: CoreModuleType { get }
    /// Instantiates the libraries, given the lowered world imports grouped
    /// by core module name; returns a core instance exporting `moduleType`'s exports.
    func instantiate(top: SectionSink, imports: [(module: String, items: [CoreInstance.InlineExport])]) throws(WrapError) -> UInt32
    /// Runs after the lowered imports are usable: relocations and constructors.
    func initialize(top: SectionSink) throws(WrapError)
}

/// Canonical options of lifts and lowers, from the module's exports.
struct WrapCanonOptions {
    let builder: WrapBuilder
    let main: UInt32
    let encoding: CanonOption
    private var cache = Cache()
    final class Cache { var memory: UInt32?; var reallocs: [String: UInt32] = [:] }

    init(builder: WrapBuilder, main: UInt32, encoding: CanonOption) {
        self.builder = builder; self.main = main; self.encoding = encoding
    }

    func memory() throws(WrapError) -> UInt32 {
        if let m = cache.memory { return m }
        if let m = builder.shimMemory { return m }
        guard case .memory? = builder.coreExports["memory"] else { throw WrapError("module does not export a memory named `memory`") }
        let m = builder.top.aliasCoreExport(main, builder.coreName("memory"), .memory)
        cache.memory = m
        return m
    }

    func realloc(_ preferred: String) throws(WrapError) -> UInt32 {
        let name = builder.coreExports[preferred] != nil ? preferred : "cabi_realloc"
        if let f = cache.reallocs[name] { return f }
        guard case .function? = builder.coreExports[name] else { throw WrapError("module does not export a function named `cabi_realloc`") }
        let f = builder.top.aliasCoreExport(main, builder.coreName(name), .func_)
        cache.reallocs[name] = f
        return f
    }

    func options(_ needs: AbiNeeds, realloc preferred: String) throws(WrapError) -> [CanonOption] {
        var out: [CanonOption] = []
        if needs.memory || needs.realloc || needs.strings { out.append(.memory(try memory())) }
        if needs.realloc { out.append(.realloc(try realloc(preferred))) }
        if needs.strings { out.append(encoding) }
        if needs.isAsync { out.append(.async) }
        return out
    }

    func lift(core: String, _ f: FunctionType, type: UInt32) throws(WrapError) -> UInt32 {
        let plan = builder.liftPlans[core] ?? LiftPlan(coreName: builder.coreName(core), mode: .sync)
        let needs = try AbiNeeds(f, context: .lift, options: plan.signatureOptions)
        let fn = builder.top.aliasCoreExport(main, plan.coreName, .func_)
        var opts = try options(needs, realloc: "cabi_export_realloc")
        if let callback = plan.callback {
            opts.append(.callback(builder.top.aliasCoreExport(main, callback, .func_)))
        } else if plan.mode == .sync, case .function? = builder.coreExports["cabi_post_\(core)"] {
            opts.append(.postReturn(builder.top.aliasCoreExport(main, builder.coreName("cabi_post_\(core)"), .func_)))
        }
        return builder.top.addCanon(.lift(coreFunc: fn, options: opts, type: type))
    }
}

extension String {
    /// The rest of the string after `prefix`, or nil if it does not start so.
    func stripping(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
