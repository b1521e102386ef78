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
    @Flag(name: .customLong("use-built-in-libdl"), help: "Link Patchbay's own libdl.so: dlopen/dlsym find the --dl-openable libraries and their exports.") var useBuiltInLibdl = false
    @Flag(name: .customLong("return-call-ref"), help: "Shims for lowered imports tail-call through function references (return_call_ref) instead of call_indirect through a table.") var returnCallRef = false
    @Option(name: .customLong("adapt"), help: "NAME=ADAPTER.wasm: the libraries' imports of core module NAME come from this adapter module (repeatable).") var adapters: [String] = []
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
        options.returnCallRef = returnCallRef
        options.stackSize = stackSize
        for a in adapters {
            guard let eq = a.firstIndex(of: "="), eq != a.startIndex else {
                printError("--adapt takes NAME=ADAPTER.wasm, found `\(a)`")
                throw Exit.usage
            }
            let path = String(a[a.index(after: eq)...])
            paths.append(path)
            options.adapters.append(ComponentWrapper.Adapter(name: String(a[..<eq]), bytes: try readInput(path)))
        }
        do {
            let bytes = try Linker.link(libs, options: options)
            try writeOutput(bytes, to: output, inputs: paths)
        } catch let e as LinkError {
            printError(e.description)
            throw Exit.invalidInput
        }
    }
}
