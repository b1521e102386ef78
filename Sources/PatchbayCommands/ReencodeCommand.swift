import ArgumentParser
import PatchbayEngine

/// `patchbay reencode FILE -o OUT`: decode and encode again (a debugging aid
/// for the binary layer; the output should equal the input byte for byte).
struct ReencodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reencode",
        abstract: "Decode a component and encode it again (debugging aid).",
        shouldDisplay: false
    )

    @Argument(help: "A component binary.") var file: String
    @Option(name: .shortAndLong, help: "Where to write the re-encoded component.") var output: String

    func run() throws {
        let (bytes, component) = try loadComponent(file)
        let out = ComponentEncoder.encode(component)
        try writeOutput(out, to: output, inputs: [file])
        if out != bytes {
            printError("\(file): re-encoding changed the bytes (\(bytes.count) in, \(out.count) out)")
            throw Exit.invalidInput
        }
    }
}
