import Foundation
import PatchbayEngine

/// The oracle programs (wasm-tools, and python with wasmtime) installed by
/// scripts/install-oracles.sh into .oracle/venv, or $PATCHBAY_ORACLE_DIR.
/// Tests that need them skip with a note when absent, unless CI requires them.
enum OracleTools {
    /// $PATCHBAY_ORACLE_DIR is the venv's bin folder (as .ci/run sets it);
    /// the venv folder itself is accepted too.
    static let bin: URL = {
        if let env = ProcessInfo.processInfo.environment["PATCHBAY_ORACLE_DIR"], !env.isEmpty {
            let dir = URL(fileURLWithPath: env)
            let nested = dir.appendingPathComponent("bin")
            return FileManager.default.fileExists(atPath: nested.appendingPathComponent("wasm-tools").path) ? nested : dir
        }
        return Corpus.packageRoot.appendingPathComponent(".oracle/venv/bin")
    }()

    static var wasmTools: URL { bin.appendingPathComponent("wasm-tools") }
    static var python: URL { bin.appendingPathComponent("python3") }
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: wasmTools.path) }
    static var required: Bool { ProcessInfo.processInfo.environment["PATCHBAY_REQUIRE_ORACLES"] == "1" }
    static var enabled: Bool { isAvailable || required }

    /// Runs a program; returns its exit status and combined output.
    static func run(_ exe: URL, _ args: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// `wasm-tools validate` on bytes written to a temporary file.
    static func validate(_ bytes: [UInt8]) throws -> (ok: Bool, message: String) {
        let url = temporaryFile("wasm")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let r = try run(wasmTools, ["validate", url.path])
        return (r.status == 0, r.output)
    }

    /// Why a component made from a witc case is not what the oracle made,
    /// or nil: it must validate (with the oracle when installed, else with
    /// Patchbay's validator) and its world must read back as `expectedWit`.
    static func witcMismatch(_ bytes: [UInt8], expectedWit: URL) throws -> String? {
        if enabled {
            let url = temporaryFile("wasm")
            try Data(bytes).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            let r = try run(wasmTools, ["validate", "--features=all", url.path])
            if r.status != 0 { return "the oracle rejects it: \(r.output)" }
        } else {
            let diags = Validator.validate(bytes).filter { $0.severity == .error }
            if !diags.isEmpty { return "invalid: \(diags.map(\.description).joined(separator: "; "))" }
        }
        let ours: String
        do { ours = try WitDecoder.witText(bytes: bytes) } catch { return "its world does not decode: \(error)" }
        let expected = try String(contentsOf: expectedWit, encoding: .utf8)
        return ours == expected ? nil : "world differs:\n\(ours)"
    }

    static func temporaryFile(_ ext: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-test-\(UUID().uuidString).\(ext)")
    }
}
