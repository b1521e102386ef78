/// Prints a `WitDocument` as WIT text, laid out exactly as
/// `wasm-tools component wit` lays it out (so output can be compared
/// byte for byte with the oracle).
public struct WitPrinter {
    public var emitDocs: Bool
    private var out = WitOutput()
    /// Whether an item was already printed in the current block; a blank line
    /// separates items, but none precedes the first.
    private var anyItems = false

    public init(emitDocs: Bool = true) { self.emitDocs = emitDocs }

    /// Prints package `main` of `doc` followed by every other package in
    /// `nested` as `package a:b { ... }` blocks.
    public static func print(_ doc: WitDocument, main: WitPackageID, nested: [WitPackageID]) throws(WitError) -> String {
        var p = WitPrinter()
        try p.printPackage(doc, main, isMain: true)
        for (i, id) in nested.enumerated() {
            if i > 0 { p.out.newline(); p.out.newline() }
            try p.printPackage(doc, id, isMain: false)
        }
        return p.out.text
    }

    /// Prints the main package with all the others nested after it, in the
    /// order the document holds them: what `wasm-tools component wit` does.
    public static func print(_ doc: WitDocument, main: WitPackageID) throws(WitError) -> String {
        let nested = doc.packages.indices.map { WitPackageID(index: $0) }.filter { $0 != main }
        return try print(doc, main: main, nested: nested)
    }

    // MARK: packages, interfaces, worlds

    mutating func printPackage(_ doc: WitDocument, _ id: WitPackageID, isMain: Bool) throws(WitError) {
        let pkg = doc[id]
        printDocs(pkg.docs)
        out.str("package ")
        out.str(WitNames.escape(pkg.name.namespace))
        out.str(":")
        out.str(WitNames.escape(pkg.name.name))
        if let v = pkg.name.version { out.str("@" + v) }
        if isMain { out.semicolon(); out.newline() } else { out.indentStart() }

        for (name, iid) in pkg.interfaces {
            printDocs(doc[iid].docs)
            printStability(doc[iid].stability)
            out.str("interface ")
            out.str(WitNames.escape(name))
            out.indentStart()
            try printInterface(doc, iid)
            out.indentEnd()
            if isMain { out.newline() }
        }
        for (name, wid) in pkg.worlds {
            printDocs(doc[wid].docs)
            printStability(doc[wid].stability)
            out.str("world ")
            out.str(WitNames.escape(name))
            out.indentStart()
            try printWorld(doc, wid)
            out.indentEnd()
        }
        if !isMain { out.indentEnd() }
    }

    private mutating func newItem() {
        if anyItems { out.newline() }
        anyItems = true
    }

    mutating func printInterface(_ doc: WitDocument, _ id: WitInterfaceID) throws(WitError) {
        let prev = anyItems
        anyItems = false
        let iface = doc[id]
        var resourceFuncs: [WitTypeID: [WitFunction]] = [:]
        var freestanding: [WitFunction] = []
        for f in iface.functions {
            if let r = f.kind.resource { resourceFuncs[r, default: []].append(f) } else { freestanding.append(f) }
        }
        try printTypes(doc, owner: .interface(id), iface.types, resourceFuncs)
        for f in freestanding {
            newItem()
            printDocs(f.docs)
            printStability(f.stability)
            printExternalId(f.externalId)
            out.str(WitNames.escape(f.itemName))
            out.str(": ")
            try printFunction(doc, f)
            out.semicolon()
        }
        anyItems = prev
    }

    /// Types of an interface or world: `use` statements first (grouped by
    /// source interface while consecutive), then local declarations.
    mutating func printTypes(_ doc: WitDocument, owner: WitTypeOwner, _ types: [(name: String, id: WitTypeID)],
                             _ resourceFuncs: [WitTypeID: [WitFunction]]) throws(WitError) {
        var toDeclare: [WitTypeID] = []
        var toImport: [(owner: WitInterfaceID, ty: WitTypeDef, names: [(String, String)])] = []
        for (name, tid) in types {
            let ty = doc[tid]
            if case .alias(.id(let other)) = ty.kind {
                let o = doc[other]
                if o.owner != .none && o.owner != owner {
                    guard let otherName = o.name else { throw WitError("cannot import unnamed type") }
                    guard case .interface(let oi) = o.owner else {
                        throw WitError("type `\(name)` uses a type from a world, which WIT cannot express")
                    }
                    if let last = toImport.last, last.owner == oi, ty.stability == last.ty.stability,
                       ty.externalId == last.ty.externalId {
                        toImport[toImport.count - 1].names.append((name, otherName))
                        continue
                    }
                    toImport.append((oi, ty, [(name, otherName)]))
                    continue
                }
            }
            toDeclare.append(tid)
        }
        let myPackage: WitPackageID?
        switch owner {
        case .interface(let i): myPackage = doc[i].package
        case .world(let w): myPackage = doc[w].package
        case .none: myPackage = nil
        }
        for (iid, ty, names) in toImport {
            anyItems = true
            printStability(ty.stability)
            printExternalId(ty.externalId)
            out.str("use ")
            try printPath(doc, iid, from: myPackage)
            out.str(".{")
            for (i, (mine, theirs)) in names.enumerated() {
                if i > 0 { out.str(", ") }
                if mine == theirs {
                    out.str(WitNames.escape(mine))
                } else {
                    out.str(WitNames.escape(theirs))
                    out.str(" as ")
                    out.str(WitNames.escape(mine))
                }
            }
            out.str("}")
            out.semicolon()
        }
        for tid in toDeclare {
            newItem()
            let ty = doc[tid]
            printDocs(ty.docs)
            printStability(ty.stability)
            printExternalId(ty.externalId)
            if case .resource = ty.kind {
                try printResource(doc, ty, resourceFuncs[tid] ?? [])
            } else {
                try declareType(doc, ty)
            }
        }
    }

    mutating func printResource(_ doc: WitDocument, _ ty: WitTypeDef, _ funcs: [WitFunction]) throws(WitError) {
        guard let name = ty.name else { throw WitError("resources must be named") }
        out.str("resource ")
        out.str(WitNames.escape(name))
        if funcs.isEmpty { out.semicolon(); return }
        out.indentStart()
        for f in funcs {
            printDocs(f.docs)
            printStability(f.stability)
            printExternalId(f.externalId)
            switch f.kind {
            case .constructor: break
            case .method:
                out.str(WitNames.escape(f.itemName)); out.str(": ")
            case .static:
                out.str(WitNames.escape(f.itemName)); out.str(": "); out.str("static ")
            case .freestanding:
                throw WitError("freestanding function `\(f.name)` attached to a resource")
            }
            try printFunction(doc, f)
            out.semicolon()
        }
        out.indentEnd()
    }

    mutating func printFunction(_ doc: WitDocument, _ f: WitFunction) throws(WitError) {
        if f.isAsync { out.str("async ") }
        if case .constructor = f.kind { out.str("constructor(") } else { out.str("func(") }
        let skip: Int
        if case .method = f.kind { skip = 1 } else { skip = 0 }
        for (i, p) in f.params.dropFirst(skip).enumerated() {
            if i > 0 { out.str(", ") }
            out.str(WitNames.escape(p.name))
            out.str(": ")
            try printTypeName(doc, p.type)
        }
        out.str(")")
        if isConstructorShorthand(doc, f) { return }
        if let r = f.result {
            out.str(" -> ")
            try printTypeName(doc, r)
        }
    }

    private func isConstructorShorthand(_ doc: WitDocument, _ f: WitFunction) -> Bool {
        guard case .constructor(let r) = f.kind, case .id(let id)? = f.result,
              case .handle(.own(let returned)) = doc[id].kind else { return false }
        return r == returned
    }

    /// Imports of interfaces first, then types (with their resource
    /// functions), then imported functions, then a blank line and exports;
    /// the order wit-component encodes worlds in.
    mutating func printWorld(_ doc: WitDocument, _ id: WitWorldID) throws(WitError) {
        let prev = anyItems
        anyItems = false
        let world = doc[id]
        var types: [(name: String, id: WitTypeID)] = []
        var resourceFuncs: [WitTypeID: [WitFunction]] = [:]
        var functionImports: [(WitWorldKey, WitWorldItem)] = []
        for (key, item) in world.imports {
            switch item {
            case .type(let tid):
                guard case .name(let s) = key else { throw WitError("world type imported by interface name") }
                types.append((s, tid))
            case .function(let f):
                if let r = f.kind.resource { resourceFuncs[r, default: []].append(f); continue }
                functionImports.append((key, item))
            case .interface:
                try printWorldItem(doc, key, item, world.package, "import")
                anyItems = true
            }
        }
        try printTypes(doc, owner: .world(id), types, resourceFuncs)
        for (key, item) in functionImports {
            try printWorldItem(doc, key, item, world.package, "import")
            anyItems = true
        }
        if !world.exports.isEmpty { newItem() }
        for (key, item) in world.exports {
            try printWorldItem(doc, key, item, world.package, "export")
        }
        anyItems = prev
    }

    mutating func printWorldItem(_ doc: WitDocument, _ key: WitWorldKey, _ item: WitWorldItem,
                                 _ pkg: WitPackageID?, _ keyword: String) throws(WitError) {
        switch item {
        case .interface(let iid, let externalId, let docs, let stability):
            if docs.contents != nil { printDocs(docs) } else if case .name = key { printDocs(doc[iid].docs) }
            printStability(stability == .unknown ? doc[iid].stability : stability)
            printExternalId(externalId)
        case .function(let f):
            printDocs(f.docs)
            printStability(f.stability)
            printExternalId(f.externalId)
        case .type:
            throw WitError("world type printed as an import or export")
        }
        out.str(keyword)
        out.str(" ")
        switch key {
        case .name(let name):
            switch item {
            case .interface(let iid, _, _, _):
                out.str(WitNames.escape(name))
                out.str(": ")
                if doc[iid].name == nil {
                    out.str("interface")
                    out.indentStart()
                    try printInterface(doc, iid)
                    out.indentEnd()
                } else {
                    try printPath(doc, iid, from: pkg)
                    out.semicolon()
                }
            case .function(let f):
                out.str(WitNames.escape(f.name))
                out.str(": ")
                try printFunction(doc, f)
                out.semicolon()
            case .type:
                break
            }
        case .interface(let iid):
            try printPath(doc, iid, from: pkg)
            out.semicolon()
        }
    }

    mutating func printPath(_ doc: WitDocument, _ iid: WitInterfaceID, from pkg: WitPackageID?) throws(WitError) {
        let iface = doc[iid]
        guard let name = iface.name else { throw WitError("path to an anonymous interface") }
        if iface.package == pkg {
            out.str(WitNames.escape(name))
            return
        }
        guard let p = iface.package else { throw WitError("interface `\(name)` belongs to no package") }
        let pn = doc[p].name
        out.str(WitNames.escape(pn.namespace))
        out.str(":")
        out.str(WitNames.escape(pn.name))
        out.str("/")
        out.str(WitNames.escape(name))
        if let v = pn.version { out.str("@" + v) }
    }

    // MARK: types

    mutating func printTypeName(_ doc: WitDocument, _ t: WitType) throws(WitError) {
        guard case .id(let id) = t else {
            out.str(t.primitiveName ?? "")
            return
        }
        let ty = doc[id]
        if let name = ty.name { out.str(WitNames.escape(name)); return }
        switch ty.kind {
        case .handle(let h): try printHandle(doc, h, forceOwn: false)
        case .resource: throw WitError("resolve has an unnamed resource type")
        case .tuple(let ts): try printTuple(doc, ts)
        case .option(let t):
            out.str("option<"); try printTypeName(doc, t); out.str(">")
        case .result(let ok, let err): try printResult(doc, ok, err)
        case .record: throw WitError("resolve has an unnamed record type")
        case .flags: throw WitError("resolve has unnamed flags type")
        case .enumeration: throw WitError("resolve has unnamed enum type")
        case .variant: throw WitError("resolve has unnamed variant type")
        case .list(let t):
            out.str("list<"); try printTypeName(doc, t); out.str(">")
        case .map(let k, let v):
            out.str("map<"); try printTypeName(doc, k); out.str(", "); try printTypeName(doc, v); out.str(">")
        case .fixedList(let t, let n):
            out.str("list<"); try printTypeName(doc, t); out.str(", \(n)>")
        case .alias(let t): try printTypeName(doc, t)
        case .future(let t):
            if let t { out.str("future<"); try printTypeName(doc, t); out.str(">") } else { out.str("future") }
        case .stream(let t):
            if let t { out.str("stream<"); try printTypeName(doc, t); out.str(">") } else { out.str("stream") }
        }
    }

    mutating func printHandle(_ doc: WitDocument, _ h: WitHandle, forceOwn: Bool) throws(WitError) {
        switch h {
        case .own(let r):
            guard let name = doc[r].name else { throw WitError("unnamed resource type") }
            if forceOwn { out.str("own<") }
            out.str(WitNames.escape(name))
            if forceOwn { out.str(">") }
        case .borrow(let r):
            guard let name = doc[r].name else { throw WitError("unnamed resource type") }
            out.str("borrow<"); out.str(WitNames.escape(name)); out.str(">")
        }
    }

    mutating func printTuple(_ doc: WitDocument, _ ts: [WitType]) throws(WitError) {
        out.str("tuple<")
        for (i, t) in ts.enumerated() {
            if i > 0 { out.str(", ") }
            try printTypeName(doc, t)
        }
        out.str(">")
    }

    mutating func printResult(_ doc: WitDocument, _ ok: WitType?, _ err: WitType?) throws(WitError) {
        switch (ok, err) {
        case (let ok?, let err?):
            out.str("result<"); try printTypeName(doc, ok); out.str(", "); try printTypeName(doc, err); out.str(">")
        case (nil, let err?):
            out.str("result<_, "); try printTypeName(doc, err); out.str(">")
        case (let ok?, nil):
            out.str("result<"); try printTypeName(doc, ok); out.str(">")
        case (nil, nil):
            out.str("result")
        }
    }

    /// A named type declaration (`record r { ... }`, `type t = ...;`).
    mutating func declareType(_ doc: WitDocument, _ ty: WitTypeDef) throws(WitError) {
        guard let name = ty.name else { throw WitError("unnamed type in document") }
        let n = WitNames.escape(name)
        switch ty.kind {
        case .handle(let h):
            out.str("type "); out.str(n); out.str(" = ")
            try printHandle(doc, h, forceOwn: true)
            out.semicolon()
        case .resource:
            throw WitError("resources should be processed separately")
        case .record(let fields):
            out.str("record "); out.str(n)
            out.indentStart()
            for f in fields {
                printDocs(f.docs)
                out.str(WitNames.escape(f.name)); out.str(": ")
                try printTypeName(doc, f.type)
                out.str(",")
                out.newline()
            }
            out.indentEnd()
        case .flags(let flags):
            out.str("flags "); out.str(n)
            out.indentStart()
            for f in flags {
                printDocs(f.docs)
                out.str(WitNames.escape(f.name)); out.str(",")
                out.newline()
            }
            out.indentEnd()
        case .variant(let cases):
            out.str("variant "); out.str(n)
            out.indentStart()
            for c in cases {
                printDocs(c.docs)
                out.str(WitNames.escape(c.name))
                if let t = c.type { out.str("("); try printTypeName(doc, t); out.str(")") }
                out.str(",")
                out.newline()
            }
            out.indentEnd()
        case .enumeration(let cases):
            out.str("enum "); out.str(n)
            out.indentStart()
            for c in cases {
                printDocs(c.docs)
                out.str(WitNames.escape(c.name)); out.str(",")
                out.newline()
            }
            out.indentEnd()
        case .tuple(let ts):
            out.str("type "); out.str(n); out.str(" = "); try printTuple(doc, ts); out.semicolon()
        case .option(let t):
            out.str("type "); out.str(n); out.str(" = option<"); try printTypeName(doc, t); out.str(">"); out.semicolon()
        case .result(let ok, let err):
            out.str("type "); out.str(n); out.str(" = "); try printResult(doc, ok, err); out.semicolon()
        case .list(let t):
            out.str("type "); out.str(n); out.str(" = list<"); try printTypeName(doc, t); out.str(">"); out.semicolon()
        case .map(let k, let v):
            out.str("type "); out.str(n); out.str(" = map<"); try printTypeName(doc, k); out.str(", ")
            try printTypeName(doc, v); out.str(">"); out.semicolon()
        case .fixedList(let t, let len):
            out.str("type "); out.str(n); out.str(" = list<"); try printTypeName(doc, t); out.str(", \(len)>"); out.semicolon()
        case .alias(let t):
            out.str("type "); out.str(n); out.str(" = "); try printTypeName(doc, t); out.semicolon()
        case .future(let t):
            out.str("type "); out.str(n); out.str(" = future")
            if let t { out.str("<"); try printTypeName(doc, t); out.str(">") }
            out.semicolon()
        case .stream(let t):
            out.str("type "); out.str(n); out.str(" = stream")
            if let t { out.str("<"); try printTypeName(doc, t); out.str(">") }
            out.semicolon()
        }
    }

    // MARK: docs and attributes

    mutating func printDocs(_ docs: WitDocs) {
        guard emitDocs, let c = docs.contents else { return }
        // Like Rust's `str::lines`: a final newline does not start another line.
        var lines = c.split(separator: "\n", omittingEmptySubsequences: false)
        if c.hasSuffix("\n") { lines.removeLast() }
        for line in lines {
            out.doc(line.hasSuffix("\r") ? line.dropLast() : line)
        }
    }

    mutating func printStability(_ s: WitStability) {
        switch s {
        case .unknown: return
        case .stable(let since, let deprecated):
            out.str("@since(version = \(since))")
            out.newline()
            if let d = deprecated { out.str("@deprecated(version = \(d))"); out.newline() }
        case .unstable(let feature, let deprecated):
            out.str("@unstable(feature = \(feature))")
            out.newline()
            if let d = deprecated { out.str("@deprecated(version = \(d))"); out.newline() }
        }
    }

    mutating func printExternalId(_ id: String?) {
        guard let id else { return }
        out.str("@external-id(\"" + WitNames.escapeString(id) + "\")")
        out.newline()
    }
}
