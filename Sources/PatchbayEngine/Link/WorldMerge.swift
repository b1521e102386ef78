/// The world of a linked component: the union of its libraries' worlds.
///
/// Each world's declarators are appended in turn with their indices moved
/// into the merged world's index spaces. An import or export whose name the
/// merged world already has is not repeated; later references to it use the
/// first one (the libraries were built against the same WIT, so the types
/// agree; the oracle validates the result).
///
/// As wit-component does, an imported interface that no library imports
/// from (and whose types no other item uses) is left out. The caller passes
/// the worlds in instantiation order (dependencies first), which decides the
/// order of the merged items, as in wit-component.
enum WorldMerge {
    /// `used`: the core import module names of all libraries (`$root` for
    /// world-level functions); nil keeps every import.
    static func merge(_ worlds: [WorldMetadata], used: Set<String>? = nil) throws(LinkError) -> WorldMetadata {
        guard let first = worlds.first else {
            return WorldMetadata(worldName: "root:component/root", decls: [], type: ComponentType(), stringEncoding: .utf8)
        }
        if worlds.count == 1 && used == nil { return first }
        var out: [ComponentDecl] = []
        var typeCount: UInt32 = 0, instanceCount: UInt32 = 0, funcCount: UInt32 = 0, componentCount: UInt32 = 0
        var imported: [String: (Sort, UInt32)] = [:]
        var exported: [String: (Sort, UInt32)] = [:]
        for world in worlds {
            let aliased = aliasedInstances(world.decls)
            var types: [UInt32] = [], instances: [UInt32] = [], funcs: [UInt32] = [], components: [UInt32] = []
            func map(_ space: [UInt32], _ i: UInt32, _ what: String) throws(LinkError) -> UInt32 {
                guard Int(i) < space.count, space[Int(i)] != UInt32.max else { throw LinkError("the world `\(world.worldName)` refers to \(what) \(i), which it does not define") }
                return space[Int(i)]
            }
            func remapType(_ t: ExternType) throws(LinkError) -> ExternType {
                switch t {
                case .instance(let i): return .instance(type: try map(types, i, "type"))
                case .func_(let i): return .func_(type: try map(types, i, "type"))
                case .component(let i): return .component(type: try map(types, i, "type"))
                case .type(.eq(let i)): return .type(.eq(try map(types, i, "type")))
                case .type(.subResource), .module, .value: return t
                }
            }
            func append(_ t: ExternType, _ index: UInt32) {
                switch t.sort {
                case .instance: instances.append(index)
                case .func_: funcs.append(index)
                case .type: types.append(index)
                case .component: components.append(index)
                default: break
                }
            }
            func fresh(_ t: ExternType) -> UInt32 {
                switch t.sort {
                case .instance: instanceCount += 1; return instanceCount - 1
                case .func_: funcCount += 1; return funcCount - 1
                case .type: typeCount += 1; return typeCount - 1
                case .component: componentCount += 1; return componentCount - 1
                default: return 0
                }
            }
            for d in world.decls {
                switch d {
                case .instance(.type(let def)):
                    var prefix = WorldPrefix()
                    prefix.types = types.map { .top($0) }
                    guard let kind = prefix.remap(def.kind) else {
                        throw LinkError("the world `\(world.worldName)` has a type that cannot be merged with the other libraries' worlds")
                    }
                    out.append(.instance(.type(TypeDef(kind))))
                    types.append(typeCount); typeCount += 1
                case .instance(.coreType):
                    continue
                case .instance(.alias(let a)):
                    guard case .instanceExport(let inst, let name) = a.target else {
                        throw LinkError("the world `\(world.worldName)` has an outer alias, which merging worlds does not support")
                    }
                    out.append(.instance(.alias(Alias(sort: a.sort, target: .instanceExport(instance: try map(instances, inst, "instance"), name: name)))))
                    switch a.sort {
                    case .type: types.append(typeCount); typeCount += 1
                    case .func_: funcs.append(funcCount); funcCount += 1
                    case .instance: instances.append(instanceCount); instanceCount += 1
                    case .component: components.append(componentCount); componentCount += 1
                    default: break
                    }
                case .import(let imp):
                    if let (sort, i) = imported[imp.name.name], sort == imp.type.sort {
                        append(imp.type, i); continue
                    }
                    if let used, case .instance = imp.type, !used.contains(imp.name.name), !aliased.contains(instances.count) {
                        instances.append(UInt32.max)  // left out; nothing refers to it
                        continue
                    }
                    var m = imp
                    m.type = try remapType(imp.type)
                    out.append(.import(m))
                    let i = fresh(imp.type)
                    imported[imp.name.name] = (imp.type.sort, i)
                    append(imp.type, i)
                case .instance(.export(let offset, let name, let type)):
                    if let (sort, i) = exported[name.name], sort == type.sort {
                        append(type, i); continue
                    }
                    out.append(.instance(.export(offset: offset, name: name, type: try remapType(type))))
                    let i = fresh(type)
                    exported[name.name] = (type.sort, i)
                    append(type, i)
                }
            }
        }
        return try resolve(out, encoding: worlds.first(where: { $0.stringEncoding != .utf8 })?.stringEncoding ?? .utf8)
    }

    /// World-local indices of the instances some alias reads from.
    static func aliasedInstances(_ decls: [ComponentDecl]) -> Set<Int> {
        var count = 0
        var out = Set<Int>()
        for d in decls {
            switch d {
            case .instance(.alias(let a)):
                if case .instanceExport(let i, _) = a.target { out.insert(Int(i)) }
                if a.sort == .instance { count += 1 }
            case .import(let imp): if case .instance = imp.type { count += 1 }
            case .instance(.export(_, _, .instance)): count += 1
            default: break
            }
        }
        return out
    }

    static func resolve(_ out: [ComponentDecl], encoding: CanonOption) throws(LinkError) -> WorldMetadata {
        // Resolve the merged world the way a `component-type` section is resolved.
        let world = TypeDef(.component(out))
        let package = TypeDef(.component([
            .instance(.type(world)),
            .instance(.export(offset: 0, name: ExternName("root:component/root"), type: .component(type: 0))),
        ]))
        let component = Component(sections: [Section(.types([package])), Section(.exports([Export(name: ExternName("root:component/root"), item: SortIndex(.type, 0), type: nil)]))])
        do { return try WorldMetadata.fromPackage(component, stringEncoding: encoding) } catch {
            throw LinkError("the libraries' worlds do not merge: \(error.message)")
        }
    }
}
