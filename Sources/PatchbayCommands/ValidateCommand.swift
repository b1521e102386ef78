import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine

/// `patchbay validate FILE`: checks a component binary against the rules of
/// the component model and prints `FILE: valid` or the first error with its
/// byte offset. Exit codes: 0 valid, 1 invalid (decode or validation
/// error, or an unsupported text file), 2 usage errors.
public struct ValidateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate a component binary."
    )

    @Argument(help: "The component (.wasm) to validate.")
    var file: String

    @Option(help: "Gated features to accept: `all` (default), `mvp`, or a comma-separated list such as `mvp,cm-async`.")
    var features: String = "all"

    @Flag(help: "Reject every gated feature (same as --features mvp).")
    var noGated = false

    public init() {}

    public func run() throws {
        guard var set = FeatureSet.parse(features) else {
            throw ValidationError("unknown feature set `\(features)` (use `all`, `mvp` or names like `cm-async`)")
        }
        if noGated { set = .mvp }
        guard var bytes = readFileBytes(file) else {
            printError("error: cannot read \(file)")
            throw ExitCode(2)
        }
        if file.hasSuffix(".wat") { bytes = try componentBytes(file) }
        if !(bytes.starts(with: [0x00, 0x61, 0x73, 0x6d])) && bytes.first.map({ $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") }) == true {
            printError("error: \(file): the WebAssembly text format is not supported yet; convert it to a binary first (e.g. `wasm-tools parse \(file) -o out.wasm`)")
            throw ExitCode(1)
        }
        let diagnostics = Validator.validate(bytes, features: set)
        for d in diagnostics where !d.isError { printError(d.description) }
        if let e = diagnostics.first(where: \.isError) {
            printError(e.description)
            for n in e.notes { printError("  note: \(n)") }
            throw ExitCode(1)
        }
        print("\(file): valid")
    }

    func printError(_ s: String) {
        StandardStreams.writeError(s + "\n")
    }
}
