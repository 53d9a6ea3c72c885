import CEL
import Engine
import Foundation
import Testing
@testable import Reports

@Suite struct ReportsTests {
    static let finding = Finding(unit: "XZ-1", file: "a \"b\".yaml", rule: "r", implements: ["R1"], title: "标题",
                                 status: .fail, message: "第一行\n第二行\t完", item: nil,
                                 value: .list([.date(CELDate.parse("2019-09-10")!), .double(0.5), .int(3), .null]),
                                 due: CELDate.parse("2019-09-10"), locations: [Location(file: "a.yaml", line: 3, column: 5)])

    @Test func jsonIsValidAndKeepsTheContractFields() throws {
        let json = JSONReport.finding(Self.finding).serialized()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let keys: Set<String> = ["unit", "unit_name", "file", "rule", "implements", "title", "status", "severity", "message",
                                 "item", "value", "due", "done_on", "quote", "locations"]
        #expect(Set(object.keys) == keys)
        #expect(object["message"] as? String == "第一行\n第二行\t完")
        #expect(object["file"] as? String == "a \"b\".yaml")
        #expect((object["value"] as? [Any])?.count == 4)
        #expect(object["due"] as? String == "2019-09-10")
    }

    @Test func displayWidthCountsChineseAsTwoCells() {
        #expect(DisplayWidth.of("通过") == 4)
        #expect(DisplayWidth.of("R1 张三") == 7)
        #expect(DisplayWidth.pad("警告", to: 6) == "警告  ")
    }

    @Test func caretsLineUpUnderChineseText() {
        let d = Diagnostic("cel.field", "m", at: Location(file: "r.yaml", line: 2, column: 10),
                           sourceLine: "  标题: 张三.dtae", length: 4)
        let lines = DiagnosticRenderer.render(d).split(separator: "\n")
        #expect(lines[0] == "r.yaml:2:10: error[cel.field]: m")
        #expect(lines[1] == "      标题: 张三.dtae")
        #expect(lines[2] == "      \u{3000}\u{3000}  \u{3000}\u{3000} ^^^^")
        #expect(DisplayWidth.of(String(lines[2]).replacingOccurrences(of: "^", with: "")) == DisplayWidth.of("      标题: 张三."))
    }
}
