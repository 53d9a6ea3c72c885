import Testing
@testable import YAML

/// Anchors and aliases: expanded exactly, with nested anchors recorded once each event.
@Suite struct AnchorTests {
    /// The scalars of a document, in event order (aliases expanded).
    static func scalars(_ text: String) throws -> [String] {
        let reader = EventReader(bytes: Array(text.utf8))
        var out: [String] = []
        while let e = try reader.next() {
            if case .scalar(let s) = e { out.append(s.value) }
        }
        return out
    }

    @Test func nestedAnchorsEachReplayTheirOwnNode() throws {
        let text = "a: &outer [x, &inner [y, &s z], w]\nb: *inner\nc: *outer\nd: *s\n"
        #expect(try Self.scalars(text) == ["a", "x", "y", "z", "w", "b", "y", "z", "c", "x", "y", "z", "w", "d", "z"])
    }

    @Test func anAliasInsideAnAnchorIsPartOfIt() throws {
        let text = "a: &one [p]\nb: &two [*one, q]\nc: *two\n"
        #expect(try Self.scalars(text) == ["a", "p", "b", "p", "q", "c", "p", "q"])
    }

    @Test func aRedefinedAnchorMeansTheLatestNode() throws {
        #expect(try Self.scalars("a: &x 1\nb: &x 2\nc: *x\n") == ["a", "1", "b", "2", "c", "2"])
    }

    @Test func deeplyNestedAnchorsAroundManyScalarsAreReadInOnePass() throws {
        // 60 nested anchors around 100,000 scalars: each event is recorded once, not 60 times.
        let depth = 60
        var text = "a: "
        for i in 0..<depth { text += "&a\(i) [" }
        text += Array(repeating: "1", count: 100_000).joined(separator: ",")
        text += String(repeating: "]", count: depth) + "\n"
        #expect(try Self.scalars(text).count == 100_001)
    }
}
