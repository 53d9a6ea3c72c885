import Testing
@testable import CEL

/// `contains` on strings finds a needle wherever a plain search over the scalars would, also
/// where the search gives up its fast path for the linear one.
@Suite struct ContainsTests {
    /// The search as CEL defines it, by scalars, the slow way.
    static func naive(_ h: String, _ n: String) -> Bool {
        let h = Array(h.unicodeScalars), n = Array(n.unicodeScalars)
        if n.isEmpty { return true }
        guard h.count >= n.count else { return false }
        return (0...(h.count - n.count)).contains { i in Array(h[i..<(i + n.count)]) == n }
    }

    @Test(arguments: [
        ("学习教育", "教育"), ("学习教育", "学习"), ("学习教育", "习教"), ("学习教育", "育学"), ("学习", "学习教育"),
        ("", ""), ("abc", ""), ("", "a"), ("a", "a"), ("ab", "b"), ("ab", "c"),
        ("专题党课已讲授", "党课"), ("专题党课已讲授", "党 课"), ("e\u{301}", "\u{301}"), ("é", "e"),
    ])
    func findsWhatAPlainSearchFinds(_ h: String, _ n: String) {
        #expect(h.containsScalars(n) == Self.naive(h, n))
    }

    /// Haystacks full of the needle's last byte with no match until the end (or none): the
    /// memchr candidates all fail and the rest goes to Knuth–Morris–Pratt, which must still
    /// find the match that straddles the point where it took over.
    @Test(arguments: [1, 2, 3, 7, 40, 300])
    func hostileInputsStillAnswerRightly(_ size: Int) {
        let a = String(repeating: "a", count: size)
        for needle in ["aab", "ab", "aaaab", "b", "ba", "baaa", "baaaaaa"] {
            for haystack in [a, a + "b", a + "ab" + a, "b" + a, a + "aab", String(repeating: "ab", count: size),
                             a + "baaaaaa", a + "b" + a, a + "baa"] {
                #expect(haystack.containsScalars(needle) == Self.naive(haystack, needle), "\(haystack.count) \(needle)")
            }
        }
        let chinese = String(repeating: "学", count: size)
        for needle in ["学习", "习", "学学习", "习学学学"] {
            for haystack in [chinese, chinese + "习", chinese + "学习" + chinese, chinese + "习学学学"] {
                #expect(haystack.containsScalars(needle) == Self.naive(haystack, needle), "\(haystack.count) \(needle)")
            }
        }
    }
}
