import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine

/// `patchbay print FILE [--skeleton]`: a component (or core module) as
/// text, laid out like `wasm-tools print`, core module bodies included.
public struct PrintCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print a component or core module in the WebAssembly text format.",
        discussion: """
            The output follows the layout of `wasm-tools print`: one definition per line, \
            (;N;) index comments and $names from the name sections. With --skeleton, function \
            bodies, data segments and custom section contents are left out as `...`.
            """
    )

    @Argument(help: "A component or core module binary (.wasm), or a component in text (.wat).")
    public var file: String

    @Flag(name: .long, help: "Leave out core code, data and custom section contents.")
    public var skeleton = false

    public init() {}

    public func run() throws {
        let bytes = try componentBytes(file)
        let options = ComponentPrinter.Options(skeleton: skeleton)
        let layer: ComponentDecoder.Layer
        do {
            layer = try ComponentDecoder.layer(of: bytes)
        } catch {
            printError("\(file): \(error)")
            throw Exit.invalidInput
        }
        let result: (text: String, fallbacks: [ComponentPrinter.Fallback])
        switch layer {
        case .coreModule:
            do {
                result = try ComponentPrinter.printCoreModule(bytes, options: options)
            } catch {
                printError("\(file): \(error)")
                throw Exit.invalidInput
            }
        case .component:
            let component: Component
            do {
                component = try ComponentDecoder.decode(bytes)
            } catch {
                printError("\(file): \(error)")
                throw Exit.invalidInput
            }
            result = ComponentPrinter.print(component, options: options)
        }
        // A module printed as a skeleton is still useful output, so this is
        // a warning (exit 0), but it must not pass unnoticed.
        for f in result.fallbacks {
            StandardStreams.writeError("warning: \(file): core module printed as a skeleton: \(f.reason) (at byte offset 0x\(String(f.offset, radix: 16)))\n")
        }
        let text = result.text
        StandardStreams.writeOutput(text)
    }
}
