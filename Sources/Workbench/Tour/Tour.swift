#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine
import TerminalCore

/// The guided tour (`patchbay tour`, or `T` in the workbench): the forms of
/// linking, one screen each, every screen a short explanation above the
/// real artefact from the samples folder loaded as the workbench shows it.
/// The link view (`L` on a linked component) is a one-screen tour.
public struct Tour {
    public enum Artefact: Sendable {
        /// A WAC file opened on the canvas.
        case composition(wac: String)
        /// A linked component in the link view.
        case link(component: String)
        /// A WIT file, as text.
        case wit(path: String)
        /// A linked component already open in the workbench (perhaps only in memory).
        case linkedDocument(ComponentDocument)
    }

    public struct Step: Sendable {
        public var title: String
        public var text: [String]
        public var artefact: Artefact
    }

    public var steps: [Step]
    public var index = 0
    /// The artefact of the current step, prepared once per step: a
    /// workbench that has the composition open on its canvas (an array, as
    /// a struct cannot hold itself), or the lines to draw.
    var scratch: [WorkbenchApp] = []
    var lines: [TextLine] = []
    var problem: String?

    public init(steps: [Step]) { self.steps = steps }

    public var step: Step? { steps.indices.contains(index) ? steps[index] : nil }

    /// The tour over the samples folder.
    public static func forms(samples dir: String) -> Tour {
        func p(_ rel: String) -> String { PathNames.appending(dir, rel) }
        return Tour(steps: [
            Step(title: "Shared-nothing composition", text: [
                "Components keep their own memory and share nothing: an instance's import is satisfied by another instance's export, and values cross the boundary by the Canonical ABI (copied, never pointers).",
                "Here `hello` imports a `name` function; the composition instantiates `namer` first and passes its export in. The composite exports `greet`, which returns \"Hello, Patchbay!\". The canvas below is samples/hello.wac opened as the workbench opens it (c on the canvas, patchbay open hello.wac).",
            ], artefact: .composition(wac: p("hello.wac"))),
            Step(title: "Link-time virtualization", text: [
                "A parent composition can give a child a different implementation of an import than the one it was written for. The child imports a file store; the parent instantiates a virtualizer that itself imports the real store (left open by `...`) and hands the child the virtual one.",
                "Only the virtualizer can reach the parent's `patchbay:samples/files`; the child sees what the virtualizer decides. Plugging fs-real.wasm into the result gives run() = 2030. This is samples/fs-parent.wac on the canvas.",
            ], artefact: .composition(wac: p("fs-parent.wac"))),
            Step(title: "Shared-everything dynamic linking", text: [
                "Core modules built as dynamic libraries (a `dylink.0` section: how much memory and table each needs, which libraries it needs) are linked into one component that owns one memory and one table. Each library gets its own memory_base and table_base; a symbol one library imports is provided by the first library that exports it; GOT.mem and GOT.func entries hold data addresses and table slots that an init module fills in.",
                "samples/link/counter-app.wasm links libcounter.so (4 bytes of data and `next`) with app.so (`run`). Below: the libraries, which library provides each symbol, and the memory layout. patchbay inspect shows the same as text and JSON.",
            ], artefact: .link(component: p("link/counter-app.wasm"))),
            Step(title: "A plugin loader", text: [
                "The last form links at run time: a host serves an interface through which a component loads other code, as a resource it can call. The WIT below is such an interface (Patchbay's own, in the style of the seed's plugin-loader): `load` takes a plugin's bytes and returns a `plugin` resource; the component calls it by name with bytes in and bytes out, and drops it to unload.",
                "The host decides what a plugin may import (often nothing but the memory it is given), so a plugin is isolated like a shared-nothing instance, but chosen while the program runs. A runnable host is not part of Patchbay; the interface is what a host implements.",
            ], artefact: .wit(path: p("plugins/plugin-loader.wit"))),
        ])
    }

    /// The one-screen tour that is the link view of a document.
    static func linkView(_ doc: ComponentDocument) -> Tour {
        Tour(steps: [Step(title: "Link view: \(doc.name)", text: [], artefact: .linkedDocument(doc))])
    }
}

extension WorkbenchApp {
    /// Prepares the current step's artefact (once, not per frame).
    mutating func prepareTourStep() {
        guard var tour, let step = tour.step else { return }
        tour.scratch = []; tour.lines = []; tour.problem = nil
        switch step.artefact {
        case .composition(let wac):
            // A separate workbench without a session store: the tour never
            // touches the person's own canvas or saved session.
            var s = WorkbenchApp(paths: [], theme: theme, themes: themes, keymap: keymap, pathBase: pathBase)
            s.openComposition(wacPath: wac)
            if case .message(let title, let lines) = s.canvas.overlay { tour.problem = ([title] + lines).joined(separator: "\n") }
            tour.scratch = [s]
        case .link(let path):
            let doc = ComponentDocument.load(path: path)
            if let linked = doc.report?.linked {
                tour.lines = LinkDiagram.lines(linked, title: doc.name, theme: theme, width: size.width)
            } else {
                tour.problem = doc.report == nil ? "\(path) did not load" : "\(doc.name) is not a shared-everything link (no dylink.0 libraries)"
            }
        case .linkedDocument(let doc):
            if let linked = doc.report?.linked {
                tour.lines = LinkDiagram.lines(linked, title: doc.name, theme: theme, width: size.width)
            } else {
                tour.problem = "\(doc.name) is not a shared-everything link (no dylink.0 libraries)"
            }
        case .wit(let path):
            if let data = FileManager.default.contents(atPath: path) {
                let text = String(decoding: data, as: UTF8.self)
                let kw = theme.style("wit.keyword"), ty = theme.style("wit.type")
                tour.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                    let s = String(line)
                    let trimmed = s.trimmingBlanks()
                    if trimmed.hasPrefix("//") { return TextLine(s, style: theme.style("ui.text.dim")) }
                    let words = ["package", "interface", "world", "resource", "import", "export", "use"]
                    if let w = words.first(where: { trimmed.hasPrefix($0 + " ") }) {
                        let lead = String(s.prefix(s.count - trimmed.count))
                        return TextLine(spans: [TextSpan(lead), TextSpan(w, style: kw), TextSpan(String(trimmed.dropFirst(w.count)), style: ty)])
                    }
                    return TextLine(s)
                }
            } else {
                tour.problem = "cannot read \(path)"
            }
        }
        self.tour = tour
    }

    public mutating func startTour(_ t: Tour) {
        tour = t
        prepareTourStep()
    }

    /// n, space, → next; p, ← previous; q, Esc leave; j/k scroll the artefact.
    mutating func handleTour(_ key: Key) -> [Command] {
        guard var t = tour else { return [] }
        switch key {
        case .char("n"), .char(" "), .right, .enter:
            if t.index + 1 < t.steps.count { t.index += 1; tourScroll = 0; tour = t; prepareTourStep() }
        case .char("p"), .left, .backspace:
            if t.index > 0 { t.index -= 1; tourScroll = 0; tour = t; prepareTourStep() }
        case .char("j"), .down: tourScroll += 1
        case .char("k"), .up: tourScroll = max(0, tourScroll - 1)
        case .char("q"), .esc, .char("T"), .char("L"): tour = nil; tourScroll = 0
        default: break
        }
        return []
    }

    func renderTour(into buffer: inout CellBuffer) {
        guard let t = tour, let step = t.step else { return }
        let screen = Rect(x: 0, y: 0, width: buffer.width, height: buffer.height)
        let bg = theme.style("ui.background")
        buffer.fill(screen, with: Cell(symbol: " ", fg: bg.fg ?? .default, bg: bg.bg ?? .default))
        guard screen.height >= 4, screen.width >= 10 else { return }
        let head = t.steps.count > 1 ? " Tour \(t.index + 1)/\(t.steps.count) · \(step.title)" : " \(step.title)"
        buffer.write(head, x: 0, y: 0, style: theme.style("ui.title"), clip: screen.row(0))
        var y = 1
        let textWidth = max(10, screen.width - 2)
        for para in step.text {
            for line in WordWrap.wrap(TextLine(para, style: theme.style("ui.text")), width: textWidth) where y < screen.height - 2 {
                _ = buffer.write(line, x: 1, y: y, clip: screen.row(y)); y += 1
            }
        }
        if !step.text.isEmpty, y < screen.height - 2 {
            buffer.write(String(repeating: "─", count: screen.width), x: 0, y: y, style: theme.style("ui.text.dim"), clip: screen.row(y)); y += 1
        }
        let area = Rect(x: 0, y: y, width: screen.width, height: max(0, screen.height - 1 - y))
        if let problem = t.problem {
            for (k, l) in problem.split(separator: "\n").enumerated() where k < area.height {
                buffer.write(String(l), x: 1, y: area.y + k, style: theme.style("diag.error"), clip: area)
            }
        } else if var s = t.scratch.first, area.height >= 4 {
            // The canvas as the workbench draws it, in the area under the text.
            // One row taller, so the canvas's own key hints (not the tour's) fall off the bottom.
            s.size = Size(width: area.width, height: area.height + 1)
            s.canvas.scrollY = tourScroll
            var sub = CellBuffer(width: area.width, height: area.height + 1)
            s.render(into: &sub)
            for yy in 0..<area.height { for xx in 0..<area.width { buffer[xx, area.y + yy] = sub[xx, yy] } }
        } else {
            for (k, line) in t.lines.dropFirst(tourScroll).prefix(area.height).enumerated() {
                _ = buffer.write(line, x: 0, y: area.y + k, clip: area)
            }
        }
        let keys = t.steps.count > 1 ? "n next · p previous · j/k scroll · q leave the tour" : "j/k scroll · q back to the browser"
        StatusBar(hints: [], message: keys, style: theme.style("ui.statusbar"), keyStyle: theme.style("ui.statusbar.key"))
            .render(in: screen.row(screen.height - 1), buffer: &buffer)
    }
}

extension WorkbenchApp {
    /// The `tour` action (`T` by default): the guided tour on the samples.
    mutating func startFormsTour() {
        startTour(.forms(samples: samplesDir ?? "samples"))
    }

    /// The `link_view` action (`L` by default): the link view of the
    /// selected component, if it is a shared-everything link.
    mutating func showLinkView() {
        guard let i = selectedIndex else { return }
        if documents[i].report?.linked == nil {
            status = "\(documents[i].name) is not a shared-everything link: no link view"
            return
        }
        startTour(.linkView(documents[i]))
    }
}
