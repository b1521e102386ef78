import Foundation

/// Compositions as WAC source (the language of the `wac` tool): written
/// from a graph so a composition built on the canvas can be kept, read and
/// built by other tools, and read back as the edits that rebuild it.
///
/// The subset is what a composition graph holds: `let x = new pkg { ... };`
/// with named arguments whose values are variables or export accesses
/// (`y["a:b/c"]`, `y.run`), `let` of an access, and `export EXPR as NAME;`.
/// Where each package's file is stays in `// patchbay-dep NAME=PATH`
/// comments, the same `NAME=PATH` form that `wac --dep` takes; without one,
/// a package is looked for as `deps/NS/NAME.wasm` beside the WAC file,
/// where wac looks too.
public enum WacText {
    // MARK: writing

    /// The graph as WAC. Explicit imports have no WAC form here (their
    /// types would need WIT declarations), so a graph with one is refused.
    public static func write(_ g: CompositionGraph, package: String = "patchbay:composition") throws(CompositionError) -> String {
        let order: [CompositionGraph.NodeID]
        do { order = try CompositePlan(g).order } catch { throw error }
        var lines = ["package \(package);", ""]
        for p in g.packages {
            guard let path = p.path else {
                throw CompositionError(.unsupported, "package `\(p.key)` has no file path, so the WAC file could not say where it is")
            }
            lines.append("// patchbay-dep \(p.key)=\(path)")
        }
        if !g.packages.isEmpty { lines.append("") }
        var names: [CompositionGraph.NodeID: String] = [:]
        var taken = Set<String>()
        func variable(for id: CompositionGraph.NodeID, hint: String) -> String {
            var base = identifier(hint)
            if keywords.contains(base) { base = "%" + base }
            var v = base, n = 2
            while taken.contains(v) { v = "\(base)-\(n)"; n += 1 }
            taken.insert(v)
            names[id] = v
            return v
        }
        func expr(_ id: CompositionGraph.NodeID) throws(CompositionError) -> String {
            if let v = names[id] { return v }
            let n = try g.node(id)
            if case .alias(let s, let e) = n.kind { return try expr(s) + access(e) }
            throw CompositionError(.unsupported, "node \(id.raw) is used before it is defined")
        }
        for id in order {
            let n = try g.node(id)
            switch n.kind {
            case .import(let name, _):
                throw CompositionError(.unsupported, "the explicit import `\(name)` cannot be written as WAC by Patchbay yet")
            case .alias:
                // Aliases are written where they are used, as accesses.
                if let name = n.name { lines.append("let \(variable(for: id, hint: name)) = \(try expr(id));") }
            case .instantiation(let p):
                let pkg = g.packages[p]
                var args: [String] = []
                for imp in pkg.type.imports {
                    if let src = n.arguments[imp.name.name] { args.append("\(quoted(imp.name.name)): \(try expr(src))") }
                }
                args.append("...")
                let v = variable(for: id, hint: n.name ?? pkg.name.split(separator: ":").last.map(String.init) ?? "i")
                lines.append("let \(v) = new \(pkg.key) { \(args.joined(separator: ", ")) };")
            }
        }
        if !g.exports.isEmpty { lines.append("") }
        for e in g.exports {
            lines.append("export \(try expr(e.node)) as \(quoted(e.name));")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let keywords: Set<String> = ["let", "new", "export", "import", "package", "as", "with", "use", "type", "world", "interface",
                                        "func", "record", "enum", "flags", "variant", "resource", "include", "targets"]

    /// A kebab-case identifier made from any name.
    static func identifier(_ s: String) -> String {
        var out = ""
        for c in s.lowercased() {
            if c.isASCII && (c.isLetter || c.isNumber) { out.append(c) } else if !out.isEmpty && !out.hasSuffix("-") { out.append("-") }
        }
        while out.hasSuffix("-") { out.removeLast() }
        let words = out.split(separator: "-").map { $0.first?.isLetter == true ? String($0) : "n" + $0 }
        return words.isEmpty ? "i" : words.joined(separator: "-")
    }

    static func access(_ name: String) -> String {
        isIdentifier(name) && !keywords.contains(name) ? "." + name : "[" + quoted(name) + "]"
    }

    static func isIdentifier(_ s: String) -> Bool {
        !s.isEmpty && s.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { w in
            guard let f = w.first, f.isASCII, f.isLetter else { return false }
            return w.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    // MARK: reading

    /// The edits that build the composition a WAC file describes, in order.
    /// `directory` is where the file is, for `deps/` lookups.
    public static func edits(_ text: String, directory: String, fileExists: @escaping (String) -> Bool = { FileManager.default.fileExists(atPath: $0) })
        throws(CompositionError) -> [GraphEdit] {
        var p = WacReader(text: Array(text.unicodeScalars), directory: directory, fileExists: fileExists)
        return try p.document()
    }
}

/// A recursive-descent reader for the WAC subset, turning statements into
/// graph edits as it goes; errors name the line and column.
struct WacReader {
    let text: [Unicode.Scalar]
    let directory: String
    let fileExists: (String) -> Bool
    var at = 0
    var deps: [String: String] = [:]
    var edits: [GraphEdit] = []
    var registered: Set<String> = []
    var variables: [String: Int] = [:]
    var aliases: [String: Int] = [:]
    var aliasExport: [Int: String] = [:]
    var nextNode = 0

    init(text: [Unicode.Scalar], directory: String, fileExists: @escaping (String) -> Bool) {
        self.text = text; self.directory = directory; self.fileExists = fileExists
    }

    func position(_ i: Int) -> String {
        var line = 1, col = 1
        for c in text[..<min(i, text.count)] { if c == "\n" { line += 1; col = 1 } else { col += 1 } }
        return "\(line):\(col)"
    }

    func fail(_ what: String, at i: Int? = nil) -> CompositionError {
        CompositionError(.unsupported, "WAC \(position(i ?? at)): \(what)")
    }

    var found: String {
        if at >= text.count { return "the end of the file" }
        var s = ""
        var i = at
        while i < text.count, s.count < 12, text[i] != "\n" { s.unicodeScalars.append(text[i]); i += 1 }
        return "`\(s)`"
    }

    /// Skips blanks and comments, collecting `patchbay-dep` comments.
    mutating func skip() {
        while at < text.count {
            let c = text[at]
            if c == " " || c == "\t" || c == "\n" || c == "\r" { at += 1; continue }
            if c == "/", at + 1 < text.count, text[at + 1] == "/" {
                var line = ""
                at += 2
                while at < text.count, text[at] != "\n" { line.unicodeScalars.append(text[at]); at += 1 }
                let t = line.trimmingCharacters(in: .whitespaces)
                if t.hasPrefix("patchbay-dep "), let eq = t.firstIndex(of: "=") {
                    let name = t[t.index(t.startIndex, offsetBy: 13)..<eq].trimmingCharacters(in: .whitespaces)
                    deps[name] = String(t[t.index(after: eq)...])
                }
                continue
            }
            if c == "/", at + 1 < text.count, text[at + 1] == "*" {
                at += 2
                while at + 1 < text.count, !(text[at] == "*" && text[at + 1] == "/") { at += 1 }
                at = min(text.count, at + 2)
                continue
            }
            return
        }
    }

    mutating func expect(_ s: String) throws(CompositionError) {
        skip()
        let scalars = Array(s.unicodeScalars)
        guard at + scalars.count <= text.count, Array(text[at..<at + scalars.count]) == scalars else {
            throw fail("expected `\(s)`, found \(found)")
        }
        at += scalars.count
    }

    mutating func peek(_ s: String) -> Bool {
        skip()
        let scalars = Array(s.unicodeScalars)
        return at + scalars.count <= text.count && Array(text[at..<at + scalars.count]) == scalars
    }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-")
    }

    /// `peek` for a keyword: not followed by more of an identifier.
    mutating func peekWord(_ s: String) -> Bool {
        guard peek(s) else { return false }
        let end = at + s.unicodeScalars.count
        return end >= text.count || !Self.isWordScalar(text[end])
    }

    /// A kebab identifier, optionally `%`-escaped.
    mutating func identifier() throws(CompositionError) -> String {
        skip()
        if at < text.count, text[at] == "%" { at += 1 }
        var s = ""
        while at < text.count, Self.isWordScalar(text[at]) {
            s.unicodeScalars.append(text[at]); at += 1
        }
        guard !s.isEmpty else { throw fail("expected an identifier, found \(found)") }
        return s
    }

    mutating func string() throws(CompositionError) -> String {
        try expect("\"")
        var s = ""
        while at < text.count, text[at] != "\"" {
            if text[at] == "\n" { throw fail("the string is not closed before the end of the line") }
            if text[at] == "\\", at + 1 < text.count { at += 1 }
            s.unicodeScalars.append(text[at]); at += 1
        }
        guard at < text.count else { throw fail("the string is not closed before the end of the file") }
        at += 1
        return s
    }

    /// `ns:name` or `ns:name@version` (a package reference or name).
    mutating func packageName() throws(CompositionError) -> (String, String?) {
        let ns = try identifier()
        try expect(":")
        let name = try identifier()
        var version: String?
        if at < text.count, text[at] == "@" {
            at += 1
            var v = ""
            while at < text.count, !" \t\n\r{;".unicodeScalars.contains(text[at]) { v.unicodeScalars.append(text[at]); at += 1 }
            version = v
        }
        return ("\(ns):\(name)", version)
    }

    mutating func document() throws(CompositionError) -> [GraphEdit] {
        skip()
        if peekWord("package") { at += 7; _ = try packageName(); try expect(";") }
        while true {
            skip()
            if at >= text.count { break }
            let start = at
            let word = try identifier()
            switch word {
            case "let": try letStatement()
            case "export": try exportStatement()
            case "import":
                throw fail("`import` statements are not supported by Patchbay's WAC reader yet; leave the item unwired and it becomes an import", at: start)
            default:
                throw fail("expected `let` or `export`, found `\(word)`", at: start)
            }
        }
        return edits
    }

    mutating func letStatement() throws(CompositionError) {
        let name = try identifier()
        guard variables[name] == nil else { throw fail("`\(name)` is already defined") }
        try expect("=")
        if peekWord("new") {
            at += 3
            skip()
            let refAt = at
            let (pkg, version) = try packageName()
            let key = version.map { "\(pkg)@\($0)" } ?? pkg
            if !registered.contains(key) {
                let path: String
                if let p = deps[key] ?? deps[pkg] {
                    path = p
                } else {
                    let parts = pkg.split(separator: ":")
                    let guess = (directory as NSString).appendingPathComponent("deps/\(parts.first ?? "")/\(parts.last ?? "").wasm")
                    guard fileExists(guess) else {
                        throw fail("no file for package `\(key)`: add a `// patchbay-dep \(key)=PATH` line or put it at \(guess)", at: refAt)
                    }
                    path = guess
                }
                edits.append(.registerPackage(name: pkg, version: version, path: path))
                registered.insert(key)
            }
            let id = nextNode
            edits.append(.addInstantiation(package: key, name: name))
            nextNode += 1
            variables[name] = id
            try expect("{")
            while !peek("}") {
                if peek("...") {
                    at += 3
                } else {
                    let argName: String
                    let value: Int
                    if peek("\"") { argName = try string(); try expect(":"); value = try expression() }
                    else {
                        argName = try identifier()
                        if peek(":") { at += 1; value = try expression() }
                        else {
                            // `{ a }` passes the variable `a` as the argument `a`.
                            guard let v = variables[argName] else { throw fail("`\(argName)` is not defined") }
                            value = v
                        }
                    }
                    edits.append(.setArgument(target: id, name: argName, source: value))
                }
                if peek(",") { at += 1 } else if !peek("}") { throw fail("expected `,` or `}`, found \(found)") }
            }
            try expect("}")
        } else {
            let v = try expression()
            variables[name] = v
            // An alias made by this very statement takes its name.
            if v == nextNode - 1, case .addAlias(let s, let e, nil)? = edits.last {
                edits[edits.count - 1] = .addAlias(source: s, export: e, name: name)
            }
        }
        try expect(";")
    }

    /// A variable followed by export accesses; returns its node.
    mutating func expression() throws(CompositionError) -> Int {
        skip()
        if peek("(") || peekWord("new") { throw fail("nested expressions are not supported by Patchbay's WAC reader yet: give the instance a `let` name") }
        let start = at
        let name = try identifier()
        guard var node = variables[name] else { throw fail("`\(name)` is not defined", at: start) }
        while true {
            let export: String
            if peek(".") { at += 1; export = try identifier() }
            else if peek("[") { at += 1; export = try string(); try expect("]") }
            else { break }
            let key = "\(node)/\(export)"
            if let a = aliases[key] { node = a; continue }
            edits.append(.addAlias(source: node, export: export, name: nil))
            aliases[key] = nextNode
            aliasExport[nextNode] = export
            node = nextNode
            nextNode += 1
        }
        return node
    }

    mutating func exportStatement() throws(CompositionError) {
        let start = at
        let node = try expression()
        var name: String?
        if peekWord("as") { at += 2; name = peek("\"") ? try string() : try identifier() }
        // `export x.run;` is named after what it accesses.
        guard let exportName = name ?? aliasExport[node] else {
            throw fail("export statement needs an `as` clause: the export name cannot be inferred", at: start)
        }
        edits.append(.export(node: node, name: exportName))
        try expect(";")
    }
}
