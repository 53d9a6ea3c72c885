@testable import Engine
import Testing

/// Rules files, source documents and their diagnostics are read line by line, whichever
/// editor saved them: Notepad's `\r\n` gives the lines a line feed gives.
@Suite struct LinesTests {
    @Test(arguments: [
        ("", [""]),
        ("a", ["a"]),
        ("a\n", ["a", ""]),
        ("a\nb", ["a", "b"]),
        ("a\r\nb\r\n", ["a", "b", ""]),
        ("甲\r\n\r\n乙", ["甲", "", "乙"]),
        ("a\rb\n", ["a\rb", ""]),
        ("\n\n", ["", "", ""]),
        ("a\r", ["a"]),
    ])
    func linesEndAtLineFeeds(_ text: String, _ expected: [String]) {
        #expect(Lines.of(text).map(String.init) == expected)
    }

    @Test func withoutCarriageReturnsTheLinesAreThoseOfSplit() {
        for text in ["", "一要制定方案。\n这很重要", "a\n\nb\n", "\u{301}\ne\u{301}\n"] {
            #expect(Lines.of(text) == text.split(separator: "\n", omittingEmptySubsequences: false))
        }
    }

    @Test func aRulesFileSavedWithCRLFQuotesTheLineOfAMistake() throws {
        let text = RulesLoaderTests.misspeltField
        for saved in [text, text.replacingOccurrences(of: "\n", with: "\r\n")] {
            guard case .failure(let e) = load(saved) else { Issue.record("loaded"); return }
            let d = try #require(e.diagnostics.first)
            #expect(d.sourceLine == "    done_on: records.plans.map(p, p.dtae).min()")
        }
    }

    @Test func aNotepadFilesFirstLineIsQuotedWithoutItsByteOrderMark() {
        let text = SourceText(path: "rules.yaml", bytes: [0xEF, 0xBB, 0xBF] + Array("duibiao: 2\r\nrules: []\r\n".utf8))
        #expect(text.line(1) == "duibiao: 2")
        #expect(text.line(2) == "rules: []")
    }

    @Test func aSourceDocumentSavedWithCRLFHasItsParagraphs() {
        let s = QuoteCoverage.sentences("一要制定方案。\r\n不得扎堆调研\r\n")
        #expect(s.map(\.paragraph) == [1, 2])
        #expect(RuleExplanation.locate("扎堆", in: "第一段\r\n不得扎堆调研").1 == 2)
    }
}
