/// What `wasm-tools component embed` does: records the world a core module
/// implements in a `component-type` custom section, and, for `--dummy`,
/// makes the module itself: a placeholder whose every function traps.
///
/// The placeholder uses the "legacy" core names wit-component's
/// `ComponentWrapper` reads (`iface` / `$root` import modules,
/// `iface#func` exports, `cabi_post_*`, `cabi_realloc`, `memory`), laid
/// out in the same order as `component embed --dummy-names legacy` so the
/// bytes match, and with Canonical ABI signatures computed from the world.
public enum WorldEmbedder {
    /// `module` with a `component-type` section for `world` appended.
    public static func embed(module: [UInt8], _ doc: WitDocument, world: WitWorldID,
                             encoding: WitEncoder.StringEncoding = .utf8) throws(WrapError) -> [UInt8] {
        // Reading the sections checks the header and every section size,
        // so nothing is appended to something that is not a core module.
        _ = try ModuleSections(module)
        let payload: [UInt8]
        do { payload = try WitEncoder.worldMetadata(doc, world, encoding: encoding) } catch {
            throw WrapError("failed to encode the world: \(error)")
        }
        var body = ByteWriter()
        body.name("component-type")
        body.append(payload)
        var out = ByteWriter()
        out.bytes = module
        out.section(0x00, body.bytes)
        return out.bytes
    }

    /// A core module with the imports and exports `world` asks for, whose
    /// functions trap (`unreachable`), without the `component-type` section.
    public static func dummyModule(_ doc: WitDocument, world: WitWorldID) throws(WrapError) -> [UInt8] {
        let payload: [UInt8]
        do { payload = try WitEncoder.worldMetadata(doc, world) } catch {
            throw WrapError("failed to encode the world: \(error)")
        }
        let resolved = try WorldMetadata.decode(payload).type
        let w = doc[world]
        var m = CoreModuleWriter()
        let unreachable: [UInt8] = [0x00]
        let dropSig = CoreFuncType(params: [.i32], results: [])
        let i32Sig = CoreFuncType(params: [.i32], results: [.i32])

        func keyName(_ key: WitWorldKey) throws(WrapError) -> String {
            do { return try WitEncoder.keyName(doc, key) } catch { throw WrapError("\(error)") }
        }
        /// The resolved type of function `name` at world level (`iface` nil)
        /// or in the instance `iface`.
        func function(_ list: [NamedEntity], _ iface: String?, _ name: String) throws(WrapError) -> FunctionType {
            if let iface {
                guard let e = list.first(where: { $0.name.name == iface }), case .instance(let it) = e.type,
                      case .function(let f)? = it.export(named: name)?.type else {
                    throw WrapError("the world's interface `\(iface)` has no function `\(name)`")
                }
                return f
            }
            guard let e = list.first(where: { $0.name.name == name }), case .function(let f) = e.type else {
                throw WrapError("the world has no function `\(name)`")
            }
            return f
        }
        func ownResources(_ iface: WitInterfaceID) -> [String] {
            doc[iface].types.compactMap { t in
                if case .resource = doc[t.id].kind { return doc[t.id].name } else { return nil }
            }
        }

        // Imports: lowered functions and drops of imported resources.
        for (key, item) in w.imports {
            switch item {
            case .function(let f):
                let sig = try AbiNeeds(try function(resolved.imports, nil, f.name), context: .lower).signature
                _ = m.importFunction("$root", f.name, sig)
            case .interface(let iid, _, _, _):
                let name = try keyName(key)
                for f in doc[iid].functions {
                    let sig = try AbiNeeds(try function(resolved.imports, name, f.name), context: .lower).signature
                    _ = m.importFunction(name, f.name, sig)
                }
                for r in ownResources(iid) { _ = m.importFunction(name, "[resource-drop]\(r)", dropSig) }
            case .type(let t):
                if case .resource = doc[t].kind, let r = doc[t].name { _ = m.importFunction("$root", "[resource-drop]\(r)", dropSig) }
            }
        }
        // Intrinsics of exported resources.
        for (key, item) in w.exports {
            guard case .interface(let iid, _, _, _) = item else { continue }
            let module = "[export]" + (try keyName(key))
            for r in ownResources(iid) {
                _ = m.importFunction(module, "[resource-drop]\(r)", dropSig)
                _ = m.importFunction(module, "[resource-new]\(r)", i32Sig)
                _ = m.importFunction(module, "[resource-rep]\(r)", i32Sig)
            }
        }
        // Exports: each function with its post-return, then destructors.
        func export(_ name: String, _ f: FunctionType) throws(WrapError) {
            let sig = try AbiNeeds(f, context: .lift).signature
            m.exports.append((name, .function, m.addFunction(.init(type: sig, body: unreachable))))
            let post = CoreFuncType(params: sig.results, results: [])
            m.exports.append(("cabi_post_\(name)", .function, m.addFunction(.init(type: post, body: []))))
        }
        for (key, item) in w.exports {
            switch item {
            case .function(let f):
                try export(f.name, try function(resolved.exports, nil, f.name))
            case .interface(let iid, _, _, _):
                let name = try keyName(key)
                for f in doc[iid].functions { try export("\(name)#\(f.name)", try function(resolved.exports, name, f.name)) }
                for r in ownResources(iid) {
                    m.exports.append(("\(name)#[dtor]\(r)", .function, m.addFunction(.init(type: dropSig, body: []))))
                }
            case .type:
                continue
            }
        }
        m.memoryPages = 0
        m.exports.append(("memory", .memory, 0))
        let realloc = CoreFuncType(params: [.i32, .i32, .i32, .i32], results: [.i32])
        m.exports.append(("cabi_realloc", .function, m.addFunction(.init(type: realloc, body: unreachable))))
        m.exports.append(("_initialize", .function, m.addFunction(.init(type: CoreFuncType(params: [], results: []), body: []))))
        return m.encode()
    }
}
