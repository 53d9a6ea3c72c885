import Foundation
import Testing
@testable import Engine

@Suite struct NFCTests {
    /// Every scalar `NFC.isStable` lets through, in one text and one by one beside others.
    private static let stable: [Unicode.Scalar] = (0..<0x1_0000).compactMap { Unicode.Scalar(UInt32($0)) }.filter(NFC.isStable)

    @Test func textOfStableScalarsIsWhatFoundationMakesOfIt() {
        // The fast path keeps such text as it is: Foundation must agree, for the whole and for
        // each scalar between a letter and an ideograph.
        #expect(Self.stable.count > 20_000)
        var all = String.UnicodeScalarView()
        all.append(contentsOf: Self.stable)
        let text = String(all)
        let made = Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
        let firstChange = made.indices.first { $0 >= Self.stable.count || made[$0] != Self.stable[$0] }.map { String(made[$0].value, radix: 16) }
        let same = made == Self.stable
        #expect(same, "Foundation makes the text differ first at U+\(firstChange ?? "(its end)")")
        let differing = Self.stable.filter { s in
            var v = String.UnicodeScalarView()
            v.append(contentsOf: ["a", s, "中"])
            return Array(String(v).precomposedStringWithCanonicalMapping.unicodeScalars) != ["a", s, "中"]
        }
        #expect(differing.isEmpty, "\(differing.prefix(5).map { String($0.value, radix: 16) })")
    }

    @Test func otherTextGoesToFoundation() {
        // A mark after a letter, a singleton (U+2000 is U+2002 in NFC), a Hangul syllable's jamo,
        // a compatibility ideograph: each comes out composed as Foundation composes it.
        for text in ["cafe\u{301}", "甲\u{2000}乙", "\u{1100}\u{1161}", "\u{F900}", "か\u{3099}", "甲\u{302A}"] {
            #expect(NFC.of(text).unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars), "\(text)")
        }
        // Compared by scalars: `String`'s `==` holds canonically equivalent texts equal.
        #expect(Array(NFC.of("cafe\u{301}").unicodeScalars) == ["c", "a", "f", "\u{E9}"])
        #expect(Array(NFC.of("\u{F900}").unicodeScalars) == ["\u{8C48}"])
    }
}
