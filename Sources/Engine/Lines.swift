/// Text cut into lines at each line feed, a carriage return before it left out: a file saved
/// on Windows (`\r\n`) has the lines of the same file saved elsewhere. Splitting on the
/// Character "\n" does not cut there (`\r\n` is one Character), and walks the text a
/// Character at a time.
enum Lines {
    /// The lines of `text`, the last one after its final line feed (empty when it ends with one).
    static func of(_ text: String) -> [Substring] {
        let utf8 = text.utf8
        var out: [Substring] = []
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex {
            let next = utf8.index(after: i)
            if utf8[i] == 0x0A {
                out.append(line(text, start, i))
                start = next
            }
            i = next
        }
        out.append(line(text, start, utf8.endIndex))
        return out
    }

    /// `text` from `start` to `end`, without a carriage return at the end.
    private static func line(_ text: String, _ start: String.Index, _ end: String.Index) -> Substring {
        let utf8 = text.utf8
        guard end > start else { return text[start..<end] }
        let last = utf8.index(before: end)
        return text[start..<(utf8[last] == 0x0D ? last : end)]
    }
}
