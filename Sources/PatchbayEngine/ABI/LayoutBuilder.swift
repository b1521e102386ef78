extension CanonicalABI {
    /// The full layout tree of `type` in a 32-bit or 64-bit memory.
    ///
    /// - Parameter namer: names of defined types, used only for `typeText`.
    /// - Throws: `ABIError` when the type violates a spec limit.
    public static func layout(
        of type: ValueType, memory64: Bool = false, namer: TypeNamer = TypeNamer()
    ) throws -> Layout {
        try validate(type)
        return LayoutBuilder(width: AddressWidth(memory64: memory64), namer: namer).build(type)
    }
}

/// Builds `Layout` trees from validated types, reusing the size/alignment
/// rules of `CanonicalABI.Unchecked` so the tree and the scalar answers agree.
struct LayoutBuilder {
    let width: AddressWidth
    let namer: TypeNamer
    typealias U = CanonicalABI.Unchecked

    func build(_ type: ValueType) -> Layout {
        let text = namer.describe(type)
        let size = U.size(type, width)
        let align = U.alignment(type, width)
        let flat = U.flatten(type, width)
        func node(_ kind: Layout.Kind, _ members: [Layout.Member] = [], _ padding: [ByteRange] = []) -> Layout {
            Layout(kind: kind, typeText: text, size: size, alignment: align, addressWidth: width,
                   flat: flat, members: members, padding: padding)
        }

        switch type {
        case .own: return node(.handle(.own))
        case .borrow: return node(.handle(.borrow))
        case .stream: return node(.handle(.stream))
        case .future: return node(.handle(.future))
        case .errorContext: return node(.handle(.errorContext))
        case .flags(let labels): return node(.flags(labels: labels))
        default: break
        }

        switch type.abiShape {
        case .fixed, .handle, .flags:
            return node(.scalar)
        case .string:
            return node(.string, pointerAndLength(elementText: "code units"))
        case .list(let e):
            return node(.list(element: build(e)), pointerAndLength(elementText: "elements"))
        case .fixedList(let e, let n):
            return node(.fixedList(element: build(e), length: n))
        case .record(let fields):
            var members: [Layout.Member] = []
            var padding: [ByteRange] = []
            var offset = 0
            for f in fields {
                let aligned = CanonicalABI.align(offset, to: U.alignment(f.type, width))
                if aligned > offset { padding.append(ByteRange(offset: offset, size: aligned - offset)) }
                let child = build(f.type)
                members.append(Layout.Member(name: f.name, offset: aligned, layout: child))
                offset = aligned + child.size
            }
            if size > offset { padding.append(ByteRange(offset: offset, size: size - offset)) }
            return node(.record, members, padding)
        case .variant(let cases):
            let payloads = cases.map(\.type)
            let disc = U.discriminant(cases.count)
            let payloadOffset = U.payloadOffset(payloads, width)
            var caseLayouts: [CaseLayout] = []
            caseLayouts.reserveCapacity(cases.count)
            var payloadSize = 0
            for (i, c) in cases.enumerated() {
                let payload = c.type.map(build)
                payloadSize = max(payloadSize, payload?.size ?? 0)
                caseLayouts.append(CaseLayout(name: c.name, index: i, payload: payload))
            }
            let variant = VariantLayout(
                discriminant: disc, payloadOffset: payloadOffset, payloadSize: payloadSize,
                payloadFlat: U.joinedPayload(payloads, width), cases: caseLayouts)
            let tag = LayoutBuilder(width: width, namer: TypeNamer()).build(disc.valueType)
            var padding: [ByteRange] = []
            if payloadOffset > disc.size {
                padding.append(ByteRange(offset: disc.size, size: payloadOffset - disc.size))
            }
            let used = max(disc.size, payloadOffset + payloadSize)
            if size > used { padding.append(ByteRange(offset: used, size: size - used)) }
            return node(.variant(variant), [Layout.Member(name: "discriminant", offset: 0, layout: tag)], padding)
        }
    }

    /// The two halves of a string or list: pointer then length, each one
    /// address wide.
    private func pointerAndLength(elementText: String) -> [Layout.Member] {
        let p = width.pointerSize
        let core = width.pointerType
        let ptr = Layout(kind: .pointer, typeText: "\(core.rawValue) pointer", size: p, alignment: p,
                         addressWidth: width, flat: [core])
        let len = Layout(kind: .length, typeText: "\(core.rawValue) length (\(elementText))", size: p,
                         alignment: p, addressWidth: width, flat: [core])
        return [Layout.Member(name: "ptr", offset: 0, layout: ptr),
                Layout.Member(name: "len", offset: p, layout: len)]
    }
}
