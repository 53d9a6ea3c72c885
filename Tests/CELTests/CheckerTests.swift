import Testing
@testable import CEL

@Suite struct CheckerTests {
    static let plan = ObjectType(name: "ResearchPlan", fields: [("date", .date), ("scope", .string)])
    static let vars: [String: CELType] = ["plans": .list(.object(plan))]

    @Test func misspeltFieldIsLocatedWithASuggestion() {
        let d = diagnostics("plans.map(p, p.dtae)", Self.vars)
        #expect(d.count == 1)
        #expect(d[0].code == "cel.field")
        #expect(d[0].message.contains("dtae") && d[0].message.contains("date"))
        #expect(d[0].range == SourceRange(15, 19))
    }

    @Test func dateComparedWithStringIsAnError() {
        let d = diagnostics("plans.all(p, p.date < '2019-09-10')", Self.vars)
        #expect(d.first?.code == "cel.overload")
    }

    @Test func unknownFunctionAndVariable() {
        #expect(diagnostics("sizee([1])").first?.code == "cel.function")
        #expect(diagnostics("plan.size()", Self.vars).first?.message.contains("plans") == true)
    }

    @Test func resultTypes() throws {
        let env = Env(variables: Self.vars)
        #expect(try env.compile("plans.map(p, p.date).min()").type == .date)
        #expect(try env.compile("plans.filter(p, p.scope == '班子')").type == .list(.object(Self.plan)))
        #expect(try env.compile("size(plans) > 0").type == .bool)
        #expect(try env.compile("plans.map(p, p.date).min() == null").type == .bool)
    }

    @Test func severalErrorsAreAllReported() {
        #expect(diagnostics("plans.map(p, p.x) + plans.map(p, p.y)", Self.vars).count == 2)
    }
}
