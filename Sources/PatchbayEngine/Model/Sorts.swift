/// Core sorts (Binary.md `core:sort`), with their binary codes.
public enum CoreSort: UInt8, Sendable, Hashable, CaseIterable {
    case func_ = 0x00, table = 0x01, memory = 0x02, global = 0x03, tag = 0x04
    case type = 0x10, module = 0x11, instance = 0x12

    public var name: String {
        switch self {
        case .func_: "func"
        case .table: "table"
        case .memory: "memory"
        case .global: "global"
        case .tag: "tag"
        case .type: "type"
        case .module: "module"
        case .instance: "instance"
        }
    }
}

/// Component sorts (Binary.md `sort`).
public enum Sort: Sendable, Hashable {
    case core(CoreSort)
    case func_, value, type, component, instance

    public var name: String {
        switch self {
        case .core(let s): "core \(s.name)"
        case .func_: "func"
        case .value: "value"
        case .type: "type"
        case .component: "component"
        case .instance: "instance"
        }
    }
}

/// A reference into an index space of a sort.
public struct SortIndex: Sendable, Hashable {
    public var sort: Sort
    public var index: UInt32
    public init(_ sort: Sort, _ index: UInt32) { self.sort = sort; self.index = index }
}

public struct CoreSortIndex: Sendable, Hashable {
    public var sort: CoreSort
    public var index: UInt32
    public init(_ sort: CoreSort, _ index: UInt32) { self.sort = sort; self.index = index }
}
