/// The top-level sections of a core module, read just far enough to find
/// the `component-type` custom sections and to write the module back
/// without them.
struct ModuleSections {
    struct Raw {
        var id: UInt8
        /// The whole section, id and size included.
        var bytes: ArraySlice<UInt8>
        var customName: String?
        var customPayload: ArraySlice<UInt8>
        var offset: Int
    }
    var header: ArraySlice<UInt8>
    var sections: [Raw] = []

    init(_ bytes: [UInt8]) throws(WrapError) {
        var r = ByteReader(bytes)
        do {
            let head = try r.readBytes(8)
            guard head.prefix(4).elementsEqual([0x00, 0x61, 0x73, 0x6d]) else {
                throw WrapError("input is not a WebAssembly module (bad magic number at offset 0x0)")
            }
            guard head.suffix(4).elementsEqual([0x01, 0x00, 0x00, 0x00]) else {
                throw WrapError("input is not a core WebAssembly module (found version/layer bytes \(head.suffix(4).map { String($0, radix: 16) }.joined(separator: " ")) at offset 0x4, expected 01 00 00 00)")
            }
            header = head
            while !r.isAtEnd {
                let start = r.position
                let id = try r.readByte()
                let size = Int(try r.readU32())
                let bodyStart = r.position
                let body = try r.readBytes(size)
                var name: String?
                var payload: ArraySlice<UInt8> = []
                if id == 0 {
                    var sub = ByteReader(bytes: bytes[...], base: 0, position: bodyStart, end: bodyStart + size)
                    name = try sub.readName()
                    payload = bytes[sub.position..<(bodyStart + size)]
                }
                _ = body
                sections.append(Raw(id: id, bytes: bytes[start..<(bodyStart + size)], customName: name, customPayload: payload, offset: start))
            }
        } catch let e as WrapError {
            throw e
        } catch {
            throw WrapError("malformed core module: \(error)")
        }
    }

    /// The `component-type` sections (wit-bindgen names them
    /// `component-type:<world>...`).
    var componentTypeSections: [Raw] {
        sections.filter { $0.customName.map { $0.hasPrefix("component-type") } ?? false }
    }

    /// The module's bytes with the `component-type` sections left out.
    func strippedBytes() -> [UInt8] {
        var out = Array(header)
        for s in sections where !(s.customName.map { $0.hasPrefix("component-type") } ?? false) {
            out += s.bytes
        }
        return out
    }
}
