import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine

/// `patchbay wit PATH`: prints WIT. For a component, the world it
/// implements, exactly as `wasm-tools component wit FILE` prints it; for a
/// `.wit` file or a directory of them (with `deps/`), the resolved package
/// and its dependencies, through the same printer.
public struct WitCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "wit",
        abstract: "Print the world of a component, or a WIT package, as WIT.",
        discussion: """
            PATH is a component binary (.wasm), a WIT package encoded as wasm, a .wit file, or a \
            directory whose .wit files form one package, with dependencies in its deps/ folder. \
            With --wasm -o OUT the package is written encoded as wasm instead.
            """
    )

    @Argument(help: "A component (.wasm), a .wit file or a WIT package directory.")
    public var path: String

    @Option(name: .long, help: "Comma-separated features enabling @unstable(feature = ...) items.")
    public var features: String?

    @Flag(name: .long, help: "Enable every @unstable feature.")
    public var allFeatures = false

    @Flag(name: .long, help: "Write the package encoded as wasm (a component of types) instead of printing it; needs -o.")
    public var wasm = false

    @Option(name: .shortAndLong, help: "Where --wasm writes the encoded package.")
    public var output: String?

    public func validate() throws {
        if wasm && output == nil { throw ValidationError("--wasm writes a binary; give -o OUT.wasm") }
        if output != nil && !wasm { throw ValidationError("-o goes with --wasm (the WIT text is printed to standard output)") }
    }

    public init() {}

    public func run() throws {
        guard FileManager.default.fileExists(atPath: path) else {
            printError("\(path): no such file or directory")
            throw Exit.usage
        }
        if wasm, let output {
            // Text or binary in, the main package encoded out (what
            // `wasm-tools component wit --wasm` writes).
            let (doc, main) = try loadWit(path, features: features, allFeatures: allFeatures)
            do {
                try writeOutput(try WitEncoder.encodePackage(doc, main), to: output, inputs: [path])
            } catch let e as WitError {
                printError("\(path): \(e.description)")
                throw Exit.invalidInput
            }
            return
        }
        let text: String
        if PathNames.isDirectory(path) || path.hasSuffix(".wit") {
            let enabled = Set((features ?? "").split(separator: ",").map { $0.trimmingBlanks() }.filter { !$0.isEmpty })
            do {
                let (doc, main) = try WitPackageLoader.load(path: path, features: enabled, allFeatures: allFeatures)
                text = try WitPrinter.print(doc, main: main)
            } catch let error as WitLoadError {
                printError(error.description)
                throw Exit.invalidInput
            } catch {
                printError("\(path): \(error)")
                throw Exit.invalidInput
            }
        } else {
            if features != nil || allFeatures {
                printError("--features and --all-features apply to WIT text, not to components")
                throw Exit.usage
            }
            let (_, component) = try loadComponent(path)
            do {
                let (doc, main) = try WitDecoder.decode(component)
                text = try WitPrinter.print(doc, main: main)
            } catch {
                printError("\(path): \(error.description)")
                throw Exit.invalidInput
            }
        }
        StandardStreams.writeOutput(text)
    }
}
