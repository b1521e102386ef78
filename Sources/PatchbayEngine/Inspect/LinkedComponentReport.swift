/// What a shared-everything link put together (`patchbay link`,
/// `wasm-tools component link`): the libraries, which one provides each
/// symbol a library imports, and where each library sits in the one memory
/// and table.
///
/// Everything is read back from the component itself, not from the
/// linker's bookkeeping, so it works on any linker's output: libraries are
/// the core modules with a `dylink.0` section; the main module is the one
/// instantiated without arguments that exports `NAME:memory_base` globals
/// (their order is the link order, their values the bases); the init module
/// is instantiated with the main instance as an argument, and its start
/// function and element segments say who fills each `GOT.mem` address and
/// table slot. Imports are followed through the core instances built for
/// each library's instantiation to the instance export or canon function
/// behind them. Field names are part of the documented JSON format.
public struct LinkedComponentReport: Codable, Sendable, Hashable {
    public var libraries: [Library] = []
    public var layout: Layout?

    public struct Library: Codable, Sendable, Hashable {
        public var name: String
        /// Core module index, when the library's module was found.
        public var module: Int?
        /// Core instance index of its instantiation.
        public var instance: Int?
        public var size: Int?
        /// From `dylink.0` (nil when the module has none, e.g. generated stubs).
        public var memorySize: UInt32?
        /// log2 of the alignment, as `dylink.0` stores it.
        public var memoryAlignment: UInt32?
        public var tableSize: UInt32?
        public var tableAlignment: UInt32?
        public var needed: [String]?
        public var memoryBase: UInt32?
        public var tableBase: UInt32?
        public var imports: [Symbol] = []
    }

    /// One import of a library and where it comes from.
    public struct Symbol: Codable, Sendable, Hashable {
        /// The import's module: `env`, `GOT.mem`, `GOT.func` or a world interface.
        public var module: String
        public var name: String
        public var kind: String
        /// `library`, `main` (the generated main module), `import` (a
        /// lowered component import), `canon` (another canon built-in),
        /// `shim` (another generated instance) or `unknown`.
        public var providerKind: String
        /// The library's name, `main`, or the lowered function.
        public var provider: String
        /// How the value gets there, in words.
        public var via: String
    }

    public struct Layout: Codable, Sendable, Hashable {
        /// Initial `__stack_pointer` (the stack grows down from here to 0).
        public var stackPointer: UInt32?
        public var heapBase: UInt32?
        public var heapEnd: UInt32?
        public var memoryPages: UInt64?
        public var tableSize: UInt64?
    }
}

extension LinkedComponentReport {
    /// The report of a component's top level; nil when it holds no linked libraries.
    public static func build(_ c: Component) -> LinkedComponentReport? {
        var spaces = Spaces()
        spaces.walk(c)
        return Analysis(spaces).report()
    }

    /// Where an item of a core index space came from.
    enum Origin: Hashable {
        case export(instance: UInt32, name: String)
        case lowered(function: UInt32)
        case canon(String)
        case other
    }

    /// The top-level index spaces a link fills.
    struct Spaces {
        var modules: [CoreModule?] = []
        var coreInstances: [CoreInstance.Expr?] = []
        var core: [CoreSort: [Origin]] = [:]
        /// Component function index → a readable name for a lowered import.
        var functionNames: [String] = []
        var instanceNames: [String] = []
        /// Core module names from the `component-name` section (`--debug-names`).
        var moduleNames: [UInt32: String] = [:]

        mutating func walk(_ c: Component) {
            for s in c.sections {
                switch s.content {
                case .coreModule(let m): modules.append(m)
                case .custom(let cs) where cs.name == "component-name":
                    if let n = try? ComponentNames.parse(cs.payload) { moduleNames = n.names[.core(.module)] ?? [:] }
                case .coreInstances(let list): for i in list { coreInstances.append(i.expr) }
                case .imports(let list):
                    for i in list {
                        switch i.type.sort {
                        case .core(.module): modules.append(nil)
                        case .func_: functionNames.append(i.name.name)
                        case .instance: instanceNames.append(i.name.name)
                        default: break
                        }
                    }
                case .exports(let list):
                    for e in list {
                        switch e.item.sort {
                        case .func_: functionNames.append(e.name.name)
                        case .instance: instanceNames.append(e.name.name)
                        default: break
                        }
                    }
                case .aliases(let list):
                    for a in list {
                        switch a.sort {
                        case .core(.module): modules.append(nil)
                        case .core(.instance): coreInstances.append(nil)
                        case .core(let sort):
                            if case .coreInstanceExport(let inst, let name) = a.target {
                                core[sort, default: []].append(.export(instance: inst, name: name))
                            } else {
                                core[sort, default: []].append(.other)
                            }
                        case .func_:
                            if case .instanceExport(let inst, let name) = a.target {
                                let owner = Int(inst) < instanceNames.count ? instanceNames[Int(inst)] : "instance \(inst)"
                                functionNames.append("\(owner)#\(name)")
                            } else {
                                functionNames.append("function \(functionNames.count)")
                            }
                        case .instance: instanceNames.append("instance \(instanceNames.count)")
                        default: break
                        }
                    }
                case .instances(let list): for _ in list { instanceNames.append("instance \(instanceNames.count)") }
                case .canons(let list):
                    for cn in list {
                        switch cn.kind {
                        case .lift: functionNames.append("function \(functionNames.count)")
                        case .lower(let f, _): core[.func_, default: []].append(.lowered(function: f))
                        default: core[.func_, default: []].append(.canon(cn.name))
                        }
                    }
                default: break
                }
            }
        }

        func origin(_ item: CoreSortIndex) -> Origin {
            guard let list = core[item.sort], Int(item.index) < list.count else { return .other }
            return list[Int(item.index)]
        }

        func functionName(_ index: UInt32) -> String {
            Int(index) < functionNames.count ? functionNames[Int(index)] : "function \(index)"
        }
    }

    /// Finds the main, init and library instances and follows the wiring.
    struct Analysis {
        let spaces: Spaces
        var scans: [Int: LinkModuleScan] = [:]
        /// Core instance index → module index, for instantiations.
        var instantiations: [Int: Int] = [:]
        var main: (instance: Int, scan: LinkModuleScan)?
        var initModule: (instance: Int, args: [CoreInstance.Arg], scan: LinkModuleScan)?
        /// Library names in link order (the main module's `NAME:memory_base` exports).
        var linkOrder: [String] = []
        /// Core instance index → library name.
        var libraryOfInstance: [Int: String] = [:]

        init(_ spaces: Spaces) {
            self.spaces = spaces
            for (i, expr) in spaces.coreInstances.enumerated() {
                guard case .instantiate(let m, let args)? = expr, Int(m) < spaces.modules.count, let module = spaces.modules[Int(m)] else { continue }
                instantiations[i] = Int(m)
                if scans[Int(m)] == nil { scans[Int(m)] = LinkModuleScan(module.bytes) }
                if main == nil, let scan = scans[Int(m)], scan.exports.contains(where: { $0.name.hasSuffix(":memory_base") }) {
                    main = (i, scan)
                    linkOrder = scan.exports.filter { $0.sort == .global && $0.name.hasSuffix(":memory_base") }.map { String($0.name.dropLast(":memory_base".count)) }
                }
            }
            if let main {
                for (i, expr) in spaces.coreInstances.enumerated() {
                    if case .instantiate(let m, let args)? = expr, args.contains(where: { Int($0.index) == main.instance }), let scan = scans[Int(m)] {
                        initModule = (i, args, scan)
                        break
                    }
                }
            }
            nameLibraries()
        }

        /// The main-module export a core item aliases, if it does.
        func mainExport(_ item: CoreSortIndex) -> String? {
            guard let main, case .export(let inst, let name) = spaces.origin(item), Int(inst) == main.instance else { return nil }
            return name
        }

        func args(of instance: Int) -> [CoreInstance.Arg] {
            if case .instantiate(_, let args)? = spaces.coreInstances[instance] { return args }
            return []
        }

        func items(of instance: UInt32) -> [CoreInstance.InlineExport] {
            guard Int(instance) < spaces.coreInstances.count, case .fromExports(let items)? = spaces.coreInstances[Int(instance)] else { return [] }
            return items
        }

        /// Names the library instances: by the `__memory_base` (or a
        /// `NAME:symbol` GOT global) the main module hands them, then by the
        /// name the init module imports them under, then by elimination.
        mutating func nameLibraries() {
            let known = Set(linkOrder)
            let candidates = instantiations.keys.sorted().filter { $0 != main?.instance && $0 != initModule?.instance }
            for i in candidates {
                for arg in args(of: i) {
                    for item in items(of: arg.index) {
                        guard let name = mainExport(item.item) else { continue }
                        let suffix = ":" + item.name.dropFirst(2)
                        if item.name == "__memory_base" || item.name == "__table_base", name.hasSuffix(suffix) {
                            let lib = String(name.dropLast(suffix.count))
                            if known.contains(lib) { libraryOfInstance[i] = lib }
                        } else if arg.name == "GOT.mem" || arg.name == "GOT.func", name.hasSuffix(":" + item.name) {
                            let lib = String(name.dropLast(item.name.count + 1))
                            if known.contains(lib), libraryOfInstance[i] == nil { libraryOfInstance[i] = lib }
                        }
                    }
                }
            }
            if let initModule {
                for arg in initModule.args where Int(arg.index) != main?.instance && libraryOfInstance[Int(arg.index)] == nil {
                    let bare = arg.name.hasPrefix("lib:") ? String(arg.name.dropFirst(4)) : arg.name
                    if known.contains(arg.name) { libraryOfInstance[Int(arg.index)] = arg.name } else if known.contains(bare) { libraryOfInstance[Int(arg.index)] = bare }
                }
            }
            func leftNames() -> [String] {
                let named = Set(libraryOfInstance.values)
                return linkOrder.filter { !named.contains($0) }
            }
            // Debug names, when the linker wrote them.
            for i in candidates where libraryOfInstance[i] == nil {
                if let m = instantiations[i], let n = spaces.moduleNames[UInt32(m)], leftNames().contains(n) { libraryOfInstance[i] = n }
            }
            // A generated library (the linker's stubs) has no `dylink.0`: it is
            // the one unnamed instance whose exports feed a library's `env`.
            let stubs = leftNames().filter { $0.hasSuffix(":stubs") }
            if stubs.count == 1 {
                var feeders = Set<Int>()
                for i in candidates where scans[instantiations[i] ?? -1]?.dylink != nil {
                    for arg in args(of: i) where arg.name == "env" {
                        for item in items(of: arg.index) {
                            if case .export(let inst, _) = spaces.origin(item.item), candidates.contains(Int(inst)), libraryOfInstance[Int(inst)] == nil { feeders.insert(Int(inst)) }
                        }
                    }
                }
                if feeders.count == 1, let f = feeders.first { libraryOfInstance[f] = stubs[0] }
            }
            // What a library needs (`dylink.0`) and whose exports it is handed
            // name each other: one unnamed needed library and one unnamed
            // instance providing its functions are the same; and the last
            // unnamed library takes the last name.
            func unnamedLibraries() -> [Int] { candidates.filter { libraryOfInstance[$0] == nil && scans[instantiations[$0] ?? -1]?.dylink != nil } }
            var changed = true
            while changed {
                changed = false
                let left = Set(leftNames())
                for i in candidates {
                    guard let needed = scans[instantiations[i] ?? -1]?.dylink?.needed else { continue }
                    let names = needed.filter { left.contains($0) }
                    var providers = Set<Int>()
                    for arg in args(of: i) where arg.name == "env" {
                        for item in items(of: arg.index) {
                            if case .export(let inst, _) = spaces.origin(item.item), unnamedLibraries().contains(Int(inst)) { providers.insert(Int(inst)) }
                        }
                    }
                    if names.count == 1, providers.count == 1, let p = providers.first {
                        libraryOfInstance[p] = names[0]; changed = true; break
                    }
                }
                // A library never needs itself.
                for i in unnamedLibraries() {
                    let needed = scans[instantiations[i] ?? -1]?.dylink?.needed ?? []
                    let options = leftNames().filter { !needed.contains($0) }
                    if options.count == 1 { libraryOfInstance[i] = options[0]; changed = true }
                }
                let lefts = unnamedLibraries()
                if leftNames().count == 1, lefts.count == 1 { libraryOfInstance[lefts[0]] = leftNames()[0]; changed = true }
            }
            // Libraries with no dependencies either way are instantiated in
            // link order (both linkers visit the libraries in the order given).
            let lefts = unnamedLibraries()
            if !lefts.isEmpty, lefts.count == leftNames().count, lefts.allSatisfy({ isolated($0) }) {
                for (i, n) in zip(lefts, leftNames()) { libraryOfInstance[i] = n }
            }
            let leftInstances = unnamedLibraries()
            // Libraries the main module knows nothing about (no main module at
            // all, or another linker) keep their module index as a name.
            for i in leftInstances where libraryOfInstance[i] == nil { libraryOfInstance[i] = "module \(instantiations[i] ?? 0)" }
        }

        /// No `needed` libraries, no functions from another instance, and no
        /// instance takes functions from it.
        func isolated(_ i: Int) -> Bool {
            if !(scans[instantiations[i] ?? -1]?.dylink?.needed ?? []).isEmpty { return false }
            for (j, _) in instantiations where j != main?.instance {
                for arg in args(of: j) {
                    for item in items(of: arg.index) where item.item.sort == .func_ || item.item.sort == .tag {
                        guard case .export(let inst, _) = spaces.origin(item.item) else { continue }
                        if j == i && Int(inst) != main?.instance { return false }
                        if Int(inst) == i && j != initModule?.instance { return false }
                    }
                }
            }
            return true
        }

        func report() -> LinkedComponentReport? {
            guard !libraryOfInstance.isEmpty else { return nil }
            var out = LinkedComponentReport()
            let instanceOf = Dictionary(libraryOfInstance.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            var names = linkOrder
            for (_, n) in libraryOfInstance.sorted(by: { $0.key < $1.key }) where !names.contains(n) { names.append(n) }
            let got = gotProviders()
            for name in names {
                var lib = Library(name: name)
                lib.memoryBase = mainConstant("\(name):memory_base")
                lib.tableBase = mainConstant("\(name):table_base")
                if let i = instanceOf[name], let m = instantiations[i] {
                    lib.instance = i; lib.module = m
                    lib.size = spaces.modules[m]?.bytes.count
                    if let d = scans[m]?.dylink {
                        lib.memorySize = d.memorySize; lib.memoryAlignment = d.memoryAlignment
                        lib.tableSize = d.tableSize; lib.tableAlignment = d.tableAlignment
                        lib.needed = d.needed
                    }
                    lib.imports = symbols(instance: i, library: name, module: m, got: got)
                }
                out.libraries.append(lib)
            }
            if let main {
                var layout = Layout()
                layout.stackPointer = mainConstant("__stack_pointer")
                layout.heapBase = mainConstant("__heap_base")
                layout.heapEnd = mainConstant("__heap_end")
                layout.memoryPages = main.scan.memoryMinPages
                layout.tableSize = main.scan.tableMinSize
                out.layout = layout
            }
            return out
        }

        func mainConstant(_ export: String) -> UInt32? {
            guard let main, let e = main.scan.export(export), e.sort == .global, let v = main.scan.globalValues[e.index] else { return nil }
            return UInt32(truncatingIfNeeded: v)
        }

        /// Main-module global name → (library, symbol) the init module fills it
        /// from: `GOT.mem` addresses from its start function, `GOT.func` slots
        /// from its element segments.
        func gotProviders() -> (memory: [String: (String, String)], slots: [UInt32: (String, String)]) {
            guard let initModule else { return ([:], [:]) }
            let scan = initModule.scan
            func library(_ importModule: String) -> String? {
                guard let arg = initModule.args.first(where: { $0.name == importModule }) else { return nil }
                return libraryOfInstance[Int(arg.index)]
            }
            var memory: [String: (String, String)] = [:]
            let globals = scan.importedGlobals
            for (_, offset, target) in scan.addressComputations() {
                guard Int(offset) < globals.count, Int(target) < globals.count else { continue }
                let from = globals[Int(offset)], to = globals[Int(target)]
                if let lib = library(from.module) { memory[to.name] = (lib, from.name) }
            }
            var slots: [UInt32: (String, String)] = [:]
            let functions = scan.importedFunctions
            for seg in scan.elements {
                for (k, f) in seg.functions.enumerated() where Int(f) < functions.count {
                    if let lib = library(functions[Int(f)].module) { slots[seg.offset + UInt32(k)] = (lib, functions[Int(f)].name) }
                }
            }
            return (memory, slots)
        }

        func symbols(instance: Int, library: String, module: Int, got: (memory: [String: (String, String)], slots: [UInt32: (String, String)])) -> [Symbol] {
            guard let scan = scans[module] else { return [] }
            var out: [Symbol] = []
            let args = args(of: instance)
            for imp in scan.imports {
                var s = Symbol(module: imp.module, name: imp.name, kind: imp.sort.name, providerKind: "unknown", provider: "?", via: "not found in the instantiation arguments")
                guard let arg = args.first(where: { $0.name == imp.module }), let item = items(of: arg.index).first(where: { $0.name == imp.name })?.item else {
                    out.append(s); continue
                }
                switch spaces.origin(item) {
                case .export(let inst, let name) where Int(inst) == main?.instance:
                    s.providerKind = "main"; s.provider = "main"
                    s.via = "main module export \"\(name)\""
                    if imp.module == "GOT.mem", let (lib, sym) = got.memory[name] {
                        s.providerKind = "library"; s.provider = lib
                        s.via = "address of \(lib)'s \"\(sym)\", set by the init module in main's global \"\(name)\""
                    } else if imp.module == "GOT.func", let slot = mainConstant(name) {
                        if let (lib, sym) = got.slots[slot] {
                            s.providerKind = "library"; s.provider = lib
                            s.via = "table slot \(slot) holding \(lib)'s \"\(sym)\" (main's global \"\(name)\")"
                        } else {
                            s.via = "table slot \(slot) (main's global \"\(name)\")"
                        }
                    } else if imp.sort == .func_ {
                        // A cycle: main calls the real definition through the table.
                        if let (slot, (lib, _)) = got.slots.first(where: { $0.value.1 == name }) {
                            s.providerKind = "library"; s.provider = lib
                            s.via = "main module's \"\(name)\", calling \(lib)'s definition through table slot \(slot)"
                        }
                    }
                case .export(let inst, let name):
                    if let lib = libraryOfInstance[Int(inst)] {
                        s.providerKind = "library"; s.provider = lib
                        s.via = "export \"\(name)\" of core instance \(inst)"
                    } else {
                        // Not a library: the shim whose table the init module
                        // fills with lowered imports that need the libraries' realloc.
                        s.providerKind = "shim"; s.provider = "core instance \(inst)"
                        s.via = "export \"\(name)\" of core instance \(inst) (a generated module, not a library)"
                    }
                case .lowered(let f):
                    s.providerKind = "import"; s.provider = spaces.functionName(f)
                    s.via = "canon lower of component function \(f)"
                case .canon(let kind):
                    s.providerKind = "canon"; s.provider = kind
                    s.via = "canon \(kind)"
                case .other:
                    break
                }
                out.append(s)
            }
            return out
        }
    }
}

extension LinkedComponentReport.Library {
    init(name: String) { self.name = name }
}
