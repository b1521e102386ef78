import PatchbayEngine

/// What the workbench can do with a core module that is not a component:
/// a `dylink.0` dynamic library can be linked (the link panel), and a
/// module carrying its world in `component-type` sections (as `embed`
/// writes them) can be wrapped into a component. Only the top-level
/// sections are walked; code is never read.
public struct CoreModuleInfo: Sendable, Hashable {
    /// The parsed `dylink.0` section, if the module is a dynamic library.
    public var dylink: Dylink?
    /// Whether it has a `component-type` custom section (an embedded world).
    public var hasWorld: Bool

    /// The module's info, or nil when `bytes` is not a core module (or its
    /// sections cannot be walked: the decoder's error then says where).
    public static func scan(_ bytes: [UInt8]) -> CoreModuleInfo? {
        guard bytes.count >= 8, bytes[0..<4].elementsEqual([0x00, 0x61, 0x73, 0x6d]),
              bytes[4..<8].elementsEqual([0x01, 0x00, 0x00, 0x00]) else { return nil }
        var info = CoreModuleInfo(dylink: nil, hasWorld: false)
        var r = ByteReader(bytes)
        do {
            _ = try r.readBytes(8)
            while !r.isAtEnd {
                let id = try r.readByte()
                let size = Int(try r.readU32())
                var body = try r.subReader(size)
                guard id == 0 else { continue }
                let name = try body.readName()
                let payloadStart = body.position
                let payload = try body.readBytes(body.remaining)
                if name == "dylink.0" {
                    guard let d = try? Dylink.parse(payload, offset: payloadStart) else { return nil }
                    info.dylink = d
                } else if name.hasPrefix("component-type") {
                    info.hasWorld = true
                }
            }
        } catch {
            return nil
        }
        return info
    }

    /// The sentence the diagnostics pane shows for the module.
    var summary: String {
        var parts: [String] = []
        if let d = dylink {
            let needs = d.needed.isEmpty ? "needs no other library" : "needs " + d.needed.joined(separator: ", ")
            parts.append("a dynamic library (dylink.0: \(d.memorySize) bytes of data, \(needs)): link it with others in the link panel")
        }
        if hasWorld {
            parts.append("carries its world (component-type): wrap it into a component with the wrap action")
        }
        return "core module: " + parts.joined(separator: "; it ")
    }
}
