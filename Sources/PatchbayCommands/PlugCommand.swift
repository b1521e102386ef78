import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine

/// `patchbay plug SOCKET --plug PLUG... -o OUT`: satisfy a component's
/// imports with the exports of other components of the same name.
struct PlugCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plug",
        abstract: "Plug components' exports into a socket component's imports of the same name."
    )

    @Argument(help: "The socket component, whose imports are to be satisfied.") var socket: String
    @Option(name: .customLong("plug"), help: "A plug component (repeatable; earlier plugs win).") var plugs: [String] = []
    @Option(name: .shortAndLong, help: "Where to write the composite component.") var output: String
    @Flag(name: .long, help: "Also plug the plugs' imports with the other plugs (each plug instantiated once).") var transitive = false
    @Flag(name: .shortAndLong, help: "Say which import got which export.") var verbose = false
    @Option(name: .customLong("emit-wac"), help: "Also write the composition as WAC text to this file.") var emitWac: String?

    func validate() throws {
        if plugs.isEmpty { throw ValidationError("give at least one --plug") }
    }

    func run() throws {
        func input(_ path: String, _ namespace: String) throws -> Plug.Input {
            let (bytes, _) = try loadComponent(path)
            let base = PathNames.deletingExtension(PathNames.last(path))
            // Package names as WAC writes them: `socket:consumer`, `plug:provider`.
            let label = WacPrinter.sanitize(base)
            return Plug.Input(name: "\(namespace):\(label.isEmpty ? "component" : label)", path: path, bytes: bytes)
        }
        let s = try input(socket, "socket")
        var ps: [Plug.Input] = []
        for p in plugs {
            var i = try input(p, "plug")
            // Package names must be unique; same-named files get a suffix.
            var n = 2
            while i.name == s.name || ps.contains(where: { $0.name == i.name }) { i.name = "\(i.name)-\(n)"; n += 1 }
            ps.append(i)
        }
        do {
            let (graph, report) = try Plug.build(socket: s, plugs: ps, transitive: transitive)
            let pieces = try CompositionEncoder.encodePieces(graph)
            if let emitWac { try writeOutput(Array(try WacPrinter.print(graph).utf8), to: emitWac, inputs: [socket] + plugs) }
            try writeOutput(pieces: pieces, to: output, inputs: [socket] + plugs)
            if verbose {
                for w in report.wires { print("\(w.consumer): `\(w.importName)` ← \(w.plug)") }
                for i in report.leftAsImports { print("left as an import of the composite: `\(i)`") }
            }
        } catch let error as CompositionError {
            printError(error.description)
            throw Exit.invalidInput
        }
    }
}
