/// A strict form of the key-script notation for command lines and golden
/// tests, where a typo must not pass silently as typed text:
///
///   - every character is typed as itself, a space included (`/greet` types five keys);
///   - `<name>` is a key in config notation: `<enter>`, `<esc>`, `<tab>`,
///     `<shift+tab>`, `<up>`, `<pgdn>`, `<ctrl+c>`, `<f1>`, `<space>`, `<lt>` for `<`;
///   - `<resize WxH>` resizes the screen, e.g. `<resize 40x12>`;
///   - `<click X,Y>`, `<wheelup X,Y>`, `<wheeldown X,Y>` are mouse events at a
///     0-based cell (a click is a left press and its release).
///
/// Unlike `Key.script`, an unknown `<...>` or an unclosed `<` is an error
/// naming its column, not literal text.
public enum EventScript {
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        /// 1-based column (in characters) of the `<` that starts the bad token.
        public var column: Int
        public var message: String
        public var description: String { "key script column \(column): \(message)" }
    }

    public static func parse(_ text: String) throws(ParseError) -> [Event] {
        var events: [Event] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            guard c == "<" else {
                events.append(.key(.char(c)))
                i += 1
                continue
            }
            guard let close = chars[i...].firstIndex(of: ">") else {
                throw ParseError(column: i + 1, message: "'<' without a closing '>' (type a literal '<' as <lt>)")
            }
            let token = String(chars[(i + 1)..<close])
            events += try parseToken(token, column: i + 1)
            i = close + 1
        }
        return events
    }

    private static func parseToken(_ token: String, column: Int) throws(ParseError) -> [Event] {
        if token == "lt" { return [.key(.char("<"))] }
        let words = token.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if words.count == 2 {
            let verb = words[0].lowercased(), arg = words[1]
            switch verb {
            case "resize":
                let parts = arg.lowercased().split(separator: "x").compactMap { Int($0) }
                guard parts.count == 2, (1...10_000).contains(parts[0]), (1...10_000).contains(parts[1]) else {
                    throw ParseError(column: column, message: "expected <resize WxH> with sizes from 1 to 10000, found <\(token)>")
                }
                return [.resize(Size(width: parts[0], height: parts[1]))]
            case "click", "wheelup", "wheeldown":
                let parts = arg.split(separator: ",").compactMap { Int($0) }
                guard parts.count == 2, parts[0] >= 0, parts[1] >= 0 else {
                    throw ParseError(column: column, message: "expected <\(verb) X,Y> with 0-based cell coordinates, found <\(token)>")
                }
                let (x, y) = (parts[0], parts[1])
                switch verb {
                case "click": return [.mouse(MouseEvent(.press(.left), x: x, y: y)), .mouse(MouseEvent(.release(.left), x: x, y: y))]
                case "wheelup": return [.mouse(MouseEvent(.wheelUp, x: x, y: y))]
                default: return [.mouse(MouseEvent(.wheelDown, x: x, y: y))]
                }
            default:
                break
            }
        }
        // A single character between brackets is ambiguous with typed text; ask for the plain form.
        if token.count > 1, let key = Key(parsing: token) { return [.key(key)] }
        throw ParseError(column: column, message: "unknown key <\(token)>; expected a key name such as <enter>, <esc>, <tab>, <up>, <ctrl+c>, <f1>, <space>, <lt>, or <resize WxH>, <click X,Y>, <wheelup X,Y>, <wheeldown X,Y>")
    }
}
