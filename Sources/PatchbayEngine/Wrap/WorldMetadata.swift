/// The world a core module says it implements, read from its
/// `component-type` custom section.
///
/// The section's payload is a component binary that encodes a WIT package
/// the way wit-component does: a component type whose only export is the
/// world, itself a component type. We keep the world's declarators as they
/// are (they are copied into the new component, so every name and `use`
/// survives) and their resolved form (for the Canonical ABI).
public struct WorldMetadata: Sendable {
    /// `ns:pkg/world` as the package encoding exports it.
    public var worldName: String
    /// The world's component-type declarators, in order.
    public var decls: [ComponentDecl]
    /// The same world after resolution.
    public var type: ComponentType
    /// String encoding recorded by `component embed` (utf8 unless told).
    public var stringEncoding: CanonOption

    public init(worldName: String, decls: [ComponentDecl], type: ComponentType, stringEncoding: CanonOption) {
        self.worldName = worldName; self.decls = decls; self.type = type; self.stringEncoding = stringEncoding
    }

    /// Decodes one `component-type` section payload.
    public static func decode(_ payload: [UInt8]) throws(WrapError) -> WorldMetadata {
        let component: Component
        do { component = try ComponentDecoder.decode(payload) } catch {
            throw WrapError("failed to decode the component-type section: \(error)")
        }
        var encoding = CanonOption.utf8
        for s in component.sections {
            if case .custom(let c) = s.content, c.name == "wit-component-encoding", c.payload.count >= 2 {
                switch c.payload[c.payload.startIndex + 1] {
                case 1: encoding = .utf16
                case 2: encoding = .latin1Utf16
                default: encoding = .utf8
                }
            }
        }
        return try fromPackage(component, stringEncoding: encoding)
    }

    /// Finds the world inside a package-encoding component: the component
    /// type exported at top level whose body exports one component type.
    static func fromPackage(_ component: Component, stringEncoding: CanonOption) throws(WrapError) -> WorldMetadata {
        var typeDefs: [TypeDef] = []
        for s in component.sections {
            if case .types(let ts) = s.content { typeDefs += ts }
        }
        guard let outer = typeDefs.first(where: { if case .component = $0.kind { true } else { false } }),
              case .component(let outerDecls) = outer.kind else {
            throw WrapError("the component-type section holds no component type (expected a WIT package encoding)")
        }
        var inner: [TypeDef] = []
        var worldName: String?
        var worldIndex: UInt32?
        for d in outerDecls {
            switch d {
            case .instance(.type(let t)): inner.append(t)
            case .instance(.alias): inner.append(TypeDef(.defined(.primitive(.bool))))  // keeps indices in step
            case .instance(.export(_, let name, .component(let t))):
                worldName = name.name; worldIndex = t
            default: continue
            }
        }
        guard let worldName, let worldIndex, Int(worldIndex) < inner.count,
              case .component(let decls) = inner[Int(worldIndex)].kind else {
            throw WrapError("the component-type section does not export a world")
        }
        let resolved: TypeResolver.Result
        do { resolved = try TypeResolver.resolve(component) } catch {
            throw WrapError("the world in the component-type section does not resolve: \(error)")
        }
        guard let pkg = resolved.spaces.types.first(where: { if case .component = $0 { true } else { false } }),
              case .component(let pkgType) = pkg,
              let exp = pkgType.exports.first(where: { $0.name.name == worldName }),
              case .component(let world) = exp.type else {
            throw WrapError("the world `\(worldName)` in the component-type section does not resolve to a component type")
        }
        return WorldMetadata(worldName: worldName, decls: decls, type: world, stringEncoding: stringEncoding)
    }
}
