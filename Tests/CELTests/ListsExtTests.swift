import Testing
@testable import CEL

/// cel-go's lists extension (cel-spec ships no conformance file for it).
@Suite struct ListsExtTests {
    @Test(arguments: [
        ("[[1, 2], [3]].flatten()", "[1, 2, 3]"),
        ("[1, [2, [3, [4]]]].flatten(2)", "[1, 2, 3, [4]]"),
        ("[].flatten()", "[]"),
        ("[3, 1, 2].sort()", "[1, 2, 3]"),
        ("['b', 'a', 'c'].sort()", "[\"a\", \"b\", \"c\"]"),
        ("[{'n': 2, 'k': 'x'}, {'n': 1, 'k': 'y'}, {'n': 2, 'k': 'z'}].sortBy(m, m.n).map(m, m.k)", "[\"y\", \"x\", \"z\"]"),
        ("lists.range(3)", "[0, 1, 2]"),
        ("lists.range(0)", "[]"),
        ("[1, 2, 3, 4].slice(1, 3)", "[2, 3]"),
        ("[1, 2, 3].reverse()", "[3, 2, 1]"),
        ("[1, 2, 2, 1].distinct()", "[1, 2]"),
        ("cel.bind(x, 2, x * x)", "4"),
    ])
    func evaluates(_ text: String, _ expected: String) throws {
        #expect(try eval(text).text == expected)
    }

    @Test(arguments: ["[1, 'a'].sort()", "[1, 2].slice(2, 1)", "[1].slice(0, 3)", "lists.range(-1)", "[[1]].flatten(-1)"])
    func errors(_ text: String) throws {
        guard case .error = try eval(text) else { Issue.record("\(text) did not fail"); return }
    }

    @Test func printsAsWritten() throws {
        #expect(try printed("l.sortBy(x, x.n)") == "l.sortBy(x, x.n)")
        #expect(try printed("cel.bind(x, 1, x + 1)") == "cel.bind(x, 1, (x + 1))")
    }
}

/// cel-go's optionals: the syntax prints as written and parses again.
@Suite struct OptionalSyntaxTests {
    @Test(arguments: [
        ("m.?a.b", "m.?a.b"),
        ("m[?'k']", "m[?\"k\"]"),
        ("[?a, b]", "[?a, b]"),
        ("{?'k': v, 'j': 1}", "{?\"k\": v, \"j\": 1}"),
        ("o.optMap(x, x + 1)", "o.optMap(x, (x + 1))"),
        ("m.`content-type`", "m.`content-type`"),
        ("m.?`a b`", "m.?`a b`"),
        ("m.`in`.x", "m.`in`.x"),
        ("a ? b : c", "(a ? b : c)"),
    ])
    func printsAndReparses(_ text: String, _ expected: String) throws {
        let p = try printed(text)
        #expect(p == expected)
        #expect(try printed(p) == p)
    }

    @Test func valuesInMessagesAndTypes() throws {
        #expect(try eval("{'a': 1}.?a.orValue(0) + {'a': 1}.?b.orValue(10)").text == "11")
        #expect(try eval("[?optional.none(), ?optional.of(2)]").text == "[2]")
        let env = Env(variables: ["m": .map(.string, .int)])
        #expect(try env.compile("m.?a").type == .optional(.int))
        #expect(try env.compile("m.?a.orValue(1)").type == .int)
    }
}
