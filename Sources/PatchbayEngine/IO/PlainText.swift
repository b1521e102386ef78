/// Small text operations that came from Foundation's `NSString` bridge
/// (not in FoundationEssentials, the only Foundation Patchbay links).
extension StringProtocol {
    /// Without leading and trailing spaces and tabs (what
    /// `trimmingCharacters(in: .whitespaces)` removes: blanks, not newlines).
    public func trimmingBlanks() -> String {
        func blank(_ c: Character) -> Bool { c.isWhitespace && !c.isNewline }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[first...last])
    }
}

public enum DecimalText {
    /// `value` with exactly `places` digits after the point, as `%.Nf`
    /// prints it for the magnitudes Patchbay prints (times and counts well
    /// below 2^53 / 10^places); ties round to even, as printf's do. It can
    /// differ from printf in the last digit when `value·10^places` is not
    /// exact and its rounding lands on a tie (printf rounds the exact value).
    public static func fixed(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        var scale = 1.0
        for _ in 0..<max(0, places) { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrEven)
        guard scaled < 9.0e15 else { return String(value) }
        let units = UInt64(scaled)
        let whole = units / UInt64(scale)
        var text = (value < 0 && units != 0 ? "-" : "") + String(whole)
        if places > 0 {
            let frac = String(units % UInt64(scale))
            text += "." + String(repeating: "0", count: places - frac.count) + frac
        }
        return text
    }
}
