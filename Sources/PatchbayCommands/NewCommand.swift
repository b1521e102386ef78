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
/// component for a world, whose exports trap.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Make a component from a core module with an embedded world, or a placeholder from a WIT world."
    )

    @Argument(help: "The core module (with a component-type custom section).") var module: String?
    @Option(name: .shortAndLong, help: "Where to write the component.") var output: String
    @Option(name: .customLong("from-world"), help: "A WIT file, package directory or encoded package: make a placeholder component (exports trap) for one of its worlds.") var fromWorld: String?
    @Option(name: .long, help: "The world to use from --from-world (default: the package's only world).") var world: String?
    @Option(name: .customLong("adapt"), help: "NAME=ADAPTER.wasm: adapt imports of module NAME (not supported yet).") var adapters: [String] = []
    @Flag(name: .customLong("realloc-via-memory-grow"), help: "Use memory.grow instead of cabi_realloc for adapters (not supported yet).") var reallocViaMemoryGrow = false

    func validate() throws {
        if fromWorld == nil && module == nil { throw ValidationError("give a core module, or --from-world WIT_PATH") }
        if fromWorld != nil && module != nil { throw ValidationError("give either a core module or --from-world, not both") }
        if world != nil && fromWorld == nil { throw ValidationError("--world goes with --from-world") }
    }

    func run() throws {
        if !adapters.isEmpty {
            printError("--adapt is not supported yet: WASI preview1 adapters cannot be merged into the component")
            throw Exit.invalidInput
        }
        if reallocViaMemoryGrow {
            printError("--realloc-via-memory-grow is not supported yet (it only matters for adapters)")
            throw Exit.invalidInput
        }
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
        do {
            let bytes = try ComponentWrapper.new(module: input)
            try writeOutput(bytes, to: output, inputs: [module])
        } catch let e as WrapError {
            printError("\(module): \(e.description)")
            throw Exit.invalidInput
        }
    }
}
