import Foundation
import PatchbayEngine

/// The two JSON value notations of the corpus, read against a value type:
/// run_case.py's (compose cases, big/*.calls.json) and wast2json's
/// (components/wast/NAME.commands.json).
enum RuntimeJSON {
    struct Mismatch: Error, CustomStringConvertible {
        var description: String
    }

    static func number(_ j: Any) -> NSNumber? {
        if let n = j as? NSNumber { return n }
        if let s = j as? String { return NSDecimalNumber(string: s) }
        return nil
    }

    static func integer(_ j: Any, _ t: ValueType) throws -> ComponentValue {
        // Read the digits, not a Double, so that 64-bit values stay exact.
        let text: String
        if let s = j as? String { text = s } else if let n = j as? NSNumber { text = n.stringValue } else {
            throw Mismatch(description: "expected an integer, found \(j)")
        }
        func bad() -> Mismatch { Mismatch(description: "\(text) is not a \(TypeText().value(t))") }
        switch t {
        case .s8: guard let v = Int8(text) else { throw bad() }; return .s8(v)
        case .u8: guard let v = UInt8(text) else { throw bad() }; return .u8(v)
        case .s16: guard let v = Int16(text) else { throw bad() }; return .s16(v)
        case .u16: guard let v = UInt16(text) else { throw bad() }; return .u16(v)
        case .s32: guard let v = Int32(text) else { throw bad() }; return .s32(v)
        case .u32: guard let v = UInt32(text) else { throw bad() }; return .u32(v)
        case .s64: guard let v = Int64(text) else { throw bad() }; return .s64(v)
        case .u64: guard let v = UInt64(text) else { throw bad() }; return .u64(v)
        default: throw bad()
        }
    }

    /// run_case.py's conventions (see its docstring): records are objects,
    /// options null-or-value, results {"ok": v} / {"err": v}, variants {"tag", "val"}.
    static func fromCaseJSON(_ j: Any, as t: ValueType, refs: [String: ComponentValue] = [:]) throws -> ComponentValue {
        if let d = j as? [String: Any], let r = d["$ref"] as? String {
            guard let v = refs[r] else { throw Mismatch(description: "unknown $ref \(r)") }
            if case .borrow = t, case .own(let h) = v { return .borrow(h) }
            return v
        }
        switch t {
        case .bool: guard let b = j as? Bool else { throw Mismatch(description: "expected bool, found \(j)") }; return .bool(b)
        case .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64: return try integer(j, t)
        case .f32: guard let n = j as? NSNumber else { throw Mismatch(description: "expected f32, found \(j)") }; return .f32(n.floatValue)
        case .f64: guard let n = j as? NSNumber else { throw Mismatch(description: "expected f64, found \(j)") }; return .f64(n.doubleValue)
        case .char:
            guard let s = j as? String, s.unicodeScalars.count == 1, let c = s.unicodeScalars.first else { throw Mismatch(description: "expected char, found \(j)") }
            return .char(c)
        case .string: guard let s = j as? String else { throw Mismatch(description: "expected string, found \(j)") }; return .string(s)
        case .list(let e):
            guard let a = j as? [Any] else { throw Mismatch(description: "expected list, found \(j)") }
            return .list(try a.map { try fromCaseJSON($0, as: e, refs: refs) })
        case .tuple(let ts):
            guard let a = j as? [Any], a.count == ts.count else { throw Mismatch(description: "expected tuple, found \(j)") }
            return .tuple(try zip(a, ts).map { try fromCaseJSON($0, as: $1, refs: refs) })
        case .record(let fs):
            guard let d = j as? [String: Any] else { throw Mismatch(description: "expected record, found \(j)") }
            return .record(try fs.map { f in
                guard let v = d[f.name] else { throw Mismatch(description: "missing field \(f.name)") }
                return (f.name, try fromCaseJSON(v, as: f.type, refs: refs))
            })
        case .flags(let labels):
            guard let a = j as? [String] else { throw Mismatch(description: "expected flags, found \(j)") }
            return .flags(labels.filter(a.contains))
        case .enumeration: guard let s = j as? String else { throw Mismatch(description: "expected enum, found \(j)") }; return .enumeration(s)
        case .option(let inner):
            if j is NSNull { return .option(nil) }
            if case .option = inner, let d = j as? [String: Any], let s = d["some"] { return .option(try fromCaseJSON(s, as: inner, refs: refs)) }
            return .option(try fromCaseJSON(j, as: inner, refs: refs))
        case .result(let ok, let err):
            guard let d = j as? [String: Any], d.count == 1, let (k, v) = d.first else { throw Mismatch(description: "expected result, found \(j)") }
            let pt = k == "ok" ? ok : err
            return .result(isOk: k == "ok", payload: try pt.map { try fromCaseJSON(v, as: $0, refs: refs) })
        case .variant(let cases):
            guard let d = j as? [String: Any], let tag = d["tag"] as? String, let c = cases.first(where: { $0.name == tag }) else {
                throw Mismatch(description: "expected variant, found \(j)")
            }
            return .variant(name: tag, payload: try c.type.map { try fromCaseJSON(d["val"] ?? NSNull(), as: $0, refs: refs) })
        default:
            throw Mismatch(description: "no JSON form for \(TypeText().value(t))")
        }
    }

    /// wast2json's typed values: {"type": "u32", "value": "42"}, records as
    /// [[name, value]...], variants {"case", "payload"}, results {"Ok": v} / {"Err": v}.
    static func fromWast(_ j: Any, as t: ValueType) throws -> ComponentValue {
        guard let d = j as? [String: Any] else { throw Mismatch(description: "expected a typed value, found \(j)") }
        let v = d["value"] ?? NSNull()
        switch t {
        case .bool: guard let b = v as? Bool else { throw Mismatch(description: "expected bool") }; return .bool(b)
        case .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64: return try integer(v, t)
        // wast2json writes floats as their bit patterns.
        case .f32: guard let s = v as? String, let b = UInt32(s) else { return .f32(.nan) }; return .f32(Float(bitPattern: b))
        case .f64: guard let s = v as? String, let b = UInt64(s) else { return .f64(.nan) }; return .f64(Double(bitPattern: b))
        case .char:
            guard let s = v as? String, s.unicodeScalars.count == 1, let c = s.unicodeScalars.first else { throw Mismatch(description: "expected char") }
            return .char(c)
        case .string: guard let s = v as? String else { throw Mismatch(description: "expected string") }; return .string(s)
        case .list(let e):
            guard let a = v as? [Any] else { throw Mismatch(description: "expected list") }
            return .list(try a.map { try fromWast($0, as: e) })
        case .tuple(let ts):
            guard let a = v as? [Any], a.count == ts.count else { throw Mismatch(description: "expected tuple") }
            return .tuple(try zip(a, ts).map { try fromWast($0, as: $1) })
        case .record(let fs):
            guard let a = v as? [[Any]] else { throw Mismatch(description: "expected record") }
            var given: [String: Any] = [:]
            for p in a where p.count == 2 { if let n = p[0] as? String { given[n] = p[1] } }
            return .record(try fs.map { f in
                guard let fv = given[f.name] else { throw Mismatch(description: "missing field \(f.name)") }
                return (f.name, try fromWast(fv, as: f.type))
            })
        case .flags(let labels):
            guard let a = v as? [String] else { throw Mismatch(description: "expected flags") }
            return .flags(labels.filter(a.contains))
        case .enumeration: guard let s = v as? String else { throw Mismatch(description: "expected enum") }; return .enumeration(s)
        case .option(let inner):
            if v is NSNull { return .option(nil) }
            return .option(try fromWast(v, as: inner))
        case .result(let ok, let err):
            guard let r = v as? [String: Any], let (k, p) = r.first else { throw Mismatch(description: "expected result") }
            let isOk = k.lowercased() == "ok"
            let pt = isOk ? ok : err
            return .result(isOk: isOk, payload: try pt.map { try fromWast(p, as: $0) })
        case .variant(let cases):
            guard let r = v as? [String: Any], let name = r["case"] as? String, let c = cases.first(where: { $0.name == name }) else {
                throw Mismatch(description: "expected variant")
            }
            return .variant(name: name, payload: try c.type.map { try fromWast(r["payload"] ?? NSNull(), as: $0) })
        default:
            throw Mismatch(description: "no wast form for \(TypeText().value(t))")
        }
    }
}
