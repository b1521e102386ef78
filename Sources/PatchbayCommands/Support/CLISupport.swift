import ArgumentParser
import Foundation
import PatchbayEngine

/// Exit statuses shared by every subcommand: 0 success, 1 invalid input, 2 usage.
enum Exit {
    static let invalidInput = ExitCode(1)
    static let usage = ExitCode(2)
}

/// Writes an error line to standard error, in the form `error: WHERE: WHAT`.
func printError(_ message: String) {
    FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
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

/// The bytes of a file, read straight into the array: going through `Data`
/// held the file twice at the peak, which for an 18 MB component was a
/// third of the process's memory.
func readFileBytes(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    let size = Int(info.st_size)
    var failed = false
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
        count = 0
        guard let base = buffer.baseAddress else { return }
        while count < size {
            let n = read(fd, base + count, size - count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { failed = n < 0; break }
            count += n
        }
    }
    return failed ? nil : bytes
}

/// Reads and decodes a component, reporting decode errors with their offset (exit 1).
func loadComponent(_ path: String) throws -> (bytes: [UInt8], component: Component) {
    let bytes = try readInput(path)
    if path.hasSuffix(".wat") {
        printError("\(path): the component text format is not supported yet; convert it with `wasm-tools parse` first")
        throw Exit.invalidInput
    }
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
