import Testing
@testable import Reports

/// The content types' escaping, which asks only about scalars whose first byte may need it and
/// copies the runs between replacements as bytes, held to a plain walk over every scalar with
/// the same replacements (what each is replaced by, the golden files hold).
@Suite struct EscapingTests {
    /// Scalar by scalar: the reference.
    static func walk(_ text: String, _ replace: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        for c in text.unicodeScalars { out += replace(c) ?? String(c) }
        return out
    }

    /// Scalars of every UTF-8 length, among them each one some kind replaces and their
    /// neighbours by value (U+009F/U+00A0, U+FFFD/U+FFFE, U+202D/U+202F, …).
    static let scalars: [Unicode.Scalar] = {
        let values: [UInt32] = [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1B, 0x1F, 0x20, 0x22, 0x23, 0x26, 0x27, 0x2A, 0x3C, 0x3E,
                                0x41, 0x5B, 0x5C, 0x5D, 0x5F, 0x60, 0x7C, 0x7E, 0x7F, 0x80, 0x85, 0x9F, 0xA0, 0xE9,
                                0x301, 0x2029, 0x202A, 0x202E, 0x202F, 0x2065, 0x2066, 0x2069, 0x206A, 0x201C,
                                0x4E2D, 0x6587, 0xFF0C, 0xFFFD, 0xFFFE, 0xFFFF, 0x1F600, 0x10FFFF]
        return values.compactMap(Unicode.Scalar.init)
    }()

    @Test(arguments: ["xml", "html", "markdown", "terminal"])
    func eachKindReplacesWhatAWalkOverTheScalarsWould(_ kind: String) {
        let escape: (String) -> String
        let reference: (Unicode.Scalar) -> String?
        switch kind {
        case "xml": (escape, reference) = (Escaping.XMLText().escapeText, Escaping.XMLText.replacement)
        case "html": (escape, reference) = (Escaping.HTMLText().escapeText, Escaping.HTMLText.replacement)
        case "markdown": (escape, reference) = (Escaping.MarkdownCell().escapeText, Escaping.MarkdownCell.replacement)
        default: (escape, reference) = (TerminalText.safe, { TerminalText.isUnsafe($0) ? TerminalText.escaped($0) : nil })
        }
        // Every scalar alone, and every pair, at the start, middle and end of a text.
        var texts = ["", "第一批主题教育", "plain ascii"]
        for a in Self.scalars {
            texts.append(String(a))
            for b in Self.scalars { texts.append("中" + String(a) + String(b) + "x") }
        }
        // A deterministic jumble of longer texts.
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            var t = String.UnicodeScalarView()
            for _ in 0..<Int(seed % 40) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                t.append(Self.scalars[Int(seed >> 33) % Self.scalars.count])
            }
            texts.append(String(t))
        }
        for t in texts {
            #expect(escape(t) == Self.walk(t, reference), "\(Array(t.unicodeScalars.map(\.value)))")
        }
    }

    /// A quote, angle bracket or ampersand that a combining mark follows is one Character;
    /// escaped by Characters (the template engine's own HTML type) it would pass raw and end
    /// an attribute early.
    @Test func markupThatACombiningMarkFollowsIsStillEscaped() {
        let text = "x\"\u{301} onmouseover=\"\u{301}a<\u{301}b&\u{301}"
        #expect(Escaping.HTMLText().escapeText(text) == "x&quot;\u{301} onmouseover=&quot;\u{301}a&lt;\u{301}b&amp;\u{301}")
        #expect(Escaping.XMLText().escapeText(text) == "x&quot;\u{301} onmouseover=&quot;\u{301}a&lt;\u{301}b&amp;\u{301}")
        #expect(!Escaping.MarkdownCell().escapeText("<\u{301}").contains("<"))
    }

    /// As the text and Markdown reports show them: a unit's name cannot recolour a terminal
    /// that shows the page's source, nor reverse the text around it in a browser.
    @Test func controlsAndBidirectionalOverridesAreShownAsEscapes() {
        let text = "a\u{1B}[31m\u{202E}b\u{85}\u{2067}\n\tc"
        #expect(Escaping.HTMLText().escapeText(text) == "a\\u{1B}[31m\\u{202E}b\\u{85}\\u{2067}\n\tc")
        #expect(Escaping.XMLText().escapeText(text) == "a\\u{1B}[31m\\u{202E}b\\u{85}\\u{2067}&#10;&#9;c")
        #expect(Escaping.MarkdownCell().escapeText(text) == "a\\u{1B}\\[31m\\u{202E}b\\u{85}\\u{2067}<br>\tc")
    }

    @Test func aTextWithNothingToReplaceComesBackAsItIs() {
        let text = "二〇一九年九月十日，市委（扩大）会议"
        #expect(Escaping.XMLText().escapeText(text) == text)
        #expect(Escaping.HTMLText().escapeText(text) == text)
        #expect(Escaping.MarkdownCell().escapeText(text) == text)
    }
}
