/// A centred dialog with a message and a row of buttons ("Quit without
/// saving?" [Quit] [Cancel]). Which button is selected is app state.
public struct Modal: Sendable {
    public var title: String
    public var message: String
    public var buttons: [String]
    public var style: Style
    public var borderStyle: Style
    public var buttonStyle: Style
    public var selectedButtonStyle: Style
    public var maxWidth: Int

    public init(title: String, message: String, buttons: [String] = ["OK"], style: Style = .plain, borderStyle: Style = .plain, buttonStyle: Style = .plain, selectedButtonStyle: Style = Style(attributes: .reverse), maxWidth: Int = 60) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.style = style
        self.borderStyle = borderStyle
        self.buttonStyle = buttonStyle
        self.selectedButtonStyle = selectedButtonStyle
        self.maxWidth = maxWidth
    }

    private var buttonLabels: [String] { buttons.map { "[ \($0) ]" } }
    private var buttonsWidth: Int { buttonLabels.reduce(0) { $0 + $1.displayWidth } + max(0, buttons.count - 1) * 2 }

    /// The box the dialog occupies on a screen of `screen`; also the area
    /// where mouse clicks belong to the dialog.
    public func area(in screen: Rect) -> Rect {
        let widest = message.split(separator: "\n").map { String($0).displayWidth }.max() ?? 0
        let contentWidth = min(max(widest, buttonsWidth, title.displayWidth + 2, 20), max(1, min(maxWidth, screen.width - 4)))
        let lines = WordWrap.wrap(message, width: contentWidth).count
        return screen.centered(width: contentWidth + 4, height: lines + 5)
    }

    public func render(in screen: Rect, buffer: inout CellBuffer, selectedButton: Int) {
        let box = area(in: screen)
        Block(title: title, borderStyle: borderStyle, titleStyle: borderStyle.adding(.bold), style: style).render(in: box, buffer: &buffer)
        let inner = box.inset(horizontal: 2, vertical: 1)
        let lines = WordWrap.wrap(message, width: inner.width)
        for (index, line) in lines.prefix(max(0, inner.height - 2)).enumerated() {
            buffer.write(line, x: inner.x, y: inner.y + index, style: style, clip: inner)
        }
        let y = inner.maxY - 1
        var x = inner.x + max(0, (inner.width - buttonsWidth) / 2)
        for (index, label) in buttonLabels.enumerated() {
            let buttonLook = style.patched(with: index == selectedButton ? selectedButtonStyle : buttonStyle)
            x = buffer.write(label, x: x, y: y, style: buttonLook, clip: inner) + 2
        }
    }
}
