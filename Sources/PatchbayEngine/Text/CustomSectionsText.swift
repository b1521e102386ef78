/// Custom sections that the printer shows structurally rather than as
/// bytes: `producers` and `dylink.0` (the text syntax is the one
/// wasm-tools invented for them; it is not standardized).
enum CustomSectionsText {
    /// Prints a known custom section and answers true, or answers false
    /// (and prints nothing) when `name` is not one or does not parse.
    static func printKnown(name: String, payload: ArraySlice<UInt8>, _ w: inout TextWriter) -> Bool {
        switch name {
        case "producers":
            guard let p = try? Producers.parse(payload) else { return false }
            w.newline()
            producers(p, &w)
            return true
        case "dylink.0":
            guard let lines = try? dylinkLines(payload) else { return false }
            w.newline()
            w.startGroup("@dylink.0")
            for l in lines {
                w.newline()
                w.write(l)
            }
            w.endGroup()
            return true
        default:
            return false
        }
    }

    static func producers(_ p: Producers, _ w: inout TextWriter) {
        w.startGroup("@producers")
        for f in p.fields {
            for v in f.values {
                w.newline()
                w.startGroup(f.name)
                w.write(" ")
                w.string(v.name)
                w.write(" ")
                w.string(v.version)
                w.endGroup()
            }
        }
        w.endGroup()
    }

    /// One line per `dylink.0` entry (tool-conventions DynamicLinking.md).
    static func dylinkLines(_ payload: ArraySlice<UInt8>) throws(DecodeError) -> [String] {
        var r = ByteReader(slice: payload[...])
        var lines: [String] = []
        func str(_ s: String) -> String { "\"" + TextWriter.escaped(s) + "\"" }
        while !r.isAtEnd {
            let at = r.position
            let id = try r.readByte()
            let size = Int(try r.readU32())
            var s = try r.subReader(size)
            switch id {
            case 1:
                let memSize = try s.readU32(), memAlign = try s.readU32()
                let tableSize = try s.readU32(), tableAlign = try s.readU32()
                var l = "(mem-info"
                if memSize > 0 || memAlign > 0 { l += " (memory \(memSize) \(memAlign))" }
                if tableSize > 0 || tableAlign > 0 { l += " (table \(tableSize) \(tableAlign))" }
                lines.append(l + ")")
            case 2, 5:
                let n = try s.readCount("names")
                var l = id == 2 ? "(needed" : "(runtime-path"
                for _ in 0..<n { l += " " + str(try s.readName()) }
                lines.append(l + ")")
            case 3:
                let n = try s.readCount("export infos")
                for _ in 0..<n {
                    let name = try s.readName()
                    lines.append("(export-info " + str(name) + symbolFlags(try s.readU32()) + ")")
                }
            case 4:
                let n = try s.readCount("import infos")
                for _ in 0..<n {
                    let module = try s.readName()
                    let field = try s.readName()
                    lines.append("(import-info " + str(module) + " " + str(field) + symbolFlags(try s.readU32()) + ")")
                }
            default:
                throw DecodeError("unknown dylink.0 subsection \(id)", at: at)
            }
            if !s.isAtEnd { throw DecodeError("dylink.0 subsection size mismatch", at: at) }
        }
        return lines
    }

    static func symbolFlags(_ flags: UInt32) -> String {
        let known: [(UInt32, String)] = [
            (0x1, "binding-weak"), (0x2, "binding-local"), (0x4, "visibility-hidden"), (0x10, "undefined"),
            (0x20, "exported"), (0x40, "explicit-name"), (0x80, "no-strip"), (0x100, "tls"), (0x200, "absolute"),
        ]
        var rest = flags
        var s = ""
        for (bit, name) in known where rest & bit != 0 {
            rest &= ~bit
            s += " " + name
        }
        if rest != 0 { s += " 0x" + String(rest, radix: 16) }
        return s
    }
}
