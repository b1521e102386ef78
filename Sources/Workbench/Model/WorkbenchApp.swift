#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine
import TerminalCore

/// The workbench's whole state. `update` (in WorkbenchApp+Update) turns
/// events into new state, `render` (WorkbenchApp+Render) draws it; neither
/// touches the terminal, so a key script drives it in tests.
public struct WorkbenchApp: TerminalApp {
    public enum Pane: Int, CaseIterable, Sendable { case library, browser, detail, diagnostics }

    public var documents: [ComponentDocument]
    public var trees: [BrowserTree]
    public var focus: Pane = .library
    public var libraryState = ListState(selected: 0)
    public var treeState = WorkbenchApp.initialTreeState
    public var detailScroll = 0
    /// Columns the detail pane is scrolled sideways (its tables are not wrapped).
    public var detailHScroll = 0
    /// Rows the help overlay is scrolled (it can be taller than a small screen).
    public var helpScroll = 0
    public var diagnosticsState = ListState()
    /// The first diagnostics row shown (messages wrap over several rows).
    public var diagnosticsRowOffset = 0
    public var filter = TextInputState()
    public var filtering = false
    public var showHelp = false
    public var picker: FilePicker?
    public var theme: Theme
    public var themes: [Theme]
    public var keymap: Keymap
    public var registry: ActionRegistry
    public var size = Size(width: 80, height: 24)
    public var status = ""
    /// Paths inside this folder are shown relative to it (see `DisplayPath`).
    public var pathBase: String?
    /// The composition canvas (Canvas/), shown instead of the browser panes when on.
    public var canvas = CanvasModel()
    public var showingCanvas = false
    /// The guided tour or the link view (Tour/), drawn over everything when set.
    public var tour: Tour?
    public var tourScroll = 0
    /// The samples folder the tour walks (`patchbay tour --samples`); nil: ./samples.
    public var samplesDir: String?
    /// The call panel (Model/CallPanel), drawn over the browser or the canvas when open.
    public var callPanel: CallPanel?
    /// The link panel (Model/LinkPanel), drawn over the browser when open.
    public var linkPanel: LinkPanel?
    /// Asking where to write a document made in the workbench.
    public var savePrompt: SavePrompt?
    /// A refusal shown over the screen until the next key.
    public var message: WorkbenchMessage?

    public init(paths: [String], theme: Theme = .builtinDefault, themes: [Theme] = [], keymap: Keymap = WorkbenchActions.keymap,
                pathBase: String? = FileManager.default.currentDirectoryPath) {
        self.pathBase = pathBase
        self.theme = theme
        self.themes = themes.isEmpty ? [theme] : themes
        self.keymap = keymap
        self.registry = WorkbenchActions.registry
        self.documents = []
        self.trees = []
        for p in paths { add(ComponentDocument.load(path: p)) }
        treeState.moveToFirst(roots: visibleRoots)
        status = documents.isEmpty ? "no components open: press o to open one" : documents.count == 1 ? "1 component open" : "\(documents.count) components open"
    }

    /// Adapts the theme to the terminal's colours (NO_COLOR, 16, 256 or true
    /// colour). The browser trees carry the styles they were built with, so
    /// they are rebuilt when the capability was not the one expected.
    public mutating func terminalReady(colorCapability: ColorCapability) {
        guard theme.capability != colorCapability else { return }
        theme = theme.adapted(to: colorCapability)
        trees = documents.map { BrowserTree($0, theme: theme) }
    }

    mutating func add(_ doc: ComponentDocument) {
        var doc = doc
        doc.displayPath = doc.inMemory ? "in memory, not written to a file yet" : DisplayPath.relative(doc.path, to: pathBase)
        documents.append(doc)
        trees.append(BrowserTree(doc, theme: theme))
    }

    public var selectedIndex: Int? {
        guard let i = libraryState.selected, i < documents.count else { return nil }
        return i
    }

    /// A newly selected component shows its imports and exports unfolded.
    static let initialTreeState = TreeState(expanded: ["imports", "exports"])

    var currentTree: BrowserTree? { selectedIndex.map { trees[$0] } }
    var visibleRoots: [TreeNode] { currentTree?.filtered(filter.text) ?? [] }

    var selectedDetail: DetailItem? {
        guard let t = currentTree, let id = treeState.selectedID else { return nil }
        return t.details[id]
    }
}

/// The workbench's named actions and default keys. The help overlay and the
/// status hints are generated from this table.
public enum WorkbenchActions {
    public static let open = "open"
    public static let reload = "reload"
    public static let nextTheme = "next_theme"
    public static let call = "call"
    public static let tour = "tour"
    public static let linkView = "link_view"
    public static let link = "link"
    public static let wrap = "wrap"
    public static let saveDocument = "save_document"

    public static let registry: ActionRegistry = {
        var r = ActionRegistry.standard
        r.register(Action(open, "Open a component with the file picker", category: "Workbench"))
        r.register(Action(reload, "Reload the selected component from disk", category: "Workbench"))
        r.register(Action(nextTheme, "Switch to the next theme", category: "Workbench"))
        r.register(Action(call, "Call the selected export function: WAVE arguments, result and trace", category: "Workbench"))
        r.register(Action(tour, "Start the guided tour of the forms of linking", category: "Workbench"))
        r.register(Action(linkView, "Show the link view of a shared-everything linked component", category: "Workbench"))
        r.register(Action(link, "Link open dylink.0 libraries into a component (patchbay link)", category: "Workbench"))
        r.register(Action(wrap, "Wrap a core module with its world (patchbay new)", category: "Workbench"))
        r.register(Action(saveDocument, "Write a linked or wrapped component to a file", category: "Workbench"))
        return r
    }()

    public static let keymap: Keymap = {
        var k = Keymap.standard
        k.bind(.char("o"), to: open)
        k.bind(.char("r"), to: reload)
        k.bind(.char("t"), to: nextTheme)
        k.bind(.char("R"), to: call)
        k.bind(.char("T"), to: tour)
        k.bind(.char("L"), to: linkView)
        k.bind(.char("b"), to: link)
        k.bind(.char("w"), to: wrap)
        k.bind(.char("s"), to: saveDocument)
        k.bind(.char("c"), to: CanvasActions.toggle)
        return k
    }()
}
