import Testing
@testable import CEL

@Suite struct EvalTests {
    @Test(arguments: [
        ("1 + 2 * 3", "7"),
        ("7 / 2", "3"),
        ("-7 % 3", "-1"),
        ("2u * 3u", "6u"),
        ("1.5 + 1.0", "2.5"),
        ("'a' + 'b'", "\"ab\""),
        ("[1, 2] + [3]", "[1, 2, 3]"),
        ("size('张三李')", "3"),
        ("'主题教育'.contains('教育')", "true"),
        ("'aaab'.contains('aab') && 'abcabd'.contains('abd') && ''.contains('') && 'x'.contains('')", "true"),
        ("'abab'.contains('abb') || 'a'.contains('ab') || '主题'.contains('题教')", "false"),
        // Code point order: prefixes first, then by the first differing character.
        ("'a' < 'ab' && 'b' > 'ab' && 'é' > 'z' && '中' > 'é' && '\\U0001F600' > '\\uFFFD' && !('a' < 'a') && '' < 'a'", "true"),
        ("'e\\u0301' == 'é' || 'é' <= 'e\\u0301'", "false"),
        ("'主题教育'.startsWith('主题') && 'abc'.endsWith('bc')", "true"),
        ("'2019-09-10'.matches('^\\\\d{4}-')", "true"),
        ("1 == 1.0", "true"),
        ("1u < 2", "true"),
        ("[1, 2] == [1, 2]", "true"),
        ("{'a': 1} == {'a': 1}", "true"),
        ("2 in [1, 2, 3]", "true"),
        ("'k' in {'k': 1}", "true"),
        ("[1, 2, 3].all(x, x > 0)", "true"),
        ("[1, 2, 3].exists(x, x > 2)", "true"),
        ("[1, 2, 3].exists_one(x, x > 1)", "false"),
        ("[1, 2, 3].map(x, x * x)", "[1, 4, 9]"),
        ("[1, 2, 3].map(x, x > 1, x * 10)", "[20, 30]"),
        ("[1, 2, 3].filter(x, x % 2 == 1)", "[1, 3]"),
        ("{'a': 1, 'b': 2}.all(k, k in ['a', 'b'])", "true"),
        ("int('42') + int(2.9)", "44"),
        ("uint(3) + 1u", "4u"),
        ("double(1) / 4.0", "0.25"),
        ("string(12) + string(true)", "\"12true\""),
        ("type(1) == int", "true"),
        ("true ? 'y' : 'n'", "\"y\""),
        // Calls that no shortcut judges, with none to eight arguments: each argument reaches
        // the overload in its place (kept on the stack for the call).
        ("optional.none().hasValue()", "false"),
        ("int('42')", "42"),
        ("'hello'.indexOf('l')", "2"),
        ("'hello'.substring(1, 3)", "\"el\""),
        ("'a-b-c-d'.replace('-', '+', 2)", "\"a+b+c-d\""),
        ("math.greatest(1, 9, 3, 4, 5, 6, 7, 8)", "9"),
        ("math.least(8, 7, 6, 5, 4, 3, 2, -1)", "-1"),
        ("[[1, 2], [3]] == [[1, 2], [3]]", "true"),
    ])
    func values(_ input: String, _ expected: String) throws {
        #expect(try eval(input).text == expected)
    }

    @Test func anErrorAmongACallsArgumentsIsTheCalls() throws {
        let v = try eval("math.greatest(1, 2 / 0, 3)")
        #expect(v.error?.message == (try eval("2 / 0")).error?.message)
        #expect(try eval("'hello'.substring(1, [1][3])").error != nil)
    }

    @Test(arguments: [
        "1 / 0",
        "9223372036854775807 + 1",
        "-9223372036854775808 - 1",
        "[1][5]",
        "{'a': 1}['b']",
        "int('x')",
        "0u - 1u",
    ])
    func errors(_ input: String) throws {
        #expect(try eval(input).error != nil)
    }

    @Test(arguments: [
        ("false && (1 / 0 > 0)", "false"),
        ("(1 / 0 > 0) && false", "false"),
        ("true || (1 / 0 > 0)", "true"),
        ("(1 / 0 > 0) || true", "true"),
        ("[1, 0].exists(x, 1 / x == 1)", "true"),
        ("[0, 1].all(x, 1 / x > 5)", "false"),
    ])
    func errorsAreAbsorbedWhenTheOtherSideDecides(_ input: String, _ expected: String) throws {
        #expect(try eval(input).text == expected)
    }

    @Test func errorsPropagateWhenNothingDecides() throws {
        #expect(try eval("true && (1 / 0 > 0)").error?.message == "除数为零")
        #expect(try eval("[0].all(x, 1 / x > 0)").error != nil)
    }

    @Test func errorsKnowWhereTheyArose() throws {
        let v = try eval("1 + (2 / 0)")
        #expect(v.error?.range == SourceRange(5, 10))
    }
}

@Suite struct NewerCELTests {
    @Test(arguments: [
        ("[10, 20].all(i, v, v == (i + 1) * 10)", "true"),
        ("{'a': 1, 'b': 2}.exists(k, v, k == 'b' && v == 2)", "true"),
        ("[5, 7].existsOne(i, v, v % 5 == i)", "true"),
        ("[2, 4].transformList(i, v, v * i)", "[0, 4]"),
        ("{'a': 1, 'b': 2}.transformMap(k, v, v > 1, v * 10)", "{\"b\": 20}"),
        ("{'content-type': 'json'}.`content-type`", "\"json\""),
        ("'é' == 'e\\u0301'", "false"),
        ("9223372036854775807 < 9223372036854775808.0", "false"),
    ])
    func values(_ input: String, _ expected: String) throws {
        #expect(try eval(input).text == expected)
    }

    @Test func containersResolveQualifiedNames() throws {
        let env = Env(variables: ["a.b.x": .int, "y": .int], container: "a.b")
        #expect(try env.compile("x + 1").eval(Activation(["a.b.x": .int(1)])).text == "2")
        #expect(try env.compile("[5].exists(y, .y == 7)").eval(Activation(["y": .int(7)])).text == "true")
    }

    @Test func aComparisonOfOneKindGivesWhatItsOverloadsGiveAndCostsTheSame() throws {
        let values: [Value] = [.string("b"), .string("ab"), .string(String(repeating: "长", count: 40)), .int(1), .int(-3),
                               .uint(1), .double(1), .double(.nan), .bool(true), .bool(false), .null,
                               .date(try #require(CELDate(year: 2019, month: 9, day: 10))), .date(try #require(CELDate(year: 2019, month: 10, day: 1)))]
        for (op, fn) in [("==", "_==_"), ("!=", "_!=_"), ("<", "_<_"), ("<=", "_<=_"), (">", "_>_"), (">=", "_>=_")] {
            try expectShortcut("x \(op) y", fn, nodes: 3, over: values) { x, y in [x, y] }
        }
    }

    @Test func notSizeAndInGiveWhatTheirOverloadsGiveAndCostTheSame() throws {
        var map = CELMap()
        map.insert(.string("k"), .int(1))
        let values: [Value] = [.bool(true), .bool(false), .int(2), .string("b"), .string(String(repeating: "长", count: 40)),
                               .list([]), .list([.int(1), .int(2)]), .list([.string("b"), .int(2), .null]),
                               .map(map), .date(try #require(CELDate(year: 2019, month: 9, day: 10))),
                               .list([.date(try #require(CELDate(year: 2019, month: 9, day: 10)))]), .null, .double(2)]
        try expectShortcut("!x", "!_", nodes: 2, over: values) { x, _ in [x] }
        try expectShortcut("size(x)", "size", nodes: 2, over: values) { x, _ in [x] }
        try expectShortcut("x.size()", "size", nodes: 2, over: values) { x, _ in [x] }
        try expectShortcut("x in y", "@in", nodes: 3, over: values) { x, y in [x, y] }
    }

    @Test func addAndContainsGiveWhatTheirOverloadsGiveAndCostTheSame() throws {
        let values: [Value] = [.int(1), .int(-3), .int(.max), .int(.min), .uint(1), .double(1), .string("b"), .string("ab"),
                               .string(""), .string(String(repeating: "长", count: 40)), .string("长长"), .list([.int(1)]),
                               .bool(true), .null, .date(try #require(CELDate(year: 2019, month: 9, day: 10)))]
        try expectShortcut("x + y", "_+_", nodes: 3, over: values) { x, y in [x, y] }
        try expectShortcut("x.contains(y)", "contains", nodes: 3, over: values) { x, y in [x, y] }
    }

    /// `text` over `x` and `y` (behind `dyn`, so the run time picks the overload) gives what
    /// `fn`'s first accepting overload gives for `arguments(x, y)` (an error when none does),
    /// and costs its `nodes` plus what `Call.cost(of:)` charges for those arguments.
    private func expectShortcut(_ text: String, _ fn: String, nodes: Int, over values: [Value],
                                _ arguments: (Value, Value) -> [Value]) throws {
        var table = FunctionTable()
        Stdlib.register(&table)
        let program = try Env(variables: ["x": .dyn, "y": .dyn]).compile(text)
        for x in values {
            for y in values {
                let args = arguments(x, y)
                let expected = table.overloads[fn]!.first { $0.accepts(args) }.map { $0.call(args) }
                var a = Activation(["x": x, "y": y])
                let meter = CostMeter(limit: 1_000)
                a.meter = meter
                let got = program.eval(a)
                if let expected {
                    #expect(got.text == expected.text, "\(text) with \(x.text), \(y.text)")
                } else {
                    #expect(got.error != nil, "\(text) with \(x.text), \(y.text)")
                }
                #expect(meter.spent == nodes + args.withUnsafeBufferPointer(Nodes.Call.cost), "\(text) with \(x.text), \(y.text)")
            }
        }
    }
}
