/// The output buffer of the text printers: groups, indentation, literals.
///
/// The layout rules follow what `wasm-tools print` produces, because the
/// point of `patchbay print` is output people can diff against it:
/// two spaces per open group, a group's closing paren goes on its own line
/// only when the group spanned more than one line, and indentation stops
/// growing at 50 levels so deep nesting cannot blow up the output.
struct TextWriter {
    private(set) var out: String = ""
    /// Open groups (and block instructions) at this point.
    var nesting = 0
    /// Lines started so far; a group remembers the line it opened on.
    private(set) var line = 0
    private var groupLines: [Int] = []

    static let maxIndent = 50

    mutating func write(_ s: String) { out += s }

    mutating func newline() {
        out += "\n"
        line += 1
        for _ in 0..<min(max(nesting, 0), TextWriter.maxIndent) { out += "  " }
    }

    mutating func startGroup(_ name: String) {
        out += "("
        out += name
        nesting += 1
        groupLines.append(line)
    }

    mutating func endGroup() {
        nesting -= 1
        if let opened = groupLines.popLast(), opened != line { newline() }
        out += ")"
    }

    /// A quoted string: printable ASCII as is, everything else as `\u{hex}`.
    mutating func string(_ s: String) {
        out += "\""
        out += TextWriter.escaped(s)
        out += "\""
    }

    static func escaped(_ s: String) -> String {
        var r = ""
        for u in s.unicodeScalars {
            let v = u.value
            if v >= 0x20 && v < 0x7f && u != "\"" && u != "\\" {
                r.unicodeScalars.append(u)
            } else {
                r += "\\u{" + String(v, radix: 16) + "}"
            }
        }
        return r
    }

    /// Quoted bytes (data segments, custom sections): printable ASCII as is,
    /// everything else as `\hh`.
    mutating func bytes(_ b: ArraySlice<UInt8>) {
        var r = "\""
        r.reserveCapacity(b.count + 2)
        for x in b {
            if x >= 0x20 && x < 0x7f && x != 0x22 && x != 0x5c {
                r.unicodeScalars.append(Unicode.Scalar(x))
            } else {
                r += "\\"
                if x < 16 { r += "0" }
                r += String(x, radix: 16)
            }
        }
        r += "\""
        out += r
    }
}
