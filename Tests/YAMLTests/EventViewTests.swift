import Testing
@testable import YAML

/// The borrowed events (`nextView`) say what the owned ones (`next`) say, replayed aliases and
/// nulls included.
@Suite struct EventViewTests {
    static func owned(_ text: String) throws -> [Event] {
        let reader = EventReader(bytes: Array(text.utf8))
        var out: [Event] = []
        while let e = try reader.next() { out.append(e) }
        return out
    }

    /// Each view made into an event before the next is read, as its bytes last only until then.
    static func viewed(_ text: String) throws -> [Event] {
        let reader = EventReader(bytes: Array(text.utf8))
        var out: [Event] = []
        while let e = try reader.nextView() { out.append(e.event) }
        return out
    }

    @Test func viewsAreTheEventsWithTheirTextBorrowed() throws {
        let documents = [
            "a: 1\nb: [x, 'y', \"z\\n\"]\nc: {d: ~, e: null, f: ''}\n",
            "a: &x 长一些的文本，超过十五个字节\nb: *x\nc: &l [p, *x, q]\nd: *l\n",
            "text: |\n  两行\n  文字\nfolded: >\n  a\n  b\n",
            "- 第一\n- - 第二\n  - 第三\n",
        ]
        for text in documents {
            let views = try Self.viewed(text)
            #expect(views == (try Self.owned(text)), "\(text)")
            #expect(!views.isEmpty)
        }
    }

    @Test func nullIsTheSameForViewsAndScalars() throws {
        let text = "[~, null, Null, NULL, nulL, NUll, '', '~', \"null\", nul, nulls, '~~', 0]"
        let reader = EventReader(bytes: Array(text.utf8))
        var nulls: [Bool] = []
        while let e = try reader.nextView() {
            if case .scalar(let s) = e {
                #expect(s.isNull == s.scalar.isNull, "\(s.value)")
                nulls.append(s.isNull)
            }
        }
        #expect(nulls == [true, true, true, true, false, false, false, false, false, false, false, false, false])
        // A plain empty value is null too.
        #expect(try Self.owned("a:\n").contains { if case .scalar(let s) = $0 { s.value.isEmpty && s.isNull } else { false } })
    }
}
