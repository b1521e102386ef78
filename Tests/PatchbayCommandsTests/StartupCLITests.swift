import Foundation
import Testing

/// Start-up cost: the `patchbay` executable links FoundationEssentials
/// only, not full Foundation with its ICU data (which cost every command,
/// however small its input, a few milliseconds to load and relocate).
@Suite(.enabled(if: CLI.available, "the patchbay executable was not built"))
struct StartupCLITests {
    #if os(Linux)
    /// The dynamic loader lists what the executable loads (what `ldd`
    /// prints) when LD_TRACE_LOADED_OBJECTS is set; a debug build links the
    /// Swift libraries dynamically, so a Foundation import anywhere in the
    /// executable's modules shows up here.
    @Test func theExecutableDoesNotLoadFoundationOrICU() throws {
        let bin = try #require(CLI.binary)
        let p = Process()
        p.executableURL = bin
        p.environment = ["LD_TRACE_LOADED_OBJECTS": "1"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(text.contains("libc.so"), "no loader listing: \(text)")
        for lib in ["libFoundation.so", "libFoundationInternationalization.so", "lib_FoundationICU.so"] {
            #expect(!text.contains(lib), "\(lib) is loaded:\n\(text)")
        }
    }
    #endif
}
