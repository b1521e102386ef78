/// The `component-name` custom section: names of the component and of the
/// items in its index spaces. Like the core name section it is advisory:
/// a malformed one is reported, never fatal.
public struct ComponentNames: Sendable {
    public var componentName: String?
    /// Names per sort, by index.
    public var names: [Sort: [UInt32: String]] = [:]

    public static func parse(_ payload: ArraySlice<UInt8>) throws(DecodeError) -> ComponentNames {
        var r = ByteReader(slice: payload[...])
        var out = ComponentNames()
        let d = ComponentDecoder()
        while !r.isAtEnd {
            let id = try r.readByte()
            let size = Int(try r.readU32())
            var s = try r.subReader(size)
            switch id {
            case 0: out.componentName = try s.readName()
            case 1:
                let sort = try d.readSort(&s)
                let n = try s.readCount("names", minItemSize: 2)
                var map: [UInt32: String] = [:]
                for _ in 0..<n {
                    let i = try s.readU32()
                    map[i] = try s.readName()
                }
                out.names[sort] = map
            default: break  // unknown subsections are skipped, as the spec allows
            }
        }
        return out
    }
}

/// The `producers` custom section (tool-conventions): which languages,
/// tools and SDKs produced the binary.
public struct Producers: Sendable, Codable, Hashable {
    public var fields: [Field]
    public struct Field: Sendable, Codable, Hashable {
        public var name: String
        public var values: [Value]
    }
    public struct Value: Sendable, Codable, Hashable {
        public var name: String
        public var version: String
    }

    public static func parse(_ payload: ArraySlice<UInt8>) throws(DecodeError) -> Producers {
        var r = ByteReader(slice: payload[...])
        var fields: [Field] = []
        let n = try r.readCount("producer fields", minItemSize: 2)
        for _ in 0..<n {
            let name = try r.readName()
            let m = try r.readCount("producer values", minItemSize: 2)
            var values: [Value] = []
            for _ in 0..<m {
                let v = try r.readName()
                values.append(Value(name: v, version: try r.readName()))
            }
            fields.append(Field(name: name, values: values))
        }
        return Producers(fields: fields)
    }
}

/// Writes a `component-name` section payload: one name map per sort, in a
/// fixed sort order and by ascending index, so output is deterministic.
enum NameSectionWriter {
    static func encode(_ names: [Sort: [UInt32: String]], componentName: String? = nil) -> [UInt8] {
        var out = ByteWriter()
        if let componentName {
            var sub = ByteWriter()
            sub.name(componentName)
            out.byte(0); out.u32(UInt32(sub.bytes.count)); out.append(sub.bytes)
        }
        let order: [Sort] = [.core(.func_), .core(.table), .core(.memory), .core(.global), .core(.type), .core(.module), .core(.instance),
                             .func_, .value, .type, .component, .instance]
        for sort in order {
            guard let map = names[sort], !map.isEmpty else { continue }
            var sub = ByteWriter()
            ComponentEncoder.writeSort(&sub, sort)
            sub.vector(map.sorted { $0.key < $1.key }) { w, e in w.u32(e.key); w.name(e.value) }
            out.byte(1); out.u32(UInt32(sub.bytes.count)); out.append(sub.bytes)
        }
        return out.bytes
    }
}
