/// Identifier scopes of the component text format: each component,
/// component type, instance type and module type has its own index spaces,
/// and `$ids` resolve in the innermost one (outer aliases walk outwards).
final class TextScope {
    enum Space: CaseIterable {
        case coreFunc, coreTable, coreMemory, coreGlobal, coreTag, coreType, coreModule, coreInstance
        case func_, value, type, component, instance

        var description: String {
            switch self {
            case .coreFunc: "core func"
            case .coreTable: "core table"
            case .coreMemory: "core memory"
            case .coreGlobal: "core global"
            case .coreTag: "core tag"
            case .coreType: "core type"
            case .coreModule: "core module"
            case .coreInstance: "core instance"
            case .func_: "func"
            case .value: "value"
            case .type: "type"
            case .component: "component"
            case .instance: "instance"
            }
        }

        init(_ sort: Sort) {
            switch sort {
            case .core(.func_): self = .coreFunc
            case .core(.table): self = .coreTable
            case .core(.memory): self = .coreMemory
            case .core(.global): self = .coreGlobal
            case .core(.tag): self = .coreTag
            case .core(.type): self = .coreType
            case .core(.module): self = .coreModule
            case .core(.instance): self = .coreInstance
            case .func_: self = .func_
            case .value: self = .value
            case .type: self = .type
            case .component: self = .component
            case .instance: self = .instance
            }
        }
    }

    let parent: TextScope?
    /// The `$id` of the component this scope is (for `alias outer $id`).
    let id: String?
    /// Module types keep their own declarations (outer aliases go there).
    var isModuleType = false
    private var ids: [Space: [String: UInt32]] = [:]
    private var counts: [Space: UInt32] = [:]
    /// Names for the `component-name` section, in definition order.
    private(set) var names: [Space: [(UInt32, String)]] = [:]

    init(parent: TextScope?, id: String?) {
        self.parent = parent
        self.id = id
    }

    func count(_ s: Space) -> UInt32 { counts[s, default: 0] }

    /// Adds the next item of `space`, with its identifier and name if any.
    @discardableResult
    func define(_ space: Space, _ ident: TextIdent, at t: WatToken, recordName: Bool = true) throws(WatError) -> UInt32 {
        let index = count(space)
        counts[space] = index + 1
        if let id = ident.id {
            if ids[space]?[id] != nil {
                let at = ident.token ?? t
                throw WatError("duplicate \(space.description) identifier", line: at.line, column: at.column)
            }
            ids[space, default: [:]][id] = index
        }
        if recordName, let name = ident.name ?? ident.id { names[space, default: []].append((index, name)) }
        return index
    }

    func lookup(_ space: Space, _ id: String) -> UInt32? { ids[space]?[id] }

    /// The `component-name` section payload, subsections in the order
    /// wasm-tools writes them.
    func nameSection(componentName: String?) -> [UInt8]? {
        var out = ByteWriter()
        if let componentName {
            var sub = ByteWriter()
            sub.name(componentName)
            out.byte(0); out.u32(UInt32(sub.bytes.count)); out.append(sub.bytes)
        }
        let order: [(Space, [UInt8])] = [
            (.coreFunc, [0x00, 0x00]), (.coreTable, [0x00, 0x01]), (.coreMemory, [0x00, 0x02]), (.coreGlobal, [0x00, 0x03]),
            (.coreTag, [0x00, 0x04]), (.coreType, [0x00, 0x10]), (.coreModule, [0x00, 0x11]), (.coreInstance, [0x00, 0x12]),
            (.func_, [0x01]), (.value, [0x02]), (.type, [0x03]), (.component, [0x04]), (.instance, [0x05]),
        ]
        for (space, sort) in order {
            guard let list = names[space], !list.isEmpty else { continue }
            var sub = ByteWriter()
            sub.append(sort)
            sub.vector(list) { w, e in w.u32(e.0); w.name(e.1) }
            out.byte(1); out.u32(UInt32(sub.bytes.count)); out.append(sub.bytes)
        }
        return out.bytes.isEmpty ? nil : out.bytes
    }
}

/// An item's `$id` and `(@name "...")`, both optional.
struct TextIdent {
    var id: String?
    var name: String?
    /// Where the `$id` is written, for errors about it.
    var token: WatToken?
}
