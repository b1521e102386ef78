/// Plain-text views of a buffer, so every screen can be asserted in a test
/// without a terminal.
extension CellBuffer {
    /// One string per row; continuation cells are skipped so a wide
    /// character reads as itself. Trailing spaces are trimmed by default.
    public func lines(trimmingTrailingSpaces trim: Bool = true) -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line += self[x, y].symbol }
            if trim {
                while line.last == " " { line.removeLast() }
            }
            return line
        }
    }
}

/// The buffer as text, rows joined by newlines, trailing spaces trimmed.
public func renderToText(_ buffer: CellBuffer, trimmingTrailingSpaces trim: Bool = true) -> String {
    buffer.lines(trimmingTrailingSpaces: trim).joined(separator: "\n")
}
