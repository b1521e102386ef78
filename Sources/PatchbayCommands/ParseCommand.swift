import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine

/// `patchbay parse FILE.wat -o OUT.wasm`: the component text format to a
/// binary (in progress: the explicit forms `print` writes; core modules
/// through WasmKit's core text parser).
public struct ParseCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Encode a component written in the text format (.wat) as a binary.",
        discussion: """
            Reads the component text format (Explainer.md) with its abbreviations: inline \
            exports, imports and type uses, references to instance exports, outer names. Core \
            modules go through WasmKit's core text parser. Errors give line and column.
            """
    )

    @Argument(help: "A component in the text format.")
    public var file: String

    @Option(name: .shortAndLong, help: "Where to write the binary.")
    public var output: String

    public init() {}

    public func run() throws {
        let bytes = try readInput(file)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            printError("\(file): not UTF-8 text")
            throw Exit.invalidInput
        }
        let wasm: [UInt8]
        do {
            wasm = try ComponentTextParser.parse(text)
        } catch {
            printError("\(file):\(error.line):\(error.column): \(error.message)")
            throw Exit.invalidInput
        }
        try writeOutput(wasm, to: output, inputs: [file])
    }
}
