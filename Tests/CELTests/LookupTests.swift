import Testing
@testable import CEL

/// `exists` asked of one list again and again looks its items up (`Loops.Lookup`): each result
/// and error must be the one going over the whole list gives; only the budget spent differs.
@Suite struct LookupTests {
    static let claim = ObjectType(name: "Claim", fields: [("unit", .string), ("id", .string), ("n", .dyn), ("on", .date), ("sub", .dyn)])
    static let problem = ObjectType(name: "Problem", fields: [("to", .string), ("id", .string), ("n", .dyn)])

    static func claim(_ unit: String, _ id: String, _ n: Value? = nil, _ on: String? = nil, _ sub: Value? = nil) -> Value {
        .object(CELObject.make(type: claim, fields: [.string(unit), .string(id), n, on.map { .date(CELDate.parse($0)!) }, sub]))
    }

    /// A map with `k` (or without it, or no map at all, where reading `k` is an error).
    static func sub(_ i: Int) -> Value? {
        switch i % 5 {
        case 0, 3, 4: .map({ var m = CELMap(); m.insert(.string("k"), .string(["P1", "P2", "P3"][i % 3])); return m }())
        case 1: .map(CELMap())
        default: .int(1)
        }
    }

    static func problem(_ to: String, _ id: String, _ n: Value? = nil) -> Value {
        .object(CELObject.make(type: problem, fields: [.string(to), .string(id), n]))
    }

    /// Forty claims, each unit claiming two problems, with numbers of every kind, texts that are
    /// canonically equivalent but not the same code points, absent fields, and fields of kinds
    /// an index has no key for.
    static let claims: Value = .list((0..<40).map { i in
        let n: Value? = switch i % 8 {
        case 0: .int(Int64(i))
        case 1: .uint(UInt64(i))
        case 2: .double(Double(i))
        case 3: .double(.nan)
        case 4: .list([.int(Int64(i))])
        case 5: nil
        case 6: .double(-0.0)
        default: .int(9_007_199_254_740_993)
        }
        return claim("U-\(i / 2)", i % 2 == 0 ? "P1" : "P2", n, i % 3 == 0 ? "2019-09-\(10 + i % 20)" : nil, sub(i))
    } + [claim("caf\u{E9}", "P1"), claim("cafe\u{301}", "P2")])

    static let problems: Value = .list((0..<30).map { i in
        let n: Value = switch i % 6 {
        case 0: .int(Int64(i))
        case 1: .double(Double(i))
        case 2: .uint(0)
        case 3: .double(.nan)
        case 4: .double(9_007_199_254_740_992)
        default: .list([])
        }
        return problem("U-\(i % 25)", ["P1", "P2", "P3"][i % 3], n)
    } + [problem("caf\u{E9}", "P1"), problem("caf\u{E9}", "P2")])

    static let vars: [String: (CELType, Value)] = [
        "claims": (.list(.object(claim)), claims),
        "problems": (.list(.object(problem)), problems),
        "xs": (.list(.dyn), .list((0..<20).map { .int(Int64($0 % 7)) } + [.string("7"), .double(2.5), .null, .bool(true)])),
        "pid": (.string, .string("P1")),
    ]

    /// The variables twice, each with a meter of its own: one to look up, one as written.
    static func metered(_ vars: [String: Value]) -> (looked: Activation, written: Activation) {
        var looked = Activation(vars), written = looked
        looked.meter = CostMeter(limit: 1_000_000)
        written.meter = CostMeter(limit: 1_000_000)
        return (looked, written)
    }

    /// `text` for each problem as `it` (declared varying or not), as a rule's condition for
    /// each item is: looked up (one meter for all the items), as written, and with no meter
    /// (nothing kept between the evaluations, so the list is gone over); the values of each,
    /// and the steps spent.
    static func perItem(_ text: String, varying: Set<String> = []) throws -> (looked: [String], written: [String], unmetered: [String], spent: (Int, Int)) {
        let program = try Env(variables: vars.mapValues(\.0).merging(["it": (.object(problem))]) { a, _ in a }, varying: varying).compile(text)
        var (looked, written) = metered(vars.mapValues(\.1)), unmetered = Activation(vars.mapValues(\.1))
        var out: (looked: [String], written: [String], unmetered: [String]) = ([], [], [])
        guard case .list(let items) = problems else { return ([], [], [], (0, 0)) }
        for item in items {
            looked["it"] = item
            written["it"] = item
            unmetered["it"] = item
            out.looked.append(program.eval(looked).text)
            out.written.append(program.unchained.eval(written).text)
            out.unmetered.append(program.eval(unmetered).text)
        }
        return (out.looked, out.written, out.unmetered, (looked.meter!.spent, written.meter!.spent))
    }

    @Test(arguments: [
        "claims.exists(c, c.unit == it.to && c.id == it.id)",
        "claims.exists(c, it.to == c.unit && c.id == it.id && c.on > date('2019-09-12'))",
        "claims.exists(c, c.id == it.id && c.n == it.n)",
        "claims.exists(c, c.unit == it.to && c.n == it.n)",
        "claims.exists(c, c.unit == it.to && 10 / (size(c.unit) - 3) > 0)",
        "claims.exists(c, c.sub.k == it.id)",
        "claims.exists(c, c.sub.k == it.id && c.unit == it.to)",
        "claims.exists(c, c.n.k == it.id)",
        "claims.exists(c, c.unit == it.to && c.sub.k == 'P3')",
        "claims.exists(c, c.sub.k == it.id && 10 / (size(c.unit) - 3) > 10)",
        "dyn(claims).exists(c, c.unit == it.to && c.missing == 1)",
        "claims.exists(c, c.unit == it.to && c.n)",
        "claims.exists(c, c.on == date('2019-09-19') && c.unit == it.to)",
        "claims.exists(c, c.unit == (it.id == 'P3' ? dyn(1) : dyn(it.to)))",
        "claims.exists(c, c.unit == (it.id == 'P3' ? dyn([1]) : dyn(it.to)))",
        "claims.exists(c, c.unit == it.to || c.id == 'P9')",
        "claims.filter(c, c.id == it.id).exists(c, c.unit == it.to)",
        "claims.exists(c, c.unit == it.to && claims.exists(d, d.unit == c.unit && d.id != c.id && d.id == it.id))",
        // filter and map with a filter, alone and as the first macro of a chain.
        "claims.filter(c, c.unit == it.to)",
        "claims.filter(c, c.unit == it.to && c.id == it.id).size()",
        "size(claims.filter(c, c.id == it.id && c.n == it.n))",
        "claims.map(c, c.unit == it.to, c.id)",
        "claims.filter(c, c.unit == it.to).map(c, c.on).min()",
        "claims.filter(c, it.id == c.id).map(c, c.on).max()",
        "claims.filter(c, c.unit == it.to).filter(d, d.id == it.id)",
        "claims.filter(c, c.sub.k == it.id && 10 / (size(c.unit) - 3) > 10)",
        "claims.filter(c, c.sub.k == it.id).map(c, c.n).sum()",
        "claims.filter(c, c.sub.k == it.id).size()",
        "claims.map(c, c.id == it.id, c.unit).filter(u, u == it.to).size()",
        "claims.filter(c, c.unit == it.to).map(c, claims.filter(d, d.unit == c.unit && d.id == it.id).size())",
        // A condition of `||`s, each with paths of its own (or not: then gone over).
        "claims.exists(c, c.unit == it.to || c.id == it.id)",
        "claims.exists(c, c.unit == it.to || c.unit == it.id)",
        "claims.exists(c, (c.unit == it.to && c.id == it.id) || (c.sub.k == it.id && c.unit == 'U-3'))",
        "claims.exists(c, c.unit == it.to || c.n == it.n)",
        "claims.exists(c, c.sub.k == it.id || c.unit == it.to)",
        "claims.exists(c, c.unit == it.to || c.on > date('2019-09-12'))",
        "claims.exists(c, c.unit == it.to || 10 / (size(c.unit) - 3) > 10)",
        "claims.exists(c, c.unit == it.to && 10 / (size(c.unit) - 3) > 10 || c.id == it.id && c.n)",
        "claims.exists(c, c.unit == it.to || c.id == it.id || c.sub.k == 'P3' && c.unit == it.id)",
        "claims.filter(c, c.unit == it.to || c.id == it.id)",
        "claims.filter(c, c.unit == it.to || c.sub.k == it.id).map(c, c.on).min()",
        "size(claims.filter(c, c.n == it.n || c.unit == it.to))",
        "claims.exists_one(c, c.unit == it.to || c.id == it.id)",
        "claims.exists_one(c, c.unit == it.to || c.unit == it.id && c.n)",
        // all, by the paths its `||`s say differ; exists_one, as exists.
        "claims.all(c, c.unit != it.to || c.id != it.id)",
        "claims.all(c, c.unit != it.to || c.on > date('2019-09-12'))",
        "claims.all(c, it.to != c.unit || 10 / (size(c.unit) - 3) > 0)",
        "claims.all(c, c.sub.k != it.id || c.unit == it.to)",
        "claims.all(c, c.n != it.n || c.id == it.id)",
        "claims.all(c, c.id != it.id || c.n)",
        "claims.all(c, c.unit != it.to && c.id != it.id)",
        "claims.all(c, c.unit != it.to || claims.exists(d, d.unit == c.unit && d.id == it.id))",
        "claims.exists_one(c, c.unit == it.to && c.id == it.id)",
        "claims.exists_one(c, c.unit == it.to)",
        "claims.exists_one(c, c.id == it.id && c.n == it.n)",
        "claims.exists_one(c, c.sub.k == it.id && 10 / (size(c.unit) - 3) > 10)",
        "claims.exists_one(c, c.unit == it.to && c.n)",
    ])
    func lookupsGiveWhatGoingOverGives(_ text: String) throws {
        let r = try Self.perItem(text)
        #expect(r.looked == r.written)
        #expect(r.unmetered == r.written)
    }

    @Test(arguments: ["xs.exists(x, x == it)", "xs.exists(x, it == x && x != 3)", "xs.all(x, x != it)",
                      "xs.all(x, it != x || x == 3)", "xs.exists_one(x, x == it)"])
    func numbersAndOtherKindsAreLookedUpAsTheyCompare(_ text: String) throws {
        let program = try Env(variables: Self.vars.mapValues(\.0).merging(["it": .dyn]) { a, _ in a }).compile(text)
        var (looked, written) = Self.metered(Self.vars.mapValues(\.1))
        let values: [Value] = [.int(1), .double(2), .uint(3), .double(-0.0), .double(.nan), .string("7"), .string("1"),
                               .null, .bool(true), .bool(false), .double(2.5), .list([]), .error(EvalError("x"))]
        for v in values {
            looked["it"] = v
            written["it"] = v
            #expect(program.eval(looked).text == program.unchained.eval(written).text, "\(v.text)")
        }
    }

    @Test func aListAskedAgainIsLookedUpNotGoneOver() throws {
        let program = try Env(variables: Self.vars.mapValues(\.0))
            .compile("problems.map(p, claims.exists(c, c.unit == p.to && c.id == p.id))")
        let (looked, written) = Self.metered(Self.vars.mapValues(\.1))
        #expect(program.eval(looked).text == program.unchained.eval(written).text)
        // 32 problems against 42 claims: once over the list and once to index it, then each
        // problem's own claims.
        #expect(looked.meter!.spent * 5 < written.meter!.spent, "\(looked.meter!.spent) vs \(written.meter!.spent)")
    }

    @Test(arguments: [
        "claims.all(c, c.unit != it.to || c.id != it.id)",
        "claims.exists_one(c, c.unit == it.to && c.id == it.id)",
        "claims.filter(c, c.unit == it.to && c.id == it.id)",
        "claims.filter(c, c.unit == it.to).map(c, c.on).min()",
        "size(claims.filter(c, c.id == it.id && c.unit == it.to))",
        "claims.exists(c, c.unit == it.to || c.unit == it.id)",
        "claims.filter(c, c.unit == it.to && c.id == it.id || c.unit == 'U-3' && c.on == date('2019-09-16'))",
    ])
    func otherMacrosAskedAgainAreLookedUpToo(_ text: String) throws {
        let r = try Self.perItem(text)
        #expect(r.looked == r.written)
        #expect(r.spent.0 * 4 < r.spent.1, "\(r.spent)")
    }

    @Test func aShortListIsGoneOver() throws {
        let program = try Env(variables: ["xs": .list(.int)]).compile("xs.map(y, xs.exists(x, x == y))")
        let (looked, written) = Self.metered(["xs": .list((0..<15).map { .int($0) })])
        #expect(program.eval(looked).text == program.unchained.eval(written).text)
        #expect(looked.meter!.spent == written.meter!.spent)
    }

    @Test func aLookupThatRunsOutOfBudgetFails() throws {
        let program = try Env(variables: Self.vars.mapValues(\.0))
            .compile("problems.map(p, claims.exists(c, c.unit == p.to && c.id == p.id))")
        var enough = Activation(Self.vars.mapValues(\.1))
        enough.meter = CostMeter(limit: 1_000_000)
        let whole = program.eval(enough)
        let spent = enough.meter!.spent
        for limit in [0, 1, spent / 4, spent / 2, spent - 1] {
            var looked = Activation(Self.vars.mapValues(\.1))
            looked.meter = CostMeter(limit: limit)
            #expect(program.eval(looked).error?.message == CELText.costExceeded(limit), "limit \(limit)")
        }
        var exact = Activation(Self.vars.mapValues(\.1))
        exact.meter = CostMeter(limit: spent)
        #expect(program.eval(exact).text == whole.text)
    }

    @Test func keysAreEqualWhereCELSaysEqual() {
        let same: [(Value, Value)] = [
            (.int(1), .double(1)), (.uint(1), .int(1)), (.double(0), .double(-0.0)), (.int(9_007_199_254_740_993), .double(9_007_199_254_740_992)),
            (.date(CELDate.parse("2019-09-10")!), .date(CELDate(day: CELDate.parse("2019-09-10")!.day, origin: Provenance(file: 1, line: 2, column: 3)))),
            (.string("定题"), .string("定题")), (.null, .null),
        ]
        for (a, b) in same where Equality.equal(a, b) { #expect(LookupKey(a) == LookupKey(b), "\(a.text) \(b.text)") }
        #expect(LookupKey(.string("caf\u{E9}")) != LookupKey(.string("cafe\u{301}")))
        #expect(LookupKey(.int(1)) != LookupKey(.string("1")))
        #expect(LookupKey(.list([])) == nil)
        #expect(LookupKey(.error(EvalError("x"))) == nil)
    }
}
