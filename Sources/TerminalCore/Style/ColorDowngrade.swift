/// Downgrading keeps a theme readable on lesser terminals: true colour goes
/// to the nearest xterm-256 entry, 256 entries go to the nearest of the 16
/// ANSI colours, and with no colour everything becomes the terminal default.
extension Color {
    public func downgraded(to capability: ColorCapability) -> Color {
        switch (self, capability) {
        case (.default, _):
            return .default
        case (_, .none):
            return .default
        case (.rgb(let r, let g, let b), .indexed256):
            return .indexed(Color.nearestIndexed(r, g, b))
        case (.rgb(let r, let g, let b), .ansi16):
            return .ansi(Color.nearestANSI(r, g, b))
        case (.indexed(let index), .ansi16):
            if index < 16, let ansi = ANSIColor(rawValue: index) { return .ansi(ansi) }
            let (r, g, b) = Color.rgbOfIndexed(index)
            return .ansi(Color.nearestANSI(r, g, b))
        default:
            return self
        }
    }

    /// The xterm default RGB values of the 16 ANSI colours; terminals vary,
    /// but these are what the 256-colour cube was designed against.
    static let ansiRGB: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The RGB value of an xterm-256 palette entry.
    static func rgbOfIndexed(_ index: UInt8) -> (UInt8, UInt8, UInt8) {
        let i = Int(index)
        if i < 16 { return ansiRGB[i] }
        if i >= 232 {
            let level = UInt8(8 + 10 * (i - 232))
            return (level, level, level)
        }
        let cube = i - 16
        return (UInt8(cubeLevels[cube / 36]), UInt8(cubeLevels[(cube / 6) % 6]), UInt8(cubeLevels[cube % 6]))
    }

    private static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return dr * dr + dg * dg + db * db
    }

    private static func nearestCubeLevel(_ value: UInt8) -> Int {
        var best = 0
        for (index, level) in cubeLevels.enumerated() where abs(level - Int(value)) < abs(cubeLevels[best] - Int(value)) {
            best = index
        }
        return best
    }

    /// Nearest entry in 16...255 (the cube and the grey ramp). Entries 0...15
    /// are skipped because each terminal paints them differently.
    static func nearestIndexed(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let target = (r, g, b)
        let cubeIndex = 16 + 36 * nearestCubeLevel(r) + 6 * nearestCubeLevel(g) + nearestCubeLevel(b)
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let grayStep = min(23, max(0, (average - 8 + 5) / 10))
        let grayIndex = 232 + grayStep
        let cubeDistance = distance(target, rgbOfIndexed(UInt8(cubeIndex)))
        let grayDistance = distance(target, rgbOfIndexed(UInt8(grayIndex)))
        return UInt8(grayDistance < cubeDistance ? grayIndex : cubeIndex)
    }

    static func nearestANSI(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> ANSIColor {
        var best = 0
        var bestDistance = Int.max
        for (index, candidate) in ansiRGB.enumerated() {
            let d = distance((r, g, b), candidate)
            if d < bestDistance { bestDistance = d; best = index }
        }
        return ANSIColor(rawValue: UInt8(best)) ?? .white
    }
}
