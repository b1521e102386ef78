#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine
import TerminalCore

/// The call panel: one export function of a component (the browser's
/// current document, or the composite built from the canvas) called with
/// WAVE arguments through Patchbay's runtime, showing the result and the
/// trace of every boundary crossing.
///
/// The component is instantiated once when the panel opens and every call
/// goes to that instance, so state kept between calls (a counter, a
/// resource handle) behaves as in `patchbay run` with several calls.
public struct CallPanel {
    /// What is being called, for the title: a file name or "the composite".
    public var source: String
    /// Every exported function (`name` or `iface#name`); `chosen` indexes it.
    public var functions: [String]
    public var chosen: Int
    /// The WAVE arguments being typed, without the parentheses.
    public var input = TextInputState()
    /// The result and trace of the last call (or why it could not be made).
    public var output: [Line] = []
    public var scroll = 0
    public var calls = 0
    let runtime: ComponentRuntime?

    public enum Kind: Sendable { case heading, result, error, trace, note }
    public struct Line: Sendable, Equatable {
        public var kind: Kind
        public var text: String
    }

    /// Instantiates `component`; `preferred` is the function to start on.
    init(source: String, component: Component, preferred: String?) {
        self.source = source
        do {
            let rt = try ComponentRuntime(component)
            runtime = rt
            functions = rt.exportedFunctions
            chosen = 0
            if functions.isEmpty { output = [Line(kind: .error, text: "\(source) exports no functions: nothing to call")] }
        } catch {
            runtime = nil
            functions = []
            chosen = 0
            output = [Line(kind: .error, text: "cannot instantiate \(source): \(error)")]
        }
        if output.isEmpty { output = [Line(kind: .note, text: "type the arguments in WAVE (1, \"text\", [1, 2], {x: 1}, some(1), ok(2)...), then enter")] }
        prefer(preferred)
    }

    public var function: String? { chosen < functions.count ? functions[chosen] : nil }

    /// The chosen function's type, as WIT writes it.
    public var signature: String {
        guard let runtime, let name = function, let f = try? runtime.function(name) else { return "" }
        return TypeText().function(f.type)
    }

    mutating func choose(_ step: Int) {
        guard !functions.isEmpty else { return }
        chosen = (chosen + step + functions.count) % functions.count
        input.clear()
    }

    /// Parses the arguments, makes the call with a trace and fills `output`.
    mutating func call() {
        guard let runtime, let name = function else { return }
        calls += 1
        scroll = 0
        let text = "\(name)(\(input.text))"
        output = [Line(kind: .heading, text: "call \(calls): \(text)")]
        let f: ComponentFunction
        let args: [ComponentValue]
        do {
            f = try runtime.function(name)
            args = try WaveSyntax.parseArguments(input.text, as: f.type.params.map(\.type))
        } catch {
            output.append(Line(kind: .error, text: "arguments: \(error)"))
            return
        }
        let trace = CallTrace()
        do {
            let result = try runtime.call(f, args, trace: trace)
            output.append(Line(kind: .result, text: "= " + (result.map(WaveSyntax.print) ?? "()")))
        } catch {
            for (i, l) in "\(error)".split(separator: "\n").enumerated() {
                output.append(Line(kind: .error, text: (i == 0 ? "" : "  ") + l.trimmingBlanks()))
            }
        }
        let lines = trace.render(maxBytes: 16)
        output.append(Line(kind: .note, text: "trace: \(trace.events.count) event\(trace.events.count == 1 ? "" : "s")"))
        output += lines.map { Line(kind: .trace, text: $0) }
    }
}

extension WorkbenchApp {
    /// Opens the panel on the browser's component, starting on the selected
    /// export function (or the first function of a selected export instance).
    mutating func openCallPanelFromBrowser() {
        guard let i = selectedIndex else { status = "no component open: nothing to call"; return }
        let doc = documents[i]
        guard doc.isComponent, doc.isValid, let data = doc.bytes(),
              let component = try? ComponentDecoder.decode(data) else {
            status = "\(doc.name) does not load: nothing to call"
            return
        }
        callPanel = CallPanel(source: doc.name, component: component, preferred: selectedExportPath)
        status = "call panel: \(doc.name)"
    }

    /// The export path (`name`, `iface#name`) of the browser's selected row,
    /// from the names of the rows above it under "exports".
    var selectedExportPath: String? {
        guard let tree = currentTree, let target = treeState.selectedID else { return nil }
        func path(_ nodes: [TreeNode], _ trail: [String]) -> [String]? {
            for n in nodes {
                if n.id == target { return trail + [n.id] }
                if let p = path(n.children, trail + [n.id]) { return p }
            }
            return nil
        }
        guard let ids = path(tree.roots, []), ids.first == "exports" else { return nil }
        let names = ids.dropFirst().compactMap { id -> String? in
            switch tree.details[id] {
            case .function(let name, _)?: return name
            case .text(let title, _)?: return title
            default: return nil
            }
        }
        guard !names.isEmpty else { return nil }
        let joined = names.joined(separator: "#")
        // An instance row: its first function.
        if case .function? = tree.details[target] { return joined }
        return joined + "#"
    }

    /// Opens the panel on the composite the canvas builds, starting on the
    /// composite export made from the selected port, if it is exported.
    mutating func openCallPanelFromCanvas() {
        let g = canvasGraph
        let bytes: [UInt8]
        do { bytes = try CompositionEncoder.encode(g, options: .init(importDependencies: false)) } catch {
            refuse("Cannot build the composite to call", error)
            return
        }
        guard let component = try? ComponentDecoder.decode(bytes) else { status = "the composite does not decode"; return }
        var preferred: String?
        if let sel = canvas.selection {
            for e in g.exports {
                let node = try? g.node(e.node)
                switch (node?.kind, sel.port) {
                case (.alias(let s, let name)?, .export(let port)) where s == sel.node && name == port: preferred = e.name
                case (.instantiation?, .header) where e.node == sel.node: preferred = e.name + "#"
                default: break
                }
                if preferred != nil { break }
            }
        }
        var panel = CallPanel(source: "the composite", component: component, preferred: preferred)
        if g.exports.isEmpty {
            panel.output.insert(CallPanel.Line(kind: .note, text: "the composite exports nothing yet: export a function with e"), at: 0)
        }
        callPanel = panel
    }

    /// Keys while the panel is open: typing edits the arguments, enter
    /// calls, tab and shift+tab change the function, the arrow and page
    /// keys scroll the output, esc closes.
    mutating func handleCallPanel(_ key: Key) -> [Command] {
        guard var p = callPanel else { return [] }
        let page = max(1, callPanelOutputHeight - 1)
        switch key {
        case .esc: callPanel = nil; return []
        case .ctrl("c"): return [.quit]
        case .enter: p.call()
        case .tab: p.choose(1)
        case .backTab: p.choose(-1)
        case .down: p.scroll += 1
        case .up: p.scroll -= 1
        case .pageDown: p.scroll += page
        case .pageUp: p.scroll -= page
        default: _ = p.input.handle(key)
        }
        p.scroll = max(0, min(p.scroll, callPanelOutputLines(p).count - callPanelOutputHeight))
        callPanel = p
        return []
    }
}

extension CallPanel {
    /// Starts on `path`, or on the first function under `path` when it ends in `#`.
    mutating func prefer(_ path: String?) {
        guard let path else { return }
        if let i = functions.firstIndex(of: path) ?? (path.hasSuffix("#") ? functions.firstIndex(where: { $0.hasPrefix(path) }) : nil) {
            chosen = i
        }
    }
}
