/// An append-only byte buffer with LEB128 helpers (canonical encodings).
public struct ByteWriter: Sendable {
    public var bytes: [UInt8] = []
    public init() {}

    public mutating func byte(_ b: UInt8) { bytes.append(b) }
    public mutating func append<S: Sequence>(_ s: S) where S.Element == UInt8 { bytes.append(contentsOf: s) }

    public mutating func u32(_ v: UInt32) { u64(UInt64(v)) }

    public mutating func u64(_ v: UInt64) {
        var v = v
        repeat {
            var b = UInt8(v & 0x7f)
            v >>= 7
            if v != 0 { b |= 0x80 }
            bytes.append(b)
        } while v != 0
    }

    public mutating func s64(_ v: Int64) {
        var v = v
        while true {
            let b = UInt8(truncatingIfNeeded: v) & 0x7f
            v >>= 7
            let done = (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0)
            bytes.append(done ? b : b | 0x80)
            if done { return }
        }
    }

    public mutating func name(_ s: String) {
        let utf8 = Array(s.utf8)
        u32(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    public mutating func flag(_ b: Bool) { bytes.append(b ? 1 : 0) }

    /// A section: its id, its size, then `body` (core modules and
    /// components frame every section this way).
    public mutating func section<C: Collection>(_ id: UInt8, _ body: C) where C.Element == UInt8 {
        bytes.append(id)
        u32(UInt32(body.count))
        bytes.append(contentsOf: body)
    }

    /// Writes `count` then each item.
    public mutating func vector<C: Collection>(_ items: C, _ write: (inout ByteWriter, C.Element) -> Void) {
        u32(UInt32(items.count))
        for item in items { write(&self, item) }
    }
}
