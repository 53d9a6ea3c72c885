import CEL
import Testing
import TestSupport
@testable import Engine

/// The decoder stores each field by its kind (a date as its day, a text of the field's list by
/// its number, a text no rule reads as its bytes) with where its value was written, and each
/// reads back as the value the file wrote.
@Suite struct TypedRecordsTests {
    static let file = county(records: """
      plans:
        - {date: 2019-09-08, scope: 个人}
      visits:
        - {member: 王五, site: 石桥村, date: 2019-09-19}
      problems:
        - id: P1
          status: 已完成
          completed: 2019-10-01
          note: 已经 整改
    """)

    /// The first record of `list` in the file's records.
    func first(_ list: String, _ sub: Submission) throws -> CELObject {
        guard case .object(let records)? = sub.root?["records"], case .list(let items)? = records[list],
              case .object(let o)? = items.first else { throw TestFailure("no \(list)") }
        return o
    }

    func decode(reading: String) throws -> Submission {
        let set = try mustLoad(testRules("  - {id: r, implements: X, title: t, quote: 主题教育, for_each: records.visits, expect: \"\(reading)\"}"))
        let sub = SubmissionDecoder.decode(path: "u.yaml", bytes: Array(Self.file.utf8), index: 3, ruleSet: set)
        #expect(sub.issues.isEmpty, "\(sub.issues.map(\.message))")
        return sub
    }

    /// Where `token` is in the file, as a record keeps it (file 3).
    func place(_ token: String) throws -> Provenance {
        let p = try #require(position(of: token, in: Self.file))
        return Provenance(file: 3, line: Int32(p.line), column: Int32(p.column))
    }

    @Test func eachFieldIsKeptByItsKindAndReadsAsTheFileWroteIt() throws {
        let sub = try decode(reading: "it.site != ''")
        let plan = try first("plans", sub), visit = try first("visits", sub), problem = try first("problems", sub)
        let day = try #require(CELDate.parse("2019-09-08")).day
        guard case .day(day) = plan.stored(slot: 0) else { throw TestFailure("plan date: \(plan.stored(slot: 0))") }
        // 个人 is the second text of the list 班子, 个人.
        guard case .listed(1) = plan.stored(slot: 1) else { throw TestFailure("scope: \(plan.stored(slot: 1))") }
        guard case .value(.string("王五")) = visit.stored(slot: 0) else { throw TestFailure("member, a reference: checked as a text") }
        guard case .value(.string("石桥村")) = visit.stored(slot: 1) else { throw TestFailure("site, read by the rule") }
        guard case .text = problem.stored(slot: 3) else { throw TestFailure("note, read by no rule: \(problem.stored(slot: 3))") }

        // Read, each is the value the file wrote; a date carries where it was written.
        guard case .date(let date)? = plan["date"] else { throw TestFailure("plan date") }
        let written = try place("2019-09-08")
        #expect(date == CELDate.parse("2019-09-08") && date.origin == written)
        #expect(Equality.equal(plan["scope"] ?? .null, .string("个人")))
        #expect(Equality.equal(problem["status"] ?? .null, .string("已完成")))
        #expect(Equality.equal(problem["note"] ?? .null, .string("已经 整改")))
        guard case .date(let completed)? = problem["completed"] else { throw TestFailure("completed") }
        #expect(completed.origin == (try place("2019-10-01")))
    }

    @Test func everyFieldKeepsWhereItsValueWasWritten() throws {
        let sub = try decode(reading: "it.site != ''")
        let visit = try first("visits", sub), problem = try first("problems", sub)
        #expect(visit.place(slot: 0) == (try place("王五, site")))
        #expect(visit.place(slot: 1) == (try place("石桥村")))
        #expect(visit.place(slot: 2) == (try place("2019-09-19")))
        #expect(problem.place(slot: 0) == (try place("P1")))
        #expect(problem.place(slot: 1) == (try place("已完成")))
        #expect(problem.place(slot: 3) == (try place("已经 整改")))
        // A list's place is where its items start; the unit record's fields too.
        guard case .object(let records)? = sub.root?["records"] else { throw TestFailure("records") }
        #expect(records.place(slot: 0) == (try place("- {date: 2019-09-08")))
        guard case .object(let unit)? = sub.root?["unit"] else { throw TestFailure("unit") }
        #expect(unit.place(slot: 0) == (try place("QX-1")))
    }

    @Test func aTextARuleReadsIsMadeWhenTheFileIsRead() throws {
        // `it.note` is read on a record of another list: a field is read by its name.
        let sub = try decode(reading: "it.site != '' && records.problems.all(p, p.note != '')")
        guard case .value(.string("已经 整改")) = try first("problems", sub).stored(slot: 3) else {
            throw TestFailure("note, read by a rule: \(try first("problems", sub).stored(slot: 3))")
        }
    }

    @Test func aDatedRecordKeepsItsDateAsTheRecordDoes() throws {
        let sub = try decode(reading: "it.site != ''")
        let set = try mustLoad(testRules("  - {id: r, implements: X, title: t, quote: 主题教育, expect: 'true'}"))
        let dated = set.schema.datedRecords(try #require(sub.root))
        let visit = try dated.compactMap { v -> CELObject? in
            guard case .object(let o) = v, case .string("visits")? = o["list"] else { return nil }
            return o
        }.first.map { $0 } ?? { throw TestFailure("no dated visit") }()
        guard case .day = visit.stored(slot: 1), case .date(let date)? = visit["date"] else { throw TestFailure("the visit's date: \(visit.stored(slot: 1))") }
        let written = try place("2019-09-19")
        #expect(date == CELDate.parse("2019-09-19") && date.origin == written)
    }

    @Test func anAsOfViewKeepsEachFieldsPlace() throws {
        let sub = try decode(reading: "it.site != ''")
        let set = try mustLoad(testRules("  - {id: r, implements: X, title: t, quote: 主题教育, expect: 'true'}"))
        let asOf = try #require(CELDate.parse("2019-09-10"))
        let root = try #require(AsOfView.view(of: sub, set.schema.root, asOf: asOf))
        guard case .object(let records)? = root["records"], case .list(let visits)? = records["visits"],
              case .object(let written)? = sub.root?["records"] else { throw TestFailure("records") }
        // The view's records are a copy: the visit after the date is gone, each field's place kept.
        #expect(visits.isEmpty && records !== written)
        for slot in 0..<records.count { #expect(records.place(slot: slot) == written.place(slot: slot), "slot \(slot)") }
        #expect(records.place(slot: 1) == (try place("- {member: 王五")))
    }
}
