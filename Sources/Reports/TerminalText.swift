/// Text from files (units' records, file names) made safe for a terminal: control characters
/// are shown as escapes instead of being obeyed, so a submission cannot recolour the report,
/// retitle the window, clear the screen or fake a line of its own.
public enum TerminalText {
    /// `text` with every control character (C0, DEL, C1) and bidirectional override shown as
    /// `\u{…}`; a tab stays a tab.
    public static func safe(_ text: String) -> String {
        Escaping.replacing(text, from: mayBeUnsafe) { isUnsafe($0) ? escaped($0) : nil }
    }

    /// One character as the reports show what they will not send raw: `\u{1B}`.
    static func escaped(_ c: Unicode.Scalar) -> String {
        "\\u{\(String(c.value, radix: 16, uppercase: true))}"
    }

    /// Whether a scalar whose UTF-8 starts with byte `b` may be one `isUnsafe` flags: a C0
    /// control, DEL, a C1 control (lead byte C2) or a bidirectional override (E2).
    static func mayBeUnsafe(_ b: UInt8) -> Bool {
        b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2
    }

    static func isUnsafe(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v == 0x09 { return false }
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }
}
