import Foundation
import Testing
import ZIPFoundation
@testable import Engine

/// Source documents as offices keep them: text, Markdown, Word; or none at all.
@Suite struct SourceDocumentTests {
    static let rule = """
      - {id: r, implements: X, title: t, quote: 每月5日前报送上月工作情况, expect: 'true'}
    """

    /// A folder with the rules file and a source document; removed by the caller.
    static func folder(source name: String, _ bytes: Data?) throws -> (dir: String, rules: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("duibiao-source-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if let bytes { try bytes.write(to: URL(fileURLWithPath: "\(dir)/\(name)")) }
        let text = testRules(rule).replacingOccurrences(of: "campaign: {source: \(repositoryRoot)/seeds/000_e2d3f5109e70ee80.txt}",
                                                        with: bytes == nil && name.isEmpty ? "campaign: {title: 测试}" : "campaign: {source: \(name)}")
        try text.write(toFile: "\(dir)/rules.yaml", atomically: false, encoding: .utf8)
        return (dir, "\(dir)/rules.yaml")
    }

    /// A minimal Word document with the given paragraphs.
    static func docx(_ paragraphs: [String]) throws -> Data {
        let body = paragraphs.map { p in
            // One run per half, as Word splits text into runs at edits.
            let half = p.index(p.startIndex, offsetBy: p.count / 2)
            return "<w:p><w:r><w:t>\(p[..<half])</w:t></w:r><w:r><w:t xml:space=\"preserve\">\(p[half...])</w:t></w:r></w:p>"
        }.joined()
        let xml = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
        """
        let archive = try Archive(data: Data(), accessMode: .create)
        let data = Data(xml.utf8)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
        return try #require(archive.data)
    }

    @Test func quotesAreVerifiedAgainstAWordDocument() throws {
        let (dir, rules) = try Self.folder(source: "通知.docx", try Self.docx(["关于开展安全检查的通知", "各单位每月5日前报送上月工作情况。"]))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let set = try RulesLoader.load(paths: [rules])
        #expect(set.warnings.isEmpty)
        let wrong = try String(contentsOfFile: rules, encoding: .utf8).replacingOccurrences(of: "每月5日前", with: "每月6日前")
        try wrong.write(toFile: rules, atomically: false, encoding: .utf8)
        #expect(throws: RulesError.self) { try RulesLoader.load(paths: [rules]) }
    }

    @Test func markdownAndTextAreReadAsTheyAre() throws {
        for name in ["通知.md", "通知.txt"] {
            let (dir, rules) = try Self.folder(source: name, Data("# 通知\n\n各单位每月5日前报送上月工作情况。\n".utf8))
            defer { try? FileManager.default.removeItem(atPath: dir) }
            #expect(try RulesLoader.load(paths: [rules]).rules.count == 1)
        }
    }

    @Test func withoutASourceTheRulesLoadWithOneWarning() throws {
        let (dir, rules) = try Self.folder(source: "", nil)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = try String(contentsOfFile: rules, encoding: .utf8).replacingOccurrences(of: "rules:\n", with: "rules:\n  - {id: r2, implements: X, title: t, quote: 另一句, expect: 'true'}\n")
        try text.write(toFile: rules, atomically: false, encoding: .utf8)
        let set = try RulesLoader.load(paths: [rules])
        #expect(set.rules.count == 2)
        #expect(set.warnings.map(\.code) == ["rules.source"])
        #expect(set.warnings.first?.message.contains("引文无法与原文核对") == true)
    }

    @Test(arguments: [("通知.doc", "不支持"), ("通知.docx", "无法读取 Word 文件")])
    func unreadableSourcesAreErrors(_ name: String, _ fragment: String) throws {
        let (dir, rules) = try Self.folder(source: name, Data("not a zip".utf8))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try RulesLoader.load(paths: [rules])
            Issue.record("loaded")
        } catch {
            #expect(error.diagnostics.contains { $0.code == "rules.source" && $0.message.contains(fragment) })
        }
    }
}
