/// What the host gives for the imports a component still has when it is
/// run on its own: functions that return values given for them (WAVE text,
/// e.g. from `patchbay run --import`), functions that trap with a message
/// naming the import when nothing was given, and fresh host resource types
/// for imported resources.
enum HostStubs {
    static func item(for type: EntityType, name: String, given: HostValues, resources: inout [Int: RuntimeResourceType], at offset: Int) throws(InstantiationError) -> RuntimeItem {
        switch type {
        case .function(let f):
            given.imported.append((name, f))
            if let texts = given.texts[name] {
                return .function(try constant(name: name, type: f, texts: texts, given: given, at: offset))
            }
            return .function(ComponentFunction(name: name, type: f) { _ in
                throw ComponentTrap("import `\(name)` is not provided: `patchbay run` serves unresolved imports with host stubs that trap (give a value with --import '\(name)=VALUE')", componentFunction: name)
            })
        case .instance(let it):
            let ex = RuntimeExports()
            for e in it.exports {
                ex.add(e.name.name, try item(for: e.type, name: name + "#" + e.name.name, given: given, resources: &resources, at: offset))
            }
            return .instance(ex)
        case .type(.resource(let id)):
            if let r = resources[id.id] { return .type(.resource(r)) }
            let r = RuntimeResourceType(name: name, destructor: nil, implementation: nil)
            resources[id.id] = r
            return .type(.resource(r))
        case .type:
            return .type(.other)
        case .value:
            throw InstantiationError("import `\(name)` is a value (a gated feature); the runtime cannot provide it", at: offset)
        case .module, .component:
            throw InstantiationError("import `\(name)` is a \(type.sortName); the runtime can only stub function, instance and type imports", at: offset)
        }
    }

    /// A host function returning the given values in turn, the last one
    /// for every further call. The texts are parsed now, against the
    /// import's result type, so a bad value is refused before anything runs.
    private static func constant(name: String, type f: FunctionType, texts: [String], given: HostValues, at offset: Int) throws(InstantiationError) -> ComponentFunction {
        given.used.insert(name)
        var values: [ComponentValue?] = []
        for (i, text) in texts.enumerated() {
            let which = texts.count > 1 ? "value \(i + 1) of \(texts.count) given" : "the value given"
            guard let rt = f.result else {
                let t = text.filter { !$0.isWhitespace }
                guard t.isEmpty || t == "()" else {
                    throw InstantiationError("import `\(name)` returns nothing (\(TypeText().function(f))), so \(which) for it must be `()`, found `\(text)`")
                }
                values.append(nil)
                continue
            }
            do { values.append(try WaveSyntax.parse(text, as: rt)) } catch {
                throw InstantiationError("\(which) for import `\(name)` does not fit its result type \(TypeText().value(rt)): \(error)")
            }
        }
        guard !values.isEmpty else { throw InstantiationError("no value given for import `\(name)`") }
        var next = 0
        return ComponentFunction(name: name, type: f) { _ in
            let v = values[min(next, values.count - 1)]
            next += 1
            given.calls[name, default: 0] += 1
            return v
        }
    }
}

/// Values the host returns for imported functions the component leaves
/// unresolved, by the import's path (`iface#func`, or `func` for a function
/// imported on its own), as WAVE texts: the first call returns the first
/// value, and so on; the last value is returned by every further call.
public final class HostValues {
    public internal(set) var texts: [String: [String]]
    /// The imported functions seen at instantiation, with their types.
    public internal(set) var imported: [(name: String, type: FunctionType)] = []
    /// How many times each given import was called.
    public internal(set) var calls: [String: Int] = [:]
    var used: Set<String> = []

    public init(_ texts: [String: [String]] = [:]) { self.texts = texts }

    /// Refuses values given for imports the component does not have.
    func checkAllUsed() throws(InstantiationError) {
        let unknown = texts.keys.filter { !used.contains($0) }.sorted()
        guard let first = unknown.first else { return }
        let names = imported.map(\.name)
        throw InstantiationError("a value is given for `\(first)`, which is not an imported function of the component; imported functions: \(names.isEmpty ? "none" : names.joined(separator: ", "))")
    }
}
