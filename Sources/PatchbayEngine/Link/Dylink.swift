/// The `dylink.0` custom section of a dynamic library (tool-conventions
/// DynamicLinking.md): how much memory and table the library needs, which
/// libraries it needs, and flags on its exports and imports.
public struct Dylink: Sendable, Hashable {
    public var memorySize: UInt32 = 0
    /// log2 of the alignment. Without a `mem-info` subsection (and for the
    /// generated stubs library) both alignments are 2^1, as wit-component
    /// assumes, so such a library's `table_base` and `memory_base` are even.
    public var memoryAlignment: UInt32 = 1
    public var tableSize: UInt32 = 0
    public var tableAlignment: UInt32 = 1
    public var needed: [String] = []
    public var exportFlags: [String: UInt32] = [:]
    /// Keyed by `module` + NUL + `field`.
    public var importFlags: [String: UInt32] = [:]
    public var runtimePath: [String] = []

    /// WASM_SYM_BINDING_WEAK: the symbol may stay undefined.
    public static let bindingWeak: UInt32 = 0x1

    public init() {}

    public func importFlags(_ module: String, _ field: String) -> UInt32 {
        importFlags[module + "\u{0}" + field] ?? 0
    }

    /// Parses the section's payload; `offset` is where the payload starts in
    /// the module, so errors point at the right byte.
    public static func parse(_ payload: ArraySlice<UInt8>, offset: Int) throws(LinkError) -> Dylink {
        var info = Dylink()
        var r = ByteReader(slice: payload[...])
        do {
            while !r.isAtEnd {
                let at = offset + r.position
                let kind = try r.readByte()
                let size = Int(try r.readU32())
                var sub = try r.subReader(size)
                switch kind {
                case 1:
                    info.memorySize = try sub.readU32()
                    info.memoryAlignment = try sub.readU32()
                    info.tableSize = try sub.readU32()
                    info.tableAlignment = try sub.readU32()
                case 2:
                    let n = try sub.readCount("needed library")
                    for _ in 0..<n { info.needed.append(try sub.readName()) }
                case 3:
                    let n = try sub.readCount("export info")
                    for _ in 0..<n {
                        let name = try sub.readName()
                        info.exportFlags[name] = try sub.readU32()
                    }
                case 4:
                    let n = try sub.readCount("import info")
                    for _ in 0..<n {
                        let module = try sub.readName()
                        let field = try sub.readName()
                        info.importFlags[module + "\u{0}" + field] = try sub.readU32()
                    }
                case 5:
                    let n = try sub.readCount("runtime path")
                    for _ in 0..<n { info.runtimePath.append(try sub.readName()) }
                default:
                    throw LinkError("unrecognized `dylink.0` subsection: \(kind) (at offset 0x\(String(at, radix: 16)); expected 1 to 5)")
                }
                guard sub.isAtEnd else {
                    throw LinkError("`dylink.0` subsection \(kind) at offset 0x\(String(at, radix: 16)) has \(size) bytes but its contents end earlier")
                }
            }
        } catch let e as LinkError {
            throw e
        } catch {
            throw LinkError("failed to parse `dylink.0` subsection: \(error)")
        }
        return info
    }
}
