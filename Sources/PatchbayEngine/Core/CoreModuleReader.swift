import WasmParser
import WasmTypes

/// Reads what the component layer needs from an embedded core module (its
/// imports, exports and their types) through WasmKit's parser.
///
/// Parsing stops at the first section after the exports, so code bodies of
/// large modules are never visited.
public enum CoreModuleReader {
    public struct Summary: Sendable, Hashable {
        public var type: CoreModuleType
        public var functionCount: Int
        public var customSections: [String]
    }

    /// The module's declarations, read by `CoreModuleScanner` (not WasmKit,
    /// which rejects some newer valid modules); code bodies are never read.
    public static func summarize(_ bytes: ArraySlice<UInt8>, offset: Int) throws(DecodeError) -> Summary {
        var scanner = CoreModuleScanner(bytes, offset: offset)
        return try scanner.scan()
    }

    /// Outcome of full core validation of one module.
    public enum CoreCheck: Sendable, Hashable {
        case valid
        /// WasmKit rejected the module but it uses a proposal WasmKit does
        /// not implement, so the failure says nothing about validity.
        case unchecked(reason: String)
        case invalid(DecodeError)
    }

    /// Parses every section and every instruction of a core module with
    /// WasmKit's parser. This is a syntactic check (WasmKit's parser does not
    /// type-check function bodies).
    public static func check(_ bytes: ArraySlice<UInt8>, offset: Int) -> CoreCheck {
        var parser = Parser(bytes: bytes, features: .all)
        do {
            while let payload = try parser.parseNext() {
                if case .codeSection(let codes) = payload {
                    for code in codes {
                        var ep = ExpressionParser(code: code)
                        while try ep.parse() != nil {}
                    }
                }
            }
            return .valid
        } catch {
            let at = offset + parser.offset
            let message = "invalid core module: \(error)"
            let unsupported = unsupportedProposals(bytes)
            if !unsupported.isEmpty {
                return .unchecked(reason: "core module at offset 0x\(String(offset, radix: 16)) uses \(unsupported.joined(separator: ", ")), which the core parser does not support; its code was not validated (\(message))")
            }
            return .invalid(DecodeError(message, at: at))
        }
    }

    /// Proposals that the module visibly uses and WasmKit 0.4.2 rejects.
    static func unsupportedProposals(_ bytes: ArraySlice<UInt8>) -> [String] {
        var scanner = CoreModuleScanner(bytes, offset: 0)
        _ = try? scanner.scan()
        var out: [String] = []
        if scanner.usesCustomPageSizes { out.append("custom-page-sizes") }
        if scanner.usesShared { out.append("shared-everything-threads") }
        return out
    }

    static func convert(_ f: WasmTypes.FunctionType) -> CoreFuncType {
        CoreFuncType(params: f.parameters.map(convert), results: f.results.map(convert))
    }

    static func convert(_ v: WasmTypes.ValueType) -> CoreValType {
        switch v {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        case .v128: .v128
        case .ref(let r): .ref(convert(r))
        }
    }

    static func convert(_ r: WasmTypes.ReferenceType) -> RefType {
        switch r.heapType {
        case .concrete(let i): return RefType(nullable: r.isNullable, heap: .concrete(i), shorthand: false)
        case .abstract(let a): return RefType(nullable: r.isNullable, heap: .abstract(a.rawValue, shared: false), shorthand: r.isNullable)
        }
    }

    static func convert(_ l: WasmParser.Limits) -> Limits {
        var flags: UInt8 = 0
        if l.max != nil { flags |= 1 }
        if l.shared { flags |= 2 }
        if l.isMemory64 { flags |= 4 }
        return Limits(flags: flags, min: l.min, max: l.max, pageSizeLog2: nil)
    }
}
