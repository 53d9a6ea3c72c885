import Testing
@testable import CEL

/// A field found once by name reads what a lookup by name would, by slot or not.
@Suite struct FieldRefTests {
    static let plan = ObjectType(name: "plan", fields: [("scope", .string), ("date", .date)])
    /// Another type with the same field in another slot, and one without it.
    static let visit = ObjectType(name: "visit", fields: [("date", .date), ("site", .string)])
    static let note = ObjectType(name: "note", fields: [("text", .string)])

    @Test func readsBySlotOnItsTypeAndByNameOnOthers() throws {
        let date = try #require(FieldRef("date", of: Self.plan))
        #expect(date.slot == 1)
        #expect(FieldRef("site", of: Self.plan) == nil)
        let day = try #require(CELDate.parse("2019-09-10"))
        let plan = CELObject.make(type: Self.plan, fields: [.string("班子"), .date(day)])
        let visit = CELObject.make(type: Self.visit, fields: [.date(day), .string("柳河村")])
        let note = CELObject.make(type: Self.note, fields: [.string("x")])
        for o in [plan, visit, note] {
            #expect(date.read(o).map { Equality.equal($0, o["date"] ?? .null) } ?? (o["date"] == nil), "\(o.type.name)")
        }
        if case .date(let d)? = date.read(visit) { #expect(d == day) } else { Issue.record("visit's date by name") }
        #expect(date.read(note) == nil)
        // A record of the type missing its field (absent, not declared elsewhere): nil, no trap.
        #expect(date.read(CELObject.make(type: Self.plan, fields: [.string("班子"), nil])) == nil)
    }
}
