/// Lowers a (checked) syntax tree to `Code`: once per program, when it is compiled. A macro's
/// variables get slots by nesting depth, so a name is resolved here, lexically, instead of
/// being searched for at every read.
struct Lowering {
    let functions: FunctionTable
    /// Variables with one value for every evaluation (`Env.constants`).
    let constants: [String: Value]
    /// The macro variables in scope, innermost last, with their slots.
    private var scope: [(name: String, slot: Int)] = []
    /// The slots an evaluation needs: the deepest nesting of macro variables.
    private(set) var slots = 0
    /// Whether macros and the calls over them run as one loop (`Loops.Chain`), and `exists`,
    /// `filter` and `map` look their items up where they can (`LookupPlan`); off only for the
    /// tests and the fuzzer that hold both to the nodes as written.
    let chains: Bool
    /// Variables that change between the evaluations of one meter (`Env.varying`).
    let varying: Set<String>
    /// Whether the program is evaluated once a meter (`Env.once`): parts are kept only in bodies.
    let once: Bool
    /// Whether the node being lowered is inside a part kept whole (`Loops.Invariant`), and
    /// whether, inside it, in a macro's body, which the part's one evaluation may run again
    /// and again: a part there is kept too.
    private var kept = false, inBody = false

    init(functions: FunctionTable, constants: [String: Value] = [:], varying: Set<String> = [], once: Bool = false, chains: Bool = true) {
        self.functions = functions
        self.constants = constants
        self.varying = varying
        self.once = once
        self.chains = chains
    }

    /// The lowered tree of `e` and the number of slots its evaluation needs.
    static func lower(_ e: Expr, functions: FunctionTable, constants: [String: Value] = [:], varying: Set<String> = [],
                      once: Bool = false, chains: Bool = true) -> (Code, slots: Int) {
        var l = Lowering(functions: functions, constants: constants, varying: varying, once: once, chains: chains)
        // The root is evaluated once for each activation the host makes: it is not kept.
        let code = l.lowerNode(e)
        return (code, l.slots)
    }

    /// `e` lowered, kept whole (`Loops.Invariant`) when it goes over a list and names nothing
    /// that changes while one meter counts: in a macro's body, or where the program is
    /// evaluated again and again outside any part kept already.
    private mutating func lower(_ e: Expr) -> Code {
        guard chains, inBody || (!kept && !once), Self.mayLoop(e), let names = invariantNames(e) else { return lowerNode(e) }
        let outer = (kept, inBody)
        (kept, inBody) = (true, false)
        defer { (kept, inBody) = outer }
        let globals = names.map { Nodes.Global(name: $0.hasPrefix(".") ? String($0.dropFirst()) : $0, written: $0, e.range) }
        return Loops.Invariant(lowerNode(e), names: globals)
    }

    /// False for what cannot go over a list (a literal, a name, a field path), told without a walk.
    private static func mayLoop(_ e: Expr) -> Bool {
        switch e.kind {
        case .literal, .ident: false
        case .select(let operand, _, _): mayLoop(operand)
        default: true
        }
    }

    /// The calls a chain of macros can end in (`Loops.Chain.of(_:)` decides).
    private static let chainEnds: Set<String> = ["size", "min", "max", "sum", "ascending", "distinct"]

    /// Whether `e` is a literal, a name, a field path or a list of those (`Loops.Chain.plain`).
    private static func plain(_ e: Expr) -> Bool {
        switch e.kind {
        case .literal, .ident: true
        case .select(let operand, _, _): plain(operand)
        case .list(let items): items.allSatisfy(plain)
        default: false
        }
    }

    /// Whether `e` is a one-variable `filter` or `map`, which a chain can start with.
    private static func isCollect(_ e: Expr) -> Bool {
        if case .comprehension(let c) = e.kind { (c.macro == .filter || c.macro == .map) && c.variable2 == nil } else { false }
    }

    /// Whether the macro `c` runs as one loop with its range (`Loops.Chain.of(_:)` decides).
    private static func fuses(_ c: Comprehension) -> Bool {
        (c.macro == .filter || c.macro == .map) && c.variable2 == nil && isCollect(c.range)
    }

    /// The activation's variables `e` reads, when `e` goes over a list (has a macro) and names
    /// no macro variable of the scope here and none of `varying`; nil otherwise. Constants are
    /// the same for every activation and are left out.
    private func invariantNames(_ e: Expr) -> [String]? {
        var names = Set<String>(), loops = false, fixed = true
        func walk(_ e: Expr, _ bound: [String]) {
            guard fixed else { return }
            switch e.kind {
            case .ident(let name):
                let global = name.hasPrefix(".")
                if !global, bound.contains(name) { return }
                if !global, scope.contains(where: { $0.name == name }) { fixed = false; return }
                let bare = global ? String(name.dropFirst()) : name
                if varying.contains(bare) { fixed = false; return }
                if constants[bare] == nil { names.insert(name) }
            case .comprehension(let c):
                loops = true
                walk(c.range, bound)
                let inside = bound + [c.variable] + (c.variable2.map { [$0] } ?? [])
                if let p = c.predicate { walk(p, inside) }
                if let t = c.transform { walk(t, inside) }
            default:
                for child in e.children { walk(child, bound) }
            }
        }
        walk(e, [])
        return fixed && loops ? names.sorted() : nil
    }

    /// The value of a field (or a field of a field) of a constant variable, read now; nil for
    /// anything else, a field the record leaves out, or a variable a macro's shadows.
    private func constant(_ e: Expr) -> Value? {
        switch e.kind {
        case .ident(let name):
            guard !constants.isEmpty, !scope.contains(where: { $0.name == name }) else { return nil }
            return constants[name.hasPrefix(".") ? String(name.dropFirst()) : name]
        case .select(let operand, let field, false):
            guard case .object(let o)? = constant(operand) else { return nil }
            return o[field]
        default:
            return nil
        }
    }

    /// `e` lowered as it is written.
    private mutating func lowerNode(_ e: Expr) -> Code {
        switch e.kind {
        case .literal(let v):
            return Nodes.Literal(v, e.range)
        case .ident(let name):
            if name.hasPrefix(".") { return Nodes.Global(name: String(name.dropFirst()), written: name, e.range) }
            if let local = scope.last(where: { $0.name == name }) { return Nodes.Local(local.slot, e.range) }
            return Nodes.Global(name: name, written: name, e.range)
        case .select(let operand, let field, let testOnly):
            // `values.plan_deadline`: the same for every evaluation, so read once, here.
            if !testOnly, let v = constant(e) { return Nodes.Literal(v, e.range) }
            let declared: ObjectType? = if case .object(let o) = operand.type { o } else { nil }
            return Nodes.Select(lower(operand), field, testOnly: testOnly, slot: e.slot, of: declared, e.range)
        case .list(let items):
            return Nodes.List(items.map { item in
                if case .call(Parser.optionalMarker, nil, let args) = item.kind { return (lower(args[0]), true) }
                return (lower(item), false)
            }, e.range)
        case .map(let entries):
            return Nodes.Map(entries.map { k, v in
                if case .call(Parser.optionalMarker, nil, let args) = k.kind { return (lower(args[0]), lower(v), true) }
                return (lower(k), lower(v), false)
            }, e.range)
        case .comprehension(let c):
            return lower(c, e.range)
        case .call(let fn, let target, let args):
            switch fn {
            case "_?._":
                guard case .literal(.string(let field)) = args[1].kind else {
                    return Nodes.Literal(.fail(CELText.noMatchingOverload(fn, [])), e.range)
                }
                return Nodes.OptionalSelect(lower(args[0]), field, e.range)
            case "_[?_]": return Nodes.OptionalIndex(lower(args[0]), lower(args[1]), e.range)
            case "_&&_": return Nodes.Logical(lower(args[0]), lower(args[1]), decisive: false, e.range)
            case "_||_": return Nodes.Logical(lower(args[0]), lower(args[1]), decisive: true, e.range)
            case "_?_:_": return Nodes.Conditional(lower(args[0]), lower(args[1]), lower(args[2]), e.range)
            default:
                let member = target != nil
                // `size`, `min`, `max`, `sum`, `ascending` and `distinct` of a `filter` or `map`, and its
                // list compared with another, run as one loop with it.
                let operands = (target.map { [$0] } ?? []) + args
                // A comparison only with what `Loops.Chain.plain` allows: else its macro is lowered
                // as any operand is, and may be kept (`Loops.Invariant`).
                let ends = operands.count == 1 ? Self.chainEnds.contains(fn) : operands.count == 2 && fn == "_==_" && Self.plain(operands[1])
                let fuses = ends && Self.isCollect(operands[0])
                let arguments = operands.indices.map { fuses && $0 == 0 ? lowerNode(operands[$0]) : lower(operands[$0]) }
                let fallback = (functions.overloads[fn] ?? []).filter { $0.member == member }
                let call = Nodes.Call(fn, arguments, candidates: e.overloads, fallback: fallback, looksUp: chains, e.range)
                // A field kept by its number in its list, compared with texts known now, or a
                // date field with a known date.
                if chains, let test = Nodes.ListedTest.of(call) ?? Nodes.DayTest.of(call) { return test }
                // `size`, `min` and `max` of a `filter` or `map`: one loop, no lists between.
                return chains ? Loops.Chain.of(call) : call
            }
        }
    }

    private mutating func lower(_ c: Comprehension, _ range: SourceRange) -> Code {
        // The range is outside the variables' scope. A `filter` or `map` over another runs as
        // one loop with it (`Loops.Chain`), which a range kept whole would keep apart.
        let over = Self.fuses(c) ? lowerNode(c.range) : lower(c.range)
        // A loop's body runs again and again; a binding's once.
        let outer = inBody
        if ![.bind, .optMap, .optFlatMap].contains(c.macro) { inBody = true }
        defer { inBody = outer }
        let slot = scope.count
        scope.append((c.variable, slot))
        if let v2 = c.variable2 { scope.append((v2, slot + 1)) }
        slots = max(slots, scope.count)
        defer { scope.removeLast(c.variable2 == nil ? 1 : 2) }
        let two = c.variable2 != nil
        switch c.macro {
        case .exists where !two && chains, .all where !two && chains, .existsOne where !two && chains:
            // `all` holds for an item whose `path != other` is true; `exists` and `exists_one`
            // do not for one whose `path == other` is false: either way, an item whose path
            // differs from what is looked up is decided without being judged.
            let predicate = lower(c.predicate!)
            let keys = c.macro == .all
                ? [lookupKeys(c.predicate!, variable: c.variable, joinedBy: "_||_", comparedBy: "_!=_")].filter { !$0.isEmpty }
                : lookupAlternatives(c.predicate!, variable: c.variable)
            switch (c.macro, keys.isEmpty) {
            case (.existsOne, true): return Loops.ExistsOne(range: over, slot: slot, two: false, predicate: predicate, range)
            case (.existsOne, false): return Loops.LookupExistsOne(range: over, slot: slot, predicate: predicate, keys: keys, range)
            case (_, true): return Loops.Quantifier(range: over, slot: slot, two: false, predicate: predicate, decisive: c.macro == .exists, range)
            case (_, false): return Loops.Lookup(range: over, slot: slot, predicate: predicate, decisive: c.macro == .exists, keys: keys, range)
            }
        case .all, .exists:
            return Loops.Quantifier(range: over, slot: slot, two: two, predicate: lower(c.predicate!), decisive: c.macro == .exists, range)
        case .existsOne:
            return Loops.ExistsOne(range: over, slot: slot, two: two, predicate: lower(c.predicate!), range)
        case .filter where !two && chains, .map where !two && chains && c.predicate != nil:
            let predicate = lower(c.predicate!)
            let transform = c.transform.map { lower($0) }
            let keys = lookupAlternatives(c.predicate!, variable: c.variable)
            let collect = keys.isEmpty
                ? Loops.Collect(range: over, slot: slot, two: false, predicate: predicate, transform: transform, toMap: false, range)
                : Loops.LookupCollect(range: over, slot: slot, predicate: predicate, transform: transform, keys: keys, range)
            return Loops.Chain.of(collect)
        case .filter, .map, .transformList, .transformMap:
            let collect = Loops.Collect(range: over, slot: slot, two: two, predicate: c.predicate.map { lower($0) },
                                        transform: c.transform.map { lower($0) }, toMap: c.macro == .transformMap, range)
            return chains ? Loops.Chain.of(collect) : collect
        case .sortBy:
            return Loops.SortBy(range: over, slot: slot, two: two, key: lower(c.transform!), range)
        case .bind:
            return Loops.Bind(over, slot: slot, body: lower(c.transform!), range)
        case .optMap, .optFlatMap:
            return Loops.OptionalMap(over, slot: slot, body: lower(c.transform!), flat: c.macro == .optFlatMap, range)
        }
    }

    /// The operands of the `joint`s (`_&&_`, `_||_`) at the top of `e`, left to right; `e`
    /// alone when it is no such call.
    private static func operands(of e: Expr, joinedBy joint: String) -> [Expr] {
        guard case .call(joint, .none, let args) = e.kind, args.count == 2 else { return [e] }
        return operands(of: args[0], joinedBy: joint) + operands(of: args[1], joinedBy: joint)
    }

    /// The alternatives an `exists`, `exists_one` or `filter` can look its items up by
    /// (`LookupPlan`): its predicate's conditions (`lookupKeys`), or, when the predicate is
    /// `||`s, each one's, if every one has some; none otherwise.
    private mutating func lookupAlternatives(_ predicate: Expr, variable: String) -> [LookupPlan.Keys] {
        var out: [LookupPlan.Keys] = []
        for e in Self.operands(of: predicate, joinedBy: "_||_") {
            let keys = lookupKeys(e, variable: variable, joinedBy: "_&&_", comparedBy: "_==_")
            // An alternative with nothing to look up may hold for any item.
            guard !keys.isEmpty else { return [] }
            out.append(keys)
        }
        return out
    }

    /// The conditions a macro can look its items up by (`LookupPlan`): of the `&&`s at the
    /// top of its predicate (the `||`s, for `all`), each `path == other` (`path != other`),
    /// either way round, where `path` is the variable or a field path from it and `other`
    /// does not name the variable at all.
    private mutating func lookupKeys(_ predicate: Expr, variable: String, joinedBy joint: String, comparedBy comparison: String) -> [(item: Code, other: Code)] {
        let conditions = Self.operands(of: predicate, joinedBy: joint)
        func isPath(_ e: Expr) -> Bool {
            switch e.kind {
            case .ident(let name): name == variable
            case .select(let operand, _, testOnly: false): isPath(operand)
            default: false
            }
        }
        func names(_ e: Expr) -> Bool {
            if case .ident(variable) = e.kind { return true }
            return e.children.contains(where: names)
        }
        var keys: [(item: Code, other: Code)] = []
        for e in conditions {
            guard case .call(comparison, .none, let args) = e.kind, args.count == 2 else { continue }
            if isPath(args[0]), !names(args[1]) {
                keys.append((lower(args[0]), lower(args[1])))
            } else if isPath(args[1]), !names(args[0]) {
                keys.append((lower(args[1]), lower(args[0])))
            }
        }
        return keys
    }
}
