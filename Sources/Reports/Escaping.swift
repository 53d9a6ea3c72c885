import Engine
import Mustache

/// How text from files is made safe inside each kind of document the templates write.
/// Registered once with the template engine under the names the templates' pragmas use.
enum Escaping {
    /// Registers the content types; templates name them with `{{% CONTENT_TYPE: XML}}` etc.
    static let registered: Void = {
        MustacheContentTypes.register(XMLText(), named: "XML")
        MustacheContentTypes.register(MarkdownCell(), named: "MARKDOWN")
        MustacheContentTypes.register(HTMLText(), named: "HTML5")
    }()

    /// XML 1.0 text and attribute values: markup characters as entities, line breaks and tabs
    /// as character references (so they survive in attributes), and characters XML forbids
    /// (other controls) and bidirectional overrides shown as `\u{1B}`, as the terminal report
    /// shows them.
    struct XMLText: MustacheContentType {
        func escapeText(_ text: String) -> String {
            // Besides what a terminal is not sent, only U+FFFE and U+FFFF (lead byte EF).
            Escaping.replacing(text, from: { TerminalText.mayBeUnsafe($0) || $0 == 0xEF || Escaping.markup($0) }, Self.replacement)
        }

        /// What a scalar is written as, if not as itself.
        static func replacement(_ c: Unicode.Scalar) -> String? {
            if let entity = Escaping.entity(c) { return entity }
            return switch c {
            case "\"": "&quot;"
            case "'": "&apos;"
            case "\n": "&#10;"
            case "\r": "&#13;"
            case "\t": "&#9;"
            default:
                TerminalText.isUnsafe(c) || c.value == 0xFFFE || c.value == 0xFFFF ? TerminalText.escaped(c) : nil
            }
        }
    }

    /// HTML text and attribute values: the five markup characters as entities, as the template
    /// engine's own HTML type writes them, but scalar by scalar: the engine's goes by
    /// Characters, and leaves a quote that a combining mark follows (one Character) unescaped.
    /// Control characters (but line breaks and tabs) and bidirectional overrides are shown as
    /// `\u{1B}`, as the other reports show them: a unit's text cannot reorder what is around it.
    struct HTMLText: MustacheContentType {
        func escapeText(_ text: String) -> String {
            Escaping.replacing(text, from: { TerminalText.mayBeUnsafe($0) || Escaping.markup($0) }, Self.replacement)
        }

        /// What a scalar is written as, if not as itself.
        static func replacement(_ c: Unicode.Scalar) -> String? {
            if let entity = Escaping.entity(c) { return entity }
            return switch c {
            case "\"": "&quot;"
            case "'": "&#39;"
            case "\n", "\r": nil
            default: TerminalText.isUnsafe(c) ? TerminalText.escaped(c) : nil
            }
        }
    }

    /// A cell of a Markdown table: nothing a unit writes can end the cell, start markup or
    /// inject HTML; a line break becomes `<br>`.
    struct MarkdownCell: MustacheContentType {
        func escapeText(_ text: String) -> String {
            Escaping.replacing(text, from: { TerminalText.mayBeUnsafe($0) || Self.special[Int($0)] }, Self.replacement)
        }

        /// What a scalar is written as, if not as itself.
        static func replacement(_ c: Unicode.Scalar) -> String? {
            if let entity = Escaping.entity(c) { return entity }
            return switch c {
            case "\n": "<br>"
            case "\r": ""
            case "|", "\\", "`", "*", "_", "[", "]", "#", "~": "\\" + String(c)
            default: TerminalText.isUnsafe(c) ? TerminalText.escaped(c) : nil
            }
        }

        /// The ASCII bytes Markdown gives a meaning to, by value.
        private static let special: [Bool] = (0..<256).map { "&<>|\\`*_[]#~".utf8.contains(UInt8($0)) }
    }

    /// The bytes of `&`, `<`, `>`, `"` and `'`.
    static func markup(_ b: UInt8) -> Bool {
        b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27
    }

    /// `&`, `<` and `>`, as every kind writes them.
    static func entity(_ c: Unicode.Scalar) -> String? {
        switch c {
        case "&": "&amp;"
        case "<": "&lt;"
        case ">": "&gt;"
        default: nil
        }
    }

    /// `text` with each scalar that `replacement` gives a text for replaced by it. Only a scalar
    /// whose first byte `from` flags is asked about; the runs between replacements are copied
    /// as bytes, and a text with nothing to replace (most of them) is given back as it is.
    @inline(__always)
    static func replacing(_ text: String, from: (UInt8) -> Bool, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var text = text
        let escaped: [UInt8]? = text.withUTF8 { bytes in
            var out: [UInt8] = []
            var run = 0, i = 0
            while i < bytes.count {
                let b = bytes[i]
                guard from(b) else { i += 1; continue }
                let (scalar, length) = scalar(in: bytes, at: i)
                if let r = replacement(scalar) {
                    if out.isEmpty { out.reserveCapacity(bytes.count + 32) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                    out.append(contentsOf: r.utf8)
                    run = i + length
                }
                i += length
            }
            guard run > 0 else { return nil }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
            return out
        }
        guard let escaped else { return text }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// The scalar whose UTF-8 starts at `i` of `bytes` (a String's: valid), and its length.
    @inline(__always)
    private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let b = UInt32(bytes[i])
        let length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
        var v = length == 1 ? b : b & (0x7F >> UInt32(length))
        for k in 1..<length { v = v << 6 | UInt32(bytes[i + k] & 0x3F) }
        return (Unicode.Scalar(v) ?? "\u{FFFD}", length)
    }
}

/// A template of this module's, parsed once.
func template(_ text: String) -> MustacheTemplate {
    Escaping.registered
    // The templates are constants of this module: one that does not parse is a bug here.
    return try! MustacheTemplate(string: text)
}
