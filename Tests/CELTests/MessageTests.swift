import Testing
@testable import CEL

/// One message per mistake, in the clerk's terms, naming what to write instead.
@Suite struct MessageTests {
    static let plan = ObjectType(name: "ResearchPlan", fields: [("date", .date), ("n", .int)])
    static let vars: [String: CELType] = ["plans": .list(.object(plan)), "employees": .int]

    @Test func aMisspeltMacroIsOneUnknownFunctionWithTheRightHint() throws {
        let d = diagnostics("plans.fliter(m, m.n > 0).size() > fliter(m)", Self.vars)
        #expect(d.count == 2)
        #expect(d.allSatisfy { $0.code == "cel.function" && $0.message == "未定义的函数「fliter」；是否想写「filter」？" })
        // Underlines the name only.
        #expect(d.first?.range == SourceRange(6, 12))
    }

    @Test(arguments: [
        ("plans.all（p，p.n > 0）", "（", "("),
        ("employees ＞ 3", "＞", ">"),
        ("employees > 3 ＆＆ true", "＆", "&"),
        ("“a” == 'a'", "“", "\""),
        ("employees\u{3000}> 3", "全角空格", "半角空格"),
        ("employees >= 3， 4", "，", ","),
        ("{1：2}", "：", ":"),
    ])
    func fullWidthPunctuationIsNamedWithItsHalfWidthForm(_ text: String, _ char: String, _ half: String) throws {
        let d = try #require(diagnostics(text, Self.vars).first)
        #expect(d.code == "cel.syntax")
        #expect(d.message.contains(char) && d.message.contains(half), "\(d.message)")
    }

    @Test func aDurationWrittenAsInValuesGetsTheFormThatWorks() throws {
        let d = try #require(diagnostics("plans.all(p, p.date + 5d > p.date)", Self.vars).first)
        #expect(d.message.contains("「5d」") && d.message.contains("duration('5d')"))
        #expect(try eval("duration('5d') == duration('120h')").text == "true")
    }

    @Test func mixingIntAndDoubleNamesTheConversion() throws {
        let d = try #require(diagnostics("plans.all(p, p.n > 0.8 * employees)", Self.vars).first)
        #expect(d.message.contains("double(employees)"))
        // Kept as CEL defines it: no silent conversion.
        #expect(diagnostics("0.8 * double(employees) > 1.0", Self.vars).isEmpty)
    }

    @Test func numbersStillLex() throws {
        #expect(try eval("1u + 2u").text == "3u")
        #expect(try eval("1e3").text == "1000.0")
        #expect(try eval("0x10").text == "16")
    }
}
