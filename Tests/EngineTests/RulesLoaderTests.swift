import CEL
import Testing
@testable import Engine

@Suite struct RulesLoaderTests {
    @Test func shippedRulesLoadAndEveryRuleIsTraceable() throws {
        let set = try RulesLoader.load(paths: ["\(repositoryRoot)/Rules/theme-education-2019"])
        #expect(!set.rules.isEmpty)
        for rule in set.rules {
            #expect(!rule.implements.isEmpty, "\(rule.id) implements nothing")
            #expect(rule.quote != nil, "\(rule.id) has no quote")
        }
        #expect(set.files.allSatisfy { $0.sha256.count == 64 })
    }

    /// Rules with a misspelt field (`p.dtae`) in one expression.
    static let misspeltField = testRules("""
      - id: r1
        implements: R1
        title: t
        quote: 9月10日前，各单位要制定出领导班子及成员调研方案。
        done_on: records.plans.map(p, p.dtae).min()
        due: values.due
    """)

    @Test func expressionErrorsPointInsideTheYAMLString() throws {
        let text = Self.misspeltField
        guard case .failure(let e) = load(text) else { Issue.record("loaded"); return }
        #expect(e.diagnostics.count == 1)
        let d = try #require(e.diagnostics.first)
        let at = try #require(position(of: "dtae", in: text))
        #expect(d.code == "cel.field")
        #expect(d.location.line == at.line && d.location.column == at.column)
        #expect(d.message.contains("date"))
        #expect(d.sourceLine?.contains("p.dtae") == true)
    }

    @Test func misquotedSourceIsReportedWithWhereItDiverges() throws {
        let text = testRules("""
          - id: r1
            implements: R1
            title: t
            quote: 9月10日前，各单位要制定出领导班子调研方案。
            expect: true
        """)
        guard case .failure(let e) = load(text) else { Issue.record("loaded"); return }
        let d = try #require(e.diagnostics.first)
        #expect(d.code == "rules.quote")
        #expect(d.message.contains("从「9月10日前，各单位要制定出领导班子」之后"))
        #expect(d.location.line == position(of: "quote:", in: text)!.line)
    }

    @Test func quotesMayElideWithEllipsis() throws {
        _ = try mustLoad(testRules("""
          - id: r1
            implements: S1
            title: t
            quote: 重点内容统一到4个专题…开展交流研讨
            expect: true
        """))
    }

    @Test(arguments: [
        ("expect: records.plans.all(p, p.date < '2019-09-10')", "cel.overload"),
        ("expect: size(records.plans)", "cel.type"),
        ("done_on: records.plans.map(p, p.date).min()", "rules.due"),
        ("expect: true\n    severty: error", "rules.key"),
        ("expect: true\n    scope: everywhere", "rules.scope"),
        ("expect: memebrs.size() > 0", "cel.undeclared"),
        ("expect: true\n    message: 未闭合 {{value", "rules.message"),
    ])
    func ruleMistakes(_ body: String, _ code: String) throws {
        let text = testRules("""
          - id: r1
            implements: R1
            title: t
            quote: 9月10日前
            \(body)
        """)
        guard case .failure(let e) = load(text) else { Issue.record("loaded: \(body)"); return }
        #expect(e.diagnostics.map(\.code).contains(code), "\(e.diagnostics)")
    }

    @Test func duplicateRuleIdsAndUnknownTopKeys() throws {
        let rule = "  - {id: r1, implements: R1, title: t, quote: 9月10日前, expect: 'true'}\n"
        let text = testRules(rule + rule, extra: "rulez: []")
        guard case .failure(let e) = load(text) else { Issue.record("loaded"); return }
        #expect(e.diagnostics.map(\.code).sorted() == ["rules.duplicate-id", "rules.key"])
    }

    @Test func valuesAreTypedByTheirLook() throws {
        let set = try mustLoad(testRules("  - {id: r1, implements: R1, title: t, quote: 9月10日前, expect: 'true'}",
                                         extra: "values: {d: 2019-09-10, w: 2w, n: 3, x: 0.5, s: '2019-09-10', l: [a, b]}")
                                .replacingOccurrences(of: "values: {due: 2019-09-10, approx: 5d, limit: 2}\n", with: ""))
        let v = set.values
        #expect(v["d"].map(Printer.literal) == "date(\"2019-09-10\")")
        #expect(v["w"].map(Printer.literal) == "duration(\"14d\")")
        #expect(v["n"].map(Printer.literal) == "3")
        #expect(v["x"].map(Printer.literal) == "0.5")
        #expect(v["s"].map(Printer.literal) == "\"2019-09-10\"")
        #expect(v["l"].map(Printer.literal) == "[\"a\", \"b\"]")
    }

    @Test func brokenYAMLInRulesIsLocated() throws {
        guard case .failure(let e) = load("duibiao: 1\nrules: [\n") else { Issue.record("loaded"); return }
        #expect(e.diagnostics.first?.code == "yaml.syntax")
    }
}
