import Foundation
import ArgumentParser

/// The `patchbay` command: subcommands for every operation of the workbench.
@available(macOS 10.15, *)
public struct PatchbayRoot: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "patchbay",
        abstract: "A terminal workbench for linking WebAssembly components.",
        subcommands: [ValidateCommand.self]
    )
    public init() {}

    /// The entry point `main.swift` calls. Its top-level code is not an async
    /// context, so `PatchbayRoot.main()` resolved to `ParsableCommand.main()`,
    /// which refuses async roots; this runs the async entry point on the
    /// main queue instead and exits when it returns.
    public static func main() {
        Task { @MainActor in
            do {
                var command = try parseAsRoot(nil)
                if var asyncCommand = command as? AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
            } catch {
                // Usage errors exit 2 (the shell convention), not sysexits' 64.
                if exitCode(for: error) == .validationFailure {
                    FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                    Foundation.exit(2)
                }
                Self.exit(withError: error)
            }
            Foundation.exit(0)
        }
        dispatchMain()
    }
}
