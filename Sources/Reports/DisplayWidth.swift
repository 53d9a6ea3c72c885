/// Terminal display width: East Asian wide and full-width characters take two cells.
public enum DisplayWidth {
    /// Cells `s` occupies in a terminal.
    public static func of(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + cells($1) }
    }

    /// Cells one scalar occupies: 0 for combining marks, 2 for wide, else 1.
    public static func cells(_ c: Unicode.Scalar) -> Int {
        let v = c.value
        if v == 0 { return 0 }
        if (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) || v == 0xFE0F { return 0 }
        return isWide(v) ? 2 : 1
    }

    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
    }

    /// `s` padded with spaces to `width` cells.
    public static func pad(_ s: String, to width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - of(s)))
    }
}
