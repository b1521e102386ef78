/// Greedy word wrapping by display width. Breaks at whitespace; a word
/// longer than the width is split by characters (never inside a wide
/// character). Leading indentation of the first line is kept; spaces at the
/// wrap point are dropped. Styles travel with every character.
public enum WordWrap {
    public static func wrap(_ text: String, width: Int) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { part in
            wrap(TextLine(String(part)), width: width).map(\.plainText)
        }
    }

    public static func wrap(_ line: TextLine, width: Int) -> [TextLine] {
        guard width > 0 else { return [] }
        // Tokens: runs of all-space or all-non-space characters.
        typealias Piece = (character: Character, style: Style)
        var tokens: [[Piece]] = []
        for span in line.spans {
            for character in span.text {
                let isSpace = character.isWhitespace
                if let last = tokens.last?.last, last.character.isWhitespace == isSpace {
                    tokens[tokens.count - 1].append((character, span.style))
                } else {
                    tokens.append([(character, span.style)])
                }
            }
        }
        var lines: [[Piece]] = []
        var current: [Piece] = []
        var currentWidth = 0
        var pendingSpaces: [Piece] = []
        func widthOf(_ pieces: [Piece]) -> Int { pieces.reduce(0) { $0 + CharWidth.of($1.character) } }
        func finishLine() {
            lines.append(current)
            current = []
            currentWidth = 0
            pendingSpaces = []
        }
        for token in tokens {
            if let first = token.first, first.character.isWhitespace {
                if lines.isEmpty && current.isEmpty {
                    // Indentation of the very first line is meaningful.
                    for piece in token where currentWidth + CharWidth.of(piece.character) <= width {
                        current.append(piece)
                        currentWidth += CharWidth.of(piece.character)
                    }
                } else if !current.isEmpty {
                    pendingSpaces.append(contentsOf: token)
                }
                continue
            }
            let tokenWidth = widthOf(token)
            let spaceWidth = widthOf(pendingSpaces)
            if currentWidth + spaceWidth + tokenWidth <= width {
                current += pendingSpaces + token
                currentWidth += spaceWidth + tokenWidth
                pendingSpaces = []
                continue
            }
            if tokenWidth <= width {
                // Fits on a fresh line (current is not empty, or it would have fit).
                finishLine()
                current = token
                currentWidth = tokenWidth
                continue
            }
            // Longer than any line: start it on a fresh line, then split by characters.
            if !current.isEmpty { finishLine() }
            for piece in token {
                let w = CharWidth.of(piece.character)
                if currentWidth + w > width && !current.isEmpty { finishLine() }
                current.append(piece)
                currentWidth += w
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines.map { pieces in
            var spans: [TextSpan] = []
            for piece in pieces {
                if let last = spans.last, last.style == piece.style {
                    spans[spans.count - 1].text.append(piece.character)
                } else {
                    spans.append(TextSpan(String(piece.character), style: piece.style))
                }
            }
            return TextLine(spans: spans)
        }
    }
}
