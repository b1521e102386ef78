/// All packages of one load, joined: each `WitUnresolvedPackage` is added
/// after the packages it depends on, its placeholders bound to their
/// definitions, gated items dropped according to the enabled features,
/// `include`s merged and worlds elaborated (an imported interface's `use`
/// dependencies become imports of the world). The rules and their order
/// follow wit-parser's `Resolve::push`, because print order depends on them.
struct WitResolveState {
    struct Package {
        var name: WitPackageName
        var docs: WitDocs
        var interfaces = WitOrderedMap<String, WitInterfaceID>()
        var worlds = WitOrderedMap<String, WitWorldID>()
    }

    var packages: [Package] = []
    var packageNames = WitOrderedMap<WitPackageName, WitPackageID>()
    var interfaces: [WitRInterface] = []
    var worlds: [WitRWorld] = []
    var types: [WitRType] = []
    var features: Set<String>
    var allFeatures: Bool

    init(features: Set<String>, allFeatures: Bool) {
        self.features = features
        self.allFeatures = allFeatures
    }

    // MARK: the document

    /// The printer's model of everything resolved so far.
    func document() -> WitDocument {
        var doc = WitDocument()
        doc.packages = packages.map { p in
            WitPackage(name: p.name, docs: p.docs, interfaces: p.interfaces.pairs.map { ($0.key, $0.value) },
                       worlds: p.worlds.pairs.map { ($0.key, $0.value) })
        }
        doc.interfaces = interfaces.map { i in
            WitInterface(name: i.name, docs: i.docs, stability: i.stability, types: i.types.pairs.map { ($0.key, $0.value) },
                         functions: i.functions.values.map(\.function), package: i.package)
        }
        func item(_ i: WitRWorldItem) -> WitWorldItem {
            switch i {
            case .interface(let id, let stability, let docs, let externalId, _):
                .interface(id, externalId: externalId, docs: docs, stability: stability)
            case .function(let f): .function(f.function)
            case .type(let id, _): .type(id)
            }
        }
        doc.worlds = worlds.map { w in
            WitWorld(name: w.name, docs: w.docs, stability: w.stability,
                     imports: w.imports.pairs.map { ($0.key, item($0.value)) },
                     exports: w.exports.pairs.map { ($0.key, item($0.value)) }, package: w.package)
        }
        doc.types = types.map { t in
            WitTypeDef(name: t.name, kind: t.kind ?? .resource, owner: t.owner, docs: t.docs,
                       stability: t.stability, externalId: t.externalId)
        }
        return doc
    }

    // MARK: gates

    /// Whether an item with this gate is part of the package.
    func includeStability(_ s: WitStability, _ pkg: WitPackageID, _ span: WitSpan) throws(WitDiagnostic) -> Bool {
        switch s {
        case .unknown:
            return true
        case .stable(let since, _):
            guard pkg.index < packages.count else { return true }
            let p = packages[pkg.index]
            guard let vtext = p.name.version, let v = WitVersion(vtext) else {
                throw WitDiagnostic(span, "package [\(p.name)] contains a feature gate with a version specifier, so it must have a version")
            }
            if let sv = WitVersion(since), v < sv {
                throw WitDiagnostic(span, "feature gate cannot reference unreleased version \(since) of package [\(p.name)] (current version \(vtext))")
            }
            return true
        case .unstable(let feature, _):
            return allFeatures || features.contains(feature)
        }
    }

    // MARK: adding a package

    mutating func push(_ u: WitUnresolvedPackage) throws(WitDiagnostic) -> WitPackageID {
        var r = Remap()
        return try r.append(&self, u)
    }

    /// Where each item of the package being added went (nil: gated out).
    struct Remap {
        var types: [WitTypeID?] = []
        var interfaces: [WitInterfaceID?] = []
        var worlds: [WitWorldID?] = []
        /// One `own<r>` type per resource, shared by every reference.
        var ownHandles: [WitTypeID: WitTypeID] = [:]
        var hasBorrow: [WitTypeID: Bool] = [:]

        static func excluded(_ what: String, _ span: WitSpan) -> WitDiagnostic {
            WitDiagnostic(span, "found a reference to a \(what) which is excluded due to its feature not being activated")
        }

        func mapType(_ id: WitTypeID, _ span: WitSpan) throws(WitDiagnostic) -> WitTypeID {
            guard id.index < types.count, let m = types[id.index] else { throw Self.excluded("type", span) }
            return m
        }

        func mapInterface(_ id: WitInterfaceID, _ span: WitSpan) throws(WitDiagnostic) -> WitInterfaceID {
            guard id.index < interfaces.count, let m = interfaces[id.index] else { throw Self.excluded("interface", span) }
            return m
        }

        func mapWorld(_ id: WitWorldID, _ span: WitSpan) throws(WitDiagnostic) -> WitWorldID {
            guard id.index < worlds.count, let m = worlds[id.index] else { throw Self.excluded("world", span) }
            return m
        }

        mutating func append(_ s: inout WitResolveState, _ u: WitUnresolvedPackage) throws(WitDiagnostic) -> WitPackageID {
            let pkg = WitPackageID(index: s.packages.count)
            s.packages.append(Package(name: u.name, docs: u.docs))
            s.packageNames.insert(u.name, pkg)
            try processForeignDeps(&s, pkg, u)

            let foreignTypes = types.count, foreignInterfaces = interfaces.count, foreignWorlds = worlds.count

            for var ty in u.types.dropFirst(foreignTypes) {
                if !(try s.includeStability(ty.stability, pkg, ty.span)) { types.append(nil); continue }
                try updateTypeDef(&s, &ty)
                s.types.append(ty)
                var id = WitTypeID(index: s.types.count - 1)
                if ty.name == nil, ty.owner == .none, case .handle(.own(let r))? = ty.kind {
                    if let existing = ownHandles[r] { id = existing } else { ownHandles[r] = id }
                }
                types.append(id)
            }

            for var iface in u.interfaces.dropFirst(foreignInterfaces) {
                if !(try s.includeStability(iface.stability, pkg, iface.span)) { interfaces.append(nil); continue }
                iface.package = pkg
                try updateInterface(&s, &iface)
                s.interfaces.append(iface)
                interfaces.append(WitInterfaceID(index: s.interfaces.count - 1))
            }

            for case let id? in types.dropFirst(foreignTypes) {
                if case .interface(let i) = s.types[id.index].owner {
                    let span = s.types[id.index].span
                    do {
                        s.types[id.index].owner = .interface(try mapInterface(i, span))
                    } catch {
                        throw WitDiagnostic(span, error.message + "; this type is not gated by a feature but its interface is")
                    }
                }
            }

            for var world in u.worlds.dropFirst(foreignWorlds) {
                if !(try s.includeStability(world.stability, pkg, world.span)) { worlds.append(nil); continue }
                try updateWorld(&s, &world, pkg)
                s.worlds.append(world)
                worlds.append(WitWorldID(index: s.worlds.count - 1))
            }

            for case let id? in types.dropFirst(foreignTypes) {
                if case .world(let w) = s.types[id.index].owner {
                    let span = s.types[id.index].span
                    do {
                        s.types[id.index].owner = .world(try mapWorld(w, span))
                    } catch {
                        throw WitDiagnostic(span, error.message + "; this type is not gated by a feature but its world is")
                    }
                }
            }

            for case let id? in worlds.dropFirst(foreignWorlds) {
                try processWorldIncludes(&s, id, pkg)
                try s.elaborateWorld(id, s.worlds[id.index].span)
            }

            for case let id? in interfaces.dropFirst(foreignInterfaces) {
                s.interfaces[id.index].package = pkg
                if let name = s.interfaces[id.index].name { s.packages[pkg.index].interfaces.insert(name, id) }
            }
            for case let id? in worlds.dropFirst(foreignWorlds) {
                s.worlds[id.index].package = pkg
                s.packages[pkg.index].worlds.insert(s.worlds[id.index].name, id)
            }
            return pkg
        }

        // MARK: binding placeholders

        private mutating func processForeignDeps(_ s: inout WitResolveState, _ pkg: WitPackageID, _ u: WitUnresolvedPackage) throws(WitDiagnostic) {
            typealias Target = (package: WitPackageName, name: String, span: WitSpan, stabilities: [WitStability])
            var ifaceTargets: [Int: Target] = [:], worldTargets: [Int: Target] = [:]
            for (i, (pname, items)) in u.foreignDeps.pairs.enumerated() {
                let span = i < u.foreignDepSpans.count ? u.foreignDepSpans[i] : .unknown
                for (name, entry) in items.pairs {
                    switch entry.item {
                    case .interface(let id): ifaceTargets[id.index] = (pname, name, span, entry.stabilities)
                    case .world(let id): worldTargets[id.index] = (pname, name, span, entry.stabilities)
                    }
                }
            }

            for (i, uiface) in u.interfaces.enumerated() {
                guard let t = ifaceTargets[i] else { break }
                let depPkg = try s.lookupPackage(t.package, t.span)
                var enabled = false
                for st in t.stabilities where try s.includeStability(st, pkg, uiface.span) { enabled = true; break }
                if !enabled { interfaces.append(nil); continue }
                guard let id = s.packages[depPkg.index].interfaces[t.name] else {
                    throw WitDiagnostic(uiface.span, "interface '\(t.name)' not found in package '\(s.packages[depPkg.index].name)'")
                }
                interfaces.append(id)
            }
            for (i, uworld) in u.worlds.enumerated() {
                guard let t = worldTargets[i] else { break }
                let depPkg = try s.lookupPackage(t.package, t.span)
                var enabled = false
                for st in t.stabilities where try s.includeStability(st, pkg, uworld.span) { enabled = true; break }
                if !enabled { worlds.append(nil); continue }
                guard let id = s.packages[depPkg.index].worlds[t.name] else {
                    throw WitDiagnostic(uworld.span, "world '\(t.name)' not found in package '\(s.packages[depPkg.index].name)'")
                }
                worlds.append(id)
            }
            for uty in u.types {
                guard uty.kind == nil else { break }
                if !(try s.includeStability(uty.stability, pkg, uty.span)) { types.append(nil); continue }
                guard case .interface(let ui) = uty.owner else { types.append(nil); continue }
                let iface = try mapInterface(ui, .unknown)
                let name = uty.name ?? ""
                guard let id = s.interfaces[iface.index].types[name] else {
                    throw WitDiagnostic(uty.span, "type `\(name)` not defined in interface")
                }
                types.append(id)
            }
            for (id, span) in u.requiredResourceTypes {
                guard var cur = try? mapType(id, span) else { continue }
                var steps = 0
                while true {
                    steps += 1
                    if case .alias(.id(let next))? = s.types[cur.index].kind, steps <= s.types.count { cur = next; continue }
                    if case .resource? = s.types[cur.index].kind { break }
                    throw WitDiagnostic(span, "type used in a handle must be a resource")
                }
            }
        }

        // MARK: rewriting references

        private mutating func updateTypeDef(_ s: inout WitResolveState, _ ty: inout WitRType) throws(WitDiagnostic) {
            let span = ty.span
            guard let kind = ty.kind else { return }
            switch kind {
            case .handle(.own(let r)): ty.kind = .handle(.own(try mapType(r, span)))
            case .handle(.borrow(let r)): ty.kind = .handle(.borrow(try mapType(r, span)))
            case .resource, .flags, .enumeration, .future(nil), .stream(nil): break
            case .record(var fields):
                for i in fields.indices {
                    let fs = i < ty.fieldSpans.count ? ty.fieldSpans[i] : span
                    fields[i].type = try updateType(&s, fields[i].type, fs)
                }
                ty.kind = .record(fields)
            case .tuple(var ts):
                for i in ts.indices { ts[i] = try updateType(&s, ts[i], span) }
                ty.kind = .tuple(ts)
            case .variant(var cases):
                for i in cases.indices { if let t = cases[i].type { cases[i].type = try updateType(&s, t, span) } }
                ty.kind = .variant(cases)
            case .option(let t): ty.kind = .option(try updateType(&s, t, span))
            case .list(let t): ty.kind = .list(try updateType(&s, t, span))
            case .fixedList(let t, let n): ty.kind = .fixedList(try updateType(&s, t, span), n)
            case .future(let t?): ty.kind = .future(try updateType(&s, t, span))
            case .stream(let t?): ty.kind = .stream(try updateType(&s, t, span))
            case .map(let k, let v):
                let k2 = try updateType(&s, k, span)
                ty.kind = .map(k2, try updateType(&s, v, span))
            case .result(let ok, let err):
                let ok2: WitType? = if let ok { try updateType(&s, ok, span) } else { nil }
                let err2: WitType? = if let err { try updateType(&s, err, span) } else { nil }
                ty.kind = .result(ok: ok2, err: err2)
            // `type a = b` keeps `b` itself: `a` is then both a resource and a handle.
            case .alias(.id(let t)): ty.kind = .alias(.id(try mapType(t, span)))
            case .alias: break
            }
        }

        /// Maps a reference; a reference to a resource becomes `own<r>`.
        private mutating func updateType(_ s: inout WitResolveState, _ t: WitType, _ span: WitSpan) throws(WitDiagnostic) -> WitType {
            guard case .id(let local) = t else { return t }
            let id = try mapType(local, span)
            var cur = id
            var steps = 0
            var isResource = false
            while steps <= s.types.count {
                steps += 1
                if case .alias(.id(let next))? = s.types[cur.index].kind { cur = next; continue }
                if case .resource? = s.types[cur.index].kind { isResource = true }
                break
            }
            guard isResource else { return .id(id) }
            if let h = ownHandles[id] { return .id(h) }
            s.types.append(WitRType(name: nil, kind: .handle(.own(id)), owner: .none, span: .unknown))
            let h = WitTypeID(index: s.types.count - 1)
            ownHandles[id] = h
            return .id(h)
        }

        private mutating func updateInterface(_ s: inout WitResolveState, _ iface: inout WitRInterface) throws(WitDiagnostic) {
            let mapped = types
            iface.types.retain { _, ty in ty.index < mapped.count && mapped[ty.index] != nil }
            var newTypes = WitOrderedMap<String, WitTypeID>()
            for (name, ty) in iface.types.pairs { newTypes.insert(name, try mapType(ty, iface.span)) }
            iface.types = newTypes
            let pkg = iface.package ?? WitPackageID(index: s.packages.count - 1)
            var kept = WitOrderedMap<String, WitRFunction>()
            for (name, f) in iface.functions.pairs {
                guard try s.includeStability(f.function.stability, pkg, f.span) else { continue }
                var f2 = f
                try updateFunction(&s, &f2, f.span)
                kept.insert(name, f2)
            }
            iface.functions = kept
        }

        private mutating func updateFunction(_ s: inout WitResolveState, _ f: inout WitRFunction, _ span: WitSpan) throws(WitDiagnostic) {
            switch f.function.kind {
            case .freestanding: break
            case .method(let r): f.function.kind = .method(try mapType(r, span))
            case .static(let r): f.function.kind = .static(try mapType(r, span))
            case .constructor(let r): f.function.kind = .constructor(try mapType(r, span))
            }
            for i in f.function.params.indices {
                f.function.params[i].type = try updateType(&s, f.function.params[i].type, span)
            }
            if let r = f.function.result {
                let r2 = try updateType(&s, r, span)
                f.function.result = r2
                if typeHasBorrow(s, r2) {
                    throw WitDiagnostic(span, "function `\(f.function.name)` returns a type which contains a `borrow<T>` which is not supported")
                }
            }
        }

        /// Whether a type contains a `borrow<T>`. Iterative (an explicit
        /// stack), since chains of named types can be arbitrarily long.
        private mutating func typeHasBorrow(_ s: WitResolveState, _ t: WitType) -> Bool {
            guard case .id(let root) = t else { return false }
            func children(_ id: WitTypeID) -> [WitTypeID] {
                var out: [WitTypeID] = []
                func add(_ t: WitType?) { if case .id(let c)? = t { out.append(c) } }
                switch s.types[id.index].kind {
                case .alias(let t)?: add(t)
                case .variant(let cases)?: cases.forEach { add($0.type) }
                case .record(let fields)?: fields.forEach { add($0.type) }
                case .tuple(let ts)?: ts.forEach { add($0) }
                case .list(let t)?, .fixedList(let t, _)?, .option(let t)?: add(t)
                case .future(let t)?, .stream(let t)?: add(t)
                case .map(let k, let v)?: add(k); add(v)
                case .result(let ok, let err)?: add(ok); add(err)
                default: break
                }
                return out
            }
            var stack: [(WitTypeID, expanded: Bool)] = [(root, false)]
            while let (id, expanded) = stack.popLast() {
                if hasBorrow[id] != nil { continue }
                if case .handle(.borrow)? = s.types[id.index].kind { hasBorrow[id] = true; continue }
                let kids = children(id)
                if expanded {
                    hasBorrow[id] = kids.contains { hasBorrow[$0] == true }
                } else {
                    stack.append((id, true))
                    for k in kids where hasBorrow[k] == nil { stack.append((k, false)) }
                }
            }
            return hasBorrow[root] ?? false
        }

        private mutating func updateWorld(_ s: inout WitResolveState, _ world: inout WitRWorld, _ pkg: WitPackageID) throws(WitDiagnostic) {
            let entries = world.imports.pairs.map { ($0.key, $0.value, true) } + world.exports.pairs.map { ($0.key, $0.value, false) }
            world.imports.removeAll()
            world.exports.removeAll()
            for (key, item, isImport) in entries {
                let span = item.span
                var item = item
                if case .type(let id, let sp) = item { item = .type(try mapType(id, span), span: sp) }
                let stability: WitStability
                switch item {
                case .interface(_, let st, _, _, _): stability = st
                case .function(let f): stability = f.function.stability
                case .type(let id, _): stability = s.types[id.index].stability
                }
                guard try s.includeStability(stability, pkg, span) else { continue }
                var newKey = key
                if case .interface(let i) = key { newKey = .interface(try mapInterface(i, span)) }
                switch item {
                case .interface(let id, let st, let docs, let ext, let sp):
                    item = .interface(try mapInterface(id, span), stability: st, docs: docs, externalId: ext, span: sp)
                case .function(var f):
                    try updateFunction(&s, &f, span)
                    item = .function(f)
                case .type:
                    break
                }
                if isImport { world.imports.insert(newKey, item) } else { world.exports.insert(newKey, item) }
            }
        }

        // MARK: include

        private func processWorldIncludes(_ s: inout WitResolveState, _ id: WitWorldID, _ pkg: WitPackageID) throws(WitDiagnostic) {
            let includes = s.worlds[id.index].includes
            s.worlds[id.index].includes = []
            for inc in includes where try s.includeStability(inc.stability, pkg, inc.span) {
                try resolveInclude(&s, id, inc.world, inc.names, inc.span, pkg)
            }
            let w = s.worlds[id.index]
            for (items, what) in [(w.imports, "import"), (w.exports, "export")] {
                var seen: [String: String] = [:]
                for case .name(let n) in items.keys {
                    let lower = n.lowercased()
                    if let existing = seen[lower], existing != n {
                        throw WitDiagnostic(.unknown, "\(what) `\(n)` in world `\(w.name)` conflicts with \(what) `\(existing)` (kebab-case identifiers are case-insensitive)")
                    }
                    seen[lower] = n
                }
            }
        }

        /// `include` renaming: `n` itself, or the resource part of
        /// `[method]n.m`, `[static]n.m`, `[constructor]n`.
        static func rename(_ original: String, _ name: String, _ asName: String) -> String? {
            if original == name { return asName }
            guard let close = original.firstIndex(of: "]") else { return nil }
            let kind = original[...close]
            let rest = original[original.index(after: close)...]
            if let dot = rest.firstIndex(of: "."), rest[..<dot] == name {
                return "\(kind)\(asName)\(rest[dot...])"
            }
            if rest == name { return "\(kind)\(asName)" }
            return nil
        }

        private func resolveInclude(_ s: inout WitResolveState, _ id: WitWorldID, _ orig: WitWorldID,
                                    _ names: [(name: String, asName: String)], _ span: WitSpan, _ pkg: WitPackageID) throws(WitDiagnostic) {
            let includeID = try mapWorld(orig, span)
            let included = s.worlds[includeID.index]
            var unmatched = names
            for case .name(let n) in included.imports.keys + included.exports.keys {
                unmatched.removeAll { Self.rename(n, $0.name, $0.asName) != nil }
            }
            if let first = unmatched.first {
                throw WitDiagnostic(span, "no import or export kebab-name `\(first.name)`. Note that an ID does not support renaming")
            }
            let isExternal = s.worlds[id.index].package != included.package
            var cloner = WitCloner(prevOwner: .world(includeID), newOwner: .world(id), newPackage: pkg)
            for (isImport, pairs) in [(true, included.imports.pairs), (false, included.exports.pairs)] {
                let what = isImport ? "import" : "export"
                for (key, item) in pairs {
                    switch key {
                    case .name(let n):
                        var newName = n
                        for nm in names { if let r = Self.rename(n, nm.name, nm.asName) { newName = r; break } }
                        var newItem = item
                        cloner.worldItem(&s, &newItem)
                        switch newItem {
                        case .function(var f):
                            f.function.name = newName
                            newItem = .function(f)
                        case .type(let tid, _):
                            s.types[tid.index].name = newName
                        case .interface:
                            break
                        }
                        let prev = isImport ? s.worlds[id.index].imports.insert(.name(newName), newItem)
                                            : s.worlds[id.index].exports.insert(.name(newName), newItem)
                        if prev != nil {
                            throw WitDiagnostic(span, "\(what) of `\(newName)` shadows previously \(what)ed items")
                        }
                    case .interface:
                        let existing = isImport ? s.worlds[id.index].imports[key] : s.worlds[id.index].exports[key]
                        var into = existing ?? item
                        guard case .interface(let iid, let fromStability, _, _, let aspan) = item,
                              case .interface(let bid, var intoStability, let bdocs, let bext, let bspan) = into else { continue }
                        _ = iid
                        if isExternal && fromStability.isStable {
                            intoStability = .unknown
                        } else if fromStability != intoStability && !fromStability.isUnknown {
                            if intoStability.isUnknown {
                                intoStability = fromStability
                            } else {
                                throw WitDiagnostic(aspan, "mismatch in stability from '\(fromStability)' to '\(intoStability)'")
                            }
                        }
                        into = .interface(bid, stability: intoStability, docs: bdocs, externalId: bext, span: bspan)
                        if isImport { s.worlds[id.index].imports.insert(key, into) } else { s.worlds[id.index].exports.insert(key, into) }
                    }
                }
            }
        }
    }

    // MARK: elaboration

    func lookupPackage(_ name: WitPackageName, _ span: WitSpan) throws(WitDiagnostic) -> WitPackageID {
        if let id = packageNames[name] { return id }
        var msg = "package '\(name)' not found"
        if !packageNames.isEmpty {
            msg += ". known packages:"
            for k in packageNames.keys { msg += "\n    \(k)" }
        }
        throw WitDiagnostic(span, msg)
    }

    /// The interface a `use` type comes from, if it is another owner's.
    func typeInterfaceDep(_ id: WitTypeID) -> WitInterfaceID? {
        let ty = types[id.index]
        guard case .alias(.id(let dep))? = ty.kind else { return nil }
        let other = types[dep.index]
        guard ty.owner != other.owner, case .interface(let i) = other.owner else { return nil }
        return i
    }

    func interfaceDirectDeps(_ id: WitInterfaceID) -> [WitInterfaceID] {
        interfaces[id.index].types.values.compactMap { typeInterfaceDep($0) }
    }

    /// Print order classes: interfaces, `use`d types, defined types,
    /// functions, resource functions.
    func sortKey(_ item: WitRWorldItem) -> Int {
        switch item {
        case .interface: return 0
        case .type(let id, _):
            let ty = types[id.index]
            if case .alias(.id(let t))? = ty.kind, types[t.index].owner != ty.owner { return 1 }
            return 2
        case .function(let f):
            return f.function.kind.resource == nil ? 3 : 4
        }
    }

    mutating func elaborateWorld(_ id: WitWorldID, _ span: WitSpan) throws(WitDiagnostic) {
        var newImports = WitOrderedMap<WitWorldKey, WitRWorldItem>()
        let world = worlds[id.index]
        var sorted = world.imports
        sorted.stableSort { _, item in sortKey(item) }
        for (key, item) in sorted.pairs {
            switch item {
            case .interface(let iid, let stability, let docs, let ext, _):
                elaborateImport(&newImports, key, iid, stability, docs, ext)
            case .function:
                newImports.insert(key, item)
            case .type(let tid, _):
                if let dep = typeInterfaceDep(tid) {
                    elaborateImport(&newImports, .interface(dep), dep, types[tid.index].stability, WitDocs(), nil)
                }
                newImports.insert(key, item)
            }
        }

        var newExports = WitOrderedMap<WitWorldKey, WitRWorldItem>()
        var exportInterfaces = WitOrderedMap<WitWorldKey, WitRWorldItem>()
        for (key, item) in world.exports.pairs {
            switch item {
            case .interface: exportInterfaces.insert(key, item)
            case .function: newExports.insert(key, item)
            case .type: break
            }
        }
        var required: Set<WitInterfaceID> = []
        for (key, item) in exportInterfaces.pairs {
            if !addWorldExport(&newImports, &newExports, exportInterfaces, &required, key, item, addExport: true, depth: 0) {
                let name: String
                switch key {
                case .name(let n): name = n
                case .interface(let i): name = interfaceID(i)
                }
                throw WitDiagnostic(span, "interface `\(name)` transitively depends on an interface in incompatible ways")
            }
        }
        newImports.stableSort { _, item in sortKey(item) }
        worlds[id.index].imports = newImports
        worlds[id.index].exports = newExports
    }

    /// `ns:pkg/name@version` of a named interface.
    func interfaceID(_ id: WitInterfaceID) -> String {
        let i = interfaces[id.index]
        guard let n = i.name, let p = i.package else { return i.name ?? "" }
        let pn = packages[p.index].name
        return "\(pn.namespace):\(pn.name)/\(n)" + (pn.version.map { "@\($0)" } ?? "")
    }

    /// Adds an import after the interfaces it uses (depth first, in the
    /// order of its `use`s). Iterative: `use` chains can be long.
    private func elaborateImport(_ imports: inout WitOrderedMap<WitWorldKey, WitRWorldItem>, _ key: WitWorldKey, _ id: WitInterfaceID,
                                 _ stability: WitStability, _ docs: WitDocs, _ ext: String?) {
        struct Pending { var key: WitWorldKey; var id: WitInterfaceID; var docs: WitDocs; var ext: String?; var expanded: Bool }
        var stack = [Pending(key: key, id: id, docs: docs, ext: ext, expanded: false)]
        while let p = stack.popLast() {
            if imports.contains(p.key) { continue }
            if p.expanded {
                imports.insert(p.key, .interface(p.id, stability: stability, docs: p.docs, externalId: p.ext, span: .unknown))
                continue
            }
            stack.append(Pending(key: p.key, id: p.id, docs: p.docs, ext: p.ext, expanded: true))
            for dep in interfaceDirectDeps(p.id).reversed() {
                stack.append(Pending(key: .interface(dep), id: dep, docs: WitDocs(), ext: nil, expanded: false))
            }
        }
    }

    /// Adds an export and what it needs: dependencies that are exported too
    /// come from the exports, the rest become imports; an interface needed
    /// both ways makes the world invalid (false).
    private func addWorldExport(_ imports: inout WitOrderedMap<WitWorldKey, WitRWorldItem>, _ exports: inout WitOrderedMap<WitWorldKey, WitRWorldItem>,
                                _ exportInterfaces: WitOrderedMap<WitWorldKey, WitRWorldItem>, _ required: inout Set<WitInterfaceID>,
                                _ key: WitWorldKey, _ item: WitRWorldItem, addExport: Bool, depth: Int) -> Bool {
        if exports.contains(key) { return addExport }
        guard case .interface(let id, let stability, _, let ext, _) = item, depth <= interfaces.count else { return false }
        if !addExport && required.contains(id) { return true }
        for dep in interfaceDirectDeps(id) {
            let depItem = WitRWorldItem.interface(dep, stability: stability, docs: WitDocs(), externalId: ext, span: .unknown)
            let depKey = WitWorldKey.interface(dep)
            let depExport = addExport && exportInterfaces.contains(depKey)
            if !addWorldExport(&imports, &exports, exportInterfaces, &required, depKey, depItem, addExport: depExport, depth: depth + 1) {
                return false
            }
        }
        if addExport {
            if required.contains(id) { return false }
            exports.insert(key, item)
        } else {
            required.insert(id)
            if !imports.contains(key) { imports.insert(key, item) }
        }
        return true
    }
}

/// Deep copies of world-owned types and anonymous interfaces, for
/// `include`: the including world gets its own copies, with references
/// between the copied items redirected to the copies.
struct WitCloner {
    var prevOwner: WitTypeOwner
    var newOwner: WitTypeOwner
    var newPackage: WitPackageID?
    var typeMap: [WitTypeID: WitTypeID] = [:]
    var interfaceMap: [WitInterfaceID: WitInterfaceID] = [:]

    mutating func worldItem(_ s: inout WitResolveState, _ item: inout WitRWorldItem) {
        switch item {
        case .type(let id, let span):
            item = .type(typeID(&s, id), span: span)
        case .function(var f):
            function(&s, &f.function)
            item = .function(f)
        case .interface(let id, let st, let docs, let ext, let span):
            if s.interfaces[id.index].name != nil { return }
            item = .interface(interface(&s, id), stability: st, docs: docs, externalId: ext, span: span)
        }
    }

    mutating func typeID(_ s: inout WitResolveState, _ id: WitTypeID) -> WitTypeID {
        if let m = typeMap[id] { return m }
        var def = s.types[id.index]
        typeDef(&s, &def)
        s.types.append(def)
        let new = WitTypeID(index: s.types.count - 1)
        typeMap[id] = new
        return new
    }

    mutating func typeDef(_ s: inout WitResolveState, _ def: inout WitRType) {
        if def.owner != .none { def.owner = newOwner }
        guard let kind = def.kind else { return }
        switch kind {
        case .alias(.id(let id)):
            if s.types[id.index].owner == prevOwner {
                def.kind = .alias(.id(typeID(&s, id)))
            } else if let m = typeMap[id] {
                def.kind = .alias(.id(m))
            }
        case .alias, .resource, .flags, .enumeration:
            break
        case .handle(.own(let r)): def.kind = .handle(.own(typeID(&s, r)))
        case .handle(.borrow(let r)): def.kind = .handle(.borrow(typeID(&s, r)))
        case .option(let t): def.kind = .option(ty(&s, t))
        case .list(let t): def.kind = .list(ty(&s, t))
        case .fixedList(let t, let n): def.kind = .fixedList(ty(&s, t), n)
        case .map(let k, let v):
            let k2 = ty(&s, k)
            def.kind = .map(k2, ty(&s, v))
        case .tuple(let ts):
            var out: [WitType] = []
            for t in ts { out.append(ty(&s, t)) }
            def.kind = .tuple(out)
        case .record(var fields):
            for i in fields.indices { fields[i].type = ty(&s, fields[i].type) }
            def.kind = .record(fields)
        case .variant(var cases):
            for i in cases.indices { if let t = cases[i].type { cases[i].type = ty(&s, t) } }
            def.kind = .variant(cases)
        case .result(let ok, let err):
            let ok2 = ok.map { ty(&s, $0) }
            def.kind = .result(ok: ok2, err: err.map { ty(&s, $0) })
        case .future(let t): def.kind = .future(t.map { ty(&s, $0) })
        case .stream(let t): def.kind = .stream(t.map { ty(&s, $0) })
        }
    }

    mutating func ty(_ s: inout WitResolveState, _ t: WitType) -> WitType {
        guard case .id(let id) = t else { return t }
        return .id(typeID(&s, id))
    }

    mutating func function(_ s: inout WitResolveState, _ f: inout WitFunction) {
        switch f.kind {
        case .freestanding: break
        case .method(let r): f.kind = .method(typeID(&s, r))
        case .static(let r): f.kind = .static(typeID(&s, r))
        case .constructor(let r): f.kind = .constructor(typeID(&s, r))
        }
        for i in f.params.indices { f.params[i].type = ty(&s, f.params[i].type) }
        if let r = f.result { f.result = ty(&s, r) }
    }

    mutating func interface(_ s: inout WitResolveState, _ old: WitInterfaceID) -> WitInterfaceID {
        var new = s.interfaces[old.index]
        let next = WitInterfaceID(index: s.interfaces.count)
        var inner = WitCloner(prevOwner: .interface(old), newOwner: .interface(next), newPackage: newPackage,
                              typeMap: typeMap, interfaceMap: interfaceMap)
        var types = WitOrderedMap<String, WitTypeID>()
        for (n, t) in new.types.pairs { types.insert(n, inner.typeID(&s, t)) }
        new.types = types
        var funcs = WitOrderedMap<String, WitRFunction>()
        for (n, f) in new.functions.pairs {
            var f2 = f
            inner.function(&s, &f2.function)
            funcs.insert(n, f2)
        }
        new.functions = funcs
        typeMap = inner.typeMap
        new.package = newPackage ?? new.package
        s.interfaces.append(new)
        interfaceMap[old] = next
        return next
    }
}
