/// A dictionary that remembers insertion order, like Rust's `IndexMap`:
/// WIT resolution is order-sensitive (declaration order is print order), so
/// every name table it builds keeps its order.
struct WitOrderedMap<Key: Hashable, Value> {
    private(set) var keys: [Key] = []
    private(set) var values: [Value] = []
    private var index: [Key: Int] = [:]

    init() {}

    var count: Int { keys.count }
    var isEmpty: Bool { keys.isEmpty }

    subscript(key: Key) -> Value? {
        guard let i = index[key] else { return nil }
        return values[i]
    }

    func contains(_ key: Key) -> Bool { index[key] != nil }

    func position(of key: Key) -> Int? { index[key] }

    /// Inserts or replaces (keeping the original position); returns the
    /// previous value.
    @discardableResult
    mutating func insert(_ key: Key, _ value: Value) -> Value? {
        if let i = index[key] {
            let old = values[i]
            values[i] = value
            return old
        }
        index[key] = keys.count
        keys.append(key)
        values.append(value)
        return nil
    }

    /// Updates the value of an existing key in place.
    mutating func update(_ key: Key, _ body: (inout Value) -> Void) {
        guard let i = index[key] else { return }
        body(&values[i])
    }

    mutating func updateValue(at i: Int, _ body: (inout Value) -> Void) {
        body(&values[i])
    }

    var pairs: [(key: Key, value: Value)] { Array(zip(keys, values)).map { (key: $0.0, value: $0.1) } }

    mutating func removeAll() { keys = []; values = []; index = [:] }

    /// Keeps the entries for which `keep` holds, in order.
    mutating func retain(_ keep: (Key, Value) -> Bool) {
        let old = pairs
        removeAll()
        for (k, v) in old where keep(k, v) { insert(k, v) }
    }

    /// A stable sort of the entries by an integer key.
    mutating func stableSort(by rank: (Key, Value) -> Int) {
        let old = pairs.enumerated().map { (i: $0.offset, r: rank($0.element.key, $0.element.value), e: $0.element) }
        let sorted = old.sorted { ($0.r, $0.i) < ($1.r, $1.i) }
        removeAll()
        for x in sorted { insert(x.e.key, x.e.value) }
    }
}
