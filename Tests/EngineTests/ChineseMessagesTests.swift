import CEL
import Testing
@testable import Engine

/// Every word a unit reads is Chinese: libyaml's English problem texts never leak through.
@Suite struct ChineseMessagesTests {
    static let broken: [(name: String, bytes: [UInt8])] = [
        ("a.yaml", Array("unit: {id: X, kind: county}\nmembers: [@x]\n".utf8)),
        ("b.yaml", Array("unit:\n  id: X\n kind: county\n".utf8)),
        ("c.yaml", Array("unit: {id: X\nmembers: []\n".utf8)),
        ("d.yaml", Array("unit: \"abc\\q\"\n".utf8)),
        ("e.yaml", Array("unit:\n\t- id\n".utf8)),
        ("f.yaml", Array("unit: {id: X}\n".utf8) + [0xE4, 0xB8]),
        ("g.yaml", Array("unit: {id: X}\n".utf8) + [0x80, 0x0A]),
        ("h.yaml", Array("a: 1\n  b: 2\n".utf8)),
        ("i.yaml", Array("unit: &&x 1\n".utf8)),
        ("j.yaml", Array("%FOO bar\n---\na: 1\n".utf8)),
        ("k.json", Array("{\"unit\": {\"id\": \"X\",}\n".utf8)),
        ("l.yaml", Array("unit: 'abc\n".utf8)),
        ("m.yaml", Array("unit: |0\n  x\n".utf8)),
    ]

    static let english = ["while ", "did not", "found ", "expected", "octet", "could not", "invalid", "Error", "NSCocoa", "token"]

    @Test func brokenFilesAreDescribedInChinese() throws {
        let set = try mustLoad(testRules("  - {id: r, implements: X, title: t, quote: 主题教育, expect: 'true'}"))
        let r = CheckRun.run(set, inputs: Self.broken.map { f in (f.name, { .success(f.bytes) }) }, asOf: CELDate.parse("2019-10-01")!)
        for f in Self.broken {
            let messages = r.findings.filter { $0.file == f.name && $0.status == .invalid }.map(\.message)
            #expect(!messages.isEmpty, "\(f.name) has no invalid finding")
            for m in messages {
                #expect(!Self.english.contains { m.contains($0) }, "\(f.name): \(m)")
            }
        }
        let json = try #require(r.findings.first { $0.file == "k.json" })
        #expect(json.message.hasPrefix("JSON 语法错误"))
    }
}
