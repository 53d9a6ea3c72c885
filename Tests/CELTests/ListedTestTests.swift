import Testing
@testable import CEL

/// A comparison of a field kept by its number in its list (`RecordField.listed`) with texts
/// known when the rules load is judged from the number (`Nodes.ListedTest`): each value and
/// error must be the one the call as written gives, for records that keep the field by
/// number, as a value (a text outside the list), not at all, and for records of another type.
@Suite struct ListedTestTests {
    static let problem = ObjectType(name: "Problem", fields: [("status", .string), ("id", .string)],
                                    listed: [["未开始", "整改中", "已完成", "已完成"], []])
    static let other = ObjectType(name: "Other", fields: [("id", .string), ("status", .string)])

    static let items: [Value] = {
        var out: [Value] = (0..<4).map { n in
            .object(CELObject.make(type: problem, count: 2) { f in
                f.set(0, .listed(Int32(n)), line: 3, column: 9)
                f[1] = .string("P\(n)")
            })
        }
        out.append(.object(CELObject.make(type: problem, fields: [.string("已 完成"), .string("P8")])))
        out.append(.object(CELObject.make(type: problem, fields: [.string("已完成"), .string("P7")])))
        out.append(.object(CELObject.make(type: problem, fields: [nil, .string("P9")])))
        out.append(.object(CELObject.make(type: other, fields: [.string("P5"), .string("已完成")])))
        return out
    }()

    @Test(arguments: [
        ("it.status == '已完成'", true),
        ("'已完成' == it.status", true),
        ("it.status != '未开始'", true),
        ("it.status == '不在列表中'", true),
        ("it.status in values.done", true),
        ("values.done.exists(d, it.status == d)", false),
        ("it.status in []", false),
        ("it.id == 'P1'", false),
        ("dyn(it).status == '已完成'", false),
    ])
    func aListedFieldIsJudgedByItsNumberAsTheCallWould(_ text: String, _ byNumber: Bool) throws {
        let valuesType = ObjectType(name: "Values", fields: [("done", .list(.string))])
        let values = Value.object(CELObject.make(type: valuesType, fields: [.list([.string("已完成"), .string("整改中")])]))
        let env = Env(variables: ["it": .object(Self.problem), "values": .object(valuesType)], constants: ["values": values], varying: ["it"])
        let program = try env.compile(text)
        #expect(program.isListedTest == byNumber, "\(text)")
        expectSameAsWritten(program, text, it: Self.items, values: values)
    }
}
