import Foundation
@testable import PatchbayEngine

/// Where the shared test corpus lives and how to read its ABI truth tables.
///
/// The corpus is external data (never copied into the package): found through
/// `PATCHBAY_CORPUS`, else `../shared/corpus` beside the package root.
enum ABICorpus {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let root: URL = {
        if let env = ProcessInfo.processInfo.environment["PATCHBAY_CORPUS"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return packageRoot.appendingPathComponent("../shared/corpus").standardizedFileURL
    }()

    static let abiDirectory = root.appendingPathComponent("abi")
    static let typesURL = abiDirectory.appendingPathComponent("abi-types.json")
    static let functionsURL = abiDirectory.appendingPathComponent("abi-functions.json")
    static let witURL = abiDirectory.appendingPathComponent("crosscheck.wit")

    static var available: Bool {
        FileManager.default.fileExists(atPath: typesURL.path)
            && FileManager.default.fileExists(atPath: functionsURL.path)
    }

    struct TypesFile: Decodable { var types: [TypeRow] }
    struct TypeRow: Decodable {
        var type: String
        var definition: String?
        var memory32: LayoutSummary
        var memory64: LayoutSummary
    }

    struct FunctionsFile: Decodable { var functions: [FunctionRow] }
    struct Signature: Decodable, Equatable {
        var params: [CoreValueType]
        var results: [CoreValueType]
    }
    struct FunctionRow: Decodable {
        var name: String
        var type: String
        var flatParams: [CoreValueType]
        var flatResults: [CoreValueType]
        var lift: Signature
        var lower: Signature
        var liftMemory64: Signature
        var lowerMemory64: Signature
        var asyncLiftCallback: Signature
        var asyncLiftStackful: Signature
        var asyncLower: Signature
        enum CodingKeys: String, CodingKey {
            case name, type, lift, lower
            case flatParams = "flat_params", flatResults = "flat_results"
            case liftMemory64 = "lift_memory64", lowerMemory64 = "lower_memory64"
            case asyncLiftCallback = "async_lift_callback", asyncLiftStackful = "async_lift_stackful"
            case asyncLower = "async_lower"
        }
    }

    static func loadTypes() throws -> [TypeRow] {
        try JSONDecoder().decode(TypesFile.self, from: Data(contentsOf: typesURL)).types
    }

    static func loadFunctions() throws -> [FunctionRow] {
        try JSONDecoder().decode(FunctionsFile.self, from: Data(contentsOf: functionsURL)).functions
    }

    /// The environment every row is evaluated in: resource `res` plus every
    /// row's `definition`. Definitions the JSON abbreviates with "..." are
    /// taken in full from `crosscheck.wit`, which declares the same types.
    static func environment(for rows: [TypeRow]) throws -> TypeEnvironment {
        var env = TypeEnvironment(implicitResources: false)
        env.declareResource("res")
        let witLines = (try? String(contentsOf: witURL, encoding: .utf8))?
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        for row in rows {
            guard var definition = row.definition else { continue }
            if definition.contains("...") {
                let head = definition.prefix(while: { $0 != "{" })
                guard let full = witLines.first(where: { $0.hasPrefix(head) }) else {
                    throw CorpusError.truncatedDefinition(row.type)
                }
                definition = full
            }
            try env.declare(definition)
        }
        return env
    }

    /// A row without a definition whose name is not a type expression (the
    /// corpus' `e65537`): rebuilt from its expected case list, whose names are
    /// a prefix plus the index, with the elided middle filled in.
    static func synthesizedEnum(for row: TypeRow) -> ValueType? {
        guard let cases = row.memory32.layout?.cases,
              let last = cases.last?.case, let lastIndex = cases.last?.index,
              cases.allSatisfy({ $0.payloadSize == nil }) else { return nil }
        let prefix = String(last.reversed().drop(while: { $0.isNumber }).reversed())
        return .enumeration((0...lastIndex).map { "\(prefix)\($0)" })
    }

    enum CorpusError: Error { case truncatedDefinition(String) }
}
