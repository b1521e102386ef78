/// A structured description of a component for people and scripts: what
/// `patchbay inspect` prints (as a tree or as JSON) and what the workbench
/// browses. Field names are part of the documented JSON format.
public struct InspectReport: Codable, Sendable, Hashable {
    public var name: String?
    public var offset: Int
    public var size: Int
    public var imports: [Item] = []
    public var exports: [Item] = []
    public var coreModules: [Module] = []
    public var coreInstances: [Instance] = []
    public var instances: [Instance] = []
    public var components: [InspectReport] = []
    public var canons: [CanonInfo] = []
    public var customSections: [Custom] = []
    public var producers: Producers?
    /// Present only for a shared-everything link (see `LinkedComponentReport`).
    public var linked: LinkedComponentReport?

    /// An import or export: its name, sort and type as WIT-like text.
    public struct Item: Codable, Sendable, Hashable {
        public var name: String
        public var kind: String
        public var type: String
        public var attributes: [String]?
        /// For instances: their exports, one level down.
        public var exports: [Item]?
    }

    public struct CoreItem: Codable, Sendable, Hashable {
        public var module: String?
        public var name: String
        public var kind: String
        public var type: String
    }

    public struct Module: Codable, Sendable, Hashable {
        public var index: Int
        public var offset: Int
        public var size: Int
        public var functions: Int?
        public var imports: [CoreItem]
        public var exports: [CoreItem]
        public var customSections: [String]?
    }

    /// A core or component instance and what it was made from.
    public struct Instance: Codable, Sendable, Hashable {
        public var index: Int
        public var offset: Int
        /// "instantiate" or "exports".
        public var kind: String
        /// The module or component instantiated.
        public var of: Int?
        public var args: [Arg]
        public struct Arg: Codable, Sendable, Hashable {
            public var name: String
            public var sort: String
            public var index: UInt32
        }
    }

    public struct CanonInfo: Codable, Sendable, Hashable {
        public var offset: Int
        /// `lift`, `lower`, `resource.new`, ... as the text format names them.
        public var kind: String
        /// For lift: the core function lifted; for lower: the component function lowered.
        public var function: UInt32?
        /// For lift: the component function type index.
        public var typeIndex: UInt32?
        /// For lift, the component function's type as text.
        public var signature: String?
        public var options: Options?
        public struct Options: Codable, Sendable, Hashable {
            public var memory: UInt32?
            public var realloc: UInt32?
            public var postReturn: UInt32?
            public var stringEncoding: String?
            public var async: Bool?
            public var callback: UInt32?
        }
    }

    public struct Custom: Codable, Sendable, Hashable {
        public var name: String
        public var offset: Int
        public var size: Int
    }
}
