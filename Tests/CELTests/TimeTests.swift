import Testing
@testable import CEL

@Suite struct TimeTests {
    @Test(arguments: [
        ("string(timestamp('2009-02-13T23:31:30Z'))", "\"2009-02-13T23:31:30Z\""),
        ("string(timestamp('2009-02-13T23:31:30.120+08:00'))", "\"2009-02-13T15:31:30.12Z\""),
        ("int(timestamp('2009-02-13T23:31:30Z'))", "1234567890"),
        ("timestamp('2009-02-13T23:31:30Z').getDayOfWeek()", "5"),
        ("timestamp('2009-02-13T23:31:30Z').getHours('Asia/Shanghai')", "7"),
        ("timestamp('2009-02-13T23:31:30Z').getDate('+08:00')", "14"),
        ("timestamp('2009-02-13T23:31:30Z').getMonth()", "1"),
        ("timestamp('2009-02-13T23:31:30Z') - timestamp('2009-02-13T23:29:30Z') == duration('2m')", "true"),
        ("string(duration('1h30m'))", "\"5400s\""),
        ("string(duration('-1.5s'))", "\"-1.5s\""),
        ("duration('3730s').getMinutes()", "62"),
    ])
    func values(_ input: String, _ expected: String) throws {
        #expect(try eval(input).text == expected)
    }

    @Test(arguments: [
        "timestamp('0000-01-01T00:00:00Z')",
        "timestamp('2009-02-30T00:00:00Z')",
        "timestamp('9999-12-31T23:59:59Z') + duration('1s')",
        "duration('320000000000s')",
        "timestamp('2009-02-13T23:31:30Z').getHours('Mars/Olympus')",
    ])
    func errors(_ input: String) throws {
        #expect(try eval(input).error != nil)
    }
}
