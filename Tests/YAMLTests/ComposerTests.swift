import Testing
@testable import YAML

@Suite struct ComposerTests {
    func error(_ text: String, limits: Limits = .default) -> YAMLError? {
        do {
            _ = try Composer.compose(text, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test func marksAreOneBasedAndCountUnicodeScalars() throws {
        let node = try Composer.compose("unit:\n  name: 青石镇党委\n  kind: township\n")
        let unit = try #require(node.mapping?["unit"]?.mapping)
        #expect(unit["name"]?.mark == Mark(line: 2, column: 9))
        #expect(unit.keyScalar("kind")?.mark == Mark(line: 3, column: 3))
    }

    @Test func scalarsKeepTheirTextAndStyle() throws {
        let node = try Composer.compose("a: no\nb: '2019-09-10'\nc: |\n  x\n")
        let m = try #require(node.mapping)
        #expect(m["a"]?.scalar?.value == "no")
        #expect(m["a"]?.scalar?.style == .plain)
        #expect(m["b"]?.scalar?.style == .singleQuoted)
        #expect(m["c"]?.scalar?.value == "x\n")
        #expect(m["c"]?.scalar?.style == .literal)
    }

    @Test func duplicateKeyPointsAtTheSecondAndNamesTheFirst() throws {
        let e = try #require(error("a: 1\nb: 2\na: 3\n"))
        #expect(e.code == "yaml.duplicate-key")
        #expect(e.mark == Mark(line: 3, column: 1))
        #expect(e.message.contains("1:1"))
    }

    @Test(arguments: [
        ("a: !!str 1\n", "yaml.tag", 1, 4),
        ("a: 1\n---\nb: 2\n", "yaml.documents", 2, 1),
        ("? [a, b]\n: 1\n", "yaml.key", 1, 3),
        ("a: [1, 2\n", "yaml.syntax", 2, 1),
        ("a: *missing\n", "yaml.alias", 1, 4),
        ("", "yaml.empty", 1, 1),
    ])
    func rejected(_ text: String, _ code: String, _ line: Int, _ column: Int) throws {
        let e = try #require(error(text))
        #expect(e.code == code)
        #expect(e.mark == Mark(line: line, column: column))
    }

    @Test func invalidUTF8IsLocated() throws {
        var bytes = Array("a: ok\nb: ".utf8)
        bytes += [0xFF, 0xFE, 0x0A]
        do {
            _ = try Composer.compose(bytes: bytes)
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.code == "yaml.encoding")
            #expect(error.mark.line == 2)
            #expect(!error.message.contains("GBK"))
        }
    }

    /// A key written with a Chinese input method's colon (`名称：` or `名称： 值`) is named, with
    /// its line; a full-width colon inside a value on the line of an error is not.
    @Test(arguments: [
        ("unit:\n  id: X\n  name： 青县\n  kind: county\n", 3),
        ("members: [{name： 张三}, {name: 李四}\n", 1),
    ])
    func aFullWidthColonIsNamed(_ text: String, _ line: Int) throws {
        let e = try #require(error(text))
        #expect(e.code == "yaml.syntax")
        #expect(e.message.contains("第 \(line) 行用了全角冒号「：」"))
    }

    @Test(arguments: ["unit: {id: X, name: 时间：九月\n", "unit: {id: X, name: \"时间：九月\"\n"])
    func aFullWidthColonInAValueIsNotBlamed(_ text: String) throws {
        // The brace is what is missing; the colon is the value's.
        let e = try #require(error(text))
        #expect(e.message.contains("缺少「,」或「}」"))
        #expect(!e.message.contains("全角"))
    }

    /// Notepad on a Chinese Windows saves "ANSI" as GBK and "Unicode" as UTF-16: the office is
    /// told which, and how to save the file as UTF-8.
    @Test(arguments: [
        // 单位: 测试, as GBK.
        ([181, 165, 206, 187, 58, 32, 178, 226, 202, 212, 10] as [UInt8], "GBK"),
        // a: 1, as UTF-16 with its byte order mark, little-endian and big-endian.
        ([0xFF, 0xFE, 0x61, 0, 0x3A, 0, 0x20, 0, 0x31, 0, 0x0A, 0] as [UInt8], "UTF-16"),
        ([0xFE, 0xFF, 0, 0x61, 0, 0x3A, 0, 0x20, 0, 0x31, 0, 0x0A] as [UInt8], "UTF-16"),
    ])
    func aNotepadEncodingIsNamed(_ bytes: [UInt8], _ name: String) throws {
        do {
            _ = try Composer.compose(bytes: bytes)
            Issue.record("accepted \(name)")
        } catch {
            #expect(error.code == "yaml.encoding")
            #expect(error.message.contains("看起来是 \(name) 编码"))
            #expect(error.message.contains("UTF-8"))
        }
    }

    @Test func aliasesExpandWithinBudget() throws {
        let node = try Composer.compose("a: &x {k: 1}\nb: *x\n")
        #expect(node.mapping?["b"]?.mapping?["k"]?.scalar?.value == "1")
    }

    @Test func aliasBombIsStopped() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 {
            text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let e = try #require(error(text))
        #expect(e.code == "yaml.alias")
    }

    @Test func depthIsBounded() throws {
        let text = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        let e = try #require(error(text, limits: Limits(maxDepth: 64)))
        #expect(e.code == "yaml.depth")
        #expect(e.mark == Mark(line: 1, column: 65))
    }

    @Test func sizeIsBounded() throws {
        let e = try #require(error("a: 1234567890\n", limits: Limits(maxBytes: 8)))
        #expect(e.code == "yaml.size")
    }

    @Test func jsonIsAccepted() throws {
        let node = try Composer.compose(#"{"unit": {"id": "X-1", "batch": 2}, "members": []}"#)
        #expect(node.mapping?["unit"]?.mapping?["id"]?.scalar?.value == "X-1")
        #expect(node.mapping?["members"]?.sequence?.items.isEmpty == true)
    }
}
