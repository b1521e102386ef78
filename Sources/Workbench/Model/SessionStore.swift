#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine

/// Where the canvas keeps its composition between runs, and how it is
/// written: the engine's session file (the edits, which replay to the same
/// graph) with the canvas's own extras beside them, so a closed terminal
/// loses neither the composition nor where the boxes were put.
///
/// The extras sit under a `workbench` key that `CompositionSession.restore`
/// ignores, so the file stays a plain session file for every other reader.
public struct SessionStore: Sendable {
    public var path: String

    public init(path: String) { self.path = path }

    /// `$PATCHBAY_SESSION`, else `$XDG_STATE_HOME/patchbay/session.json`,
    /// else `~/.local/state/patchbay/session.json`.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> SessionStore {
        if let p = environment["PATCHBAY_SESSION"], !p.isEmpty { return SessionStore(path: p) }
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? environment["TMPDIR"] ?? "/tmp") + "/.local/state"
        return SessionStore(path: state + "/patchbay/session.json")
    }

    /// What the canvas adds to the engine's session file.
    public struct Extras: Codable, Sendable, Equatable {
        /// How many edits each user action made, oldest first: undo takes
        /// back a whole action (an alias and the wire that uses it).
        public var groups: [Int] = []
        /// Boxes moved by hand: node id → [x, y] on the canvas.
        public var positions: [String: [Int]] = [:]
        public var folded: [Int] = []
        public init() {}
    }

    struct File: Codable {
        var format: String
        var version: Int
        var edits: [GraphEdit]
        var workbench: Extras?
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes the session atomically, creating the folder if needed.
    public func save(_ session: CompositionSession, extras: Extras) throws(Failure) {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        let file = File(format: "patchbay-session", version: 1, edits: session.edits, workbench: extras)
        let data: Data
        do { data = try enc.encode(file) } catch {
            throw Failure(description: "cannot encode the session: \(error)")
        }
        let dir = PathNames.deletingLast(path)
        if !dir.isEmpty {
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        do { try AtomicFile.write(Array(data), to: path) } catch { throw Failure(description: error.description) }
    }

    /// What `load` found.
    public struct Loaded: Sendable {
        public var session: CompositionSession
        public var extras: Extras
        /// Edits that no longer apply (a package moved or changed), each with why.
        public var skipped: [String]
    }

    /// Reads the session file; nil when there is none yet.
    public func load() throws(CompositionError) -> Loaded? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let replay = try CompositionSession.replay(Array(data), load: Self.readPackage)
        let (session, skipped) = (replay.session, replay.skipped)
        var extras = (try? JSONDecoder().decode(File.self, from: data))?.workbench ?? Extras()
        // Positions and folds are keyed by the saved node ids; when an edit
        // was skipped later nodes have other ids now, so carry each along
        // (and drop those of nodes that did not come back).
        if !skipped.isEmpty {
            extras.positions = Dictionary(uniqueKeysWithValues: extras.positions.compactMap { key, xy in
                Int(key).flatMap { replay.nodeIDs[$0] }.map { (String($0), xy) }
            })
            extras.folded = extras.folded.compactMap { replay.nodeIDs[$0] }
        }
        // Undo groups only make sense when every edit came back.
        if !skipped.isEmpty || extras.groups.reduce(0, +) != session.edits.count || extras.groups.contains(where: { $0 <= 0 }) {
            extras.groups = Array(repeating: 1, count: session.edits.count)
        }
        return Loaded(session: session, extras: extras, skipped: skipped)
    }

    /// Reads a package's bytes for a session replay.
    public static func readPackage(_ path: String) throws(CompositionError) -> [UInt8] {
        guard let bytes = FileBytes.read(path) else {
            throw CompositionError(.invalidPackage, "cannot read the package file \(path)")
        }
        return bytes
    }
}
