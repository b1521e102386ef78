#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where the packages a WAC file names are found, in wac's order of
/// precedence: explicit `--dep NAME=PATH`, then `// patchbay-dep NAME=PATH`
/// comments in the file itself (what Patchbay writes, so a saved WAC file
/// opens again without flags), then `DEPS/<namespace>/<name>[@version].wasm`
/// (default `deps/` beside the WAC file, where wac looks).
public struct WacDependencies: Sendable {
    public var explicit: [String: String]
    public var commented: [String: String]
    public var depsDir: String

    /// `path` is the WAC file; relative paths in comments are relative to it.
    public init(source: String, path: String, explicit: [String: String] = [:], depsDir: String? = nil) {
        let dir = PathNames.deletingLast(path)
        self.explicit = explicit
        self.depsDir = depsDir ?? PathNames.appending(dir, "deps")
        var found: [String: String] = [:]
        for line in source.split(separator: "\n") {
            let t = line.trimmingBlanks()
            guard t.hasPrefix("// patchbay-dep "), let eq = t.firstIndex(of: "=") else { continue }
            let key = t[t.index(t.startIndex, offsetBy: "// patchbay-dep ".count)..<eq].trimmingBlanks()
            let file = String(t[t.index(after: eq)...]).trimmingBlanks()
            found[key] = file.hasPrefix("/") ? file : PathNames.appending(dir, file)
        }
        commented = found
    }

    /// The places looked at for a package, in order.
    public func candidates(_ name: String, _ version: String?) -> [String] {
        let key = version.map { "\(name)@\($0)" } ?? name
        var out: [String] = []
        for table in [explicit, commented] {
            if let p = table[key] ?? table[name] { out.append(p) }
        }
        let parts = name.split(separator: ":").map(String.init)
        if parts.count >= 2 {
            let base = PathNames.appending(depsDir, parts.dropLast().joined(separator: "/"))
            if let version { out.append(PathNames.appending(base, "\(parts.last!)@\(version).wasm")) }
            out.append(PathNames.appending(base, "\(parts.last!).wasm"))
        }
        return out
    }

    public func resolve(_ name: String, _ version: String?) throws(CompositionError) -> (bytes: [UInt8], path: String) {
        let places = candidates(name, version)
        for c in places {
            if let d = FileBytes.read(c) { return (d, c) }
        }
        let key = version.map { "\(name)@\($0)" } ?? name
        throw CompositionError(.unknownPackage, "package `\(key)` not found",
                               causes: ["looked for " + (places.isEmpty ? "nothing" : places.joined(separator: ", ")) + "; pass --dep \(name)=PATH or add a `// patchbay-dep \(key)=PATH` line"])
    }
}
