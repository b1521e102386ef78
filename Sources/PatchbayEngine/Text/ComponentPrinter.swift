/// Prints a decoded component in the component text format (Explainer.md),
/// laid out the way `wasm-tools print` lays it out, so the two can be
/// compared line for line: one definition per line with `(;N;)` index
/// comments, `$name` identifiers from the `component-name` section, nested
/// components, component and instance types indented, and embedded core
/// modules printed in full by `CoreModulePrinter` (or as a skeleton).
public struct ComponentPrinter {
    public struct Options: Sendable {
        /// Leave out function bodies, data and custom section contents.
        public var skeleton: Bool
        public init(skeleton: Bool = false) { self.skeleton = skeleton }
    }

    /// A core module that could not be printed in full; it is printed as a
    /// skeleton instead, with a comment saying why.
    public struct Fallback: Sendable, Hashable {
        public var offset: Int
        public var reason: String
    }

    let options: Options
    private var w = TextWriter()
    private var states: [Scope] = []
    public private(set) var fallbacks: [Fallback] = []

    /// Names and index-space counters of one component, component type or
    /// instance type (and, for module types, of the module type).
    struct Scope {
        var name: Naming?
        var core = CoreState()
        var coreModules = NameMap(), coreInstances = NameMap()
        var types = NameMap(), funcs = NameMap(), instances = NameMap(), components = NameMap(), values = NameMap()
        var typeCount: UInt32 = 0, funcCount: UInt32 = 0, instanceCount: UInt32 = 0
        var componentCount: UInt32 = 0, valueCount: UInt32 = 0

        init() {}

        init(names n: ComponentNameMaps) {
            name = n.component
            core.names.funcs = n.coreFuncs
            core.names.tables = n.coreTables
            core.names.memories = n.coreMemories
            core.names.globals = n.coreGlobals
            core.names.tags = n.coreTags
            core.names.types = n.coreTypes
            coreModules = n.coreModules
            coreInstances = n.coreInstances
            types = n.types
            funcs = n.funcs
            instances = n.instances
            components = n.components
            values = n.values
        }
    }

    public init(options: Options = Options()) { self.options = options }

    /// The text of `component`, ending with a newline.
    public static func print(_ component: Component, options: Options = Options()) -> (text: String, fallbacks: [Fallback]) {
        var p = ComponentPrinter(options: options)
        p.component(component, header: nil)
        p.w.write("\n")
        return (p.w.out, p.fallbacks)
    }

    /// The text of a core module file. A module whose code cannot be
    /// printed (an instruction outside the supported proposals) is printed
    /// as a skeleton with a note; one whose declarations cannot be read is an error.
    public static func printCoreModule(_ bytes: [UInt8], options: Options = Options()) throws(DecodeError) -> (text: String, fallbacks: [Fallback]) {
        var w = TextWriter()
        var m = CoreModulePrinter(bytes: bytes[...], offset: 0, skeleton: options.skeleton)
        do {
            try m.print(keyword: "module", header: nil, &w)
            w.write("\n")
            return (w.out, [])
        } catch {
            var s = TextWriter()
            var skeleton = CoreModulePrinter(bytes: bytes[...], offset: 0, skeleton: true)
            try skeleton.print(keyword: "module", header: nil, &s)
            s.write(ComponentPrinter.fallbackNote(error) + "\n")
            return (s.out, [Fallback(offset: error.offset, reason: error.message)])
        }
    }

    static func fallbackNote(_ error: DecodeError) -> String {
        " ;; printed as a skeleton: \(error.message) (at byte offset 0x\(String(error.offset, radix: 16)))"
    }

    private var top: Scope {
        get { states[states.count - 1] }
        set { states[states.count - 1] = newValue }
    }

    // MARK: components

    private mutating func component(_ c: Component, header: String?) {
        var names = ComponentNameMaps()
        for s in c.sections {
            if case .custom(let cs) = s.content, cs.name == "component-name" {
                names = ComponentNameMaps.parse(cs.payload)
                break
            }
        }
        let scope = Scope(names: names)
        w.startGroup("component")
        if let header {
            w.write(" " + header)
        } else if let n = scope.name {
            w.write(" " + n.definition)
        }
        states.append(scope)
        for section in c.sections { self.section(section) }
        states.removeLast()
        w.endGroup()
    }

    private mutating func section(_ section: Section) {
        switch section.content {
        case .custom(let cs):
            customSection(cs)
        case .coreModule(let m):
            w.newline()
            coreModule(m)
        case .coreInstances(let list):
            for i in list { w.newline(); coreInstance(i) }
        case .coreTypes(let list):
            for t in list { w.newline(); coreType(t) }
        case .component(let c):
            w.newline()
            let header = top.components.def(top.componentCount)
            component(c, header: header)
            top.componentCount += 1
        case .instances(let list):
            for i in list { w.newline(); instance(i) }
        case .aliases(let list):
            for a in list { w.newline(); alias(a) }
        case .types(let list):
            for t in list { w.newline(); typeDef(t) }
        case .canons(let list):
            for c in list { w.newline(); canon(c) }
        case .start(let s):
            w.newline()
            start(s)
        case .imports(let list):
            for i in list { w.newline(); importDef(i.name, i.type) }
        case .exports(let list):
            for e in list { w.newline(); export(e.name, e.item, e.type, named: true) }
        case .values(let list):
            for _ in list {
                w.newline()
                w.write("(; value definitions are not printed ;)")
                top.valueCount += 1
            }
        }
    }

    private mutating func customSection(_ cs: CustomSection) {
        if cs.name == "component-name" { return }
        if CustomSectionsText.printKnown(name: cs.name, payload: cs.payload, &w) { return }
        w.newline()
        w.startGroup("@custom ")
        w.string(cs.name)
        w.write(" ")
        if options.skeleton { w.write("...") } else { w.bytes(cs.payload) }
        w.endGroup()
    }

    private mutating func coreModule(_ m: CoreModule) {
        let header = top.coreModules.def(top.core.modules)
        let saved = w
        var printer = CoreModulePrinter(bytes: m.bytes, offset: m.offset, skeleton: options.skeleton)
        do {
            try printer.print(keyword: "core module", header: header, &w)
        } catch {
            // Print what can be printed: the skeleton, and why.
            w = saved
            fallbacks.append(Fallback(offset: error.offset, reason: error.message))
            var skeleton = CoreModulePrinter(bytes: m.bytes, offset: m.offset, skeleton: true)
            do {
                try skeleton.print(keyword: "core module", header: header, &w)
                w.write(ComponentPrinter.fallbackNote(error))
            } catch {
                w = saved
                w.startGroup("core module " + header)
                w.write(" ;; cannot be printed: \(error.message) (at byte offset 0x\(String(error.offset, radix: 16)))")
                w.newline()
                w.endGroup()
            }
        }
        top.core.modules += 1
    }

    // MARK: core definitions

    private mutating func coreInstance(_ i: CoreInstance) {
        w.startGroup("core instance ")
        w.write(top.coreInstances.def(top.core.instances))
        switch i.expr {
        case .instantiate(let module, let args):
            instantiate(top.coreModules.ref(module), args.map { ($0.name, "(instance " + top.coreInstances.ref($0.index) + ")") })
        case .fromExports(let exports):
            for e in exports {
                w.newline()
                w.startGroup("export ")
                w.string(e.name)
                w.write(" ")
                w.write(coreSortRef(e.item))
                w.endGroup()
            }
        }
        top.core.instances += 1
        w.endGroup()
    }

    private func coreSortRef(_ s: CoreSortIndex) -> String {
        let n = top.core.names
        switch s.sort {
        case .func_: return "(func " + n.funcs.ref(s.index) + ")"
        case .table: return "(table " + n.tables.ref(s.index) + ")"
        case .memory: return "(memory " + n.memories.ref(s.index) + ")"
        case .global: return "(global " + n.globals.ref(s.index) + ")"
        case .tag: return "(tag \(s.index))"
        case .type: return "(type " + n.types.ref(s.index) + ")"
        case .module: return "(module " + top.coreModules.ref(s.index) + ")"
        case .instance: return "(instance " + top.coreInstances.ref(s.index) + ")"
        }
    }

    private mutating func coreType(_ t: CoreTypeDef) {
        switch t {
        case .module(let decls):
            w.startGroup("core type ")
            w.write(top.core.names.types.def(UInt32(top.core.types.count)))
            moduleType(decls)
            w.endGroup()
            top.core.types.append(nil)
        default:
            var core = top.core
            core.printRecGroup(t, component: true, &w)
            top.core = core
        }
    }

    /// Opens the body of a module, component or instance type on a new
    /// line, with index spaces of its own.
    private mutating func openTypeBody(_ keyword: String) {
        states.append(Scope())
        w.newline()
        w.startGroup(keyword)
    }

    private mutating func closeTypeBody() {
        w.endGroup()
        states.removeLast()
    }

    private mutating func moduleType(_ decls: [ModuleDecl]) {
        openTypeBody("module")
        for d in decls {
            w.newline()
            switch d {
            case .type(let t):
                var core = top.core
                core.printRecGroup(t, component: false, &w)
                top.core = core
            case .outerAlias(let count, let index):
                outerAlias(count: count, index: index, sort: .core(.type), inModuleType: true)
            case .export(let name, let type):
                moduleTypeItem("export ", [name], type)
            case .import(let module, let name, let type):
                moduleTypeItem("import ", [module, name], type)
            }
        }
        closeTypeBody()
    }

    /// `(import "m" "n" (func ...))` or `(export "n" (func ...))` in a module type.
    private mutating func moduleTypeItem(_ keyword: String, _ names: [String], _ type: CoreExternType) {
        w.startGroup(keyword)
        for n in names {
            w.string(n)
            w.write(" ")
        }
        var core = top.core
        core.importType(type, index: false, &w)
        top.core = core
        w.endGroup()
    }

    // MARK: component definitions

    private mutating func instance(_ i: ComponentInstance) {
        w.startGroup("instance ")
        w.write(top.instances.def(top.instanceCount))
        top.instanceCount += 1
        switch i.expr {
        case .instantiate(let component, let args):
            instantiate(top.components.ref(component), args.map { ($0.name, sortRef($0.item)) })
        case .fromExports(let exports):
            for e in exports {
                w.newline()
                export(e.name, e.item, nil, named: false)
            }
        }
        w.endGroup()
    }

    /// ` (instantiate target (with "name" ref)*)`, core or component.
    private mutating func instantiate(_ target: String, _ args: [(name: String, ref: String)]) {
        w.write(" ")
        w.startGroup("instantiate ")
        w.write(target)
        for a in args {
            w.newline()
            w.startGroup("with ")
            w.string(a.name)
            w.write(" " + a.ref)
            w.endGroup()
        }
        w.endGroup()
    }

    /// `(func $f)`, `(core module 0)`, ...
    private func sortRef(_ s: SortIndex) -> String {
        switch s.sort {
        case .core(.module): return "(core module " + top.coreModules.ref(s.index) + ")"
        case .core(let c): return "(core " + c.name + " \(s.index))"
        case .func_: return "(func " + top.funcs.ref(s.index) + ")"
        case .value: return "(value " + top.values.ref(s.index) + ")"
        case .type: return "(type " + top.types.ref(s.index) + ")"
        case .component: return "(component " + top.components.ref(s.index) + ")"
        case .instance: return "(instance " + top.instances.ref(s.index) + ")"
        }
    }

    /// The `$name (;N;)` of the next item of `sort`, which it then counts.
    private mutating func define(_ sort: Sort) -> String {
        switch sort {
        case .func_: defer { top.funcCount += 1 }; return top.funcs.def(top.funcCount)
        case .value: defer { top.valueCount += 1 }; return top.values.def(top.valueCount)
        case .type: defer { top.typeCount += 1 }; return top.types.def(top.typeCount)
        case .component: defer { top.componentCount += 1 }; return top.components.def(top.componentCount)
        case .instance: defer { top.instanceCount += 1 }; return top.instances.def(top.instanceCount)
        case .core(.module): defer { top.core.modules += 1 }; return top.coreModules.def(top.core.modules)
        case .core(.func_): defer { top.core.funcs += 1; top.core.funcToType.append(nil) }; return top.core.names.funcs.def(top.core.funcs)
        case .core(.table): defer { top.core.tables += 1 }; return top.core.names.tables.def(top.core.tables)
        case .core(.memory): defer { top.core.memories += 1 }; return top.core.names.memories.def(top.core.memories)
        case .core(.global): defer { top.core.globals += 1 }; return top.core.names.globals.def(top.core.globals)
        case .core(.tag): defer { top.core.tags += 1 }; return top.core.names.tags.def(top.core.tags)
        case .core(.type): defer { top.core.types.append(nil) }; return top.core.names.types.def(UInt32(top.core.types.count))
        case .core(.instance): defer { top.core.instances += 1 }; return top.coreInstances.def(top.core.instances)
        }
    }

    private static func keyword(_ sort: Sort) -> String {
        switch sort {
        case .core(let c): "core " + c.name
        default: sort.name
        }
    }

    private func externName(_ n: ExternName) -> String {
        var s = "\"" + TextWriter.escaped(n.name) + "\""
        for a in n.attributes {
            switch a {
            case .implements(let v): s += " (implements \"" + TextWriter.escaped(v) + "\")"
            case .versionSuffix(let v): s += " (versionsuffix \"" + TextWriter.escaped(v) + "\")"
            case .externalId(let v): s += " (external-id \"" + TextWriter.escaped(v) + "\")"
            }
        }
        return s
    }

    private mutating func importDef(_ name: ExternName, _ type: ExternType) {
        w.startGroup("import ")
        w.write(externName(name) + " ")
        externType(type, index: true)
        w.endGroup()
    }

    private mutating func export(_ name: ExternName, _ item: SortIndex, _ type: ExternType?, named: Bool) {
        w.startGroup("export ")
        if named { w.write(define(item.sort) + " ") }
        w.write(externName(name) + " ")
        w.write(sortRef(item))
        if let type {
            w.write(" ")
            externType(type, index: false)
        }
        w.endGroup()
    }

    /// `(func $f (type $t))` and the like; the `$f` (with `index`) is
    /// counted in the item's index space.
    private mutating func externType(_ t: ExternType, index: Bool) {
        // Names an item defines are never the ones its type refers to,
        // so the type can be spelled before the item is counted.
        let type: String
        switch t {
        case .module(let ti): type = "(type " + top.core.names.types.ref(ti) + ")"
        case .func_(let ti), .instance(let ti), .component(let ti), .value(.index(let ti)): type = "(type " + top.types.ref(ti) + ")"
        case .value(.primitive(let p)): type = p.witName
        case .type(.eq(let i)): type = "(eq " + top.types.ref(i) + ")"
        case .type(.subResource): type = "(sub resource)"
        }
        w.startGroup(ComponentPrinter.keyword(t.sort) + " ")
        if index { w.write(define(t.sort) + " ") }
        w.write(type)
        w.endGroup()
    }

    private mutating func alias(_ a: Alias) {
        switch a.target {
        case .instanceExport(let instance, let name):
            aliasExport("alias export " + top.instances.ref(instance), name, a.sort)
        case .coreInstanceExport(let instance, let name):
            aliasExport("alias core export " + top.coreInstances.ref(instance), name, a.sort)
        case .outer(let count, let index):
            outerAlias(count: count, index: index, sort: a.sort, inModuleType: false)
        }
    }

    /// `(alias export $i "name" (func $f))`, of a component or core instance.
    private mutating func aliasExport(_ head: String, _ name: String, _ sort: Sort) {
        w.startGroup(head + " ")
        w.string(name)
        w.write(" ")
        w.startGroup(ComponentPrinter.keyword(sort) + " ")
        w.write(define(sort))
        w.endGroup()
        w.endGroup()
    }

    private mutating func outerAlias(count: UInt32, index: UInt32, sort: Sort, inModuleType: Bool) {
        var outer = Scope()
        if Int(count) < states.count {
            outer = states[states.count - 1 - Int(count)]
        } else {
            w.write("(; invalid outer alias count \(count) ;) ")
        }
        w.startGroup("alias outer ")
        w.write((outer.name?.definition ?? "\(count)") + " ")
        let ref: String
        switch sort {
        case .core(.module): ref = outer.coreModules.ref(index)
        case .core(.type): ref = outer.core.names.types.ref(index)
        case .type: ref = outer.types.ref(index)
        case .component: ref = outer.components.ref(index)
        default: ref = "\(index)"
        }
        w.write(ref + " ")
        w.startGroup((inModuleType ? "type" : ComponentPrinter.keyword(sort)) + " ")
        w.write(define(sort))
        w.endGroup()
        w.endGroup()
    }

    // MARK: types

    private func valType(_ v: ValTypeRef) -> String {
        switch v {
        case .primitive(let p): p.witName
        case .index(let i): top.types.ref(i)
        }
    }

    private func definedType(_ d: DefinedType) -> String {
        func str(_ s: String) -> String { "\"" + TextWriter.escaped(s) + "\"" }
        switch d {
        case .primitive(let p): return p.witName
        case .record(let fields):
            return "(record" + fields.map { " (field " + str($0.name) + " " + valType($0.type) + ")" }.joined() + ")"
        case .variant(let cases):
            return "(variant" + cases.map { " (case " + str($0.name) + ($0.type.map { " " + valType($0) } ?? "") + ")" }.joined() + ")"
        case .list(let t): return "(list " + valType(t) + ")"
        case .fixedList(let t, let n): return "(list " + valType(t) + " \(n))"
        case .map(let k, let v): return "(map " + valType(k) + " " + valType(v) + ")"
        case .tuple(let ts): return "(tuple" + ts.map { " " + valType($0) }.joined() + ")"
        case .flags(let ns): return "(flags" + ns.map { " " + str($0) }.joined() + ")"
        case .enumeration(let ns): return "(enum" + ns.map { " " + str($0) }.joined() + ")"
        case .option(let t): return "(option " + valType(t) + ")"
        case .result(let ok, let err):
            return "(result" + (ok.map { " " + valType($0) } ?? "") + (err.map { " (error " + valType($0) + ")" } ?? "") + ")"
        case .own(let i): return "(own " + top.types.ref(i) + ")"
        case .borrow(let i): return "(borrow " + top.types.ref(i) + ")"
        case .future(let t): return "(future" + (t.map { " " + valType($0) } ?? "") + ")"
        case .stream(let t): return "(stream" + (t.map { " " + valType($0) } ?? "") + ")"
        }
    }

    private func funcType(_ f: FuncTypeDef) -> String {
        var s = "(func"
        if f.isAsync { s += " async" }
        for p in f.params { s += " (param \"" + TextWriter.escaped(p.name) + "\" " + valType(p.type) + ")" }
        if let r = f.result { s += " (result " + valType(r) + ")" }
        return s + ")"
    }

    private mutating func typeDef(_ t: TypeDef) {
        w.startGroup("type ")
        w.write(top.types.def(top.typeCount))
        switch t.kind {
        case .defined(let d): w.write(" " + definedType(d))
        case .function(let f): w.write(" " + funcType(f))
        case .component(let decls): componentType(decls)
        case .instance(let decls): instanceType(decls, keyword: "instance")
        case .resource(let rep, let dtor):
            var s = " (resource (rep " + top.core.valType(rep) + ")"
            if let dtor { s += " (dtor " + top.core.names.funcs.ref(dtor) + ")" }
            w.write(s + ")")
        }
        w.endGroup()
        top.typeCount += 1
    }

    private mutating func componentType(_ decls: [ComponentDecl]) {
        openTypeBody("component")
        for d in decls {
            w.newline()
            switch d {
            case .import(let i): importDef(i.name, i.type)
            case .instance(let decl): instanceDecl(decl)
            }
        }
        closeTypeBody()
    }

    private mutating func instanceType(_ decls: [InstanceDecl], keyword: String) {
        openTypeBody(keyword)
        for d in decls {
            w.newline()
            instanceDecl(d)
        }
        closeTypeBody()
    }

    private mutating func instanceDecl(_ d: InstanceDecl) {
        switch d {
        case .coreType(let t): coreType(t)
        case .type(let t): typeDef(t)
        case .alias(let a): alias(a)
        case .export(_, let name, let type):
            w.startGroup("export ")
            w.write(define(type.sort) + " ")
            w.write(externName(name) + " ")
            externType(type, index: false)
            w.endGroup()
        }
    }

    // MARK: canonical definitions

    private func options(_ opts: [CanonOption]) -> String {
        let core = top.core.names
        return opts.map { o -> String in
            switch o {
            case .utf8: " string-encoding=utf8"
            case .utf16: " string-encoding=utf16"
            case .latin1Utf16: " string-encoding=latin1+utf16"
            case .memory(let i): " (memory " + core.memories.ref(i) + ")"
            case .realloc(let i): " (realloc " + core.funcs.ref(i) + ")"
            case .postReturn(let i): " (post-return " + core.funcs.ref(i) + ")"
            case .async: " async"
            case .callback(let i): " (callback " + core.funcs.ref(i) + ")"
            case .coreType(let i): " (core-type " + core.types.ref(i) + ")"
            case .gc: " gc"
            }
        }.joined()
    }

    private mutating func canon(_ c: Canon) {
        if case .lift(let coreFunc, let opts, let type) = c.kind {
            w.startGroup("func ")
            w.write(define(.func_) + " ")
            w.write("(type " + top.types.ref(type) + ") ")
            w.startGroup("canon lift ")
            w.write("(core func " + top.core.names.funcs.ref(coreFunc) + ")" + options(opts))
            w.endGroup()
            w.endGroup()
            return
        }
        let types = top.types
        let core = top.core.names
        let cancellable = { (b: Bool) in b ? " cancellable" : "" }
        let async = { (b: Bool) in b ? " async" : "" }
        let body: String
        switch c.kind {
        case .lift: return
        case .lower(let f, let opts): body = "canon lower (func " + top.funcs.ref(f) + ")" + options(opts)
        case .resourceNew(let t): body = "canon resource.new " + types.ref(t)
        case .resourceDrop(let t): body = "canon resource.drop " + types.ref(t)
        case .resourceRep(let t): body = "canon resource.rep " + types.ref(t)
        case .backpressureInc: body = "canon backpressure.inc"
        case .backpressureDec: body = "canon backpressure.dec"
        case .taskReturn(let r, let opts):
            body = "canon task.return" + (r.map { " (result " + valType($0) + ")" } ?? "") + options(opts)
        case .taskCancel: body = "canon task.cancel"
        case .contextGet(let t, let slot): body = "canon context.get " + top.core.valType(t) + " \(slot)"
        case .contextSet(let t, let slot): body = "canon context.set " + top.core.valType(t) + " \(slot)"
        case .subtaskCancel(let a): body = "canon subtask.cancel" + async(a)
        case .subtaskDrop: body = "canon subtask.drop"
        case .streamNew(let t): body = "canon stream.new " + types.ref(t)
        case .streamRead(let t, let o): body = "canon stream.read " + types.ref(t) + options(o)
        case .streamWrite(let t, let o): body = "canon stream.write " + types.ref(t) + options(o)
        case .streamCancelRead(let t, let a): body = "canon stream.cancel-read " + types.ref(t) + async(a)
        case .streamCancelWrite(let t, let a): body = "canon stream.cancel-write " + types.ref(t) + async(a)
        case .streamDropReadable(let t): body = "canon stream.drop-readable " + types.ref(t)
        case .streamDropWritable(let t): body = "canon stream.drop-writable " + types.ref(t)
        case .futureNew(let t): body = "canon future.new " + types.ref(t)
        case .futureRead(let t, let o): body = "canon future.read " + types.ref(t) + options(o)
        case .futureWrite(let t, let o): body = "canon future.write " + types.ref(t) + options(o)
        case .futureCancelRead(let t, let a): body = "canon future.cancel-read " + types.ref(t) + async(a)
        case .futureCancelWrite(let t, let a): body = "canon future.cancel-write " + types.ref(t) + async(a)
        case .futureDropReadable(let t): body = "canon future.drop-readable " + types.ref(t)
        case .futureDropWritable(let t): body = "canon future.drop-writable " + types.ref(t)
        case .errorContextNew(let o): body = "canon error-context.new" + options(o)
        case .errorContextDebugMessage(let o): body = "canon error-context.debug-message" + options(o)
        case .errorContextDrop: body = "canon error-context.drop"
        case .waitableSetNew: body = "canon waitable-set.new"
        case .waitableSetWait(let c, let m):
            body = "canon waitable-set.wait " + (c ? "cancellable " : "") + "(memory " + core.memories.ref(m) + ")"
        case .waitableSetPoll(let c, let m):
            body = "canon waitable-set.poll " + (c ? "cancellable " : "") + "(memory " + core.memories.ref(m) + ")"
        case .waitableSetDrop: body = "canon waitable-set.drop"
        case .waitableJoin: body = "canon waitable.join"
        case .threadIndex: body = "canon thread.index"
        case .threadNewIndirect(let t, let table): body = "canon thread.new-indirect " + core.types.ref(t) + " " + core.tables.ref(table)
        case .threadResumeLater: body = "canon thread.resume-later"
        case .threadSuspend(let c): body = "canon thread.suspend" + cancellable(c)
        case .threadYield(let c): body = "canon thread.yield" + cancellable(c)
        case .threadSuspendThenResume(let c): body = "canon thread.suspend-then-resume" + cancellable(c)
        case .threadYieldThenResume(let c): body = "canon thread.yield-then-resume" + cancellable(c)
        case .threadSuspendThenPromote(let c): body = "canon thread.suspend-then-promote" + cancellable(c)
        case .threadYieldThenPromote(let c): body = "canon thread.yield-then-promote" + cancellable(c)
        case .threadSpawnRef(let t): body = "canon thread.spawn-ref " + core.types.ref(t)
        case .threadSpawnIndirect(let t, let table): body = "canon thread.spawn-indirect " + core.types.ref(t) + " " + core.tables.ref(table)
        case .threadAvailableParallelism: body = "canon thread.available_parallelism"
        }
        w.startGroup("core func ")
        w.write(define(.core(.func_)) + " ")
        w.write("(" + body + ")")
        w.endGroup()
    }

    private mutating func start(_ s: Start) {
        w.startGroup("start ")
        w.write(top.funcs.ref(s.function))
        for a in s.args { w.write(" (value " + top.values.ref(a) + ")") }
        for _ in 0..<s.results { w.write(" (result (value " + define(.value) + "))") }
        w.endGroup()
    }
}
