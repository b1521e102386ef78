/// How a layout slot wants its length.
public enum Constraint: Hashable, Sendable {
    /// Exactly this many cells (less if the space runs out).
    case fixed(Int)
    /// This percentage of the whole length.
    case percent(Int)
    /// A share of what fixed and percent slots leave, by weight.
    case fill(Int)

    /// A fill slot of weight 1.
    public static let fill = Constraint.fill(1)
}

public enum Direction: Hashable, Sendable {
    /// Slots side by side, left to right.
    case horizontal
    /// Slots stacked, top to bottom.
    case vertical
}

extension Rect {
    /// Splits into slots along `direction`. Fixed and percent slots are
    /// served first; if they overflow, later slots shrink first, so the
    /// leading slots (usually headers) keep their size. Fill slots share the
    /// rest by weight; rounding leftovers go to the earliest fills.
    public func split(_ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        guard !constraints.isEmpty else { return [] }
        let total = direction == .horizontal ? width : height
        let gaps = max(0, spacing) * (constraints.count - 1)
        let available = max(0, total - gaps)
        var lengths = constraints.map { constraint -> Int in
            switch constraint {
            case .fixed(let n): return max(0, n)
            case .percent(let p): return available * min(100, max(0, p)) / 100
            case .fill: return 0
            }
        }
        var overflow = lengths.reduce(0, +) - available
        var index = lengths.count - 1
        while overflow > 0 && index >= 0 {
            let cut = min(overflow, lengths[index])
            lengths[index] -= cut
            overflow -= cut
            index -= 1
        }
        let remaining = max(0, available - lengths.reduce(0, +))
        let weights = constraints.map { constraint -> Int in
            if case .fill(let w) = constraint { return max(0, w) }
            return 0
        }
        let totalWeight = weights.reduce(0, +)
        if totalWeight > 0 {
            var given = 0
            for i in lengths.indices where weights[i] > 0 {
                lengths[i] = remaining * weights[i] / totalWeight
                given += lengths[i]
            }
            var leftover = remaining - given
            for i in lengths.indices where weights[i] > 0 && leftover > 0 {
                lengths[i] += 1
                leftover -= 1
            }
        }
        var rects: [Rect] = []
        var cursor = direction == .horizontal ? x : y
        for length in lengths {
            switch direction {
            case .horizontal: rects.append(Rect(x: cursor, y: y, width: length, height: height))
            case .vertical: rects.append(Rect(x: x, y: cursor, width: width, height: length))
            }
            cursor += length + max(0, spacing)
        }
        return rects
    }

    /// Stacked rows, top to bottom.
    public func rows(_ constraints: Constraint..., spacing: Int = 0) -> [Rect] {
        split(.vertical, constraints, spacing: spacing)
    }

    /// Columns, left to right.
    public func columns(_ constraints: Constraint..., spacing: Int = 0) -> [Rect] {
        split(.horizontal, constraints, spacing: spacing)
    }
}
