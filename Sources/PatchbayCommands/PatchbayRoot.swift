import ArgumentParser

/// The `patchbay` command: subcommands for every operation of the workbench.
public struct PatchbayRoot: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "patchbay",
        abstract: "A terminal workbench for linking WebAssembly components.",
        subcommands: [WitCommand.self]
    )
    public init() {}
}
