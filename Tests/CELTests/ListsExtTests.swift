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
