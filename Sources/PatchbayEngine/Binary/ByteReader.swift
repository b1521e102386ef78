/// A bounds-checked cursor over a byte array.
///
/// Every read either returns a value or throws a `DecodeError` naming the
/// absolute offset, so no input can trap the process. Slices share storage
/// with the original array (no copies of large core modules).
public struct ByteReader: Sendable {
    /// The bytes, indexed as the slice they came from (for a whole array,
    /// from 0). `position` and `end` count from the reader's own start, so
    /// a reader over a core module inside a file reads it in place,
    /// without copying it.
    public let bytes: ArraySlice<UInt8>
    /// The index in `bytes` of position 0.
    let base: Int
    private var cursor: Int
    private let limit: Int

    public var position: Int { cursor - base }
    public var end: Int { limit - base }

    public init(_ bytes: [UInt8]) {
        self.init(slice: bytes[...])
    }

    /// A reader over a slice, in place; positions count from its start.
    public init(slice: ArraySlice<UInt8>) {
        self.bytes = slice
        self.base = slice.startIndex
        self.cursor = slice.startIndex
        self.limit = slice.endIndex
    }

    init(bytes: ArraySlice<UInt8>, base: Int, position: Int, end: Int) {
        self.bytes = bytes
        self.base = base
        self.cursor = base + position
        self.limit = base + end
    }

    public var isAtEnd: Bool { cursor >= limit }
    public var remaining: Int { limit - cursor }

    func error(_ message: String, at offset: Int? = nil) -> DecodeError {
        DecodeError(message, at: offset ?? position)
    }

    public mutating func readByte() throws(DecodeError) -> UInt8 {
        guard cursor < limit else { throw error("unexpected end-of-file") }
        let b = bytes[cursor]
        cursor += 1
        return b
    }

    public func peekByte() throws(DecodeError) -> UInt8 {
        guard cursor < limit else { throw error("unexpected end-of-file") }
        return bytes[cursor]
    }

    public mutating func readBytes(_ count: Int) throws(DecodeError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else {
            throw error("unexpected end-of-file: need \(count) bytes, \(remaining) left")
        }
        let s = bytes[cursor..<(cursor + count)]
        cursor += count
        return s
    }

    /// A reader over the next `count` bytes; this reader skips past them.
    public mutating func subReader(_ count: Int) throws(DecodeError) -> ByteReader {
        guard count >= 0, count <= remaining else {
            throw error("unexpected end-of-file: section or item claims \(count) bytes, \(remaining) left")
        }
        let sub = ByteReader(bytes: bytes, base: base, position: position, end: position + count)
        cursor += count
        return sub
    }

    public mutating func readU32() throws(DecodeError) -> UInt32 {
        let start = position
        var result: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            let b = try readByte()
            if shift == 28 && (b & 0x70) != 0 {
                throw error("invalid var_u32: integer too large", at: start)
            }
            result |= UInt32(b & 0x7f) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 28 { throw error("invalid var_u32: integer representation too long", at: start) }
        }
    }

    public mutating func readU64() throws(DecodeError) -> UInt64 {
        let start = position
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            if shift == 63 && (b & 0x7e) != 0 {
                throw error("invalid var_u64: integer too large", at: start)
            }
            result |= UInt64(b & 0x7f) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw error("invalid var_u64: integer representation too long", at: start) }
        }
    }

    /// A signed LEB128 of at most `bits` bits (33 for type indices, 64 for i64).
    public mutating func readSigned(bits: Int) throws(DecodeError) -> Int64 {
        let start = position
        var result: Int64 = 0
        var shift = 0
        var byte: UInt8
        repeat {
            byte = try readByte()
            if shift < 64 { result |= Int64(byte & 0x7f) << Int64(shift) }
            shift += 7
            if shift > ((bits + 6) / 7) * 7 {
                throw error("invalid var_s\(bits): integer representation too long", at: start)
            }
        } while byte & 0x80 != 0
        if shift < 64 && (byte & 0x40) != 0 { result |= -1 << Int64(shift) }
        let minV = -(Int64(1) << Int64(min(bits - 1, 62)))
        if bits < 64 && (result < minV || result >= -minV) {
            throw error("invalid var_s\(bits): integer too large", at: start)
        }
        return result
    }

    /// A length-prefixed UTF-8 string.
    public mutating func readName(limit: Int = 100_000) throws(DecodeError) -> String {
        let start = position
        let len = Int(try readU32())
        guard len <= limit else { throw error("name too long: \(len) bytes", at: start) }
        let raw = try readBytes(len)
        guard let s = String(validating: raw, as: UTF8.self) else {
            throw error("malformed UTF-8 encoding", at: start)
        }
        return s
    }

    /// A vector count, checked against the bytes that remain so that a
    /// corrupt count cannot make us reserve huge arrays.
    public mutating func readCount(_ what: String, minItemSize: Int = 1, limit: Int = 1_000_000) throws(DecodeError) -> Int {
        let start = position
        let n = Int(try readU32())
        if n > limit { throw error("too many \(what): \(n) (limit \(limit))", at: start) }
        if n * minItemSize > remaining {
            throw error("unexpected end-of-file: \(what) count \(n) exceeds the \(remaining) bytes left", at: start)
        }
        return n
    }
}
