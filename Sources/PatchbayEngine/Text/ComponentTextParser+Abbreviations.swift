/// The abbreviations of the component text format (Explainer.md): inline
/// type definitions, inline exports and imports, and references to
/// instance exports (`(func $i "name")`), each expanded into the explicit
/// definitions wasm-tools would write, in the same order.
extension ComponentTextParser.Reader {
    /// Adds a type definition created by an inline type, before the item
    /// that uses it, and answers its index.
    mutating func emitType(_ def: TypeDef, in scope: TextScope, at t: WatToken) throws(WatError) -> UInt32 {
        if sink.isEmpty { add(.types([def])) } else { sink[sink.count - 1].append(.instance(.type(def))) }
        return try scope.define(.type, TextIdent(), at: t)
    }

    mutating func emitCoreType(_ def: CoreTypeDef, in scope: TextScope, at t: WatToken) throws(WatError) -> UInt32 {
        if sink.isEmpty { add(.coreTypes([def])) } else { sink[sink.count - 1].append(.instance(.coreType(def))) }
        return try scope.define(.coreType, TextIdent(), at: t)
    }

    mutating func emitAlias(_ a: Alias, in scope: TextScope, at t: WatToken) throws(WatError) -> UInt32 {
        if sink.isEmpty { add(.aliases([a])) } else { sink[sink.count - 1].append(.instance(.alias(a))) }
        return try scope.define(TextScope.Space(a.sort), TextIdent(), at: t)
    }

    /// The index in the rest of a `(sort ...)` list: a reference, or an
    /// instance and export names (`$i "a" "b"`), which become aliases.
    mutating func itemRef(_ c: inout TextCursor, _ sort: Sort, in scope: TextScope) throws(WatError) -> UInt32 {
        if !c.nextIsString(after: 1) { return try index(&c, TextScope.Space(sort), in: scope) }
        let at = c.here
        var core = false
        if case .core = sort { core = true }
        var instance = try index(&c, core ? .coreInstance : .instance, in: scope)
        var names: [String] = []
        while c.nextIsString { names.append(try c.string()) }
        for (k, name) in names.enumerated() {
            let last = k == names.count - 1
            if core {
                guard last else { throw c.error("core instance exports cannot be nested", at: at) }
                return try emitAlias(Alias(sort: sort, target: .coreInstanceExport(instance: instance, name: name)), in: scope, at: at)
            }
            let target: Sort = last ? sort : .instance
            let i = try emitAlias(Alias(sort: target, target: .instanceExport(instance: instance, name: name)), in: scope, at: at)
            if last { return i }
            instance = i
        }
        return instance
    }

    /// `(export "name")` lists right after an item's `$id` (not the
    /// `(export "name" (func ...))` of an instance's exports).
    mutating func inlineExports(_ c: inout TextCursor) throws(WatError) -> [ExternName] {
        var out: [ExternName] = []
        while let n = c.peek(), n.head == "export" {
            var e = TextCursor(n)
            _ = e.keyword("export")
            let name = try externName(&e)
            if !e.isAtEnd { break }
            _ = try c.next("an export")
            out.append(name)
        }
        return out
    }

    mutating func inlineImport(_ c: inout TextCursor) throws(WatError) -> ExternName? {
        guard let n = c.peek(), n.head == "import" else { return nil }
        var i = TextCursor(n)
        _ = i.keyword("import")
        let name = try externName(&i)
        guard i.isAtEnd else { return nil }
        _ = try c.next("an import")
        return name
    }

    /// Records the exports an item declared inline; like wasm-tools, they
    /// are added after every other field of the component.
    mutating func emitExports(_ names: [ExternName], of item: SortIndex, at t: WatToken) throws(WatError) {
        for n in names { deferredExports.append((Export(name: n, item: item), t)) }
    }

    /// A function type written inline: `(param "a" u32)* (result T)?`.
    mutating func inlineFuncType(_ c: inout TextCursor, in scope: TextScope, at t: WatToken) throws(WatError) -> UInt32 {
        let f = try funcType(&c, in: scope)
        return try emitType(TypeDef(.function(f)), in: scope, at: t)
    }

    /// `(type $t)` or an inline function type, for funcs.
    mutating func funcTypeUse(_ c: inout TextCursor, in scope: TextScope, at t: WatToken) throws(WatError) -> UInt32 {
        if let i = try typeRef(&c, .type, in: scope) { return i }
        return try inlineFuncType(&c, in: scope, at: t)
    }
}
