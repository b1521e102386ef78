import Foundation
import Testing

/// Writing over an existing output (not an input) replaces it atomically:
/// the new bytes, no temporary file left behind. (Foundation's
/// `replaceItemAt` on Linux used to fail here and delete the old file.)
@Suite(.enabled(if: CLI.available, "the patchbay executable was not built"))
struct OutputReplaceCLITests {
    @Test func reencodeReplacesAnExistingOutput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pb-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.wasm")
        let first = try CLI.run(["reencode", CLI.sample("greeter.wasm"), "-o", out.path])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try CLI.run(["reencode", CLI.sample("calculator.wasm"), "-o", out.path])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try Data(contentsOf: out) == Data(contentsOf: URL(fileURLWithPath: CLI.sample("calculator.wasm"))))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.wasm"])
    }
}
