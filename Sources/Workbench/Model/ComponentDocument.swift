#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine

/// One file opened in the workbench, with everything the screens show about
/// it computed once when it is loaded. A file that fails to load is kept
/// with its diagnostics, so the rest of the workbench goes on working.
public struct ComponentDocument: Sendable {
    public var path: String
    /// The path as the screens show it (relative to the workbench's base
    /// folder when inside it), so captures do not depend on where the
    /// checkout lives.
    public var displayPath: String
    public var size: Int
    public var report: InspectReport?
    public var type: ComponentType?
    public var text: TypeText
    public var diagnostics: [WorkbenchDiagnostic]
    /// Set for a core module the workbench can link or wrap (not a component).
    public var core: CoreModuleInfo?
    /// The bytes of a document made in the workbench (linked or wrapped) and
    /// not written to a file yet; nil for a document read from `path`.
    public var memoryBytes: [UInt8]?
    /// How a document made in the workbench was made, as the equivalent
    /// command line (shown in the detail pane).
    public var origin: String?
    /// Files a document made in the workbench was made from: writing it never replaces one of them.
    public var inputs: [String] = []

    public var name: String { PathNames.last(path) }
    public var isValid: Bool { !diagnostics.contains { $0.severity == .error } }
    /// A component that decoded (not a core module, not a broken file).
    public var isComponent: Bool { report != nil }
    public var inMemory: Bool { memoryBytes != nil }

    /// The document's bytes: those made in the workbench, else the file's.
    public func bytes() -> [UInt8]? { memoryBytes ?? FileBytes.read(path) }

    public static func load(path: String) -> ComponentDocument {
        guard let bytes = FileBytes.read(path) else {
            var doc = ComponentDocument(path: path, displayPath: path, size: 0, report: nil, type: nil, text: TypeText(), diagnostics: [])
            doc.diagnostics.append(.init(.error, "cannot read the file", offset: nil))
            return doc
        }
        return load(bytes: bytes, path: path)
    }

    /// A document made in the workbench: `name` stands for its path until it is written.
    public static func inMemory(_ bytes: [UInt8], name: String, origin: String, inputs: [String]) -> ComponentDocument {
        var doc = load(bytes: bytes, path: name)
        doc.memoryBytes = bytes
        doc.origin = origin
        doc.inputs = inputs
        return doc
    }

    static func load(bytes: [UInt8], path: String) -> ComponentDocument {
        var doc = ComponentDocument(path: path, displayPath: path, size: 0, report: nil, type: nil, text: TypeText(), diagnostics: [])
        doc.size = bytes.count
        let component: Component
        do {
            component = try ComponentDecoder.decode(bytes)
        } catch {
            // A core module the workbench can link or wrap is not an error; say what can be done with it.
            if let info = CoreModuleInfo.scan(bytes), info.dylink != nil || info.hasWorld {
                doc.core = info
                doc.diagnostics.append(.init(.info, info.summary, offset: nil))
            } else {
                doc.diagnostics.append(.init(.error, error.message, offset: error.offset))
            }
            return doc
        }
        var summaries: [Int: CoreModuleReader.Summary] = [:]
        do {
            let resolved = try TypeResolver.resolve(component)
            summaries = resolved.moduleSummaries
            doc.type = resolved.type
            doc.text = TypeText(resourceNames: resolved.resourceNames)
            for c in CanonCheck.run(component, resolved: resolved) {
                if let p = c.problem { doc.diagnostics.append(.init(.error, p, offset: c.offset)) }
            }
        } catch {
            doc.diagnostics.append(.init(.error, error.message, offset: error.offset))
        }
        doc.report = InspectReport.build(component, types: doc.type, text: doc.text, summaries: summaries)
        if doc.diagnostics.isEmpty {
            doc.diagnostics.append(.init(.info, "decoded and resolved: \(doc.type?.imports.count ?? 0) imports, \(doc.type?.exports.count ?? 0) exports", offset: nil))
        }
        return doc
    }
}

/// Paths for the screen: relative to a base folder when inside it.
public enum DisplayPath {
    /// `path` relative to `base` if it lies inside it; a relative path as
    /// given (without a leading `./`); anything else unchanged.
    public static func relative(_ path: String, to base: String?) -> String {
        guard path.hasPrefix("/") else {
            var p = path
            while p.hasPrefix("./") { p.removeFirst(2) }
            return p.isEmpty ? "." : p
        }
        let standard = PathNames.standardized(path)
        guard let base, base.hasPrefix("/") else { return standard }
        let root = PathNames.standardized(base)
        if standard == root { return "." }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return standard.hasPrefix(prefix) ? String(standard.dropFirst(prefix.count)) : standard
    }
}

/// A message about a document, with where in the file it applies.
public struct WorkbenchDiagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable { case error, warning, info }
    public var severity: Severity
    public var message: String
    public var offset: Int?
    public init(_ severity: Severity, _ message: String, offset: Int?) {
        self.severity = severity; self.message = message; self.offset = offset
    }
    public var text: String {
        let at = offset.map { " (at offset 0x\(String($0, radix: 16)))" } ?? ""
        return "\(severity.rawValue): \(message)\(at)"
    }
}
