#if canImport(FoundationEssentials)
import FoundationEssentials
#else
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Path strings taken apart and put together as `NSString`'s path methods
/// do. Patchbay links only FoundationEssentials, which has no `NSString`:
/// full Foundation (and its ICU data) cost every command a few
/// milliseconds of start-up.
public enum PathNames {
    /// The last component: `/a/b.wasm` → `b.wasm`, `/a/b/` → `b`, `/` → `/`.
    public static func last(_ path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        if trimmed == "/" || trimmed.isEmpty { return trimmed }
        if let slash = trimmed.lastIndex(of: "/") { return String(trimmed[trimmed.index(after: slash)...]) }
        return trimmed
    }

    /// Everything before the last component: `/a/b.wasm` → `/a`,
    /// `/a` → `/`, `b.wasm` → `` (empty).
    public static func deletingLast(_ path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        if trimmed == "/" { return "/" }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        let head = trimmingTrailingSlashes(String(trimmed[..<slash]))
        return head.isEmpty ? "/" : head
    }

    /// `component` added under `path` with one slash between:
    /// (`dir`, `a.wasm`) → `dir/a.wasm`, (``, `a.wasm`) → `a.wasm`.
    public static func appending(_ path: String, _ component: String) -> String {
        var tail = Substring(component)
        while tail.hasPrefix("/") { tail = tail.dropFirst() }
        if path.isEmpty { return String(tail) }
        let head = trimmingTrailingSlashes(path)
        if tail.isEmpty { return head }
        return head == "/" ? "/" + tail : head + "/" + tail
    }

    /// The name without its extension: `a.b.wasm` → `a.b`; a leading dot
    /// is not an extension (`.hidden` stays).
    public static func deletingExtension(_ path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        let nameStart = trimmed.lastIndex(of: "/").map { trimmed.index(after: $0) } ?? trimmed.startIndex
        guard let dot = trimmed[nameStart...].lastIndex(of: "."), dot != nameStart else { return trimmed }
        return String(trimmed[..<dot])
    }

    /// An absolute path with `.`, `..`, repeated slashes and symbolic links
    /// resolved (what `NSString.standardizingPath` gives for absolute paths);
    /// a relative path is returned as it is.
    public static func standardized(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    /// `path` made absolute (against the current directory) with `.`, `..`
    /// and repeated slashes taken out, symbolic links left alone: what
    /// `URL(fileURLWithPath:).standardizedFileURL.path` gives.
    public static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in full.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Whether `path` names a directory (following symbolic links); false
    /// when it does not exist.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func trimmingTrailingSlashes(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        return String(p)
    }
}
