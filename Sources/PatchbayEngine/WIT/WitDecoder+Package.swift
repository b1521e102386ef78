/// Decoding a WIT package encoded as wasm (what `WitEncoder.encodePackage`
/// and `wasm-tools component wit --wasm` write, and the payload of a
/// `component-type` section): every export of the component is a component
/// type named after an interface or world of the package, whose single
/// export is that interface (an instance, with the interfaces it uses as
/// imports) or world (a component).
extension WitDecoder {
    /// Whether `externs` are those of an encoded package: at least one, all
    /// exports of component types, named with plain labels (the current,
    /// "v2", layout; the older `ns:pkg/wit` layout is not read).
    func isPackage(_ externs: [ComponentTypeChecker.Extern]) -> Bool {
        guard !externs.isEmpty else { return false }
        for e in externs {
            guard !e.isImport, case .type(_, let created) = e.item.entity, created.kind == .component else { return false }
        }
        if case .label = ExternNameKind(externs[0].item.name) { return true }
        return false
    }

    mutating func decodePackage(_ externs: [ComponentTypeChecker.Extern], _ component: Component) throws(WitError) -> (document: WitDocument, main: WitPackageID) {
        var packageName: WitPackageName?
        var worlds: [(String, WitWorldID)] = []
        for e in externs {
            guard case .type(_, let created) = e.item.entity, let wrapper = space.componentType(created) else {
                throw WitError("export `\(e.item.name)` is not a component type")
            }
            guard wrapper.exports.count == 1 else {
                throw WitError("Expected a single export, but found \(wrapper.exports.count) instead")
            }
            let item = wrapper.exports[0]
            guard case .interface(let id) = ExternNameKind(item.name) else {
                throw WitError("expected world name to be fully qualified")
            }
            let name = id.packageName(versionSuffix: item.versionSuffix)
            switch item.entity {
            case .component(let ck):
                guard let ct = space.componentType(ck) else { throw WitError("world `\(item.name)` has no component type") }
                do { worlds.append((id.interface, try registerWorld(id.interface, ct))) } catch {
                    throw error.context("failed to decode world `\(item.name)`")
                }
            case .instance:
                for imp in wrapper.imports {
                    do { _ = try registerImport(imp.name, imp) } catch { throw error.context("failed to process import `\(imp.name)`") }
                }
                _ = try registerInterface(item.name, item)
            default:
                throw WitError("export `\(item.name)` is neither an interface nor a world")
            }
            if let p = packageName, p != name { throw WitError("item defined with mismatched package name") }
            packageName = name
        }
        guard let packageName else { throw WitError("no exported component type found") }
        let main = try finish(mainName: packageName, worlds: worlds)
        for s in component.sections {
            if case .custom(let c) = s.content, c.name == "package-docs" {
                do { try WitPackageMetadata.inject(Array(c.payload), into: &doc, main) } catch {
                    throw error.context("failed to apply the package-docs section")
                }
            }
        }
        return (doc, main)
    }

    /// A world from its component type: imports (interfaces, functions,
    /// types), then exports (interfaces, functions).
    private mutating func registerWorld(_ name: String, _ ct: SpaceComponent) throws(WitError) -> WitWorldID {
        let world = doc.add(WitWorld(name: name))
        let owner = WitTypeOwner.world(world)
        for imp in ct.imports {
            switch imp.entity {
            case .instance:
                let entry = try decodeWorldInstance(imp.name, imp)
                doc[world].imports.append(entry)
            case .type:
                let t = try registerTypeExport(imp.name, imp, owner)
                doc[world].imports.append((.name(imp.name), .type(t)))
            case .function:
                let f = try convertFunction(imp.name, imp, owner)
                doc[world].imports.append((.name(imp.name), .function(f)))
            default:
                throw WitError("component import `\(imp.name)` is not an instance, func, or type")
            }
        }
        for exp in ct.exports {
            switch exp.entity {
            case .instance:
                let entry = try decodeWorldInstance(exp.name, exp)
                doc[world].exports.append(entry)
            case .function:
                let f = try convertFunction(exp.name, exp, owner)
                doc[world].exports.append((.name(exp.name), .function(f)))
            default:
                throw WitError("component export `\(exp.name)` is not an instance or function")
            }
        }
        return world
    }
}
