#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine

/// Loads the WIT a command is given: a `.wit` file or package directory
/// (text), or a WIT package encoded as wasm. Errors are printed with where
/// they are and exit 1 (2 when the path does not exist).
func loadWit(_ path: String, features: String?, allFeatures: Bool) throws -> (document: WitDocument, main: WitPackageID) {
    guard FileManager.default.fileExists(atPath: path) else {
        printError("\(path): no such file or directory")
        throw Exit.usage
    }
    if !PathNames.isDirectory(path), let head = FileManager.default.contents(atPath: path)?.prefix(4), head.elementsEqual([0x00, 0x61, 0x73, 0x6d]) {
        if features != nil || allFeatures {
            printError("--features and --all-features apply to WIT text, not to a WIT package encoded as wasm")
            throw Exit.usage
        }
        let (_, component) = try loadComponent(path)
        do {
            return try WitDecoder.decode(component)
        } catch {
            printError("\(path): \(error.description)")
            throw Exit.invalidInput
        }
    }
    let enabled = Set((features ?? "").split(separator: ",").map { $0.trimmingBlanks() }.filter { !$0.isEmpty })
    do {
        return try WitPackageLoader.load(path: path, features: enabled, allFeatures: allFeatures)
    } catch {
        printError(error.description)
        throw Exit.invalidInput
    }
}

/// The world `name` (or the only one) of the loaded WIT, or exit 1.
func selectWorld(_ doc: WitDocument, _ main: WitPackageID, _ name: String?, path: String) throws -> WitWorldID {
    do {
        return try WitWorldSelection.select(doc, main: main, name: name)
    } catch {
        printError("\(path): \(error.description)")
        throw Exit.invalidInput
    }
}
