import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine

/// `patchbay abi`: the Canonical ABI calculator. Shows how a value type is
/// laid out in linear memory and flattened to core values, and the core
/// signatures of a function type, as text or JSON.
public struct AbiCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "abi",
        abstract: "Show the Canonical ABI layout and flattening of a WIT type.",
        discussion: """
            Examples:
              patchbay abi --type 'list<tuple<u8, string>>'
              patchbay abi --define 'record point { x: s32, y: s32 }' --type 'option<point>' --memory64
              patchbay abi --function 'func(s: string) -> string' --json
            Exit codes: 0 ok, 1 invalid type or declaration, 2 usage.
            """
    )

    @Option(name: .customLong("type"), help: "A WIT type expression, e.g. 'result<u32, string>'.")
    var typeExpression: String?

    @Option(name: .customLong("function"), help: "A WIT function type, e.g. 'func(a: u32) -> string'.")
    var functionExpression: String?

    @Flag(help: "Lay out for a 64-bit memory (i64 pointers and lengths).")
    var memory64 = false

    @Flag(help: "Print the numbers as JSON instead of the ruler.")
    var json = false

    @Option(name: .customLong("define"), help: "WIT declarations the type may use (record, variant, enum, flags, type, resource); repeatable. '@FILE' reads one declaration per line from FILE.")
    var definitions: [String] = []

    @Argument(help: "A component: show every function's core signatures and every named type's layout.")
    var file: String?

    @Option(name: .customLong("func"), help: "With a component: only the functions whose name contains this.")
    var functionFilter: String?

    public init() {}

    /// Exit statuses, as documented in the discussion above.
    enum Status {
        static let invalidInput = ExitCode(1)
        static let usage = ExitCode(2)
    }

    public func run() throws {
        var environment = TypeEnvironment()
        if let file, Self.isWit(file) {
            // A WIT file or package directory only supplies type names.
            guard typeExpression != nil || functionExpression != nil else {
                fail("\(file): a WIT package has no canon definitions; give --type or --function to use its types")
                throw Status.usage
            }
            try defineWitTypes(file, in: &environment)
        } else if let file {
            try ComponentABIReport(file: file, memory64: memory64, functionFilter: functionFilter, json: json)
                .run(onlyNames: typeExpression != nil || functionExpression != nil, environment: &environment)
            if typeExpression == nil && functionExpression == nil { return }
        }
        guard typeExpression != nil || functionExpression != nil else {
            fail("give a type with --type 'EXPR' or a function with --function 'func(...)'")
            throw Status.usage
        }
        for d in definitions {
            guard d.hasPrefix("@") else {
                do { try environment.declare(d) } catch {
                    report(error, in: "--define")
                    throw Status.invalidInput
                }
                continue
            }
            // `@FILE`: declarations one per line, for types too long for a
            // command line (an argument is limited to 128 KiB on Linux).
            let path = String(d.dropFirst())
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                fail("--define \(d): cannot read \(path) as UTF-8 text")
                throw Status.invalidInput
            }
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let decl = line.trimmingBlanks()
                if decl.isEmpty || decl.hasPrefix("//") { continue }
                do { try environment.declare(decl) } catch {
                    report(error, in: "--define \(path):\(n + 1)")
                    throw Status.invalidInput
                }
            }
        }
        let namer = environment.namer
        var report = AbiReport()
        var text = ""
        if let typeExpression {
            do {
                let type = try TypeExpression.parse(typeExpression, in: environment)
                let layout = try CanonicalABI.layout(of: type, memory64: memory64, namer: namer)
                report.type = AbiReport.TypeReport(
                    type: typeExpression, memory: layout.addressWidth, summary: LayoutSummary(layout))
                text += LayoutRenderer.render(layout)
            } catch {
                self.report(error, in: "--type")
                throw Status.invalidInput
            }
        }
        if let functionExpression {
            do {
                let function = try TypeExpression.parseFunction(functionExpression, in: environment)
                report.function = try AbiReport.FunctionReport(function, text: functionExpression)
                if !text.isEmpty { text += "\n" }
                text += try SignatureRenderer.render(function, namer: namer)
            } catch {
                self.report(error, in: "--function")
                throw Status.invalidInput
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(report)
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(text, terminator: "")
        }
    }

    static func isWit(_ path: String) -> Bool {
        return path.hasSuffix(".wit") || (FileManager.default.fileExists(atPath: path) && PathNames.isDirectory(path))
    }

    /// Declares every named type of a WIT package (first definition of a
    /// name wins when interfaces reuse it).
    private func defineWitTypes(_ path: String, in environment: inout TypeEnvironment) throws {
        let loaded: (document: WitDocument, main: WitPackageID)
        do { loaded = try WitPackageLoader.load(path: path, features: [], allFeatures: true) } catch {
            fail("\(error)")
            throw Status.invalidInput
        }
        var types = WitWorldTypes(document: loaded.document)
        let named: [(name: String, type: ResolvedType)]
        do { named = try types.namedTypes() } catch {
            fail("\(path): \(error)")
            throw Status.invalidInput
        }
        var seen = Set<String>()
        for (name, type) in named where seen.insert(name).inserted {
            switch type {
            case .value(let v): environment.define(name, as: v)
            case .resource: _ = environment.declareResource(name)
            default: break
            }
        }
    }

    private func report(_ error: Error, in option: String) {
        if let e = error as? TypeExpressionError {
            fail("\(option): \(e.description)\n  \(e.pointer.replacing("\n", with: "\n  "))")
        } else {
            fail("\(option): \(error)")
        }
    }

    private func fail(_ message: String) {
        StandardStreams.writeError("error: \(message)\n")
    }
}

/// The JSON shape of `patchbay abi --json`: the layout numbers in the corpus
/// truth-table key names, and the function signatures keyed like
/// `abi-functions.json` (lift, lower, lift_memory64, …).
struct AbiReport: Encodable {
    var type: TypeReport?
    var function: FunctionReport?

    struct TypeReport: Encodable {
        var type: String
        var memory: AddressWidth
        var summary: LayoutSummary

        enum CodingKeys: String, CodingKey { case type, memory, size, align, flat, layout }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(type, forKey: .type)
            try c.encode(memory, forKey: .memory)
            try c.encodeIfPresent(summary.size, forKey: .size)
            try c.encodeIfPresent(summary.align, forKey: .align)
            try c.encodeIfPresent(summary.flat, forKey: .flat)
            try c.encodeIfPresent(summary.layout, forKey: .layout)
        }
    }

    struct Signature: Encodable {
        var params: [CoreValueType]
        var results: [CoreValueType]
        var notes: [String]
    }

    struct FunctionReport: Encodable {
        var type: String
        var flatParams: [CoreValueType]
        var flatResults: [CoreValueType]
        var signatures: [String: Signature]

        enum CodingKeys: String, CodingKey {
            case type, signatures
            case flatParams = "flat_params", flatResults = "flat_results"
        }

        init(_ function: FunctionType, text: String) throws {
            type = text
            let keys: [(String, ABIContext, SignatureOptions)] = [
                ("lift", .lift, .sync32), ("lower", .lower, .sync32),
                ("lift_memory64", .lift, .sync64), ("lower_memory64", .lower, .sync64),
                ("async_lift_callback", .lift, .asyncCallback),
                ("async_lift_stackful", .lift, .asyncStackful),
                ("async_lower", .lower, SignatureOptions(isAsync: true)),
            ]
            var sigs: [String: Signature] = [:]
            var flat: CoreSignature?
            for (key, context, options) in keys {
                let s = try CanonicalABI.coreSignature(of: function, context: context, options: options)
                if flat == nil { flat = s }
                sigs[key] = Signature(params: s.params, results: s.results, notes: SignatureRenderer.notes(s))
            }
            flatParams = flat?.flatParams ?? []
            flatResults = flat?.flatResults ?? []
            signatures = sigs
        }
    }
}
