/// What the host gives for the imports a component still has when it is
/// run on its own: functions that trap with a message naming the import,
/// and fresh host resource types for imported resources.
enum HostStubs {
    static func item(for type: EntityType, name: String, resources: inout [Int: RuntimeResourceType], at offset: Int) throws(InstantiationError) -> RuntimeItem {
        switch type {
        case .function(let f):
            return .function(ComponentFunction(name: name, type: f) { _ in
                throw ComponentTrap("import `\(name)` is not provided: `patchbay run` serves unresolved imports with host stubs that trap", componentFunction: name)
            })
        case .instance(let it):
            let ex = RuntimeExports()
            for e in it.exports {
                ex.add(e.name.name, try item(for: e.type, name: name + "#" + e.name.name, resources: &resources, at: offset))
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
}
