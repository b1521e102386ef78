import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine

/// Exit statuses shared by every subcommand: 0 success, 1 invalid input, 2 usage.
enum Exit {
    static let invalidInput = ExitCode(1)
    static let usage = ExitCode(2)
}

/// Writes an error line to standard error, in the form `error: WHERE: WHAT`.
func printError(_ message: String) {
    StandardStreams.writeError("error: " + message + "\n")
}

/// Reads a file, or fails with a usage-style message (exit 2 when the file
/// is missing, since that is a mistake in the command line).
func readInput(_ path: String) throws -> [UInt8] {
    guard FileManager.default.fileExists(atPath: path) else {
        printError("\(path): no such file")
        throw Exit.usage
    }
    guard let bytes = readFileBytes(path) else {
        printError("\(path): cannot read the file")
        throw Exit.invalidInput
    }
    return bytes
}

/// The bytes of a file (see `FileBytes.read`).
func readFileBytes(_ path: String) -> [UInt8]? { FileBytes.read(path) }

/// Reads a component binary, or a component in the text format (`.wat`),
/// which is encoded first; text errors give line and column (exit 1).
func componentBytes(_ path: String) throws -> [UInt8] {
    let bytes = try readInput(path)
    guard path.hasSuffix(".wat") else { return bytes }
    guard let text = String(validating: bytes, as: UTF8.self) else {
        printError("\(path): not UTF-8 text")
        throw Exit.invalidInput
    }
    do {
        return try ComponentTextParser.parse(text)
    } catch {
        printError("\(path):\(error.line):\(error.column): \(error.message)")
        throw Exit.invalidInput
    }
}

/// Reads and decodes a component (binary or `.wat`), reporting decode
/// errors with their offset (exit 1).
func loadComponent(_ path: String) throws -> (bytes: [UInt8], component: Component) {
    let bytes = try componentBytes(path)
    do {
        return (bytes, try ComponentDecoder.decode(bytes))
    } catch {
        printError("\(path): \(error)")
        throw Exit.invalidInput
    }
}

/// Writes an output atomically, never over an input (exit 1 on failure).
func writeOutput(_ bytes: [UInt8], to path: String, inputs: [String], force: Bool = true) throws {
    do {
        try AtomicFile.write(bytes, to: path, overwrite: force, protectedInputs: inputs)
    } catch {
        printError(error.description)
        throw Exit.invalidInput
    }
}

/// Writes an output given as pieces (see `AtomicFile.write(pieces:)`).
func writeOutput(pieces: [ArraySlice<UInt8>], to path: String, inputs: [String], force: Bool = true) throws {
    do {
        try AtomicFile.write(pieces: pieces, to: path, overwrite: force, protectedInputs: inputs)
    } catch {
        printError(error.description)
        throw Exit.invalidInput
    }
}
