import Testing
@testable import CEL

@Suite struct DomainTests {
    @Test(arguments: [
        ("date('2019-09-10') + duration('5d')", "date(\"2019-09-15\")"),
        ("date('2019/9/10') - duration('2w')", "date(\"2019-08-27\")"),
        ("days(date('2019-10-25') - date('2019年10月20日'))", "5"),
        ("week(date('2019-09-19'))", "date(\"2019-09-16\")"),
        ("date('2019-09-19').week()", "date(\"2019-09-16\")"),
        ("weekday(date('2019-06-07'))", "5"),
        ("month(date('2019-10-31'))", "10"),
        ("year(date('2019-10-31'))", "2019"),
        ("[1, 2, 3].sum()", "6"),
        ("sum([0.5, 1.0])", "1.5"),
        ("[].sum()", "0"),
        ("[3, 1, 2].min()", "1"),
        ("max([date('2019-09-01'), date('2019-10-01')])", "date(\"2019-10-01\")"),
        ("[].min()", "null"),
        ("ascending([1, 1, 2])", "true"),
        ("[date('2019-09-02'), date('2019-09-01')].ascending()", "false"),
        ("['a', 'b', 'a'].distinct()", "[\"a\", \"b\"]"),
        ("size(weeks(date('2019-06-01'), date('2019-08-31')))", "14"),
        ("weeks(date('2019-06-01'), date('2019-06-10'))", "[date(\"2019-05-27\"), date(\"2019-06-03\"), date(\"2019-06-10\")]"),
        ("size(dates(date('2019-09-13'), date('2019-09-15')))", "3"),
        ("duration('1d') + duration('12h') > duration('1d')", "true"),
        ("date('2019-09-10') < date('2019-09-11')", "true"),
    ])
    func values(_ input: String, _ expected: String) throws {
        #expect(try eval(input).text == expected)
    }

    @Test(arguments: ["2019-02-29", "2019-13-01", "2019/9", "9/10/2019", "2019-09-10x", "2019-9/10", "2019年9月10", "２０１９年１３月１日",
                      "2019-09.10", "2019年9月10日5", "2019--09-10", "12345-1-1", "2019-09-10-11", "2019年9-10", "2019月9年10日",
                      "2019:9:10", "", " ",
                      // Ten bytes shaped like `YYYY-MM-DD`, which are read at fixed places first.
                      "2019-0a-10", "0000-01-01", "2019-00-10", "2019-09-00", "2019-09-31", "20x9-09-10", "+019-09-10",
                      "2019-09-1/", "2019-1--10"])
    func invalidDates(_ text: String) {
        #expect(CELDate.parse(text) == nil)
    }

    @Test(arguments: [("2019-09-10", "2019-09-10"), ("2019/9/1", "2019-09-01"), ("2019年9月10日", "2019-09-10"), (" 2020-02-29 ", "2020-02-29"),
                      ("2019年9月10号", "2019-09-10"), ("２０１９年９月１０日", "2019-09-10"), ("２０１９－０９－１０", "2019-09-10"),
                      ("2019.9.10", "2019-09-10"), ("\t2019-9-1\t", "2019-09-01"), ("２０１９-09-10", "2019-09-10"),
                      ("2020-02-29", "2020-02-29"), ("9999-12-31", "9999-12-31"), ("1999-12-31", "1999-12-31"), ("2019-9-10 ", "2019-09-10"),
                      ("2019-09-1 ", "2019-09-01")])
    func validDates(_ text: String, _ iso: String) {
        #expect(CELDate.parse(text)?.description == iso)
    }

    /// Dates print as ISO 8601 writes them, a year in four digits, whatever the year.
    @Test(arguments: [(999, 1, 5, "0999-01-05"), (1, 12, 31, "0001-12-31"), (2019, 9, 10, "2019-09-10"), (9999, 12, 31, "9999-12-31")])
    func datesPrintWithFourDigitYears(_ year: Int, _ month: Int, _ day: Int, _ iso: String) throws {
        let d = try #require(CELDate(year: year, month: month, day: day))
        #expect(d.description == iso)
        var bytes: [UInt8] = []
        d.withISOBytes { bytes = Array($0) }
        #expect(String(decoding: bytes, as: UTF8.self) == iso)
        #expect(CELDate.parse(iso) == d)
    }

    @Test func minKeepsTheProvenanceOfTheChosenDate() throws {
        let a = Value.date(CELDate(day: 100, origin: Provenance(file: 0, line: 7, column: 3)))
        let b = Value.date(CELDate(day: 90, origin: Provenance(file: 0, line: 9, column: 3)))
        let v = try eval("xs.min()", ["xs": (.list(.date), .list([a, b]))])
        guard case .date(let d) = v else { Issue.record("not a date"); return }
        #expect(d.origin?.line == 9)
    }
}
