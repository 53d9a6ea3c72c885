import Foundation
import Testing

/// The HTML report opened in a real browser (Debian's chromium, headless): what it renders has
/// the matrix, the roll-up, the timeline and every unit's section, and nothing from elsewhere.
@Suite struct HTMLTests {
    /// The DOM chromium builds from the page, after layout.
    static func rendered(_ html: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("duibiao-html-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(dir.path)/profile",
                       "--dump-dom", page.absoluteString]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return dom
    }

    /// Every value of the attribute `name` in `html`, in order.
    static func values(of name: String, in html: String) -> [String] {
        html.components(separatedBy: " \(name)=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test func theBrowserShowsTheMatrixAndEveryUnit() throws {
        let html = try FormatTests.stdout(FormatTests.examples + ["--format", "html"])
        // Self-contained: no script, no stylesheet or image from anywhere.
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=") && !html.contains("<link"))
        let dom = try Self.rendered(html)
        try #require(dom.contains("</html>"), "chromium rendered nothing: is it installed? (make test-deps)")
        #expect(dom.contains("<table class=\"matrix\">"))
        // A row per unit with findings (seven files, the missing unit, the campaign-wide one).
        let rows = dom.components(separatedBy: "<td class=\"unit\">").count - 1
        #expect(rows == 9, "\(rows) rows")
        #expect(dom.contains("SW-014 市交通局党组"))
        let sections = dom.components(separatedBy: "<article class=\"unit\"").count - 1
        #expect(sections >= 9, "\(sections) sections")
        #expect(dom.contains("id=\"rollup\"") && dom.contains("ZB-0215 柳河村党支部"))
        // No two elements share an id (a unit's campaign section has none of its own), and each
        // row's link leads to one.
        let ids = Self.values(of: "id", in: dom)
        #expect(Set(ids).count == ids.count, "ids repeated: \(ids)")
        let links = Self.values(of: "href", in: dom).filter { $0.hasPrefix("#") }
        #expect(links.count == rows)
        #expect(links.allSatisfy { ids.contains(String($0.dropFirst())) }, "links to nothing: \(links)")
        #expect(dom.contains("<svg") && dom.contains("research-plan-by-sept-10"))
        // The offending line of the unit's own file is shown under its finding.
        // (county-qingxian.yaml:20 is where the research plan was dated, two days late.)
        #expect(dom.contains("<pre>20 |     - {date: 2019-09-12, scope: 班子}</pre>"), "no source line shown")
    }

    @Test func textFromFilesStaysText() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("duibiao-html-nasty-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("nasty.yaml").path
        try """
        unit: {id: ZB-9999, name: "<script>alert(1)</script><img src=x onerror=alert(2)>", kind: branch, batch: 2}
        members:
          - {name: "<b>粗</b>\\e[31m\\u202E反", role: 书记}
        records: {}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let html = try FormatTests.stdout(["check", file, "--rules", "Rules/theme-education-2019", "--as-of", "2019-10-15", "--format", "html"])
        #expect(!html.contains("<script>") && !html.contains("<img") && !html.contains("<b>粗"))
        // Controls and bidirectional overrides are shown, not obeyed.
        #expect(!html.contains("\u{1B}") && !html.contains("\u{202E}"))
        #expect(html.contains("&lt;b&gt;粗&lt;/b&gt;\\u{1B}[31m\\u{202E}反"))
        let dom = try Self.rendered(html)
        #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!dom.contains("<img"))
    }
}
