import Foundation
import Testing
@testable import Engine

@Suite struct SourceSearchTests {
    @Test func findsWhatFoundationsSearchFindsWhereItFindsIt() throws {
        // Pieces of the real source document, some changed by a character: the byte search
        // must agree with `range(of:)` on each, found or not, and on where.
        let text = try String(contentsOfFile: "\(repositoryRoot)/seeds/000_e2d3f5109e70ee80.txt", encoding: .utf8)
        let search = SourceSearch(text)
        let characters = Array(text)
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for round in 0..<400 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let start = Int(state >> 33) % characters.count
            let length = 1 + Int(state >> 20) % 30
            var piece = String(characters[start..<min(characters.count, start + length)])
            if round % 3 == 0 { piece += "错" }
            let expected = text.range(of: piece).map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }
            #expect(search.find(piece, from: 0)?.lowerBound == expected, "\(piece)")
        }
    }

    @Test func findsCanonicallyEquivalentTextAndOnlyWholeCharacters() {
        // q with an acute accent has no precomposed form: NFC keeps the mark apart.
        let text = "café, q\u{301}x, qx"
        let search = SourceSearch(text)
        #expect(search.find("cafe\u{301}", from: 0) != nil)
        #expect(SourceSearch("cafe\u{301}").find("café", from: 0) != nil)
        // "q" ends inside "q\u{301}": the first whole one is in "qx", as Foundation says.
        #expect(search.find("q", from: 0)?.lowerBound == "café, q\u{301}x, ".utf8.count)
        #expect(text.range(of: "q").map { text[..<$0.lowerBound].utf8.count } == "café, q\u{301}x, ".utf8.count)
    }

    @Test func searchesOnlyBetweenItsBounds() {
        let search = SourceSearch("甲乙丙甲")
        let first = search.find("甲", from: 0)
        #expect(first == 0..<3)
        #expect(search.find("甲", from: 1) == 9..<12)
        #expect(search.find("丙", from: 0, end: 8) == nil)
        #expect(search.find("丙", from: 0, end: 9) == 6..<9)
        #expect(search.find("丁", from: 0) == nil)
    }
}
