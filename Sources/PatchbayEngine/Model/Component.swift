/// A decoded component binary: its sections in file order.
///
/// The model is a faithful transcription of the binary format (Binary.md):
/// every section and item is kept in order with the byte offset it came
/// from, so encoding it again gives the same bytes and diagnostics can point
/// into the file. Index spaces and types are computed from it by
/// `ComponentIndex` and the resolver, not stored in it.
public struct Component: Sendable {
    /// The two bytes of the format version (0x0d 0x00 today).
    public var version: UInt16 = 0x0d
    public var sections: [Section] = []
    /// Offset of the preamble in the enclosing file (0 at top level).
    public var offset: Int = 0
    /// Total byte size of this component (preamble included).
    public var size: Int = 0
    /// When set, the encoder writes these bytes for this component instead
    /// of encoding its sections: how a composition embeds a package it has
    /// validated without spending time re-encoding megabytes of it.
    public var verbatim: ArraySlice<UInt8>?

    public init(sections: [Section] = []) { self.sections = sections }
}

/// One section of a component, with the offset of its id byte.
public struct Section: Sendable {
    public var offset: Int
    public var content: Content

    public init(offset: Int = 0, _ content: Content) {
        self.offset = offset
        self.content = content
    }

    public enum Content: Sendable {
        case custom(CustomSection)
        case coreModule(CoreModule)
        case coreInstances([CoreInstance])
        case coreTypes([CoreTypeDef])
        case component(Component)
        case instances([ComponentInstance])
        case aliases([Alias])
        case types([TypeDef])
        case canons([Canon])
        case start(Start)
        case imports([Import])
        case exports([Export])
        case values([ValueDef])
    }

    /// The section id byte used in the binary.
    public var id: UInt8 {
        switch content {
        case .custom: 0
        case .coreModule: 1
        case .coreInstances: 2
        case .coreTypes: 3
        case .component: 4
        case .instances: 5
        case .aliases: 6
        case .types: 7
        case .canons: 8
        case .start: 9
        case .imports: 10
        case .exports: 11
        case .values: 12
        }
    }
}

/// A custom section: its name and its payload, kept as bytes.
public struct CustomSection: Sendable {
    public var name: String
    public var payload: ArraySlice<UInt8>
    public init(name: String, payload: ArraySlice<UInt8>) { self.name = name; self.payload = payload }
}

/// A core module embedded in a component. Its bytes are kept as they are;
/// its contents are read on demand (see `CoreModuleSummary`).
public struct CoreModule: Sendable {
    public var bytes: ArraySlice<UInt8>
    /// Absolute offset of the module's first byte in the file.
    public var offset: Int
    public init(bytes: ArraySlice<UInt8>, offset: Int) { self.bytes = bytes; self.offset = offset }
}
