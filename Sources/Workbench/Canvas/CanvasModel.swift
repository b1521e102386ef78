import PatchbayEngine
import TerminalCore

/// The canvas's state: the composition session being edited, how the user
/// arranged it (moved and folded boxes, scrolling), what is selected, and
/// which overlay (candidate list, prompt, refusal...) is open.
///
/// The graph itself is only ever changed through `CompositionSession.apply`
/// so that every change can be undone, saved and replayed.
public struct CanvasModel: Sendable {
    public typealias NodeID = CompositionGraph.NodeID

    /// A place on a box: its title row, or one of its ports.
    public enum Port: Hashable, Sendable {
        case header
        case `import`(String)
        case export(String)
    }

    public struct Selection: Hashable, Sendable {
        public var node: NodeID
        public var port: Port
        public init(node: NodeID, port: Port) { self.node = node; self.port = port }
    }

    /// One export that could satisfy the import being wired.
    public struct Candidate: Sendable {
        public var source: NodeID
        /// The export of `source`, or nil for the whole instance.
        public var export: String?
        public var label: String
        /// Why it does not fit, from the engine's type check.
        public var misfit: Misfit?
        /// Why it cannot be chosen apart from its type (it would make a cycle).
        public var blocked: String?
        public var nameScore: Int
        public var fits: Bool { misfit == nil && blocked == nil }
    }

    public enum Prompt: Sendable {
        case rename(NodeID)
        /// Export `port` of the node under a name.
        case exportName(NodeID, Port)
        /// Write the composite to a file.
        case writeFile
        /// Save the composition as WAC source.
        case writeWac
    }

    public enum Overlay: Sendable {
        case none
        case candidates(target: NodeID, importName: String, list: [Candidate], state: ListState)
        /// Choose a library component to instantiate.
        case library(state: ListState)
        /// Choose the instance whose exports plug the selected one.
        case plug(socket: NodeID, choices: [NodeID], state: ListState)
        case prompt(Prompt, TextInputState)
        /// A refusal or another message; any key closes it.
        case message(title: String, lines: [String])
        /// The composite's WIT and structure, read-only.
        case view(title: String, lines: [String], scroll: Int)
    }

    public var session = CompositionSession()
    /// Edits per user action, for undo (see `SessionStore.Extras.groups`).
    public var groups: [Int] = []
    var redoGroups: [Int] = []
    /// Boxes placed by hand, by node id; the rest are laid out automatically.
    public var positions: [Int: Position] = [:]
    public var folded: Set<Int> = []
    public var selection: Selection?
    public var scrollX = 0
    public var scrollY = 0
    public var overlay: Overlay = .none
    /// While true, the movement keys move the selected box.
    public var moving = false
    public var showHelp = false
    /// Where the session is saved after every edit; nil in tests that do not ask for it.
    public var store: SessionStore?
    /// Whether a written composite imports its components instead of embedding them.
    public var importDependencies = false
    /// The last written composite, suggested the next time.
    public var lastOutput = "composed.wasm"
    public var lastWac = "composition.wac"

    public init() {}

    var extras: SessionStore.Extras {
        var e = SessionStore.Extras()
        e.groups = groups
        e.positions = Dictionary(uniqueKeysWithValues: positions.map { (String($0.key), [$0.value.x, $0.value.y]) })
        e.folded = folded.sorted()
        return e
    }

    mutating func adopt(_ loaded: SessionStore.Loaded) {
        session = loaded.session
        groups = loaded.extras.groups
        redoGroups = []
        positions = [:]
        for (k, v) in loaded.extras.positions {
            if let id = Int(k), v.count == 2 { positions[id] = Position(x: v[0], y: v[1]) }
        }
        folded = Set(loaded.extras.folded)
    }
}
