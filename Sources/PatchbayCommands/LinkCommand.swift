import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine

/// `patchbay link [NAME=]LIB.wasm... -o OUT`: shared-everything dynamic
/// linking of tool-conventions dynamic libraries into one component (what
/// `wasm-tools component link` does).
struct LinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Link dynamic libraries (dylink.0) into one component sharing one memory and one table."
    )

    @Argument(help: "[NAME=]LIB.wasm: a dynamic library (none gives an empty component); NAME defaults to the file name (as `needed` entries name it).") var libraries: [String] = []
    @Option(name: .customLong("dl-openable"), help: "[NAME=]LIB.wasm: a library `dlopen` can find at run time.") var dlOpenable: [String] = []
    @Flag(name: .customLong("stub-missing-functions"), help: "Define functions no library provides as traps instead of failing.") var stubMissingFunctions = false
    @Flag(name: .customLong("use-built-in-libdl"), help: "Link a built-in libdl (not supported yet).") var useBuiltInLibdl = false
    @Option(name: .customLong("stack-size"), help: "Stack size in bytes (default 1048576; a multiple of 16).") var stackSize: UInt32?
    @Option(name: .shortAndLong, help: "Where to write the component.") var output: String

    static func split(_ arg: String) -> (name: String, path: String) {
        if let eq = arg.firstIndex(of: "=") { return (String(arg[..<eq]), String(arg[arg.index(after: eq)...])) }
        return (PathNames.last(arg), arg)
    }

    func run() throws {
        var libs: [Linker.Library] = []
        var paths: [String] = []
        for (arg, dl) in libraries.map({ ($0, false) }) + dlOpenable.map({ ($0, true) }) {
            let (name, path) = Self.split(arg)
            paths.append(path)
            libs.append(Linker.Library(name: name, bytes: try readInput(path), dlOpenable: dl))
        }
        var options = Linker.Options()
        options.stubMissingFunctions = stubMissingFunctions
        options.useBuiltInLibdl = useBuiltInLibdl
        options.stackSize = stackSize
        do {
            let bytes = try Linker.link(libs, options: options)
            try writeOutput(bytes, to: output, inputs: paths)
        } catch let e as LinkError {
            printError(e.description)
            throw Exit.invalidInput
        }
    }
}
