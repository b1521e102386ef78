/// A core instance definition (section 2).
public struct CoreInstance: Sendable {
    public var offset: Int
    public var expr: Expr
    public enum Expr: Sendable {
        /// Instantiate core module `module` with named instance arguments.
        case instantiate(module: UInt32, args: [Arg])
        /// A bag of core exports gathered into an instance.
        case fromExports([InlineExport])
    }
    /// `(with "name" (instance i))`; `kind` is the core sort byte (0x12 today).
    public struct Arg: Sendable, Hashable {
        public var name: String
        public var kind: UInt8
        public var index: UInt32
        public init(name: String, kind: UInt8 = 0x12, index: UInt32) { self.name = name; self.kind = kind; self.index = index }
    }
    public struct InlineExport: Sendable, Hashable {
        public var name: String
        public var item: CoreSortIndex
        public init(name: String, item: CoreSortIndex) { self.name = name; self.item = item }
    }
    public init(offset: Int = 0, _ expr: Expr) { self.offset = offset; self.expr = expr }
}

/// A component instance definition (section 5).
public struct ComponentInstance: Sendable {
    public var offset: Int
    public var expr: Expr
    public enum Expr: Sendable {
        case instantiate(component: UInt32, args: [Arg])
        case fromExports([InlineExport])
    }
    public struct Arg: Sendable, Hashable {
        public var name: String
        public var item: SortIndex
        public init(name: String, item: SortIndex) { self.name = name; self.item = item }
    }
    public struct InlineExport: Sendable, Hashable {
        public var name: ExternName
        public var item: SortIndex
        public init(name: ExternName, item: SortIndex) { self.name = name; self.item = item }
    }
    public init(offset: Int = 0, _ expr: Expr) { self.offset = offset; self.expr = expr }
}

/// An alias definition (section 6, and inside component and instance types).
public struct Alias: Sendable, Hashable {
    public var offset: Int
    public var sort: Sort
    public var target: Target
    public enum Target: Sendable, Hashable {
        case instanceExport(instance: UInt32, name: String)
        case coreInstanceExport(instance: UInt32, name: String)
        case outer(count: UInt32, index: UInt32)
    }
    public init(offset: Int = 0, sort: Sort, target: Target) { self.offset = offset; self.sort = sort; self.target = target }
}

/// A start definition (section 9, gated 🪙).
public struct Start: Sendable {
    public var offset: Int
    public var function: UInt32
    public var args: [UInt32]
    public var results: UInt32
    public init(offset: Int = 0, function: UInt32, args: [UInt32], results: UInt32) {
        self.offset = offset; self.function = function; self.args = args; self.results = results
    }
}

/// A value definition (section 12, gated 🪙): its type and encoded bytes.
public struct ValueDef: Sendable {
    public var offset: Int
    public var type: ValTypeRef
    public var bytes: ArraySlice<UInt8>
    public init(offset: Int = 0, type: ValTypeRef, bytes: ArraySlice<UInt8>) { self.offset = offset; self.type = type; self.bytes = bytes }
}
