import Foundation
import Testing

/// What CI tools read: the JUnit report parses as XML with the counts it claims, the SARIF
/// report validates against the SARIF 2.1.0 schema, each format survives hostile text.
@Suite struct FormatTests {
    static let examples = ["check", "Examples/theme-education-2019", "--rules", "Rules/theme-education-2019", "--as-of", "2019-10-15"]

    /// Standard output of a run, without the exit-code and stderr framing of golden files.
    static func stdout(_ args: [String]) throws -> String {
        let all = try GoldenTests.run(args)
        let body = all.components(separatedBy: "--- stdout\n")[1]
        return body.components(separatedBy: "--- stderr\n")[0]
    }

    /// Runs Python with `script`; the test needs python3 (CI installs jsonschema when missing).
    static func python(_ script: String, input: String) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script]
        p.currentDirectoryURL = URL(fileURLWithPath: GoldenTests.root)
        let inPipe = Pipe(), out = Pipe()
        p.standardInput = inPipe
        p.standardOutput = out
        p.standardError = out
        try p.run()
        inPipe.fileHandleForWriting.write(Data(input.utf8))
        try inPipe.fileHandleForWriting.close()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    @Test func sarifValidatesAgainstTheSchema() throws {
        let schema = "\(GoldenTests.root)/../shared/sarif/sarif-schema-2.1.0.json"
        try #require(FileManager.default.fileExists(atPath: schema), "the SARIF schema is read from ../shared/sarif")
        for args in [Self.examples, ["check", "Tests/DuibiaoTests/Fixtures/bad-submissions", "--rules", "Rules/theme-education-2019", "--as-of", "2019-10-15"]] {
            let sarif = try Self.stdout(args + ["--format", "sarif"])
            let (status, said) = try Self.python("""
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "\(schema)"))
            doc = json.load(sys.stdin)
            jsonschema.validators.validator_for(schema)(schema).validate(doc)
            run = doc["runs"][0]
            ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
            for r in run["results"]:
                assert ids[r["ruleIndex"]] == r["ruleId"], r
            print(len(run["results"]))
            """, input: sarif)
            #expect(status == 0, "\(said)")
            #expect((Int(said.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 0, "\(said)")
        }
    }

    @Test func junitIsXMLWithTheCountsItClaims() throws {
        let xml = try Self.stdout(Self.examples + ["--format", "junit"])
        let (status, said) = try Self.python("""
        import sys, xml.etree.ElementTree as ET
        root = ET.fromstring(sys.stdin.read())
        assert root.tag == "testsuites"
        for s in root.findall("testsuite"):
            cases = s.findall("testcase")
            assert int(s.get("tests")) == len(cases), s.get("name")
            for kind in ("failure", "error", "skipped"):
                n = sum(1 for c in cases if c.find(kind) is not None)
                assert int(s.get(kind + "s" if kind != "skipped" else "skipped")) == n, (s.get("name"), kind)
        print(sum(len(s.findall("testcase")) for s in root.findall("testsuite")),
              sum(1 for c in root.iter("failure")), sum(1 for c in root.iter("error")))
        """, input: xml)
        #expect(status == 0, "\(said)")
        // The same 364 findings as the JSON report, 21 fail + 1 missing as failures, 1 invalid as an error.
        #expect(said.trimmingCharacters(in: .whitespacesAndNewlines) == "364 22 1", "\(said)")
    }

    @Test func hostileTextCannotBreakTheDocuments() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("duibiao-formats-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // A unit name and record text with markup, quotes, a table bar, a control character.
        let nasty = "</testsuite><x a=\\\"b\\\"> | **粗** `码` \\u001B[2J &amp;"
        let file = dir.appendingPathComponent("nasty.yaml").path
        try """
        unit: {id: ZB-9999, name: "\(nasty)", kind: branch, batch: 2, parent: XZ-0042}
        members:
          - {name: "\(nasty)", role: 书记}
        records: {}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let base = ["check", file, "--rules", "Rules/theme-education-2019", "--as-of", "2019-10-15"]
        let xml = try Self.stdout(base + ["--format", "junit"])
        let (status, said) = try Self.python("""
        import sys, xml.etree.ElementTree as ET
        root = ET.fromstring(sys.stdin.read())
        print(root.find("testsuite").get("name"))
        """, input: xml)
        // The name arrives whole, as text: markup stays text, the control character is shown.
        #expect(status == 0 && said.hasPrefix("ZB-9999 </testsuite><x a=\"b\"> | **粗** `码` \\u{1B}[2J &amp;"), "\(said)")
        let md = try Self.stdout(base + ["--format", "markdown"])
        // Every table row keeps its six cells: no bar from the file ends a cell.
        for row in md.split(separator: "\n") where row.hasPrefix("| ") && !row.hasPrefix("| 状态") {
            let unescaped = row.replacingOccurrences(of: "\\|", with: "")
            #expect(unescaped.filter { $0 == "|" }.count == 7 || unescaped.filter { $0 == "|" }.count == 3, "\(row)")
        }
        #expect(!md.contains("</testsuite>"))
        #expect(!md.contains("\u{1B}"))
        let sarif = try Self.stdout(base + ["--format", "sarif"])
        #expect(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) is [String: Any])
    }
}
