import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine

/// `patchbay new MODULE -o OUT`: a core module with its world embedded
/// (`component-type` custom sections) becomes a component;
/// `patchbay new --from-world WIT --world W -o OUT`: a placeholder
/// component for a world, whose exports trap;
/// `--adapt NAME=ADAPTER.wasm`: the module's imports of NAME come from an
/// adapter module (e.g. the WASI preview1 adapter).
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Make a component from a core module with an embedded world, or a placeholder from a WIT world."
    )

    @Argument(help: "The core module (with a component-type custom section).") var module: String?
    @Option(name: .shortAndLong, help: "Where to write the component.") var output: String
    @Option(name: .customLong("from-world"), help: "A WIT file, package directory or encoded package: make a placeholder component (exports trap) for one of its worlds.") var fromWorld: String?
    @Option(name: .long, help: "The world to use from --from-world (default: the package's only world).") var world: String?
    @Option(name: .customLong("adapt"), help: "NAME=ADAPTER.wasm: the module's imports of core module NAME come from this adapter module (repeatable).") var adapters: [String] = []
    @Flag(name: .customLong("realloc-via-memory-grow"), help: "Adapters get their stack and realloc from memory.grow instead of the module's cabi_realloc.") var reallocViaMemoryGrow = false

    func validate() throws {
        if fromWorld == nil && module == nil { throw ValidationError("give a core module, or --from-world WIT_PATH") }
        if fromWorld != nil && module != nil { throw ValidationError("give either a core module or --from-world, not both") }
        if world != nil && fromWorld == nil { throw ValidationError("--world goes with --from-world") }
        if fromWorld != nil && (!adapters.isEmpty || reallocViaMemoryGrow) { throw ValidationError("--adapt and --realloc-via-memory-grow go with a core module, not --from-world") }
        for a in adapters {
            guard let eq = a.firstIndex(of: "="), eq != a.startIndex, a.index(after: eq) != a.endIndex else {
                throw ValidationError("--adapt takes NAME=ADAPTER.wasm, found `\(a)`")
            }
        }
    }

    func run() throws {
        if let fromWorld {
            // The placeholder is what `component embed --dummy` + `component new`
            // make: a module whose functions trap, wrapped like any other.
            let (doc, main) = try loadWit(fromWorld, features: nil, allFeatures: false)
            let wid = try selectWorld(doc, main, world, path: fromWorld)
            do {
                let module = try WorldEmbedder.embed(module: try WorldEmbedder.dummyModule(doc, world: wid), doc, world: wid)
                try writeOutput(try ComponentWrapper.new(module: module), to: output, inputs: [fromWorld])
            } catch let e as WrapError {
                printError("\(fromWorld): world `\(doc[wid].name)`: \(e.description)")
                throw Exit.invalidInput
            }
            return
        }
        guard let module else { throw Exit.usage }
        let input = try readInput(module)
        var adapterInputs: [ComponentWrapper.Adapter] = []
        for a in adapters {
            // NAME may contain colons, slashes and `@` (`wasi:cli/environment@0.2.0`); the path is what follows the first `=`.
            guard let eq = a.firstIndex(of: "=") else { throw Exit.usage }
            let path = String(a[a.index(after: eq)...])
            adapterInputs.append(ComponentWrapper.Adapter(name: String(a[..<eq]), bytes: try readInput(path)))
        }
        do {
            let bytes = try ComponentWrapper.new(module: input, adapters: adapterInputs, reallocViaMemoryGrow: reallocViaMemoryGrow)
            try writeOutput(bytes, to: output, inputs: [module] + adapters.compactMap { $0.split(separator: "=", maxSplits: 1).last.map(String.init) })
        } catch let e as WrapError {
            printError("\(module): \(e.description)")
            throw Exit.invalidInput
        }
    }
}
