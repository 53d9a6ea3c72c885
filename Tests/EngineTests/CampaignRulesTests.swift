import Foundation
import CEL
import Testing
@testable import Engine

/// The shipped rules of the 2019 campaign against the shipped examples.
@Suite struct CampaignRulesTests {
    static let rulesDir = "\(repositoryRoot)/Rules/theme-education-2019"
    static let examples = "\(repositoryRoot)/Examples/theme-education-2019"
    static let asOfDates = ["2019-09-05", "2019-10-15", "2019-12-01"]

    /// Every catalogue ID of requirements.md.
    static let catalogue = ["G1", "G2", "G3", "S1", "S2", "S3", "S4", "S5", "S6",
                            "R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "P1", "P2", "P3",
                            "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "B1", "B2", "B3", "B4"]

    func results() throws -> [CheckResult] {
        let set = try RulesLoader.load(paths: [Self.rulesDir])
        return Self.asOfDates.map { CheckRun.run(set, paths: [Self.examples], asOf: CELDate.parse($0)!) }
    }

    @Test func everyCatalogueRequirementIsImplemented() throws {
        let set = try RulesLoader.load(paths: [Self.rulesDir])
        let implemented = Set(set.rules.flatMap(\.implements))
        #expect(implemented == Set(Self.catalogue), "missing: \(Set(Self.catalogue).subtracting(implemented).sorted())")
    }

    @Test func everyRuleBothPassesAndFailsSomewhere() throws {
        let set = try RulesLoader.load(paths: [Self.rulesDir])
        let findings = try results().flatMap(\.findings)
        for rule in set.rules {
            let statuses = Set(findings.filter { $0.rule == rule.id }.map(\.status))
            #expect(statuses.contains(.pass), "\(rule.id) never passes")
            #expect(statuses.contains(.fail) || statuses.contains(.warn), "\(rule.id) never fails")
        }
    }

    @Test func eachBatchGetsOnlyItsOwnRules() throws {
        let set = try RulesLoader.load(paths: [Self.rulesDir])
        let firstBatch = Set(set.rules.filter { $0.location.file.hasSuffix("first-batch.yaml") }.map(\.id))
        let result = try results()[2]
        for f in result.findings where f.status != .notApplicable && f.file != nil && f.rule != "schema" {
            let isCity = f.unit?.hasPrefix("SW-") == true
            let rule = set.rules.first { $0.id == f.rule }
            guard rule?.scope == .unit else { continue }
            #expect(firstBatch.contains(f.rule) == isCity, "\(f.unit ?? "?") got \(f.rule)")
        }
    }

    @Test func theRosterReportsUnitsThatDidNotSubmit() throws {
        let missing = try results()[2].findings.filter { $0.status == .missing }
        #expect(missing.map(\.unit) == ["XZ-0063"])
        #expect(missing.first?.message == "名单中的单位「东坝镇党委（XZ-0063）」没有提交台账")
    }

    @Test func theSameRulesReadDifferentlyAsTimeGoesOn() throws {
        let r = try results()
        func status(_ i: Int, _ unit: String, _ rule: String) -> Status? {
            r[i].findings.first { $0.unit == unit && $0.rule == rule }?.status
        }
        // The county's democratic life meeting: not due, still not due, then overdue.
        #expect(status(0, "QX-003", "democratic-life-meeting") == .pending)
        #expect(status(1, "QX-003", "democratic-life-meeting") == .pending)
        #expect(status(2, "QX-003", "democratic-life-meeting") == .fail)
        // The exchange meeting of 24 October: pending, then late within "左右".
        #expect(status(1, "QX-003", "exchange-meeting-mid-october") == .pending)
        #expect(status(2, "QX-003", "exchange-meeting-mid-october") == .warn)
    }

    /// Changing a named value in YAML changes the findings, with no rebuild.
    @Test func namedValuesDriveTheFindings() throws {
        let paths = RulesLoader.files([Self.rulesDir])
        func run(_ edit: (String) -> String) throws -> [Finding] {
            let sources = try paths.map { p -> (path: String, bytes: [UInt8]?) in
                let text = String(decoding: try Paths.read(p).get(), as: UTF8.self)
                return (p, Array((p.hasSuffix("second-batch.yaml") ? edit(text) : text).utf8))
            }
            let set = try RulesLoader.load(sources: sources)
            return CheckRun.run(set, paths: ["\(Self.examples)/county-qingxian.yaml"], asOf: CELDate.parse("2019-12-01")!).findings
        }
        func find(_ f: [Finding], _ rule: String) -> Finding? { f.first { $0.rule == rule } }
        let shipped = try run { $0 }
        let relaxed = try run { $0.replacingOccurrences(of: "study_days: 5 ", with: "study_days: 3 ")
            .replacingOccurrences(of: "plan_deadline: 2019-09-10", with: "plan_deadline: 2019-09-12") }
        #expect(find(shipped, "concentrated-study-one-week")?.status == .fail)
        #expect(find(relaxed, "concentrated-study-one-week")?.status == .pass)
        #expect(find(shipped, "research-plan-by-sept-10")?.status == .fail)
        #expect(find(relaxed, "research-plan-by-sept-10")?.status == .pass)
    }

    @Test func anIndexThatCannotBeReadBackMakesEachRuleReadingItSaySo() throws {
        let set = try RulesLoader.load(paths: [Self.rulesDir])
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.examples).filter { $0.hasSuffix(".yaml") }.sorted()
        // Every entry written to the file at once, and the file then lost.
        let store = SpillStore(chunk: 1)
        let index = CampaignIndex(ruleSet: set, store: store) { files[$0] }
        for (i, name) in files.enumerated() {
            let path = "\(Self.examples)/\(name)"
            let (entry, _) = CheckRun.unit(set, path: path, bytes: Paths.read(path), index: Int32(i), asOf: CELDate.parse("2019-12-01")!)
            _ = index.add(entry)
        }
        let intact = CampaignEvaluator(ruleSet: set, index: index, asOf: CELDate.parse("2019-12-01")!).all()
        #expect(!intact.contains { $0.status == .error })
        store.failReadsForTesting()
        let broken = CampaignEvaluator(ruleSet: set, index: index, asOf: CELDate.parse("2019-12-01")!).all()
        let said = broken.filter { $0.message.contains("读取本次检查的临时文件失败") }
        // One error per campaign rule that reads the index, campaign-wide.
        #expect(Set(said.map(\.rule)) == Set(set.rules.filter { $0.scope == .campaign }.map(\.id)))
        #expect(said.allSatisfy { $0.status == .error && $0.unit == nil })
        #expect(said.count == Set(said.map(\.rule)).count)
    }

    /// The campaign index of the shipped examples as of 2019-12-01, with the rules that made it.
    static func examplesIndex() throws -> (RuleSet, CampaignIndex) {
        let set = try RulesLoader.load(paths: [rulesDir])
        let files = try FileManager.default.contentsOfDirectory(atPath: examples).filter { $0.hasSuffix(".yaml") }.sorted()
        let index = CampaignIndex(ruleSet: set) { files[$0] }
        for (i, name) in files.enumerated() {
            let path = "\(examples)/\(name)"
            _ = index.add(CheckRun.unit(set, path: path, bytes: Paths.read(path), index: Int32(i), asOf: CELDate.parse("2019-12-01")!).0)
        }
        return (set, index)
    }

    /// Each record list, found where the schema says it is, is the list a search by name finds
    /// in the file (at the root, then in each of the root's records), in every example file of
    /// both campaigns.
    @Test(arguments: [("Rules/theme-education-2019", "Examples/theme-education-2019"), ("Rules/double-reduction-2021", "Examples/double-reduction-2021")])
    func aListFoundByItsPlaceIsTheListOfItsName(_ rules: String, _ folder: String) throws {
        let set = try RulesLoader.load(paths: [repositoryRoot + "/" + rules])
        let dir = repositoryRoot + "/" + folder
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".yaml") }.sorted()
        func byName(_ root: CELObject, _ name: String) -> Value? {
            if let v = root[name], case .list = v { return v }
            for i in 0..<root.count {
                guard case .object(let o)? = root[slot: i] else { continue }
                if let v = o[name], case .list = v { return v }
            }
            return nil
        }
        var found = 0
        for (i, file) in files.enumerated() {
            let sub = SubmissionDecoder.decode(path: file, bytes: try Paths.read(dir + "/" + file).get(), index: Int32(i), ruleSet: set)
            guard let root = sub.root else { continue }
            for name in set.schema.recordLists.map(\.name) + ["nothing"] {
                let place = CampaignListPlace(name, schema: set.schema, types: set.campaignTypes)
                let a: String? = place.read(root).map { Printer.literal($0) }
                let b: String? = byName(root, name).map { Printer.literal($0) }
                #expect(a == b, "\(file) \(name)")
                if case .list(let l)? = place.read(root), !l.isEmpty { found += 1 }
            }
        }
        #expect(found > 10)
    }

    /// An item's name, read by the slots found for its type when the rules load, is the name
    /// looking its fields up by name gives: for every record of every example file of both
    /// campaigns, and for every item of the campaign's index.
    @Test(arguments: [("Rules/theme-education-2019", "Examples/theme-education-2019"), ("Rules/double-reduction-2021", "Examples/double-reduction-2021")])
    func anItemsLabelByItsTypeIsItsLabelByName(_ rules: String, _ folder: String) throws {
        let set = try RulesLoader.load(paths: [repositoryRoot + "/" + rules])
        let dir = repositoryRoot + "/" + folder
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".yaml") }.sorted()
        var checked = 0
        func walk(_ v: Value) {
            switch v {
            case .list(let items): items.forEach(walk)
            case .object(let o):
                for index in [0, 4] {
                    #expect(set.itemLabels.of(v, index: index) == ItemLabel.of(v, index: index, labels: set.itemLabels.byName), "\(o.type.name)")
                }
                checked += 1
                for i in 0..<o.count { if let f = o[slot: i] { walk(f) } }
            default: #expect(set.itemLabels.of(v, index: 1) == ItemLabel.of(v, index: 1, labels: set.itemLabels.byName))
            }
        }
        for (i, file) in files.enumerated() {
            let sub = SubmissionDecoder.decode(path: file, bytes: try Paths.read(dir + "/" + file).get(), index: Int32(i), ruleSet: set)
            if let root = sub.root { walk(.object(root)) }
        }
        let (indexed, index) = try Self.examplesIndex()
        for l in index.lists.indices { index.materialized(l).forEach { v in
            #expect(indexed.itemLabels.of(v, index: 2) == ItemLabel.of(v, index: 2, labels: indexed.itemLabels.byName))
            checked += 1
        } }
        #expect(checked > 50)
    }

    @Test func anItemReadAloneIsTheItemItsEntryGivesBack() throws {
        let (set, index) = try Self.examplesIndex()
        // Each list's items from the last to the first: every one but an entry's first is
        // read alone, past the lists and items before it.
        var checked = 0
        for l in index.lists.indices {
            let whole = index.materialized(l)
            #expect(whole.count == index.rows(l))
            for row in (0..<index.rows(l)).reversed() {
                let alone = index.item(l, row: row)
                guard case .object(let a) = alone, case .object(let b) = whole[row] else { Issue.record("item \(row) of list \(l)"); continue }
                #expect(Equality.equal(alone, whole[row]) && a.origin == b.origin, "item \(row) of list \(l)")
                checked += 1
            }
        }
        #expect(checked > 10)
    }

    @Test func anItemsPlaceIsWhatTheItemSays() throws {
        let (set, index) = try Self.examplesIndex()
        let identity = set.schema.identity
        // Out of order first (read past the entry's unit and the items before), then in order
        // (from the entry read whole): both must say what the item itself says.
        var checked = 0
        for l in index.lists.indices {
            let whole = index.materialized(l)
            let rows = Array((0..<index.rows(l)).reversed()) + Array(0..<index.rows(l))
            for row in rows {
                guard case .object(let o) = whole[row], let place = index.place(l, row: row) else { Issue.record("item \(row) of list \(l)"); continue }
                #expect(place.origin == o.origin, "item \(row) of list \(l)")
                #expect(place.unit == CampaignIndex.unitID(o[identity.field], identity), "item \(row) of list \(l)")
                #expect(place.unit != nil)
                checked += 1
            }
        }
        #expect(checked > 20)
    }

    @Test func unitsKeepOnlyWhatCampaignRulesRead() throws {
        let set = try RulesLoader.load(paths: [Self.rulesDir])
        #expect(set.campaignLists == ["research_visits", "problems", "claimed_problems"])
        let file = "\(Self.examples)/county-qingxian.yaml"
        let (entry, _) = CheckRun.unit(set, path: file, bytes: Paths.read(file), index: 0, asOf: CELDate.parse("2019-12-01")!)
        #expect(entry.unitID == "QX-003")
        let index = CampaignIndex(ruleSet: set) { _ in file }
        #expect(index.add(entry) == nil)
        #expect(index.lists == ["research_visits", "problems", "claimed_problems"])
        let kept = index.entry(0)
        #expect(kept.root == nil)
        #expect(kept.unitName == entry.unitName)
        // Each visit keeps what the rules read (site, date), its label (member) and its unit:
        // not its topic or method.
        guard case .object(let visit)? = kept.lists[0].first else { Issue.record("no visits kept"); return }
        #expect(visit.type.fieldNames == ["member", "site", "date", "unit"])
        #expect(visit.fields.count == 4)
        guard case .object(let unit)? = visit["unit"], case .string("QX-003")? = unit["id"] else { Issue.record("visit without its unit"); return }
        guard case .object(let first) = index.item(0, row: 0) else { Issue.record("no first visit"); return }
        #expect(first.origin == visit.origin)
        // A second file of the same unit points at the first and adds no records.
        #expect(index.add(entry) == 0)
        #expect(index.rows(0) == kept.lists[0].count)
        guard case .object(let problem)? = kept.lists[1].first else { Issue.record("no problems kept"); return }
        #expect(Set(problem.type.fieldNames) == ["id", "description", "escalated_to", "unit"])
    }
}
