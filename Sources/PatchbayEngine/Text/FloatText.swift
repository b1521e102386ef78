/// Float literals as `wasm-tools print` writes them: an exact hexadecimal
/// form (so the text round-trips bit for bit, NaN payloads included),
/// followed by the shortest decimal that reads back to the same value as a
/// comment, written out positionally without an exponent.
enum FloatText {
    static func f32(bits: UInt32) -> String {
        let v = Float(bitPattern: bits)
        return hex(bits: UInt64(bits), width: 32, expBits: 8) + comment(v.isNaN, v.isInfinite, v.sign == .minus, v.description)
    }

    static func f64(bits: UInt64) -> String {
        let v = Double(bitPattern: bits)
        return hex(bits: bits, width: 64, expBits: 11) + comment(v.isNaN, v.isInfinite, v.sign == .minus, v.description)
    }

    private static func comment(_ nan: Bool, _ inf: Bool, _ negative: Bool, _ description: String) -> String {
        if nan { return " (;=NaN;)" }
        if inf { return negative ? " (;=-inf;)" : " (;=inf;)" }
        return " (;=" + positional(description) + ";)"
    }

    /// The hexadecimal part (`-0x1.8p+1`, `nan:0x200000`, `inf`), `width`
    /// bits wide with `expBits` exponent bits.
    static func hex(bits raw: UInt64, width: Int, expBits: Int) -> String {
        let mantissaBits = width - 1 - expBits
        let signBit = UInt64(1) << UInt64(width - 1)
        var out = ""
        var bits = raw
        if bits & signBit != 0 {
            out += "-"
            bits ^= signBit
        }
        let mantissaMask = (UInt64(1) << UInt64(mantissaBits)) - 1
        let expMask = (UInt64(1) << UInt64(expBits)) - 1
        let biased = (bits >> UInt64(mantissaBits)) & expMask
        let fractionBits = bits & mantissaMask
        if biased == expMask {
            if fractionBits == 0 { return out + "inf" }
            if fractionBits == UInt64(1) << UInt64(mantissaBits - 1) { return out + "nan" }
            return out + "nan:0x" + String(fractionBits, radix: 16)
        }
        if bits == 0 { return out + "0x0p+0" }
        let bias = (1 << (expBits - 1)) - 1
        var exponent = Int(biased) - bias
        let minExp = -bias
        out += "0x1"
        if fractionBits > 0 {
            // Left-align the fraction in a 64-bit word so hex digits can be
            // peeled off the top.
            var fraction = fractionBits << UInt64(64 - mantissaBits)
            if exponent == minExp {
                // Subnormal: renormalize so the text keeps the `0x1.` form.
                let leading = fraction.leadingZeroBitCount
                if leading < 63 {
                    fraction <<= UInt64(leading + 1)
                } else {
                    fraction = 0
                }
                exponent -= leading
            }
            out += "."
            while fraction > 0 {
                out += String(fraction >> 60, radix: 16)
                fraction <<= 4
            }
        }
        out += "p" + (exponent >= 0 ? "+" : "") + String(exponent)
        return out
    }

    /// Rewrites Swift's shortest round-trip description (`1e-07`, `4.0`)
    /// in plain positional notation (`0.0000001`, `4`).
    static func positional(_ description: String) -> String {
        var s = Substring(description)
        var sign = ""
        if s.hasPrefix("-") { sign = "-"; s = s.dropFirst() }
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(s[s.index(after: e)...]) ?? 0
            s = s[..<e]
        }
        let intPart: Substring
        let fracPart: Substring
        if let dot = s.firstIndex(of: ".") {
            intPart = s[..<dot]
            fracPart = s[s.index(after: dot)...]
        } else {
            intPart = s
            fracPart = ""
        }
        var digits = Array(intPart) + Array(fracPart)
        var point = intPart.count + exponent
        while let first = digits.first, first == "0" { digits.removeFirst(); point -= 1 }
        while let last = digits.last, last == "0" { digits.removeLast() }
        if digits.isEmpty { return sign + "0" }
        let body: String
        if point <= 0 {
            body = "0." + String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            body = String(digits) + String(repeating: "0", count: point - digits.count)
        } else {
            body = String(digits[..<point]) + "." + String(digits[point...])
        }
        return sign + body
    }
}
