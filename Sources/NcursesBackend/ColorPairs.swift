import CNcursesShim

/// Curses draws colour through numbered (foreground, background) pairs that
/// must be defined before use. This hands out pair numbers on first use and
/// remembers them. When the terminal's pairs run out, further combinations
/// fall back to pair 0 (default colours) rather than redefining a pair that
/// cells already on screen still use.
struct ColorPairs {
    private struct Key: Hashable {
        var fg: Int
        var bg: Int
    }

    private var assigned: [Key: Int] = [:]
    private var next = 1
    let capacity: Int
    let colors: Int

    init(capacity: Int = 0, colors: Int = 0) {
        self.capacity = capacity
        self.colors = colors
    }

    mutating func pair(fg: Int, bg: Int) -> Int {
        if fg == -1 && bg == -1 { return 0 }
        let key = Key(fg: fg, bg: bg)
        if let known = assigned[key] { return known }
        guard next < capacity, ncshim_init_pair(Int32(next), Int32(fg), Int32(bg)) == 0 else { return 0 }
        assigned[key] = next
        next += 1
        return assigned[key] ?? 0
    }
}
