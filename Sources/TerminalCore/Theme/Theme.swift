/// A role's style as written in a theme, plus the attributes to use when
/// colours are off (`mono`), so selection and focus stay visible under
/// `NO_COLOR` where a coloured background alone would vanish.
public struct RoleStyle: Hashable, Sendable {
    public var style: Style
    public var mono: Attributes

    public init(_ style: Style, mono: Attributes = []) {
        self.style = style
        self.mono = mono
    }
}

/// A palette and a table of style roles. Screens ask `style(_:)` for a
/// role name and never hard-code colours, so switching the theme or the
/// terminal's colour capability changes every screen at once.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var palette: [String: Color]
    public var roles: [String: RoleStyle]
    /// What the terminal can show; styles come out downgraded to it.
    public var capability: ColorCapability

    public init(name: String, palette: [String: Color] = [:], roles: [String: RoleStyle] = [:], capability: ColorCapability = .trueColor) {
        self.name = name
        self.palette = palette
        self.roles = roles
        self.capability = capability
    }

    /// The style of `role`, falling back through its dotted parents and
    /// then to the plain terminal default; adapted to `capability`.
    public func style(_ role: String) -> Style {
        guard let entry = lookup(role) else { return .plain }
        if capability == .none {
            return Style(attributes: entry.style.attributes.union(entry.mono))
        }
        return entry.style.downgraded(to: capability)
    }

    /// The role entry that answers for `role`, after fallback.
    public func lookup(_ role: String) -> RoleStyle? {
        var name = Substring(role)
        while true {
            if let entry = roles[String(name)] { return entry }
            guard let dot = name.lastIndex(of: ".") else { return nil }
            name = name[..<dot]
        }
    }

    /// The same theme for a terminal with `capability`.
    public func adapted(to capability: ColorCapability) -> Theme {
        var copy = self
        copy.capability = capability
        return copy
    }
}

extension Block {
    /// A pane border in the theme's look; `focused` picks `ui.border.focused`.
    public static func themed(_ title: String?, theme: Theme, focused: Bool) -> Block {
        Block(
            title: title,
            borderStyle: theme.style(focused ? ThemeRole.borderFocused : ThemeRole.border),
            titleStyle: theme.style(ThemeRole.title),
            style: theme.style(ThemeRole.background)
        )
    }
}
