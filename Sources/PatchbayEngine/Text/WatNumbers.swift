/// Number literals of the text format: integers (decimal or hex, with `_`
/// separators) and floats (decimal, hex, `inf`, `nan`, `nan:0x...`), parsed
/// to exact bit patterns.
public enum WatNumbers {
    static func hexValue(_ c: Unicode.Scalar) -> UInt8? {
        switch c {
        case "0"..."9": UInt8(c.value - 0x30)
        case "a"..."f": UInt8(c.value - 0x61 + 10)
        case "A"..."F": UInt8(c.value - 0x41 + 10)
        default: nil
        }
    }

    /// Whether an idchar run starting with a non-letter is meant as a number.
    static func looksNumeric(_ s: String) -> Bool {
        var u = Substring(s)
        if u.first == "+" || u.first == "-" { u = u.dropFirst() }
        guard let f = u.first else { return false }
        return f.isASCII && f.isNumber || u.hasPrefix("inf") || u.hasPrefix("nan")
    }

    /// Digits with `_` allowed only between two digits.
    private static func digits(_ s: Substring, hex: Bool) -> String? {
        var out = ""
        var prevDigit = false
        for c in s.unicodeScalars {
            if c == "_" {
                guard prevDigit else { return nil }
                prevDigit = false
                continue
            }
            let ok = hex ? hexValue(c) != nil : (c >= "0" && c <= "9")
            guard ok else { return nil }
            out.unicodeScalars.append(c)
            prevDigit = true
        }
        return prevDigit ? out : nil
    }

    /// An integer literal: its sign and magnitude. Nil when it is not one or
    /// the magnitude does not fit 64 bits.
    public static func integer(_ text: String) -> (negative: Bool, magnitude: UInt64)? {
        var s = Substring(text)
        var negative = false
        if s.first == "+" || s.first == "-" { negative = s.first == "-"; s = s.dropFirst() }
        if s.hasPrefix("0x") {
            guard let d = digits(s.dropFirst(2), hex: true), let v = UInt64(d, radix: 16) else { return nil }
            return (negative, v)
        }
        guard let d = digits(s, hex: false), let v = UInt64(d, radix: 10) else { return nil }
        return (negative, v)
    }

    /// An integer literal that must fit `bits` bits, signed or unsigned
    /// (as the text format allows for `i32.const` and friends); the result
    /// is the two's complement pattern.
    public static func integerBits(_ text: String, bits: Int) -> UInt64? {
        guard let (neg, mag) = integer(text) else { return nil }
        let mask: UInt64 = bits == 64 ? .max : (UInt64(1) << UInt64(bits)) - 1
        if neg {
            guard mag <= (UInt64(1) << UInt64(bits - 1)) else { return nil }
            return (0 &- mag) & mask
        }
        guard mag <= mask else { return nil }
        return mag
    }

    /// A float literal as f32 bits.
    public static func f32(_ text: String) -> UInt32? {
        guard let r = float(text, mantissaBits: 23, expBits: 8) else { return nil }
        switch r {
        case .bits(let b): return UInt32(truncatingIfNeeded: b)
        case .text(let neg, let t):
            guard let v = Float(t), v.isFinite else { return nil }
            return (neg ? -v : v).bitPattern
        }
    }

    /// A float literal as f64 bits.
    public static func f64(_ text: String) -> UInt64? {
        guard let r = float(text, mantissaBits: 52, expBits: 11) else { return nil }
        switch r {
        case .bits(let b): return b
        case .text(let neg, let t):
            guard let v = Double(t), v.isFinite else { return nil }
            return (neg ? -v : v).bitPattern
        }
    }

    private enum FloatForm { case bits(UInt64), text(negative: Bool, String) }

    /// Splits off the special forms (given as bits) from finite literals,
    /// which are checked and returned in a form Swift's parser rounds correctly.
    private static func float(_ text: String, mantissaBits: Int, expBits: Int) -> FloatForm? {
        var s = Substring(text)
        var negative = false
        if s.first == "+" || s.first == "-" { negative = s.first == "-"; s = s.dropFirst() }
        let sign: UInt64 = negative ? UInt64(1) << UInt64(mantissaBits + expBits) : 0
        let expAll = ((UInt64(1) << UInt64(expBits)) - 1) << UInt64(mantissaBits)
        if s == "inf" { return .bits(sign | expAll) }
        if s == "nan" { return .bits(sign | expAll | UInt64(1) << UInt64(mantissaBits - 1)) }
        if s.hasPrefix("nan:0x") {
            guard let d = digits(s.dropFirst(6), hex: true), let p = UInt64(d, radix: 16),
                  p != 0, p < UInt64(1) << UInt64(mantissaBits) else { return nil }
            return .bits(sign | expAll | p)
        }
        if s.hasPrefix("0x") {
            let body = s.dropFirst(2)
            let (mant, exp) = splitExponent(body, markers: ["p", "P"])
            let (int, frac) = splitFraction(mant)
            guard let i = digits(int, hex: true) else { return nil }
            var t = "0x" + i
            if let frac {
                if !frac.isEmpty { guard let f = digits(frac, hex: true) else { return nil }; t += "." + f }
            }
            if let exp {
                guard let e = signedDigits(exp) else { return nil }
                t += "p" + e
            } else {
                t += "p0"
            }
            return .text(negative: negative, t)
        }
        let (mant, exp) = splitExponent(s, markers: ["e", "E"])
        let (int, frac) = splitFraction(mant)
        guard let i = digits(int, hex: false) else { return nil }
        var t = i
        if let frac, !frac.isEmpty {
            guard let f = digits(frac, hex: false) else { return nil }
            t += "." + f
        }
        if let exp {
            guard let e = signedDigits(exp) else { return nil }
            t += "e" + e
        }
        return .text(negative: negative, t)
    }

    private static func splitExponent(_ s: Substring, markers: Set<Character>) -> (Substring, Substring?) {
        guard let k = s.firstIndex(where: { markers.contains($0) }) else { return (s, nil) }
        return (s[..<k], s[s.index(after: k)...])
    }

    private static func splitFraction(_ s: Substring) -> (Substring, Substring?) {
        guard let k = s.firstIndex(of: ".") else { return (s, nil) }
        return (s[..<k], s[s.index(after: k)...])
    }

    private static func signedDigits(_ s: Substring) -> String? {
        var u = s
        var sign = ""
        if u.first == "+" || u.first == "-" { sign = u.first == "-" ? "-" : ""; u = u.dropFirst() }
        guard let d = digits(u, hex: false) else { return nil }
        return sign + d
    }
}
