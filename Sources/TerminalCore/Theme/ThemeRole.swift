/// The style roles the app draws with. Roles are dotted names; a missing
/// role falls back to its parent (`ui.border.focused` -> `ui.border`), so a
/// theme can be short and a screen can ask for a precise role safely.
public enum ThemeRole {
    public static let background = "ui.background"
    public static let text = "ui.text"
    public static let textDim = "ui.text.dim"
    public static let border = "ui.border"
    public static let borderFocused = "ui.border.focused"
    public static let title = "ui.title"
    public static let selection = "ui.selection"
    public static let selectionUnfocused = "ui.selection.unfocused"
    public static let statusBar = "ui.statusbar"
    public static let statusBarKey = "ui.statusbar.key"
    public static let help = "ui.help"
    public static let modal = "ui.modal"
    public static let input = "ui.input"
    public static let diagError = "diag.error"
    public static let diagWarning = "diag.warning"
    public static let diagInfo = "diag.info"
    public static let witKeyword = "wit.keyword"
    public static let witType = "wit.type"
    public static let witName = "wit.name"
    public static let witPunct = "wit.punct"
    public static let witComment = "wit.comment"
    public static let abiPadding = "abi.padding"
    public static let abiDiscriminant = "abi.discriminant"
    public static let canvasBox = "canvas.box"
    public static let canvasPortImport = "canvas.port.import"
    public static let canvasPortExport = "canvas.port.export"
    public static let canvasWire = "canvas.wire"
    public static let canvasWireBad = "canvas.wire.bad"

    /// How many distinct `abi.field.N` colours a theme defines.
    public static let abiFieldCount = 6

    /// The role for the n-th field of a record layout; colours cycle so
    /// neighbouring fields always differ.
    public static func abiField(_ index: Int) -> String {
        "abi.field.\(((index % abiFieldCount) + abiFieldCount) % abiFieldCount)"
    }

    /// Every role the app uses; bundled themes are tested to define each
    /// one (directly or through a parent).
    public static let all: [String] = [
        background, text, textDim, border, borderFocused, title, selection, selectionUnfocused,
        statusBar, statusBarKey, help, modal, input, diagError, diagWarning, diagInfo,
        witKeyword, witType, witName, witPunct, witComment,
    ] + (0..<abiFieldCount).map { abiField($0) } + [
        abiPadding, abiDiscriminant, canvasBox, canvasPortImport, canvasPortExport, canvasWire, canvasWireBad,
    ]
}
