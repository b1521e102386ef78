import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine

/// `patchbay compose`: build a composite component from a description of
/// the composition (WAC text or wac's graph.json).
struct ComposeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compose",
        abstract: "Compose components as a WAC file or a graph.json describes.",
        discussion: """
        Packages are found as wac finds them: `--dep PKG=PATH` first, then \
        `DEPS_DIR/<namespace>/<package>.wasm` (default deps dir: `deps` beside the WAC file). \
        In a graph.json, package paths are relative to the file; a `.wat` or `.wit` package \
        is read from `prebuilt/NAME.wasm` beside it, since Patchbay cannot compile text yet.
        """
    )

    @Argument(help: "A WAC file.") var file: String?
    @Option(name: .long, help: "A graph in wac's graph.json test format instead of WAC.") var graph: String?
    @Option(name: .shortAndLong, help: "Where to write the composite component.") var output: String?
    @Option(name: .customLong("deps-dir"), help: "Where to look for packages (deps/<namespace>/<package>.wasm).") var depsDir: String?
    @Option(name: .customLong("dep"), help: "A package given explicitly: PKG=PATH (repeatable).") var deps: [String] = []
    @Flag(name: .customLong("import-dependencies"), help: "Import the packages by reference instead of embedding them.") var importDependencies = false
    @Flag(name: .customLong("wit"), help: "Print the composite's world as WIT.") var printWit = false
    @Option(name: .customLong("emit-wac"), help: "Also write the composition as WAC text to this file.") var emitWac: String?

    func validate() throws {
        if (file == nil) == (graph == nil) { throw ValidationError("give either a WAC file or --graph FILE") }
        if output == nil && !printWit && emitWac == nil { throw ValidationError("give -o OUT.wasm (or --wit to print the world, or --emit-wac FILE)") }
    }

    func run() throws {
        let composite: CompositionGraph
        var inputs: [String] = []
        if let graph {
            composite = try buildFromGraph(graph, inputs: &inputs)
        } else {
            composite = try buildFromWac(file!, inputs: &inputs)
        }
        if let emitWac {
            do {
                let text = try WacPrinter.print(composite)
                try writeOutput(Array(text.utf8), to: emitWac, inputs: inputs + (file.map { [$0] } ?? []))
            } catch let e as CompositionError {
                printError("cannot write the composition as WAC: \(e)")
                throw Exit.invalidInput
            }
        }
        if output == nil && !printWit { return }
        let pieces: [ArraySlice<UInt8>]
        do {
            pieces = try CompositionEncoder.encodePieces(composite, options: .init(importDependencies: importDependencies))
        } catch {
            printError("failed to encode the composition: \(error)")
            throw Exit.invalidInput
        }
        if let output { try writeOutput(pieces: pieces, to: output, inputs: inputs) }
        if printWit {
            do { print(try WitDecoder.witText(bytes: Array(pieces.joined())), terminator: "") } catch {
                printError("cannot print the composite's world: \(error)")
                throw Exit.invalidInput
            }
        }
    }

    func buildFromWac(_ path: String, inputs: inout [String]) throws -> CompositionGraph {
        let bytes = try readInput(path)
        guard let source = String(validating: bytes, as: UTF8.self) else {
            printError("\(path): not UTF-8 text")
            throw Exit.invalidInput
        }
        var explicit: [String: String] = [:]
        for d in deps {
            guard let eq = d.firstIndex(of: "=") else {
                printError("--dep \(d): expected PKG=PATH")
                throw Exit.usage
            }
            explicit[String(d[..<eq])] = String(d[d.index(after: eq)...])
        }
        let resolver = WacDependencies(source: source, path: path, explicit: explicit, depsDir: depsDir)
        var read: [String] = []
        defer { inputs += read }
        do {
            return try WacEvaluator.compose(source: source, path: path) { (name: String, version: String?) throws(CompositionError) -> (bytes: [UInt8], path: String) in
                let r = try resolver.resolve(name, version)
                read.append(r.path)
                return r
            }
        } catch {
            printError("\(error)")
            throw Exit.invalidInput
        }
    }

    func buildFromGraph(_ path: String, inputs: inout [String]) throws -> CompositionGraph {
        let data = Data(try readInput(path))
        let dir = PathNames.deletingLast(path)
        let script: GraphScript
        do { script = try GraphScript.parse(data) } catch {
            printError("\(path): \(error)")
            throw Exit.invalidInput
        }
        var read: [String] = []
        defer { inputs += read }
        do {
            return try script.build { (p: String) throws(CompositionError) -> [UInt8] in
                let direct = PathNames.appending(dir, p)
                var candidates = [direct]
                if !p.hasSuffix(".wasm") { candidates = [PathNames.appending(dir, "prebuilt/\(p).wasm"), direct] }
                for c in candidates where c.hasSuffix(".wasm") {
                    if let d = FileBytes.read(c) { read.append(c); return d }
                }
                throw CompositionError(.unknownPackage, "cannot read package `\(p)`: expected \(candidates.first!)")
            }
        } catch {
            printError("\(path): \(error)")
            throw Exit.invalidInput
        }
    }
}
