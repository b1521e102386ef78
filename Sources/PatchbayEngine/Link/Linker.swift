/// Shared-everything dynamic linking (what `wasm-tools component link`
/// does): dynamic libraries that follow the tool-conventions ABI become one
/// component with one memory and one table, each library instantiated once
/// against the others.
///
/// The libraries' `component-type` worlds are merged, and the component
/// wrapper of `patchbay new` lowers that world's imports and lifts its
/// exports; where `new` instantiates its one module, `link` instantiates a
/// generated main module (memory, table, globals), then the libraries in
/// dependency order, then an init module (relocations, constructors).
public enum Linker {
    public struct Library: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public var dlOpenable: Bool
        public init(name: String, bytes: [UInt8], dlOpenable: Bool = false) {
            self.name = name; self.bytes = bytes; self.dlOpenable = dlOpenable
        }
    }

    public struct Options: Sendable {
        /// Missing functions become functions that trap instead of an error.
        public var stubMissingFunctions = false
        /// Adds Patchbay's own `libdl.so` (`dlopen`/`dlsym` over the lookup table).
        public var useBuiltInLibdl = false
        /// The wrapper's shims for lowered imports call through a global
        /// function reference with `return_call_ref` (tail calls, typed
        /// function references) instead of `call_indirect` through a table.
        public var returnCallRef = false
        /// Bytes of stack below the libraries' data (default 1 MiB, as LLVM).
        public var stackSize: UInt32?
        /// `--adapt NAME=ADAPTER.wasm`: the libraries' imports of NAME come from adapters.
        public var adapters: [ComponentWrapper.Adapter] = []
        public init() {}
    }

    static let stubsName = "patchbay:stubs"

    /// The linked component, encoded.
    public static func link(_ libraries: [Library], options: Options = Options()) throws(LinkError) -> [UInt8] {
        ComponentEncoder.encode(try build(libraries, options: options))
    }

    public static func build(_ libraries: [Library], options: Options = Options()) throws(LinkError) -> Component {
        var libs: [LinkLibrary] = []
        var names = Set<String>()
        for l in libraries {
            guard names.insert(l.name).inserted else { throw LinkError("the library name `\(l.name)` is given twice") }
            libs.append(try LinkLibrary(name: l.name, bytes: l.bytes, dlOpenable: l.dlOpenable))
        }
        if options.useBuiltInLibdl {
            // Last, as wit-component adds its own: a library given earlier wins a symbol.
            guard !names.contains(BuiltinLibdl.name) else {
                throw LinkError("--use-built-in-libdl adds a library named `\(BuiltinLibdl.name)`, and a library of that name is given too; drop one of the two")
            }
            libs.append(try LinkLibrary(name: BuiltinLibdl.name, bytes: try BuiltinLibdl.module(), dlOpenable: false))
        }
        let stackSize = options.stackSize ?? LinkLayout.defaultStackSize
        guard stackSize % 16 == 0 else { throw LinkError("the stack size \(stackSize) is not a multiple of 16") }

        var resolver: SymbolResolver
        while true {
            let present = Set(libs.map(\.name))
            let lacking = libs.compactMap { lib -> String? in
                let missing = lib.dylink.needed.filter { !present.contains($0) }
                return missing.isEmpty ? nil : "\t\(lib.name) needs \(missing.joined(separator: ", "))"
            }
            if !lacking.isEmpty { throw LinkError("missing libraries:\n" + lacking.joined(separator: "\n")) }

            resolver = SymbolResolver(libs)
            let missing = resolver.missing
            if !missing.isEmpty {
                let allFunctions = missing.allSatisfy { if case .function = $0.symbol.type { true } else { false } }
                if allFunctions && (options.stubMissingFunctions || missing.allSatisfy(\.weak)) && !present.contains(stubsName) {
                    libs.append(try stubs(missing))
                    continue
                }
                let lines = missing.filter { !$0.weak }.map { "\t\($0.library) needs \($0.symbol.name) (\($0.symbol.type))" }
                throw LinkError("unresolved symbol(s):\n" + lines.joined(separator: "\n"))
            }
            let reachable = resolver.reachable()
            if libs.contains(where: { !reachable.contains($0.name) }) {
                libs.removeAll { !reachable.contains($0.name) }
                continue
            }
            break
        }

        let order = resolver.topologicalOrder()
        let indirections = try resolver.indirections(order: order)
        let layout = try LinkLayout(resolver: resolver, indirections: indirections, stubs: stubsName, stackSize: stackSize)
        let initModule = try InitModule(resolver: resolver, order: order, layout: layout, indirections: indirections)
        var used = Set<String>()
        for lib in libs { for imp in lib.worldImports { used.insert(imp.module) } }
        let world = try WorldMerge.merge(order.compactMap { libs[$0].world }, used: used)

        let instantiation = LinkInstantiation(resolver: resolver, order: order, layout: layout, initModule: initModule, world: world)
        var linkedWorld = world
        var linked: any LinkedInstantiation = instantiation
        if !options.adapters.isEmpty {
            do { (linkedWorld, linked) = try AdapterPlan.adaptLinked(instantiation, world: world, adapters: options.adapters) } catch { throw LinkError(error.message) }
        }
        let builder = WrapBuilder(module: [], world: linkedWorld, hasMetadata: true)
        builder.linked = linked
        builder.shimReturnCallRef = options.returnCallRef
        do { return try builder.build() } catch {
            throw LinkError("failed to encode a component from modules: \(error.message)")
        }
    }

    /// A library that defines every missing function as a trap.
    static func stubs(_ missing: [SymbolResolver.Missing]) throws(LinkError) -> LinkLibrary {
        var w = CoreModuleWriter()
        var exports: [CoreExportType] = []
        var done = Set<String>()
        for m in missing {
            guard case .function(let t) = m.symbol.type, done.insert(m.symbol.name).inserted else { continue }
            let f = w.addFunction(.init(type: t, body: [0x00]))  // unreachable
            w.exports.append((m.symbol.name, .function, f))
            exports.append(CoreExportType(name: m.symbol.name, type: .function(t)))
        }
        return try LinkLibrary(generated: stubsName, module: w.encode(), type: CoreModuleType(imports: [], exports: exports))
    }
}

/// Instantiates the main module, the libraries and the init module inside
/// the component the wrapper builds.
final class LinkInstantiation: LinkedInstantiation {
    let resolver: SymbolResolver
    let order: [Int]
    let layout: LinkLayout
    let initModule: InitModule
    let moduleType: CoreModuleType
    /// Function export name → library index that provides it to the wrapper.
    private var provider: [String: Int] = [:]
    private var main: UInt32 = 0
    private var instances: [Int: UInt32] = [:]
    private var mainAliases: [String: UInt32] = [:]

    init(resolver: SymbolResolver, order: [Int], layout: LinkLayout, initModule: InitModule, world: WorldMetadata) {
        self.resolver = resolver; self.order = order; self.layout = layout; self.initModule = initModule
        var imports: [CoreImportType] = []
        var seen = Set<String>()
        for lib in resolver.libraries {
            for imp in lib.worldImports where seen.insert(imp.module + "\u{0}" + imp.name).inserted { imports.append(imp) }
        }
        var worldFunctions = Set<String>()
        for e in world.type.exports { if case .function = e.type { worldFunctions.insert(e.name.name) } }
        // Only what lifting and lowering can ask for: the world's functions,
        // post-returns, reallocs and destructors.
        // Async lifts and their callbacks carry their function's name after a prefix.
        func wanted(_ name: String) -> Bool {
            let name = ["[callback][async-lift]", "[async-lift-stackful]", "[async-lift]"].lazy.compactMap { name.stripping($0) }.first ?? name
            return name.contains("#") || name.hasPrefix("cabi_post_") || name.hasSuffix("realloc") && name.hasPrefix("cabi_") || worldFunctions.contains(name)
        }
        var exports = [CoreExportType(name: "memory", type: .memory(Limits(flags: 0, min: 0, max: nil, pageSizeLog2: nil)))]
        // `thread.new-indirect` starts threads from the shared function table.
        if imports.contains(where: { $0.name == "[thread-new-indirect-v0]" }) {
            exports.append(CoreExportType(name: "__indirect_function_table", type: .table(RefType(nullable: true, heap: .abstract(0x70, shared: false), shorthand: true), Limits(flags: 0, min: 0, max: nil, pageSizeLog2: nil))))
        }
        var provider: [String: Int] = [:]
        for (i, lib) in resolver.libraries.enumerated() {
            for e in lib.exports where provider[e.name] == nil && wanted(e.name) {
                guard case .function(let f) = e.type else { continue }
                provider[e.name] = i
                exports.append(CoreExportType(name: e.name, type: .function(f)))
            }
        }
        self.provider = provider
        moduleType = CoreModuleType(imports: imports, exports: exports)
    }

    private func fromMain(_ top: SectionSink, _ name: String, _ sort: CoreSort) throws(WrapError) -> UInt32 {
        if let a = mainAliases[name] { return a }
        guard layout.mainExports[name] == sort else { throw WrapError("the main module does not define `\(name)`") }
        let a = top.aliasCoreExport(main, name, sort)
        mainAliases[name] = a
        return a
    }

    func instantiate(top: SectionSink, imports: [(module: String, items: [CoreInstance.InlineExport])]) throws(WrapError) -> UInt32 {
        let libs = resolver.libraries
        let mainModule = top.addCoreModule(layout.main)
        var mainArgs: [CoreInstance.Arg] = []
        if layout.importsContextGet1 {
            let get = top.addCanon(.contextGet(.i32, 1))
            let root = top.addCoreInstance(.fromExports([.init(name: LinkLayout.contextGet1, item: CoreSortIndex(.func_, get))]))
            mainArgs.append(CoreInstance.Arg(name: "$root", index: root))
        }
        main = top.addCoreInstance(.instantiate(module: mainModule, args: mainArgs))
        for i in order {
            let lib = libs[i]
            var groups: [(module: String, items: [CoreInstance.InlineExport])] = []
            func add(_ module: String, _ name: String, _ item: CoreSortIndex) {
                if let g = groups.firstIndex(where: { $0.module == module }) {
                    if !groups[g].items.contains(where: { $0.name == name }) { groups[g].items.append(.init(name: name, item: item)) }
                } else {
                    groups.append((module, [.init(name: name, item: item)]))
                }
            }
            for imp in lib.type.imports {
                switch imp.module {
                case "env":
                    switch imp.type {
                    case .memory: add("env", imp.name, CoreSortIndex(.memory, try fromMain(top, "memory", .memory)))
                    case .table: add("env", imp.name, CoreSortIndex(.table, try fromMain(top, "__indirect_function_table", .table)))
                    case .global:
                        let name = imp.name == "__memory_base" ? "\(lib.name):memory_base" : imp.name == "__table_base" ? "\(lib.name):table_base" : imp.name
                        add("env", imp.name, CoreSortIndex(.global, try fromMain(top, name, .global)))
                    case .function where lib.stackPointerAccessors.contains(where: { $0.name == imp.name }):
                        // The stack pointer is the task's context slot 0.
                        let set = imp.name == LinkLibrary.setStackPointer
                        add("env", imp.name, CoreSortIndex(.func_, top.addCanon(set ? .contextSet(.i32, 0) : .contextGet(.i32, 0))))
                    case .function where imp.name == LinkLibrary.getTlsBase || imp.name == LinkLibrary.setTlsBase:
                        add("env", imp.name, CoreSortIndex(.func_, try fromMain(top, "\(lib.name):\(imp.name)", .func_)))
                    case .function(let f?):
                        guard let j = resolver.functionExporter(imp.name, f) else { throw WrapError("nothing provides `env.\(imp.name)` to \(lib.name)") }
                        if let inst = instances[j] {
                            add("env", imp.name, CoreSortIndex(.func_, top.aliasCoreExport(inst, imp.name, .func_)))
                        } else {
                            add("env", imp.name, CoreSortIndex(.func_, try fromMain(top, imp.name, .func_)))
                        }
                    case .tag(let f?):
                        guard let j = resolver.tagExporter(imp.name, f) else { throw WrapError("nothing provides the tag `env.\(imp.name)` to \(lib.name)") }
                        guard let inst = instances[j] else { throw WrapError("circular dependency prevents direct tag import from `\(libs[j].name)`") }
                        add("env", imp.name, CoreSortIndex(.tag, top.aliasCoreExport(inst, imp.name, .tag)))
                    default:
                        throw WrapError("unexpected type for env:\(imp.name)")
                    }
                case "GOT.mem":
                    let name = LinkLibrary.gotMemGlobals.contains(imp.name) ? imp.name : "\(lib.name):\(imp.name)"
                    add("GOT.mem", imp.name, CoreSortIndex(.global, try fromMain(top, name, .global)))
                case "GOT.func":
                    add("GOT.func", imp.name, CoreSortIndex(.global, try fromMain(top, "\(lib.name):\(imp.name)", .global)))
                default:
                    guard let g = imports.first(where: { $0.module == imp.module }), let item = g.items.first(where: { $0.name == imp.name }) else {
                        throw WrapError("the world does not provide `\(imp.module)::\(imp.name)` that library \(lib.name) imports")
                    }
                    add(imp.module, imp.name, item.item)
                }
            }
            var args: [CoreInstance.Arg] = []
            for g in DuplicateImports.complete(groups, renamed: lib.renamedImports) {
                args.append(CoreInstance.Arg(name: g.module, index: top.addCoreInstance(.fromExports(g.items))))
            }
            let module = top.addCoreModule(lib.module)
            instances[i] = top.addCoreInstance(.instantiate(module: module, args: args))
        }
        // One instance that looks like the single module of `patchbay new`.
        var items = [CoreInstance.InlineExport(name: "memory", item: CoreSortIndex(.memory, try fromMain(top, "memory", .memory)))]
        if moduleType.exports.contains(where: { $0.name == "__indirect_function_table" }) {
            items.append(.init(name: "__indirect_function_table", item: CoreSortIndex(.table, try fromMain(top, "__indirect_function_table", .table))))
        }
        for e in moduleType.exports where e.name != "memory" && e.name != "__indirect_function_table" {
            guard let j = provider[e.name], let inst = instances[j] else { continue }
            items.append(.init(name: e.name, item: CoreSortIndex(.func_, top.aliasCoreExport(inst, e.name, .func_))))
        }
        return top.addCoreInstance(.fromExports(items))
    }

    func initialize(top: SectionSink) throws(WrapError) {
        let module = top.addCoreModule(initModule.bytes)
        var args = [CoreInstance.Arg(name: InitModule.mainName, index: main)]
        for i in initModule.libraries {
            guard let inst = instances[i] else { continue }
            args.append(CoreInstance.Arg(name: InitModule.libraryName(resolver.libraries[i].name), index: inst))
        }
        _ = top.addCoreInstance(.instantiate(module: module, args: args))
    }
}
