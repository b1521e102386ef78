/// Plain-text rendering of a function's core signatures: the flattened
/// params/results and every lift/lower variant, each with a note saying why
/// it differs from the flat list (spilled params, return pointer, async).
public enum SignatureRenderer {
    /// Every variant the Canonical ABI defines for one function type.
    public static let variants: [(label: String, context: ABIContext, options: SignatureOptions)] = [
        ("lift  (export)   memory32", .lift, .sync32),
        ("lower (import)   memory32", .lower, .sync32),
        ("lift  (export)   memory64", .lift, .sync64),
        ("lower (import)   memory64", .lower, .sync64),
        ("async lift, callback", .lift, .asyncCallback),
        ("async lift, stackful", .lift, .asyncStackful),
        ("async lower", .lower, SignatureOptions(isAsync: true)),
    ]

    public static func render(_ function: FunctionType, namer: TypeNamer = TypeNamer()) throws -> String {
        var lines = [describe(function, namer: namer)]
        let base = try CanonicalABI.coreSignature(of: function, context: .lift)
        lines.append("flat params : \(LayoutRenderer.compact(base.flatParams)) (\(base.flatParams.count); limit \(CanonicalABI.maxFlatParams), async lower \(CanonicalABI.maxFlatAsyncParams))")
        lines.append("flat results: \(LayoutRenderer.compact(base.flatResults)) (\(base.flatResults.count); limit \(CanonicalABI.maxFlatResults))")
        lines.append("")
        for v in variants {
            let sig = try CanonicalABI.coreSignature(of: function, context: v.context, options: v.options)
            var line = LayoutRenderer.pad(v.label, 26) + " " + wat(sig)
            if line.count > LayoutRenderer.width { line = LayoutRenderer.pad(v.label, 26) + " " + wat(sig, compact: true) }
            lines.append(line)
            for note in notes(sig) { lines.append(String(repeating: " ", count: 27) + note) }
        }
        return lines.map(LayoutRenderer.clip).joined(separator: "\n") + "\n"
    }

    /// `(param i32 i32) (result i32)` as in the WebAssembly text format.
    /// With `compact`, runs are shortened (`i32×16`) so long lists fit a line.
    public static func wat(_ sig: CoreSignature, compact: Bool = false) -> String {
        func text(_ ts: [CoreValueType]) -> String {
            compact ? LayoutRenderer.compact(ts) : ts.map(\.rawValue).joined(separator: " ")
        }
        var parts: [String] = []
        if !sig.params.isEmpty { parts.append("(param \(text(sig.params)))") }
        if !sig.results.isEmpty { parts.append("(result \(text(sig.results)))") }
        return parts.isEmpty ? "(no params, no results)" : parts.joined(separator: " ")
    }

    /// Why the signature is not just the flat lists.
    public static func notes(_ sig: CoreSignature) -> [String] {
        let ptr = AddressWidth(memory64: sig.options.memory64).pointerType.rawValue
        var notes: [String] = []
        if sig.paramsViaPointer {
            let limit = sig.options.isAsync && sig.context == .lower ? CanonicalABI.maxFlatAsyncParams : CanonicalABI.maxFlatParams
            notes.append("params spilled (\(sig.flatParams.count) flat > \(limit)): one \(ptr) ptr to a tuple")
        }
        let spilled = "result spilled (\(sig.flatResults.count) flat > \(CanonicalABI.maxFlatResults))"
        switch sig.resultPassing {
        case .flat: break
        case .returnedPointer: notes.append("\(spilled): returns an \(ptr) pointer")
        case .outPointerParam: notes.append("\(spilled): last param, \(ptr) out-ptr")
        case .asyncCallbackCode: notes.append("i32 result = callback code; value via task.return")
        case .asyncTaskReturn: notes.append("no core result; value via task.return")
        case .asyncSubtaskStatus:
            notes.append(sig.flatResults.isEmpty ? "i32 result = subtask status"
                         : "i32 result = subtask status; last param = \(ptr) out-ptr")
        }
        return notes
    }

    public static func describe(_ f: FunctionType, namer: TypeNamer) -> String {
        let params = f.params.map { "\($0.name): \(namer.describe($0.type))" }.joined(separator: ", ")
        let result = f.result.map { " -> \(namer.describe($0))" } ?? ""
        return "\(f.isAsync ? "async " : "")func(\(params))\(result)"
    }
}
