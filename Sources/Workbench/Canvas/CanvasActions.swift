import TerminalCore

/// The canvas's named actions and default keys. The canvas's help overlay
/// and status hints are generated from this table, like the browser's.
public enum CanvasActions {
    public static let toggle = "canvas"
    public static let nextBox = "canvas_next_box"
    public static let previousBox = "canvas_previous_box"
    public static let wire = "canvas_wire"
    public static let unwire = "canvas_unwire"
    public static let remove = "canvas_remove"
    public static let rename = "canvas_rename"
    public static let export = "canvas_export"
    public static let add = "canvas_add"
    public static let plug = "canvas_plug"
    public static let undo = "canvas_undo"
    public static let redo = "canvas_redo"
    public static let fold = "canvas_fold"
    public static let move = "canvas_move"
    public static let scrollLeft = "canvas_scroll_left"
    public static let scrollRight = "canvas_scroll_right"
    public static let scrollUp = "canvas_scroll_up"
    public static let scrollDown = "canvas_scroll_down"
    public static let write = "canvas_write"
    public static let view = "canvas_view"
    public static let saveWac = "canvas_save_wac"
    public static let call = "canvas_call"

    /// The standard actions the canvas answers to, with the keys the
    /// workbench gives them. Left out on purpose: filter (nothing to filter),
    /// go to top/bottom, paging and pane focus (no list, no panes; Tab and
    /// PageUp/PageDown are canvas keys below).
    static let standardActions = [
        StandardAction.quit, StandardAction.help, StandardAction.confirm, StandardAction.cancel,
        StandardAction.moveUp, StandardAction.moveDown, StandardAction.moveLeft, StandardAction.moveRight,
    ]

    /// What standard actions do on the canvas, where the browser's
    /// description does not fit.
    static let canvasDescriptions = [
        StandardAction.confirm: "Wire the import, export the export, or fold the box",
        StandardAction.moveUp: "Previous port",
        StandardAction.moveDown: "Next port",
        StandardAction.moveLeft: "Box to the left",
        StandardAction.moveRight: "Box to the right",
    ]

    public static let registry: ActionRegistry = {
        var r = ActionRegistry(ActionRegistry.standard.actions.compactMap { action in
            guard standardActions.contains(action.name) else { return nil }
            var a = action
            if let d = canvasDescriptions[action.name] { a.description = d }
            return a
        })
        r.register(Action(nextBox, "Next box", category: "Navigation"))
        r.register(Action(previousBox, "Previous box", category: "Navigation"))
        r.register(Action(scrollLeft, "Scroll the canvas left", category: "Navigation"))
        r.register(Action(scrollDown, "Scroll the canvas down", category: "Navigation"))
        r.register(Action(scrollUp, "Scroll the canvas up", category: "Navigation"))
        r.register(Action(scrollRight, "Scroll the canvas right", category: "Navigation"))
        r.register(Action(toggle, "Switch between the browser and the composition canvas", category: "Canvas"))
        r.register(Action(add, "Add an instance of a library component", category: "Canvas"))
        r.register(Action(wire, "Wire the selected import: candidates ranked by name and type fit", category: "Canvas"))
        r.register(Action(plug, "Plug: wire every same-named export of another instance", category: "Canvas"))
        r.register(Action(unwire, "Unwire the import, unexport the export, or remove the box", category: "Canvas"))
        r.register(Action(remove, "Remove the selected instance and its wires", category: "Canvas"))
        r.register(Action(rename, "Rename the selected instance", category: "Canvas"))
        r.register(Action(export, "Export the selected export (or instance) from the composite", category: "Canvas"))
        r.register(Action(undo, "Undo the last edit", category: "Canvas"))
        r.register(Action(redo, "Redo the edit undone last", category: "Canvas"))
        r.register(Action(fold, "Fold or unfold the selected box", category: "Canvas"))
        r.register(Action(move, "Move the selected box with the movement keys", category: "Canvas"))
        r.register(Action(write, "Write the composite .wasm (validated, atomic)", category: "Canvas"))
        r.register(Action(view, "Show the composite's WIT and structure", category: "Canvas"))
        r.register(Action(saveWac, "Save the composition as WAC (patchbay open FILE.wac reopens it)", category: "Canvas"))
        r.register(Action(call, "Call an export of the composite: WAVE arguments, result and trace", category: "Canvas"))
        return r
    }()

    /// The canvas's keys: the standard actions keep the keys `base` (the
    /// workbench's keymap, with the user's bindings file applied) gives
    /// them, so a rebinding there applies on the canvas too; the canvas's
    /// own keys are bound on top.
    public static func keymap(over base: Keymap) -> Keymap {
        var k = Keymap(base.bindings.filter { standardActions.contains($0.action) })
        k.bind(.tab, to: nextBox)
        k.bind(.backTab, to: previousBox)
        k.bind(.char("H"), to: scrollLeft)
        k.bind(.char("J"), to: scrollDown)
        k.bind(.char("K"), to: scrollUp)
        k.bind(.char("L"), to: scrollRight)
        k.bind(.pageDown, to: scrollDown)
        k.bind(.pageUp, to: scrollUp)
        k.bind(.char("c"), to: toggle)
        k.bind(.char("a"), to: add)
        k.bind(.char("w"), to: wire)
        k.bind(.char("p"), to: plug)
        k.bind(.char("x"), to: unwire)
        k.bind(.char("D"), to: remove)
        k.bind(.char("n"), to: rename)
        k.bind(.char("e"), to: export)
        k.bind(.char("u"), to: undo)
        k.bind(.ctrl("r"), to: redo)
        k.bind(.char("U"), to: redo)
        k.bind(.char("z"), to: fold)
        k.bind(.char("m"), to: move)
        k.bind(.char("s"), to: write)
        k.bind(.char("v"), to: view)
        k.bind(.char("W"), to: saveWac)
        k.bind(.char("R"), to: call)
        return k
    }
}
