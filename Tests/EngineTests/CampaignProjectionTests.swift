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
}
