import Testing
@testable import CEL

/// A part of an expression that goes over lists and names nothing that changes from one item to
/// the next is made once and kept (`Loops.Invariant`), and `x in list` asked of one list again
/// is looked up (`MemberIndex`): each value must be the one the nodes as written give, for
/// every item; only the budget spent differs.
@Suite struct InvariantTests {
    typealias L = LookupTests

    static let forms = [
        "it.to in claims.map(c, c.unit)",
        "it.id in claims.filter(c, c.id == pid).map(c, c.unit)",
        "claims.map(c, c.unit).exists(u, u == it.to)",
        "size(claims.filter(c, c.id == 'P1')) > size(problems.filter(p, p.to == it.to))",
        "it.n in claims.map(c, c.n)",
        "it.to in claims.map(c, c.sub.k)",
        "claims.map(c, c.on).max() > date('2019-09-12') ? it.to : it.id",
        "problems.all(p, p.to in claims.map(c, c.unit))",
        "problems.filter(p, p.to in claims.map(c, c.unit) && p.id == it.id).size()",
        "claims.map(c, c.sub.k).filter(k, k == it.id)",
        "cel.bind(us, claims.map(c, c.unit), it.to in us)",
        "[it.to].exists(t, t in claims.map(c, c.unit))",
        "claims.exists(c, c.unit == it.to && c.id in problems.filter(p, p.to == c.unit).map(p, p.id))",
        "it.to in claims.map(c, c.unit) || it.id in xs.map(x, string(x))",
        "claims.map(c, 10 / (size(c.unit) - 3)).exists(n, n == size(it.to))",
        "it.to in claims.filter(c, c.unit.startsWith('U-1')).map(c, c.unit) ? 1 : claims.map(c, c.n).size()",
    ]

    @Test(arguments: forms)
    func keptPartsGiveWhatTheNodesAsWrittenGive(_ text: String) throws {
        for varying: Set<String> in [["it"], []] {
            let r = try L.perItem(text, varying: varying)
            #expect(r.looked == r.written, "varying \(varying)")
            #expect(r.unmetered == r.written, "varying \(varying)")
        }
    }

    @Test(arguments: [
        "problems.map(p, p.to in claims.map(c, c.unit))",
        "problems.filter(p, p.id in claims.filter(c, c.unit.startsWith('U-')).map(c, c.id)).size()",
    ])
    func aPartAskedAgainIsMadeOnce(_ text: String) throws {
        let program = try Env(variables: L.vars.mapValues(\.0)).compile(text)
        let (kept, written) = L.metered(L.vars.mapValues(\.1))
        #expect(program.eval(kept).text == program.unchained.eval(written).text)
        #expect(kept.meter!.spent * 5 < written.meter!.spent, "\(kept.meter!.spent) vs \(written.meter!.spent)")
    }

    /// What a kept part read changes between two evaluations with one meter: a list of as many
    /// items, a text, a record. Each change is seen.
    @Test func aPartIsMadeAgainWhenWhatItReadsIsAnother() throws {
        let env = Env(variables: ["xs": .list(.int), "n": .int, "s": .string, "it": .int], varying: ["it"])
        let program = try env.compile("it in xs.map(x, x * n).filter(y, string(y) != s)")
        var a = Activation(["xs": .list((0..<20).map { .int($0) }), "n": .int(1), "s": .string("3"), "it": .int(3)])
        a.meter = CostMeter(limit: 1_000_000)
        func check(_ expected: Bool, _ why: String) {
            let written = program.unchained.eval(a)
            #expect(written.text == Value.bool(expected).text, "\(why): as written")
            #expect(program.eval(a).text == written.text, "\(why)")
        }
        check(false, "3 is left out")
        check(false, "again, kept")
        a["s"] = .string("4")
        check(true, "another text")
        a["xs"] = .list((100..<120).map { .int($0) })
        check(false, "another list of as many items")
        a["xs"] = .list((0..<20).map { .int($0) })
        a["n"] = .int(2)
        a["it"] = .int(6)
        check(true, "another number")
        a["n"] = .double(1)
        #expect(program.eval(a).text == program.unchained.eval(a).text, "another kind")
    }

    @Test(arguments: [Value.int(1), .int(7), .int(-1), .string("7"), .string("1"), .bool(true), .bool(false),
                      .date(CELDate.parse("2019-09-10")!), .double(2), .uint(3), .null, .list([]), .error(EvalError("x")),
                      .double(.nan), .double(-0.0), .double(2.5), .uint(9), .bytes([0x37]), .map(CELMap())])
    func membersAreLookedUpAsTheyCompare(_ x: Value) throws {
        let program = try Env(variables: ["xs": .list(.dyn), "it": .dyn], varying: ["it"]).compile("it in xs")
        let xs: Value = .list((0..<20).map { .int(Int64($0 % 7)) } + [.string("7"), .double(2.5), .null, .bool(true), .uint(3), .double(1),
                                                                         .list([.int(1)]), .date(CELDate.parse("2019-09-10")!), .bytes([0x37])])
        var (looked, written) = L.metered(["xs": xs])
        // Asked three times: the first goes over the list, the second indexes it, the third looks up.
        for _ in 0..<3 {
            looked["it"] = x
            written["it"] = x
            #expect(program.eval(looked).text == program.unchained.eval(written).text)
        }
    }

    /// A province's ids, and every other one of them wanted: texts, and uints looked up among
    /// doubles (CEL compares numbers by value, and so does the index).
    static let provinces: [(ids: Value, wanted: Value)] = [
        (.list((0..<2_000).map { .string("U-\($0)") }), .list((0..<2_000).map { .string("U-\($0 * 2)") })),
        (.list((0..<2_000).map { .double(Double($0)) }), .list((0..<2_000).map { .uint(UInt64($0 * 2)) })),
    ]

    @Test(arguments: [0, 1])
    func membershipOfAProvinceIsLinear(_ which: Int) throws {
        let (ids, wanted) = Self.provinces[which]
        let limit = 50 * 2_000
        let program = try Env(variables: ["ids": .list(.dyn), "wanted": .list(.dyn)]).compile("wanted.filter(w, w in ids.map(i, i)).size()")
        var a = Activation(["ids": ids, "wanted": wanted])
        a.meter = CostMeter(limit: limit)
        #expect(program.eval(a).text == "1000")
        var b = Activation(["ids": ids, "wanted": wanted])
        b.meter = CostMeter(limit: limit)
        #expect(program.unchained.eval(b).error?.message == CELText.costExceeded(limit))
    }
}
