import Testing
@testable import CEL

@Suite struct ParserTests {
    @Test(arguments: [
        ("a + b * c", "(a + (b * c))"),
        ("a || b && c", "(a || (b && c))"),
        ("!a == b", "(!a == b)"),
        ("x ? y : z ? 1 : 2", "(x ? y : (z ? 1 : 2))"),
        ("a.b[0].c(1, 2)", "a.b[0].c(1, 2)"),
        ("x in [1, 2u, 3.5]", "(x in [1, 2u, 3.5])"),
        ("{'k': 1}['k']", "{\"k\": 1}[\"k\"]"),
        ("has(unit.parent)", "has(unit.parent)"),
        ("l.map(x, x * 2)", "l.map(x, (x * 2))"),
        ("l.map(x, x > 1, x)", "l.map(x, (x > 1), x)"),
        ("l.exists_one(x, x == 1)", "l.exists_one(x, (x == 1))"),
        ("-9223372036854775808", "-9223372036854775808"),
        ("- -1", "--1"),
        ("r'\\d' + \"\\u4e2d\"", "(\"\\\\d\" + \"中\")"),
        ("0x1F + 7u", "(31 + 7u)"),
        ("// comment\n a", "a"),
        // A call of a function named `has` keeps its dot: printed without it, it would parse as
        // the macro (fuzzing).
        (".has(it.c, e) > 0", "(.has(it.c, e) > 0)"),
    ])
    func canonical(_ input: String, _ expected: String) throws {
        #expect(try printed(input) == expected)
    }

    @Test func rangesCountUnicodeScalars() throws {
        let e = try Parser.parse("'张三' == name")
        guard case .call(_, _, let args) = e.kind else { Issue.record("not a call"); return }
        #expect(args[1].range == SourceRange(8, 12))
    }

    @Test(arguments: [
        ("a +", "cel.syntax", 3),
        ("(a", "cel.syntax", 2),
        ("a $ b", "cel.syntax", 2),
        ("'abc", "cel.syntax", 0),
        ("has(a)", "cel.macro", 0),
        // Two variables of one name: said where the second is written, not a crash (fuzzing).
        ("l.exists(s, s, s.ok)", "cel.macro", 12),
        // A reserved word after a leading dot is refused as without it (fuzzing: `.in()` was a
        // call whose printed form, `in()`, did not parse).
        ("x % .in()", "cel.syntax", 5),
        (".if", "cel.syntax", 1),
        ("m.transformMap(k, k, k)", "cel.macro", 18),
        ("if + 1", "cel.syntax", 0),
        ("9223372036854775808", "cel.syntax", 0),
    ])
    func syntaxErrors(_ input: String, _ code: String, _ at: Int) {
        let d = diagnostics(input)
        #expect(d.count == 1)
        #expect(d.first?.code == code)
        #expect(d.first?.range.start == at)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(diagnostics(text).first?.code == "cel.depth")
    }
}
