/// Which library provides each symbol a library imports, and the order the
/// libraries are instantiated in.
///
/// The first listed library that exports a symbol with the right name and
/// type provides it (later ones are shadowed, as with a Unix loader's
/// search order). Libraries nothing reaches (no world exports, not
/// dl-openable, no `_start`, needed by none of those) are left out.
struct SymbolResolver {
    typealias Symbol = LinkLibrary.Symbol

    struct Missing {
        var library: String
        var symbol: Symbol
        var weak: Bool
    }

    /// A function the main module exports that calls its real definition
    /// through the table: for `GOT.func` addresses and for imports whose
    /// provider is instantiated after the importer (a cycle).
    struct Indirection {
        var name: String
        var type: CoreFuncType
        var exporter: Int
    }

    let libraries: [LinkLibrary]
    /// Symbol → index of the library that provides it.
    private(set) var exporter: [Symbol: Int] = [:]
    private(set) var missing: [Missing] = []
    /// Library index → libraries it depends on (transitively).
    private(set) var dependencies: [Int: [Int]] = [:]

    init(_ libraries: [LinkLibrary]) {
        self.libraries = libraries
        var first: [Symbol: Int] = [:]
        var functionByName: [String: Symbol] = [:]
        for (i, lib) in libraries.enumerated() {
            for e in lib.exports where first[e] == nil {
                first[e] = i
                if case .function = e.type, functionByName[e.name] == nil { functionByName[e.name] = e }
            }
        }
        var resolved: [Symbol: Int] = [:]
        var missing: [Missing] = []
        func triage(_ lib: LinkLibrary, _ s: Symbol, weak: Bool) {
            if let i = first[s] { resolved[s] = i } else { missing.append(Missing(library: lib.name, symbol: s, weak: weak)) }
        }
        for lib in libraries {
            var imports: [(Symbol, Bool)] = []
            for f in lib.envFunctions { imports.append((Symbol(name: f.name, type: .function(f.type)), f.flags & Dylink.bindingWeak != 0)) }
            for m in lib.memoryAddressImports { imports.append((Symbol(name: m, type: .global(.i32, mutable: false)), false)) }
            for t in lib.envTags { imports.append((Symbol(name: t.name, type: .tag(t.type)), false)) }
            // Sorted by name as wit-component reports them.
            for (s, weak) in imports.sorted(by: { ($0.0.name, $0.0.type.description) < ($1.0.name, $1.0.type.description) }) {
                triage(lib, s, weak: weak)
            }
        }
        for lib in libraries {
            for name in lib.tableAddressImports.sorted() {
                if let s = functionByName[name], let i = first[s] {
                    resolved[s] = i
                } else if lib.envFunctions.contains(where: { $0.name == name }) {
                    // Also imported as a function: that import is already reported or resolved.
                } else {
                    missing.append(Missing(library: lib.name, symbol: Symbol(name: name, type: .function(CoreFuncType(params: [], results: []))), weak: false))
                }
            }
        }
        exporter = resolved
        self.missing = missing
        dependencies = Self.findDependencies(libraries, resolved)
    }

    /// The provider of a function, by name and type.
    func functionExporter(_ name: String, _ type: CoreFuncType) -> Int? {
        exporter[Symbol(name: name, type: .function(type))]
    }

    /// The provider of a `GOT.func` symbol (by name only).
    func functionExporter(named name: String) -> (Int, CoreFuncType)? {
        for (s, i) in exporter where s.name == name { if case .function(let f) = s.type { return (i, f) } }
        for (i, lib) in libraries.enumerated() {
            for e in lib.exports where e.name == name { if case .function(let f) = e.type { return (i, f) } }
        }
        return nil
    }

    func dataExporter(_ name: String) -> Int? { exporter[Symbol(name: name, type: .global(.i32, mutable: false))] }
    func tagExporter(_ name: String, _ type: CoreFuncType) -> Int? { exporter[Symbol(name: name, type: .tag(type))] }

    private static func findDependencies(_ libraries: [LinkLibrary], _ resolved: [Symbol: Int]) -> [Int: [Int]] {
        var index: [String: Int] = [:]
        for (i, lib) in libraries.enumerated() where index[lib.name] == nil { index[lib.name] = i }
        var deps: [Int: [Int]] = [:]
        func add(_ from: Int, _ to: Int) {
            if !(deps[from] ?? []).contains(to) { deps[from, default: []].append(to) }
        }
        for (i, lib) in libraries.enumerated() {
            for n in lib.dylink.needed { if let j = index[n] { add(i, j) } }
            for f in lib.envFunctions {
                if let j = resolved[Symbol(name: f.name, type: .function(f.type))] { add(i, j) }
            }
        }
        // Transitive closure: a library depends on what its dependencies depend on.
        while true {
            var changed = false
            for (i, ds) in deps {
                for d in ds { for e in deps[d] ?? [] where !(deps[i] ?? []).contains(e) { deps[i, default: []].append(e); changed = true } }
            }
            if !changed { return deps }
        }
    }

    /// Names of the libraries reachable from the component's roots.
    func reachable() -> Set<String> {
        var out = Set<String>()
        for (i, lib) in libraries.enumerated() where lib.hasComponentExports || lib.dlOpenable || lib.hasStart {
            out.insert(lib.name)
            for d in dependencies[i] ?? [] { out.insert(libraries[d].name) }
        }
        return out
    }

    /// Dependencies first; a cycle is entered at its first listed member,
    /// and the imports that point forward go through the table.
    func topologicalOrder() -> [Int] {
        var sorted: [Int] = []
        var placed = Set<Int>()
        func mutual(_ a: Int, _ b: Int) -> Bool { (dependencies[b] ?? []).contains(a) }
        func visit(_ e: Int) {
            let deps = dependencies[e] ?? []
            for d in deps where !placed.contains(d) && !mutual(e, d) { visit(d) }
            if placed.insert(e).inserted { sorted.append(e) }
            for d in deps where !placed.contains(d) && mutual(e, d) { visit(d) }
        }
        for i in libraries.indices { visit(i) }
        return sorted
    }

    /// The main module's table-calling functions, in table order.
    func indirections(order: [Int]) throws(LinkError) -> [Indirection] {
        var out: [Indirection] = []
        var exported = Set<String>()
        var seen = Set<Int>()
        for i in order {
            let lib = libraries[i]
            for name in lib.tableAddressImports.sorted() where !exported.contains(name) {
                guard let (j, t) = functionExporter(named: name) else { throw LinkError("unable to find \(name) in any library") }
                out.append(Indirection(name: name, type: t, exporter: j))
                exported.insert(name)
            }
            for f in lib.envFunctions.sorted(by: { $0.name < $1.name }) where !exported.contains(f.name) {
                guard let j = functionExporter(f.name, f.type) else { continue }
                if !seen.contains(j) {
                    out.append(Indirection(name: f.name, type: f.type, exporter: j))
                    exported.insert(f.name)
                }
            }
            seen.insert(i)
        }
        return out
    }
}
