import CEL
import Testing
@testable import Engine

/// Campaign rules see each `all.<list>` item with only the fields they read (`CampaignProjection`):
/// a field read where the checker no longer knows the item's type must still be there.
@Suite struct CampaignProjectionTests {
    static func rule(_ id: String, _ forEach: String?, _ expect: String) -> String {
        """
          - id: \(id)
            implements: R5
            title: 问题备注
            quote: 要注意防止扎堆调研，避免增加基层负担。
            scope: campaign
        \(forEach.map { "    for_each: \($0)\n" } ?? "")    expect: "\(expect)"
        """
    }

    static let files = (0..<3).map { i in
        ("u\(i).yaml", county("QX-\(i)", records: "  problems:\n    - {id: P-\(i), status: 整改中, note: 备注\(i)}"))
    }

    @Test(arguments: [
        ("all.problems", "it.note.startsWith('备注')"),
        ("all.problems", "dyn(it).note.startsWith('备注')"),
        ("all.problems", "has(dyn(it).note)"),
        ("all.problems", "[it, 1][0].note.startsWith('备注')"),
        ("all.problems", "(it.id != '' ? dyn(it) : 0).note.startsWith('备注')"),
        ("dyn(all.problems)", "it.note.startsWith('备注')"),
        (nil, "dyn(all).problems.all(p, p.note.startsWith('备注'))"),
        (nil, "all.problems.map(p, dyn(p)).all(p, p.note.startsWith('备注'))"),
    ] as [(String?, String)])
    func aFieldReadUntypedIsKept(_ forEach: String?, _ expect: String) throws {
        let set = try mustLoad(testRules(Self.rule("noted", forEach, expect)))
        let found = check(set, Self.files, asOf: "2019-10-01").findings.filter { $0.rule == "noted" }
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.status == .pass }, "\(found.map(\.message))")
    }

    /// The same fields read typed are kept, and those no rule reads are not.
    @Test func onlyWhatIsReadIsKept() throws {
        let typed = try mustLoad(testRules(Self.rule("noted", "all.problems", "it.note.startsWith('备注')")))
        #expect(typed.campaignTypes.items["problems"]?.fieldNames.contains("note") == true)
        #expect(typed.campaignTypes.items["problems"]?.fieldNames.contains("completed") == false)
        let untyped = try mustLoad(testRules(Self.rule("noted", "all.problems", "dyn(it).note.startsWith('备注')")))
        #expect(untyped.campaignTypes.items["problems"]?.fieldNames.contains("completed") == true)
    }

    /// Campaign rules asking things of every unit's whole file.
    static let submissionRules: [(String?, String)] = [
        ("all.problems", "it.note in all.submissions.map(s, s.unit.id + '')"),
        (nil, "all.submissions.all(s, has(s.unit.name))"),
        (nil, "all.submissions.exists(s, s.records.problems.exists(p, p.note == '备注1'))"),
        (nil, "all.submissions.filter(s, size(s.members) > 1).size() == 3"),
        (nil, "all.submissions.all(s, !has(s.records.visits) || s.records.visits.size() >= 0)"),
        ("all.submissions", "has(it.records.problems) && it.records.problems[0].status == '整改中'"),
        (nil, "size(all.submissions) == 3"),
    ]

    static func submissionRuleSet(_ extra: String = "") throws -> RuleSet {
        let rules = Self.submissionRules.enumerated().map { i, r in Self.rule("whole-\(i)", r.0, r.1) }.joined(separator: "\n")
        return try mustLoad(testRules(rules + extra))
    }

    /// Each rule's findings are the same with the files' fields no rule reads left out of the
    /// index as with the files whole (kept whole by one more rule that uses a file whole).
    @Test func submissionsKeepWhatIsReadAndFindTheSame() throws {
        let projected = try Self.submissionRuleSet()
        let whole = try Self.submissionRuleSet("\n" + Self.rule("uses-whole", nil, "all.submissions.map(s, dyn(s)).size() > 0"))
        #expect(!projected.campaignTypes.submissionMasks.isEmpty)
        #expect(whole.campaignTypes.submissionMasks.isEmpty)
        // Every record type of the file, by its fields: those no rule reads are left out.
        var left: Set<String> = []
        for type in projected.schema.objects.map(\.type) {
            guard let mask = projected.campaignTypes.submissionMasks[ObjectIdentifier(type)] else { continue }
            for (name, kept) in zip(type.fieldNames, mask) where !kept { left.insert(name) }
        }
        #expect(left == ["kind", "completed", "plans", "member", "site", "scope"])
        func findings(_ set: RuleSet) -> [String] {
            check(set, Self.files, asOf: "2019-10-01").findings.filter { $0.rule.hasPrefix("whole-") }
                .map { "\($0.rule) \($0.unit ?? "") \($0.status) \($0.message)" }
        }
        let found = findings(projected)
        #expect(found.count >= Self.submissionRules.count)
        #expect(found == findings(whole))
        #expect(!found.contains { $0.contains("error") }, "\(found)")
    }

    @Test(arguments: [
        "all.submissions.exists(s, s == s)",
        "all.submissions.map(s, s.unit).distinct().size() > 0",
        "dyn(all.submissions[0]).members.size() > 0",
        "[all.submissions[0], 1].size() > 0",
        "all.submissions.map(s, s.unit)[0] == all.submissions[0].unit",
        "dyn(all).submissions.size() > 0",
    ])
    func aFileUsedWholeIsKeptWhole(_ expect: String) throws {
        let set = try mustLoad(testRules(Self.rule("whole", nil, expect)))
        #expect(set.campaignTypes.submissionMasks.isEmpty)
    }
}
