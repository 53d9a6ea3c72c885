/// Whether bytes that are not UTF-8 read as GBK, the encoding Notepad on a Chinese Windows
/// saves as "ANSI": ASCII, and two-byte characters whose first byte is 0x81–0xFE and second
/// 0x40–0xFE (not 0x7F), at least one of them. A hint for the office, not a decoder.
enum GBK {
    static func looksLike(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var pairs = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            guard b >= 0x81, b <= 0xFE, i + 1 < bytes.count else { return false }
            let t = bytes[i + 1]
            guard t >= 0x40, t <= 0xFE, t != 0x7F else { return false }
            pairs += 1
            i += 2
        }
        return pairs > 0
    }
}
