import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine

/// `patchbay embed WIT MODULE --world W -o OUT`: records the world a core
/// module implements in a `component-type` custom section (what
/// `wasm-tools component embed` does), so `patchbay new` can wrap it.
/// `--dummy` makes the module too: a placeholder whose functions trap.
struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embed a WIT world in a core module (component-type custom section).",
        discussion: """
            WIT_PATH is a .wit file, a package directory (with deps/), or a WIT package encoded as wasm. \
            With --dummy no module is read: a placeholder module whose functions trap is generated, \
            with the core names `patchbay new` expects (memory, cabi_realloc, iface#func exports). \
            --only-custom writes just the section's payload.
            """
    )

    @Argument(help: "The WIT file, package directory or encoded package.") var wit: String
    @Argument(help: "The core module (not with --dummy).") var module: String?
    @Option(name: .shortAndLong, help: "The world to embed (default: the package's only world).") var world: String?
    @Option(name: .shortAndLong, help: "Where to write the module.") var output: String
    @Flag(name: .long, help: "Generate a placeholder core module instead of reading one.") var dummy = false
    @Flag(name: .customLong("only-custom"), help: "Write only the component-type payload (a component binary).") var onlyCustom = false
    @Option(name: .long, help: "String encoding to record: utf8, utf16 or compact-utf16.") var encoding: String = "utf8"
    @Option(name: .long, help: "Comma-separated features enabling @unstable(feature = ...) items.") var features: String?
    @Flag(name: .long, help: "Enable every @unstable feature.") var allFeatures = false

    func validate() throws {
        if dummy && module != nil { throw ValidationError("give either a core module or --dummy, not both") }
        if onlyCustom && (dummy || module != nil) { throw ValidationError("--only-custom reads no module; drop the module and --dummy") }
        if !dummy && !onlyCustom && module == nil { throw ValidationError("give a core module, or --dummy") }
        if Self.stringEncoding(encoding) == nil { throw ValidationError("--encoding must be utf8, utf16 or compact-utf16, not `\(encoding)`") }
    }

    static func stringEncoding(_ s: String) -> WitEncoder.StringEncoding? {
        switch s {
        case "utf8": .utf8
        case "utf16": .utf16
        case "compact-utf16", "latin1+utf16": .compactUTF16
        default: nil
        }
    }

    func run() throws {
        let (doc, main) = try loadWit(wit, features: features, allFeatures: allFeatures)
        let wid = try selectWorld(doc, main, world, path: wit)
        let enc = Self.stringEncoding(encoding) ?? .utf8
        let bytes: [UInt8]
        do {
            if onlyCustom {
                bytes = try WitEncoder.worldMetadata(doc, wid, encoding: enc)
            } else if dummy {
                bytes = try WorldEmbedder.embed(module: try WorldEmbedder.dummyModule(doc, world: wid), doc, world: wid, encoding: enc)
            } else {
                let input = try readInput(module ?? "")
                bytes = try WorldEmbedder.embed(module: input, doc, world: wid, encoding: enc)
            }
        } catch let e as WitError {
            printError("\(wit): \(e.description)")
            throw Exit.invalidInput
        } catch let e as WrapError {
            printError("\(module ?? wit): \(e.description)")
            throw Exit.invalidInput
        }
        try writeOutput(bytes, to: output, inputs: [wit] + (module.map { [$0] } ?? []))
    }
}
