import Testing
@testable import CEL

/// A date field compared with a date known when the rules load is judged from the day the
/// record stores (`Nodes.DayTest`): each value and error must be the one the call as written
/// gives, and the steps the same, for records that keep the date as a day, as a value, not at
/// all, and for records of another type.
@Suite struct DayTestTests {
    static let visit = ObjectType(name: "Visit", fields: [("date", .date), ("site", .string)])
    static let other = ObjectType(name: "Other", fields: [("site", .string), ("date", .date)])
    static let valuesType = ObjectType(name: "Values", fields: [("due", .date)])
    static let values = Value.object(CELObject.make(type: valuesType, fields: [.date(CELDate.parse("2019-09-10")!)]))

    static let items: [Value] = {
        var out: [Value] = ["2019-09-09", "2019-09-10", "2019-09-11"].map { text in
            .object(CELObject.make(type: visit, count: 2) { f in
                f.set(0, .day(CELDate.parse(text)!.day), line: 2, column: 11)
                f[1] = .string("石桥村")
            })
        }
        out.append(.object(CELObject.make(type: visit, fields: [.date(CELDate.parse("2019-09-10")!), .string("柳河村")])))
        out.append(.object(CELObject.make(type: visit, fields: [nil, .string("柳河村")])))
        out.append(.object(CELObject.make(type: other, fields: [.string("柳河村"), .date(CELDate.parse("2019-09-12")!)])))
        return out
    }()

    @Test(arguments: [
        ("it.date < values.due", true),
        ("it.date <= values.due", true),
        ("it.date == values.due", true),
        ("it.date != values.due", true),
        ("values.due > it.date", true),
        ("values.due >= it.date", true),
        ("it.date < date('2019-09-10')", false),
        ("it.site == 'x'", false),
    ])
    func aDateFieldIsJudgedByItsDayAsTheCallWould(_ text: String, _ byDay: Bool) throws {
        let env = Env(variables: ["it": .object(Self.visit), "values": .object(Self.valuesType)], constants: ["values": Self.values],
                      varying: ["it"])
        let program = try env.compile(text)
        #expect(program.isDayTest == byDay, "\(text)")
        expectSameAsWritten(program, text, it: Self.items, values: Self.values)
    }
}
