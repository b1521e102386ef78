extension String {
    /// Without leading and trailing spaces and tabs. Kept here so the core
    /// does not need Foundation for one helper.
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
