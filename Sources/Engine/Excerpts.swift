/// The lines of a unit's file that its findings point at, for reports that show them beside the
/// message (the HTML report). Taken while the file's bytes are still at hand, so no report has
/// to read the submissions again.
enum Excerpts {
    /// Lines longer than this are cut: a report shows where, not the whole of a one-line file.
    static let maxLength = 300

    /// Sets `excerpt` on each finding that asks for attention and points into `file`.
    static func attach(_ findings: inout [Finding], bytes: [UInt8], file: String) {
        var starts: [Int]?
        for i in findings.indices {
            let f = findings[i]
            guard f.status != .pass, f.status != .notApplicable, let l = f.locations.first, l.file == file, l.line >= 1 else { continue }
            if starts == nil {
                var s = [0]
                for (j, b) in bytes.enumerated() where b == 0x0A { s.append(j + 1) }
                starts = s
            }
            guard let s = starts, l.line <= s.count else { continue }
            var end = l.line < s.count ? s[l.line] - 1 : bytes.count
            if end > s[l.line - 1], bytes[end - 1] == 0x0D { end -= 1 }
            var text = String(decoding: bytes[s[l.line - 1]..<max(s[l.line - 1], end)], as: UTF8.self)
            if l.line == 1, text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            if text.count > maxLength { text = String(text.prefix(maxLength)) + "…" }
            findings[i].excerpt = text
        }
    }
}
