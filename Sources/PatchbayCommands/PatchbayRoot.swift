import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine

/// The `patchbay` command: subcommands for every operation of the workbench.
public struct PatchbayRoot: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "patchbay",
        abstract: "A terminal workbench for linking WebAssembly components.",
        subcommands: [
            OpenCommand.self,
            TourCommand.self,
            InspectCommand.self,
            AbiCommand.self,
            ReencodeCommand.self,
            WitCommand.self,
            ValidateCommand.self,
            ComposeCommand.self,
            PlugCommand.self,
            RenderCommand.self,
            TargetsCommand.self,
            NewCommand.self,
            LinkCommand.self,
            EmbedCommand.self,
            RunCommand.self,
            PrintCommand.self,
            ParseCommand.self,
        ]
    )
    public init() {}

    /// Runs the command line with Patchbay's exit statuses: argument errors
    /// exit 2 (not ArgumentParser's 64), invalid input 1.
    public static func runMain() {
        // With no arguments Patchbay opens the workbench on the bundled samples.
        let args = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(args.isEmpty ? ["open"] : args)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                StandardStreams.writeError(fullMessage(for: error) + "\n")
                exit(withError: ExitCode(2))  // an ExitCode prints nothing more
            }
            exit(withError: error)
        }
    }
}
