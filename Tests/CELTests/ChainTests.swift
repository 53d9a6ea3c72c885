import Testing
@testable import CEL

/// `filter`/`map` and `min`/`max`/`size` over them run as one loop: each result, error and cost
/// must be the one the nodes as written give.
@Suite struct ChainTests {
    static let record = ObjectType(name: "Step", fields: [("step", .string), ("date", .date), ("n", .int)])

    static func step(_ name: String, _ date: String?, _ n: Int64?) -> Value {
        .object(CELObject.make(type: record, fields: [.string(name), date.map { .date(CELDate.parse($0)!) }, n.map(Value.int)]))
    }

    static let steps: Value = .list([
        step("选题", "2019-09-02", 3), step("定题", "2019-09-08", 1), step("定题", "2019-09-05", nil),
        step("统筹", nil, 2), step("定题", "2019-09-05", 7),
    ])

    static let vars: [String: (CELType, Value)] = [
        "steps": (.list(.object(record)), steps),
        "xs": (.list(.int), .list([3, 1, 4, 1, 5].map { .int($0) })),
        "mixed": (.list(.dyn), .list([.int(1), .string("a"), .int(0)])),
        "m": (.map(.string, .int), .map({ var m = CELMap(); m.insert(.string("a"), .int(1)); return m }())),
        "one": (.dyn, .int(1)),
    ]

    @Test(arguments: [
        "steps.filter(s, s.step == '定题').map(s, s.date).min()",
        "steps.filter(s, s.step == '定题').map(s, s.date).max()",
        "steps.map(s, s.date).min()",
        "steps.map(s, s.n).max()",
        "steps.map(s, s.step == '定题', s.n).min()",
        "size(steps.filter(s, s.step == '定题'))",
        "steps.filter(s, has(s.date)).size()",
        "size(steps.filter(s, s.step == '定题').map(s, s.n))",
        "steps.filter(s, s.step == '无').map(s, s.date).min()",
        "steps.filter(s, s.step == '定题').map(s, s.date)",
        "xs.filter(x, x > 1).map(x, x * 2)",
        "xs.map(x, x * 2).filter(y, y > 2)",
        "xs.filter(x, x > 1).filter(x, x < 5).min()",
        "xs.map(x, xs.filter(y, y < x).max()).min()",
        "steps.map(s, s.step).min()",
        "steps.map(s, s.n).sum()",
        "steps.filter(s, s.step == '定题').map(s, s.n).sum()",
        "sum(xs.filter(x, x > 1))",
        "xs.map(x, x * 2).filter(y, y > 2).sum()",
        "xs.filter(x, x > 9).map(x, x).sum()",
        "xs.map(x, double(x) / 2.0).sum()",
        "xs.map(x, x == 1 ? 0.5 : x).sum()",
        "xs.map(x, duration(string(x) + 'h')).sum()",
        // Errors and values that do not compare: left to the nodes as written.
        "xs.map(x, 9223372036854775807 - 5 + x).sum()",
        "mixed.map(x, x).sum()",
        "xs.map(x, x == 4 ? dyn('a') : dyn(x)).sum()",
        "xs.map(x, 10 / (x - 1)).min()",
        "xs.filter(x, 10 / (x - 1) > 0).map(x, x).max()",
        "mixed.map(x, x).min()",
        "mixed.filter(x, x).size()",
        "dyn(m).filter(k, k == 'a').size()",
        "dyn(1).filter(x, x > 0).min()",
        "dyn(steps).filter(s, s.missing == 1).map(s, s.n).min()",
        // `ascending` of a chain, and its list compared with another.
        "ascending(steps.filter(s, has(s.date)).map(s, s.date))",
        "ascending(steps.filter(s, s.step == '定题').map(s, s.n))",
        "ascending(xs.map(x, x))",
        "ascending([1, 1, 2].map(x, x))",
        "ascending(xs.filter(x, x > 1).map(x, x * 2))",
        "ascending(xs.map(x, x * 2).filter(y, y > 4))",
        "ascending(xs.filter(x, x > 9))",
        "ascending(steps.map(s, s.date))",
        "ascending(mixed.map(x, x))",
        "ascending(xs.map(x, x == 1 ? dyn('a') : dyn(x)))",
        "ascending(xs.map(x, 10 / (x - 1)))",
        "steps.map(s, s.step) == ['选题', '定题', '定题', '统筹', '定题']",
        "steps.map(s, s.step) == ['选题', '定题']",
        "steps.map(s, s.step) == ['选题', '定题', '定题', '统筹', '定题', '多']",
        "steps.filter(s, s.step == '定题').map(s, s.n) == [1, null, 7]",
        "xs.filter(x, x > 1).map(x, x * 2) == [6, 8, 10]",
        "xs.map(x, x) == mixed",
        "xs.map(x, x) == xs.map(y, y)",
        "steps.map(s, s.n) == one",
        "xs.map(x, 10 / (x - 1)) == xs",
        "xs.map(x, x) == [1, 2, 10 / 0]",
        "xs.map(x, x) == dyn(1)",
        "xs.filter(x, x > 9) == []",
        // `distinct` of a chain: the first of equals kept, in order, as the nodes keep it.
        "steps.map(s, s.step).distinct()",
        "distinct(steps.filter(s, has(s.date)).map(s, s.date))",
        "xs.map(x, x * 2).filter(y, y > 2).distinct()",
        "xs.filter(x, x > 9).distinct()",
        "mixed.map(x, x).distinct()",
        "xs.map(x, x == 1 ? 1.0 : dyn(x)).distinct()",
        "steps.map(s, s.n).distinct()",
        "xs.map(x, 10 / (x - 1)).distinct()",
        "size(steps.map(s, s.step).distinct())",
    ])
    func chainsGiveWhatTheNodesGive(_ text: String) throws {
        let program = try Env(variables: Self.vars.mapValues(\.0)).compile(text)
        let a = Activation(Self.vars.mapValues(\.1))
        #expect(Printer.literal(program.eval(a)) == Printer.literal(program.unchained.eval(a)))
        var chained = a, written = a
        chained.meter = CostMeter(limit: 10_000)
        written.meter = CostMeter(limit: 10_000)
        _ = program.eval(chained)
        _ = program.unchained.eval(written)
        #expect(chained.meter!.spent == written.meter!.spent)
    }

    @Test(arguments: [
        "steps.filter(s, s.step == '定题').map(s, s.date).min()",
        "xs.filter(x, x > 1).map(x, x * 2)",
        "size(xs.filter(x, x > 1))",
        "xs.map(x, x).max()",
        "steps.filter(s, s.step == '定题').map(s, s.n).sum()",
        "ascending(steps.filter(s, has(s.date)).map(s, s.date))",
        "steps.map(s, s.step) == ['选题', '定题']",
        "xs.filter(x, x > 1).map(x, x * 2) == xs",
        "xs.map(x, x) == one",
        "steps.map(s, s.step).distinct()",
    ])
    func theCommonChainsAreChains(_ text: String) throws {
        #expect(try Env(variables: Self.vars.mapValues(\.0)).compile(text).isChain)
    }

    /// A list compared with one a loop makes is left to the nodes: evaluated before the chain's
    /// loop, that part could be kept with the meter (`Invariant`) and cost the nodes less
    /// should they run after, when the chain cannot judge.
    @Test func aComparisonWithAListALoopMakesIsNoChain() throws {
        #expect(try !Env(variables: Self.vars.mapValues(\.0)).compile("xs.map(x, x + 1) == xs.map(y, y + 1)").isChain)
    }

    @Test(arguments: ["xs.filter(x, x > 0).map(x, x + 1).min()", "xs.filter(x, x > 0).map(x, x + 1).sum()",
                      "ascending(xs.map(x, x + 1))", "xs.map(x, x + 1) == xs", "xs.map(x, x + 1) == xs.map(y, y + 1)",
                      "xs.filter(x, x > 0).map(x, x + 1).distinct()"])
    func aChainThatRunsOutOfBudgetFailsAsTheNodesDo(_ text: String) throws {
        let program = try Env(variables: Self.vars.mapValues(\.0)).compile(text)
        for limit in 0..<40 {
            var chained = Activation(Self.vars.mapValues(\.1)), written = chained
            chained.meter = CostMeter(limit: limit)
            written.meter = CostMeter(limit: limit)
            #expect(Printer.literal(program.eval(chained)) == Printer.literal(program.unchained.eval(written)), "limit \(limit)")
            #expect(chained.meter!.spent == written.meter!.spent, "limit \(limit)")
        }
    }
}
