import CEL
import Foundation
import Testing
@testable import Engine

/// The second shipped campaign (schools, 2021): different organisations, duties and field
/// names, run by the same engine.
@Suite struct Campaign2021Tests {
    static let rulesDir = "\(repositoryRoot)/Rules/double-reduction-2021"
    static let examples = "\(repositoryRoot)/Examples/double-reduction-2021"
    static let asOfDates = ["2021-10-20", "2022-01-10"]
    /// Every requirement of the campaign's notice (docs/campaign-2021.md).
    static let catalogue = ["DR-H1", "DR-H2", "DR-H3", "DR-S1", "DR-T1", "DR-P1", "DR-R1", "DR-I1"]

    static func results() throws -> [CheckResult] {
        let set = try RulesLoader.load(paths: [rulesDir])
        return asOfDates.map { CheckRun.run(set, paths: [examples], asOf: CELDate.parse($0)!) }
    }

    @Test func everyRequirementIsImplementedAndEveryRuleBothPassesAndFails() throws {
        let set = try RulesLoader.load(paths: [Self.rulesDir])
        #expect(Set(set.rules.flatMap(\.implements)) == Set(Self.catalogue))
        let findings = try Self.results().flatMap(\.findings)
        for rule in set.rules {
            let statuses = Set(findings.filter { $0.rule == rule.id }.map(\.status))
            #expect(statuses.contains(.pass), "\(rule.id) never passes")
            #expect(statuses.contains(.fail), "\(rule.id) never fails")
        }
    }

    @Test func theUnitIsWhatTheSchemaDeclares() throws {
        let set = try RulesLoader.load(paths: [Self.rulesDir])
        #expect(set.schema.identity == {
            var i = UnitIdentity()
            i.field = "school"
            i.id = "code"
            i.name = "title"
            return i
        }())
        let r = try Self.results()[0]
        #expect(Set(r.findings.compactMap(\.unit)) == ["XX-01", "CZ-02", "XX-03"])
        #expect(r.findings.first { $0.unit == "XX-01" }?.unitName == "实验小学")
        #expect(!r.findings.contains { $0.status == .missing })
        // Declared labels name the items: teachers by name, homework checks by date.
        #expect(r.findings.contains { $0.rule == "teacher-training-hours" && $0.item == "赵老师" })
        #expect(r.findings.contains { $0.rule == "homework-time-within-limit" && $0.item == "2021年10月14日" })
    }

    @Test func theRosterDecidesTheStage() throws {
        let r = try Self.results()[0]
        let hexi = r.findings.filter { $0.unit == "XX-03" }
        #expect(hexi.contains { $0.status == .invalid && $0.message.contains("school.stage 填写为「初中」") })
        // Judged as a primary school (60 minutes), as the roster says, not as a middle school (90).
        let homework = try #require(hexi.first { $0.rule == "homework-time-within-limit" })
        #expect(homework.status == .fail)
        #expect(homework.message.contains("超过小学上限 60 分钟"))
    }

    @Test func nothingInTheEngineKnowsEitherCampaignsFieldNames() throws {
        // The 2019 campaign's record and field names appear in no engine source.
        let engine = "\(repositoryRoot)/Sources/Engine"
        let names = ["research_plans", "study_sessions", "members", "party_lectures", "batch", "township", "school", "homework"]
        for file in try FileManager.default.contentsOfDirectory(atPath: engine) where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: "\(engine)/\(file)", encoding: .utf8)
            for name in names { #expect(!text.contains("\"\(name)\""), "\(file) names \(name)") }
        }
    }
}
