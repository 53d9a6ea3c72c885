import Foundation
import CEL
@testable import Engine
import Testing

/// `explain` and `lint --coverage` read the source document and the rule as the office wrote them.
@Suite struct ExplainTests {
    @Test func dutySentencesAreThoseThatAskSomething() {
        let s = QuoteCoverage.sentences("一要制定方案。这很重要；必须按时完成！主要内容如下\n不得扎堆调研")
        #expect(s.map(\.text) == ["一要制定方案。", "这很重要；", "必须按时完成！", "主要内容如下", "不得扎堆调研"])
        #expect(s.map(\.paragraph) == [1, 1, 1, 1, 2])
        #expect(s.filter { QuoteCoverage.isDuty($0.text) }.map(\.text) == ["一要制定方案。", "必须按时完成！", "不得扎堆调研"])
    }

    @Test func aQuotedSentenceIsCovered() throws {
        let set = try RulesLoader.load(paths: ["\(repositoryRoot)/Rules/theme-education-2019"])
        let open = QuoteCoverage.uncovered(set).map(\.text)
        // Quoted by research-plan-by-sept-10 and no-crowded-research.
        #expect(!open.contains("9月10日前，各单位要制定出领导班子及成员调研方案。"))
        #expect(!open.contains("要注意防止扎堆调研，避免增加基层负担。"))
        #expect(open.contains("要着眼查找本单位自身问题和解决实际问题，认真研究制定领导班子调研方案。"))
    }

    @Test func theQuoteIsFoundInItsParagraphPieceByPiece() {
        let (pieces, n) = RuleExplanation.locate("甲乙…丁", in: "第一段\n开头甲乙丙丁结尾")
        #expect(n == 2)
        #expect(pieces?.map(\.0) == ["开头", "甲乙", "丙", "丁", "结尾"])
        #expect(pieces?.map(\.1) == [false, true, false, true, false])
    }

    @Test func aTraceShowsEachPartOfAnAndChain() throws {
        let set = try RulesLoader.load(paths: ["\(repositoryRoot)/Rules/theme-education-2019"])
        let e = try #require(RuleExplanation.explain(set, rule: "topic-three-steps",
                                                     files: ["\(repositoryRoot)/Examples/theme-education-2019/county-qingxian.yaml"],
                                                     asOf: CELDate.parse("2019-10-15")!))
        let trace = try #require(e.trace)
        let item = try #require(trace.items.first { $0.label == "关于优化营商环境的调研" })
        let expect = try #require(item.steps.first { $0.key == "expect" })
        #expect(expect.value == .bool(false))
        // Written 个人选题, 精准定题, 书记统筹 on 9-04, 9-09, 9-06: both parts say why.
        #expect(expect.parts.map(\.text) == ["it.steps.map(s, s.step) == values.topic_steps", "ascending(it.steps.map(s, s.date))"])
        #expect(expect.parts.map(\.value) == [.bool(false), .bool(false)])
        #expect(trace.findings.contains { $0.item == "关于优化营商环境的调研" && $0.status == .fail })
    }

    @Test func aCampaignTraceShowsItemsWithEveryFieldTheUnitWrote() throws {
        // No rule reads a visit's `method`, so the check leaves it out of the campaign's
        // records; the trace must still show it, and find what the check finds.
        let set = try RulesLoader.load(paths: ["\(repositoryRoot)/Rules/theme-education-2019"])
        let files = try FileManager.default.contentsOfDirectory(atPath: "\(repositoryRoot)/Examples/theme-education-2019")
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "\(repositoryRoot)/Examples/theme-education-2019/\($0)" }
        let asOf = try #require(CELDate.parse("2019-12-01"))
        let e = try #require(RuleExplanation.explain(set, rule: "no-crowded-research", files: files, asOf: asOf))
        let trace = try #require(e.trace)
        let forEach = try #require(trace.steps.first { $0.key == "for_each" })
        guard case .list(let visits) = forEach.value, case .record(let first)? = visits.first else {
            Issue.record("for_each is not a list of records: \(forEach.value)")
            return
        }
        #expect(first.map(\.name) == ["member", "site", "date", "method", "unit"])
        #expect(first.first { $0.name == "method" }?.value == .text("蹲点跟班"))
        let checked = CheckRun.run(set, paths: files, asOf: asOf, roster: false).findings.filter { $0.rule == "no-crowded-research" }
        #expect(trace.findings.map(\.status) == checked.map(\.status))
        #expect(trace.findings.map(\.message) == checked.map(\.message))
        #expect(trace.findings.contains { $0.status == .fail })
    }
}
