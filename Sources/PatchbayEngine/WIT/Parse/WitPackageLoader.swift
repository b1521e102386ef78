#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Loads WIT packages from disk (or from text) into a resolved
/// `WitDocument`:
///
/// - a file: one package, plus any `package a:b { ... }` blocks in it;
/// - a directory: all its `*.wit` files are one package, and each entry of
///   its `deps/` folder (a `.wit` file or a directory of them) is another.
///
/// Packages are added in dependency order (a package before those that use
/// it); a cycle, a missing package, a duplicate package are errors.
/// Items gated by `@unstable(feature = f)` are kept only when `f` is in
/// `features` (or `allFeatures`), as in wit-parser.
public enum WitPackageLoader {
    /// Loads the file or directory at `path`; `main` is its package.
    public static func load(path: String, features: Set<String> = [], allFeatures: Bool = false) throws(WitLoadError) -> (document: WitDocument, main: WitPackageID) {
        try onLargeStack { () throws(WitLoadError) in try loadPath(path, features, allFeatures) }
    }

    /// Loads one file given as text; `path` only names it in messages.
    public static func load(source: String, path: String, features: Set<String> = [], allFeatures: Bool = false) throws(WitLoadError) -> (document: WitDocument, main: WitPackageID) {
        try onLargeStack { () throws(WitLoadError) in
            var map = WitSourceMap()
            let group = try parseGroup([(path, source)], &map)
            return try resolve(group, [], map, features: features, allFeatures: allFeatures)
        }
    }

    /// Resolution walks chains of `use`s and type references recursively
    /// in places; a long chain in hostile input must not overflow the
    /// caller's stack, so loading runs on a thread with a large one.
    static func onLargeStack(_ body: @escaping @Sendable () throws(WitLoadError) -> (document: WitDocument, main: WitPackageID)) throws(WitLoadError) -> (document: WitDocument, main: WitPackageID) {
        final class Box: @unchecked Sendable { var result: Result<(document: WitDocument, main: WitPackageID), WitLoadError>? }
        let box = Box()
        LargeStack.run(size: 1 << 29) {
            do throws(WitLoadError) { box.result = .success(try body()) } catch { box.result = .failure(error) }
        }
        switch box.result {
        case .success(let r)?: return r
        case .failure(let e)?: throw e
        case nil: throw WitLoadError(kind: .resolve, message: "WIT loading did not complete")
        }
    }

    static func loadPath(_ path: String, _ features: Set<String>, _ allFeatures: Bool) throws(WitLoadError) -> (document: WitDocument, main: WitPackageID) {
        var map = WitSourceMap()
        guard FileManager.default.fileExists(atPath: path) else {
            throw WitLoadError(kind: .io, message: "\(path): no such file or directory")
        }
        let main: Group
        var deps: [Group] = []
        if PathNames.isDirectory(path) {
            do { main = try parseDirectory(path, &map) } catch { throw error.context("failed to parse package: \(path)") }
            deps = try parseDeps(PathNames.appending(path, "deps"), &map)
        } else {
            main = try parseFile(path, &map)
        }
        return try resolve(main, deps, map, features: features, allFeatures: allFeatures)
    }

    // MARK: reading

    /// The packages parsed from one file or directory: the package itself
    /// and the nested `package a:b { }` blocks of its files.
    struct Group {
        var main: WitUnresolvedPackage
        var nested: [WitUnresolvedPackage]
        /// Read from a package encoded as WebAssembly.
        var encoded = false
    }

    static func readText(_ path: String) throws(WitLoadError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WitLoadError(kind: .io, message: "failed to read file \(path)")
        }
        if data.starts(with: [0x00, 0x61, 0x73, 0x6d]) || path.hasSuffix(".wat") {
            // A package encoded as WebAssembly (binary or text): decoded and
            // printed as WIT, which then goes through the same parser, so a
            // binary dependency joins the resolution like a text one.
            var bytes = Array(data)
            if path.hasSuffix(".wat") {
                guard let text = String(data: data, encoding: .utf8) else {
                    throw WitLoadError(kind: .io, message: "input file is not valid utf-8 [\(path)]")
                }
                do { bytes = try ComponentTextParser.parse(text) } catch {
                    throw WitLoadError(kind: .io, message: "\(path): \(error)")
                }
            }
            do { return try WitDecoder.witText(bytes: bytes) } catch {
                throw WitLoadError(kind: .io, message: "\(path): not a WIT package encoded as WebAssembly: \(error)")
            }
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw WitLoadError(kind: .io, message: "input file is not valid utf-8 [\(path)]")
        }
        return text
    }

    static func parseFile(_ path: String, _ map: inout WitSourceMap) throws(WitLoadError) -> Group {
        try parseGroup([(path, try readText(path))], &map)
    }

    /// The `*.wit` files directly in `dir` (subdirectories are not read).
    static func parseDirectory(_ dir: String, _ map: inout WitSourceMap) throws(WitLoadError) -> Group {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: dir) else {
            throw WitLoadError(kind: .io, message: "failed to read directory \(dir)")
        }
        var files: [(String, String)] = []
        for name in names where name.hasSuffix(".wit") {
            let p = PathNames.appending(dir, name)
            if PathNames.isDirectory(p) { continue }
            files.append((p, try readText(p)))
        }
        return try parseGroup(files, &map)
    }

    static func parseDeps(_ dir: String, _ map: inout WitSourceMap) throws(WitLoadError) -> [Group] {
        let fm = FileManager.default
        guard fm.fileExists(atPath: dir) else { return [] }
        guard PathNames.isDirectory(dir), let names = try? fm.contentsOfDirectory(atPath: dir) else {
            throw WitLoadError(kind: .io, message: "failed to parse dependency directory: \(dir): failed to read directory")
        }
        var out: [Group] = []
        // Packages encoded as WebAssembly come first: wit-parser merges them
        // as soon as it reads them, before the text packages it resolves.
        func isEncoded(_ n: String) -> Bool { n.hasSuffix(".wasm") || n.hasSuffix(".wat") }
        let ordered = names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        for name in ordered.filter(isEncoded) + ordered.filter({ !isEncoded($0) }) {
            let p = PathNames.appending(dir, name)
            if PathNames.isDirectory(p) {
                do { out.append(try parseDirectory(p, &map)) } catch { throw error.context("failed to parse package: \(p)") }
            } else if name.hasSuffix(".wit") || name.hasSuffix(".wasm") || name.hasSuffix(".wat") {
                var g = try parseFile(p, &map)
                g.encoded = isEncoded(name)
                out.append(g)
            }
            // Anything else (READMEs, .DS_Store...) is not a package.
        }
        return out
    }

    /// Parses the files of one package (in path order) and resolves the
    /// names inside it and inside each nested package.
    static func parseGroup(_ files: [(path: String, text: String)], _ map: inout WitSourceMap) throws(WitLoadError) -> Group {
        var resolver = WitResolver()
        var nested: [WitUnresolvedPackage] = []
        for (path, text) in files.sorted(by: { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }) {
            let base = map.add(path: path, text: text)
            var file: WitAST.PackageFile
            do {
                file = try WitParser.parse(text: text, base: base)
            } catch {
                throw map.error(error, kind: .syntax)
            }
            var rest: [WitAST.Item] = []
            for item in file.items {
                guard case .package(let p) = item else { rest.append(item); continue }
                do {
                    var r = WitResolver()
                    try r.push(p)
                    nested.append(try r.resolve())
                } catch {
                    throw map.error(error, kind: .resolve)
                }
            }
            file.items = rest
            do { try resolver.push(file) } catch { throw map.error(error, kind: .resolve) }
        }
        do {
            return Group(main: try resolver.resolve(), nested: nested)
        } catch {
            throw map.error(error, kind: .resolve)
        }
    }

    // MARK: joining

    /// Adds every package in dependency order; packages that do not depend
    /// on each other go in name order.
    static func resolve(_ main: Group, _ deps: [Group], _ map: WitSourceMap,
                        features: Set<String>, allFeatures: Bool) throws(WitLoadError) -> (document: WitDocument, main: WitPackageID) {
        var byName: [WitPackageName: WitUnresolvedPackage] = [:]
        for g in [main] + deps {
            for p in g.nested + [g.main] {
                if let prev = byName[p.name] {
                    var e = WitLoadError(kind: .resolve, message: "package `\(p.name)` is defined in two different locations:\n  * \(map.render(p.nameSpan.start))\n  * \(map.render(prev.nameSpan.start))")
                    if let l = map.location(p.nameSpan.start) { e.path = l.path; e.line = l.line; e.column = l.column }
                    throw e
                }
                byName[p.name] = p
            }
        }
        // Encoded packages first, in the order they were read (wit-parser
        // merges them as it reads them); then the rest by name.
        let encodedNames = deps.filter(\.encoded).flatMap { $0.nested + [$0.main] }.map(\.name)
        let names = encodedNames + byName.keys.filter { !encodedNames.contains($0) }.sorted(by: packageNameLess)
        var order: [WitPackageName] = []
        var done: Set<WitPackageName> = []
        var visiting: Set<WitPackageName> = []
        for n in names {
            if let p = byName[n] {
                do {
                    try visit(p, byName, &order, &done, &visiting)
                } catch {
                    throw map.error(error, kind: .resolve)
                }
            }
        }
        var state = WitResolveState(features: features, allFeatures: allFeatures)
        var mainID: WitPackageID?
        for n in order {
            guard let p = byName[n] else { continue }
            do {
                let id = try state.push(p)
                if n == main.main.name { mainID = id }
            } catch {
                throw map.error(error, kind: .resolve)
            }
        }
        guard let mainID else { throw WitLoadError(kind: .resolve, message: "the main package was not resolved") }
        return (state.document(), mainID)
    }

    private static func visit(_ p: WitUnresolvedPackage, _ byName: [WitPackageName: WitUnresolvedPackage],
                              _ order: inout [WitPackageName], _ done: inout Set<WitPackageName>,
                              _ visiting: inout Set<WitPackageName>) throws(WitDiagnostic) {
        if done.contains(p.name) { return }
        for (i, dep) in p.foreignDeps.keys.enumerated() {
            let span = i < p.foreignDepSpans.count ? p.foreignDepSpans[i] : .unknown
            if !visiting.insert(dep).inserted {
                throw WitDiagnostic(span, "package `\(dep)` creates a dependency cycle")
            }
            if let d = byName[dep] { try visit(d, byName, &order, &done, &visiting) }
            visiting.remove(dep)
        }
        done.insert(p.name)
        order.append(p.name)
    }

    /// wit-parser's package order: namespace, name, then version (none
    /// first, then by semver precedence).
    static func packageNameLess(_ a: WitPackageName, _ b: WitPackageName) -> Bool {
        if a.namespace != b.namespace { return Array(a.namespace.utf8).lexicographicallyPrecedes(Array(b.namespace.utf8)) }
        if a.name != b.name { return Array(a.name.utf8).lexicographicallyPrecedes(Array(b.name.utf8)) }
        switch (a.version.flatMap(WitVersion.init), b.version.flatMap(WitVersion.init)) {
        case (nil, nil): return false
        case (nil, _): return true
        case (_, nil): return false
        case let (x?, y?): return x < y
        }
    }
}
