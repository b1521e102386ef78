import ArgumentParser
import Foundation
import PatchbayEngine

/// `patchbay wit FILE`: prints the world a component implements, as WIT,
/// exactly as `wasm-tools component wit FILE` prints it.
public struct WitCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "wit",
        abstract: "Print the world of a component as WIT."
    )

    @Argument(help: "A component binary (.wasm).")
    public var file: String

    public init() {}

    public func run() throws {
        let (_, component) = try loadComponent(file)
        let text: String
        do {
            let (doc, main) = try WitDecoder.decode(component)
            text = try WitPrinter.print(doc, main: main)
        } catch {
            printError("\(file): \(error.description)")
            throw Exit.invalidInput
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
