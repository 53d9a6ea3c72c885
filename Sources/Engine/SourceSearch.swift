import Foundation

/// A source document's text, searched for quotes by bytes: what Foundation's `range(of:)`
/// finds (canonically equivalent text, whole characters) without its folding of each
/// character, which made checking a campaign's quotes most of the time rules take to load.
struct SourceSearch {
    /// The text in NFC, as UTF-8.
    private let bytes: [UInt8]

    init(_ text: String) {
        bytes = Array(NFC.of(text).utf8)
    }

    /// Where `piece` first stands whole, beginning at or after byte `from` and ending by byte
    /// `end` (the end of the text if nil).
    func find(_ piece: String, from: Int, end: Int? = nil) -> Range<Int>? {
        let needle = Array(NFC.of(piece).utf8)
        let limit = min(end ?? bytes.count, bytes.count)
        guard !needle.isEmpty, from >= 0 else { return nil }
        var start = from
        while start + needle.count <= limit {
            guard let at = occurrence(of: needle, from: start, limit: limit) else { return nil }
            // A match ending before a combining mark ends inside a character: not whole.
            if !startsWithMark(at + needle.count) { return at..<at + needle.count }
            start = at + 1
        }
        return nil
    }

    /// The first byte offset at or after `from` where `needle` stands, ending by `limit`:
    /// its first byte found by `memchr`, the rest compared by `memcmp`.
    private func occurrence(of needle: [UInt8], from: Int, limit: Int) -> Int? {
        bytes.withUnsafeBytes { text in
            needle.withUnsafeBytes { n in
                var i = from
                while i + n.count <= limit {
                    guard let p = memchr(text.baseAddress! + i, Int32(n[0]), limit - n.count + 1 - i) else { return nil }
                    let at = text.baseAddress!.distance(to: UnsafeRawPointer(p))
                    if memcmp(text.baseAddress! + at, n.baseAddress!, n.count) == 0 { return at }
                    i = at + 1
                }
                return nil
            }
        }
    }

    /// Whether the character at byte `i` begins with a combining mark.
    private func startsWithMark(_ i: Int) -> Bool {
        guard i < bytes.count else { return false }
        let lead = bytes[i]
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard i + length <= bytes.count, let scalar = String(decoding: bytes[i..<i + length], as: UTF8.self).unicodeScalars.first else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
