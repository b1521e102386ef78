/// WIT-style text for resolved types, for people: inspect output, the
/// workbench's detail pane and error explanations. Anonymous structural
/// types print inline (`record { x: u32 }`), since resolution forgets names.
public struct TypeText: Sendable {
    public var resourceNames: [Int: String]
    public init(resourceNames: [Int: String] = [:]) { self.resourceNames = resourceNames }

    public func resource(_ r: ResourceID) -> String {
        let n = resourceNames[r.id] ?? r.name
        return n.isEmpty ? "resource#\(r.id)" : n
    }

    public func value(_ t: ValueType) -> String {
        switch t {
        case .bool, .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64, .f32, .f64, .char, .string, .errorContext: return t.primitive?.witName ?? ""
        case .record(let fs): return "record { \(fs.map { "\($0.name): \(value($0.type))" }.joined(separator: ", ")) }"
        case .variant(let cs): return "variant { \(cs.map { c in c.type.map { "\(c.name)(\(value($0)))" } ?? c.name }.joined(separator: ", ")) }"
        case .list(let e): return "list<\(value(e))>"
        case .fixedList(let e, let n): return "list<\(value(e)), \(n)>"
        case .tuple(let ts): return "tuple<\(ts.map(value).joined(separator: ", "))>"
        case .flags(let ns): return "flags { \(ns.joined(separator: ", ")) }"
        case .enumeration(let ns): return "enum { \(ns.joined(separator: ", ")) }"
        case .option(let e): return "option<\(value(e))>"
        case .result(let ok, let err):
            switch (ok, err) {
            case (nil, nil): return "result"
            case (let o?, nil): return "result<\(value(o))>"
            case (nil, let e?): return "result<_, \(value(e))>"
            case (let o?, let e?): return "result<\(value(o)), \(value(e))>"
            }
        case .own(let r): return resource(r)
        case .borrow(let r): return "borrow<\(resource(r))>"
        case .stream(let e): return e.map { "stream<\(value($0))>" } ?? "stream"
        case .future(let e): return e.map { "future<\(value($0))>" } ?? "future"
        case .map(let k, let v): return "map<\(value(k)), \(value(v))>"
        }
    }

    public func function(_ f: FunctionType) -> String {
        var s = f.isAsync ? "async func(" : "func("
        s += f.params.map { "\($0.name): \(value($0.type))" }.joined(separator: ", ")
        s += ")"
        if let r = f.result { s += " -> \(value(r))" }
        return s
    }

    /// A one-line summary of an entity's type.
    public func entity(_ e: EntityType) -> String {
        switch e {
        case .function(let f): return function(f)
        case .value(let v): return "value \(value(v))"
        case .type(let t): return type(t)
        case .instance(let i): return "instance (\(i.exports.count) exports)"
        case .component(let c): return "component (\(c.imports.count) imports, \(c.exports.count) exports)"
        case .module(let m): return "core module (\(m.imports.count) imports, \(m.exports.count) exports)"
        }
    }

    public func type(_ t: ResolvedType) -> String {
        switch t {
        case .value(let v): return "type \(value(v))"
        case .function(let f): return "type \(function(f))"
        case .resource(let r): return "resource \(resource(r))"
        case .instance(let i): return "instance type (\(i.exports.count) exports)"
        case .component(let c): return "component type (\(c.imports.count) imports, \(c.exports.count) exports)"
        }
    }

    public func core(_ e: CoreEntityType) -> String {
        switch e {
        case .function(let f): return "func \(f.map(\.description) ?? "(type unknown)")"
        case .table(let r, let l): return "table \(limits(l)) \(r.text)"
        case .memory(let l): return "memory\(l.is64 ? " i64" : "") \(limits(l))\(l.shared ? " shared" : "")"
        case .global(let t, let m): return "global \(m ? "(mut \(t.text))" : t.text)"
        case .tag(let f): return "tag \(f.map(\.description) ?? "")"
        }
    }

    func limits(_ l: Limits) -> String {
        l.max.map { "\(l.min) \($0)" } ?? "\(l.min)"
    }
}
