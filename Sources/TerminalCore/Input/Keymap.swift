/// One key bound to one action name.
public struct KeyBinding: Hashable, Sendable {
    public var key: Key
    public var action: String
    public init(_ key: Key, _ action: String) { self.key = key; self.action = action }
}

/// Keys to action names. A key triggers at most one action; an action can
/// have several keys (`k` and up). Bindings keep their order so help and
/// hints list keys the way they were declared (the primary key first).
public struct Keymap: Hashable, Sendable {
    public private(set) var bindings: [KeyBinding]

    public init(_ bindings: [KeyBinding] = []) {
        self.bindings = []
        for binding in bindings { bind(binding.key, to: binding.action) }
    }

    public func action(for key: Key) -> String? {
        bindings.first { $0.key == key }?.action
    }

    public func keys(for action: String) -> [Key] {
        bindings.filter { $0.action == action }.map(\.key)
    }

    /// Binds `key`, taking it away from any other action.
    public mutating func bind(_ key: Key, to action: String) {
        if let index = bindings.firstIndex(where: { $0.key == key }) {
            bindings[index].action = action
        } else {
            bindings.append(KeyBinding(key, action))
        }
    }

    public mutating func unbind(_ key: Key) {
        bindings.removeAll { $0.key == key }
    }

    /// Replaces all keys of `action` with `keys` (an empty list unbinds it).
    public mutating func setKeys(_ keys: [Key], for action: String) {
        bindings.removeAll { $0.action == action }
        for key in keys { bind(key, to: action) }
    }

    /// Status-bar hints for `actions`, using each action's first key and a
    /// short label (the description unless `labels` gives one). Actions
    /// with no key are left out: a hint for a key that does nothing lies.
    public func hints(_ actions: [String], registry: ActionRegistry, labels: [String: String] = [:]) -> [KeyHint] {
        actions.compactMap { name in
            guard let key = keys(for: name).first else { return nil }
            let label = labels[name] ?? registry[name]?.description.lowercased() ?? name
            return KeyHint(key: key.notation, label: label)
        }
    }

    /// Arrows and vim keys, Tab between panes, `/` filter, `?` help, `q` quit.
    public static let standard = Keymap([
        KeyBinding(.char("q"), StandardAction.quit),
        KeyBinding(.ctrl("c"), StandardAction.quit),
        KeyBinding(.char("?"), StandardAction.help),
        KeyBinding(.function(1), StandardAction.help),
        KeyBinding(.char("/"), StandardAction.filter),
        KeyBinding(.enter, StandardAction.confirm),
        KeyBinding(.esc, StandardAction.cancel),
        KeyBinding(.char("k"), StandardAction.moveUp),
        KeyBinding(.up, StandardAction.moveUp),
        KeyBinding(.char("j"), StandardAction.moveDown),
        KeyBinding(.down, StandardAction.moveDown),
        KeyBinding(.char("h"), StandardAction.moveLeft),
        KeyBinding(.left, StandardAction.moveLeft),
        KeyBinding(.char("l"), StandardAction.moveRight),
        KeyBinding(.right, StandardAction.moveRight),
        KeyBinding(.char("g"), StandardAction.goTop),
        KeyBinding(.home, StandardAction.goTop),
        KeyBinding(.char("G"), StandardAction.goBottom),
        KeyBinding(.end, StandardAction.goBottom),
        KeyBinding(.pageUp, StandardAction.pageUp),
        KeyBinding(.ctrl("b"), StandardAction.pageUp),
        KeyBinding(.pageDown, StandardAction.pageDown),
        KeyBinding(.ctrl("f"), StandardAction.pageDown),
        KeyBinding(.tab, StandardAction.focusNext),
        KeyBinding(.backTab, StandardAction.focusPrevious),
    ])
}
