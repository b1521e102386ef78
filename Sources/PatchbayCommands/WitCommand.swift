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
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            Self.report("failed to read `\(file)`: \(error.localizedDescription)")
            throw ExitCode(1)
        }
        do {
            let text = try WitDecoder.witText(bytes: bytes)
            FileHandle.standardOutput.write(Data(text.utf8))
        } catch {
            Self.report(error.description)
            throw ExitCode(1)
        }
    }

    /// Reports invalid input on stderr; the caller then exits with status 1.
    private static func report(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }
}
