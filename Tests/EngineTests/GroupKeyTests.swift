import CEL
import Testing
@testable import Engine

@Suite struct GroupKeyTests {
    @Test func keysAreEqualExactlyWhenTheirLiteralsAre() throws {
        let t = ObjectType(name: "visit", fields: [("site", .string)])
        let day = try #require(CELDate(year: 2019, month: 9, day: 16))
        let sameDay = CELDate(day: day.day, origin: Provenance(file: 1, line: 2, column: 3))
        let values: [Value] = [
            .null, .bool(true), .bool(false), .int(1), .int(-1), .uint(1), .double(1), .double(.nan),
            .string("1"), .string("石桥村"), .string("é"), .string("e\u{301}"), .string("a\u{1F}b"), .string(""),
            .date(day), .date(sameDay), .list([.int(1)]), .list([.string("1")]), .list([]),
            .object(CELObject.make(type: t, fields: [.string("甲")])), .object(CELObject.make(type: t, fields: [.string("乙")])),
            .type(.int), .fail("坏"),
        ]
        // Keys of one and of two values, each against each.
        let keys: [[Value]] = values.map { [$0] } + values.map { [$0, .string("x")] } + [[.string("a"), .string("b\u{1F}c")]]
        for a in keys {
            for b in keys {
                let printed = a.map(Printer.literal) == b.map(Printer.literal)
                #expect((GroupKey(a) == GroupKey(b)) == printed, "\(a.map(Printer.literal)) against \(b.map(Printer.literal))")
                if printed { #expect(GroupKey(a).hashValue == GroupKey(b).hashValue) }
            }
        }
    }
}
