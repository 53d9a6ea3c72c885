import Foundation

/// Text in Unicode's composed normal form (NFC), without Foundation's pass over text that is
/// already so: a campaign's source document is Chinese, and normalising it took 5 of the 87
/// million instructions loading the 2019 rules took.
enum NFC {
    /// `text` in NFC.
    static func of(_ text: String) -> String {
        text.unicodeScalars.allSatisfy(isStable) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// True for a scalar that NFC keeps as it is, whatever stands beside it: it has no
    /// canonical decomposition, does not combine with the one before, and is not reordered
    /// (its combining class is 0). Only the ranges Chinese text is made of are listed; any
    /// other scalar sends the text to Foundation.
    static func isStable(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        // Below the combining diacritics (U+0300) every scalar is NFC_Quick_Check=Yes with
        // combining class 0.
        case 0..<0x300: true
        // General punctuation: dashes, quotes, the ellipsis (U+2000 and U+2001 decompose).
        case 0x2010...0x2027: true
        // CJK symbols and punctuation, less the tone marks U+302A–U+302F (combining).
        case 0x3000...0x3029, 0x3030...0x303F: true
        // CJK unified ideographs and extension A.
        case 0x3400...0x4DBF, 0x4E00...0x9FFF: true
        // Full-width forms (their decompositions are compatibility ones, which NFC keeps).
        case 0xFF01...0xFF5E: true
        default: false
        }
    }
}
