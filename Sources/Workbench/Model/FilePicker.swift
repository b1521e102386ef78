#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine
import TerminalCore

/// A minimal file picker: folders and `.wasm` files of one directory.
public struct FilePicker: Sendable {
    public var directory: String
    public var entries: [Entry] = []
    public var state = ListState(selected: 0)

    public struct Entry: Sendable, Hashable {
        public var name: String
        public var isDirectory: Bool
    }

    public init(directory: String) {
        self.directory = directory
        reload()
    }

    public mutating func reload() {
        let fm = FileManager.default
        let names = (try? fm.contentsOfDirectory(atPath: directory)) ?? []
        var list: [Entry] = [Entry(name: "..", isDirectory: true)]
        for n in names.sorted() where !n.hasPrefix(".") {
            let isDir = PathNames.isDirectory(PathNames.appending(directory, n))
            if isDir || n.hasSuffix(".wasm") { list.append(Entry(name: n, isDirectory: isDir)) }
        }
        entries = list
        state = ListState(selected: 0)
    }

    /// Enters a folder, or returns the path of the chosen file.
    public mutating func choose() -> String? {
        guard let i = state.selected, i < entries.count else { return nil }
        let e = entries[i]
        let path = PathNames.appending(directory, e.name)
        if e.isDirectory {
            // Absolute, so that `..` can be resolved (and shown) as a folder name.
            directory = PathNames.standardized(path.hasPrefix("/") ? path : PathNames.appending(FileManager.default.currentDirectoryPath, path))
            reload()
            return nil
        }
        return path
    }
}
