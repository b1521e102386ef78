/// A named thing the user can do. Names are the hub: keys map to names,
/// and help, status hints and docs are generated from the same table, so
/// they cannot drift apart. Names are snake_case so they can be bare TOML
/// keys in a config file (`quit = ["q"]`).
public struct Action: Hashable, Sendable {
    public var name: String
    public var description: String
    public var category: String

    public init(_ name: String, _ description: String, category: String) {
        self.name = name
        self.description = description
        self.category = category
    }
}

/// The names of the actions every screen understands.
public enum StandardAction {
    public static let quit = "quit"
    public static let help = "help"
    public static let filter = "filter"
    public static let confirm = "confirm"
    public static let cancel = "cancel"
    public static let moveUp = "move_up"
    public static let moveDown = "move_down"
    public static let moveLeft = "move_left"
    public static let moveRight = "move_right"
    public static let goTop = "go_top"
    public static let goBottom = "go_bottom"
    public static let pageUp = "page_up"
    public static let pageDown = "page_down"
    public static let focusNext = "focus_next"
    public static let focusPrevious = "focus_prev"
}

/// The known actions, in the order help lists them.
public struct ActionRegistry: Hashable, Sendable {
    public private(set) var actions: [Action] = []

    public init(_ actions: [Action] = []) {
        for action in actions { register(action) }
    }

    /// Adds an action, replacing one with the same name in place.
    public mutating func register(_ action: Action) {
        if let index = actions.firstIndex(where: { $0.name == action.name }) {
            actions[index] = action
        } else {
            actions.append(action)
        }
    }

    public subscript(name: String) -> Action? { actions.first { $0.name == name } }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// Categories in first-seen order.
    public var categories: [String] {
        var seen: [String] = []
        for action in actions where !seen.contains(action.category) { seen.append(action.category) }
        return seen
    }

    /// The standard actions; screens register their own on top.
    public static let standard = ActionRegistry([
        Action(StandardAction.quit, "Quit", category: "General"),
        Action(StandardAction.help, "Show or hide this help", category: "General"),
        Action(StandardAction.filter, "Filter the list", category: "General"),
        Action(StandardAction.confirm, "Open or confirm", category: "General"),
        Action(StandardAction.cancel, "Close or cancel", category: "General"),
        Action(StandardAction.moveUp, "Move up", category: "Navigation"),
        Action(StandardAction.moveDown, "Move down", category: "Navigation"),
        Action(StandardAction.moveLeft, "Move left or fold", category: "Navigation"),
        Action(StandardAction.moveRight, "Move right or unfold", category: "Navigation"),
        Action(StandardAction.goTop, "Go to the top", category: "Navigation"),
        Action(StandardAction.goBottom, "Go to the bottom", category: "Navigation"),
        Action(StandardAction.pageUp, "Page up", category: "Navigation"),
        Action(StandardAction.pageDown, "Page down", category: "Navigation"),
        Action(StandardAction.focusNext, "Next pane", category: "Panes"),
        Action(StandardAction.focusPrevious, "Previous pane", category: "Panes"),
    ])
}
