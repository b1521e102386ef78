/// A key press as the app sees it, independent of how the terminal encoded it.
public enum Key: Hashable, Sendable {
    /// A printable character; shifted letters arrive as the capital.
    case char(Character)
    /// Ctrl plus a letter, always lower case (`ctrl("c")`).
    case ctrl(Character)
    case up, down, left, right
    case enter, esc, tab, backTab, backspace, delete, insert
    case home, end, pageUp, pageDown
    /// F1 is `function(1)`.
    case function(Int)
}

/// A mouse button.
public enum MouseButton: Hashable, Sendable {
    case left, middle, right
}

/// A mouse event at a cell position.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case press(MouseButton)
        case release(MouseButton)
        case wheelUp
        case wheelDown
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

extension Key {
    /// Decodes a character code the way a terminal in raw mode delivers it:
    /// control codes become ctrl keys, with the usual exceptions (Tab is
    /// ctrl+i, Enter is ctrl+m or ctrl+j, Esc is 27, Backspace 8 or 127).
    /// Kept here, not in the backend, so it is tested without a terminal.
    public static func fromCharacterCode(_ code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .esc
        case 8, 127: return .backspace
        case 0: return .ctrl(" ")
        case 1...26:
            guard let scalar = Unicode.Scalar(code + 96) else { return nil }
            return .ctrl(Character(scalar))
        case 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }
}
