import Foundation
import Testing

/// Finds the external test corpus (../shared/corpus by default, or
/// $PATCHBAY_CORPUS) and the oracles. Tests that need either are skipped
/// with a message when it is missing, unless CI asks for them to be required.
enum Corpus {
    static let packageRoot: URL = {
        // Tests/PatchbayEngineTests/CorpusSupport.swift -> package root
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    static let root: URL = {
        if let env = ProcessInfo.processInfo.environment["PATCHBAY_CORPUS"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }()

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path)
    }

    /// When CI sets PATCHBAY_REQUIRE_CORPUS=1, a missing corpus is a failure, not a skip.
    static var required: Bool { ProcessInfo.processInfo.environment["PATCHBAY_REQUIRE_CORPUS"] == "1" }

    static var enabled: Bool { isAvailable || required }

    static let skipNote: Comment = "corpus not found at \(root.path); set PATCHBAY_CORPUS"

    static func url(_ rel: String) -> URL { root.appendingPathComponent(rel) }

    /// Files below `rel` whose name ends with `suffix`, sorted.
    static func files(_ rel: String, suffix: String) -> [URL] {
        let dir = url(rel)
        guard let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { return [] }
        var out: [URL] = []
        for case let u as URL in e where u.lastPathComponent.hasSuffix(suffix) { out.append(u) }
        return out.sorted { $0.path < $1.path }
    }

    static func bytes(_ u: URL) throws -> [UInt8] { Array(try Data(contentsOf: u)) }

    /// Every valid component of the corpus: wast components, wit-component
    /// outputs, the composition cases and the large real components.
    static func validComponents() -> [URL] {
        var out = files("components/wast", suffix: ".wasm")
        out += files("components/witc", suffix: "component.wasm")
        out += files("big", suffix: ".wasm")
        return out
    }
}
