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

    init(functions: FunctionTable, constants: [String: Value] = [:], chains: Bool = true) {
        self.functions = functions
        self.constants = constants
        self.chains = chains
    }

    /// The lowered tree of `e` and the number of slots its evaluation needs.
    static func lower(_ e: Expr, functions: FunctionTable, constants: [String: Value] = [:], chains: Bool = true) -> (Code, slots: Int) {
        var l = Lowering(functions: functions, constants: constants, chains: chains)
        let code = l.lower(e)
        return (code, l.slots)
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

    private mutating func lower(_ e: Expr) -> Code {
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
                let arguments = (target.map { [lower($0)] } ?? []) + args.map { lower($0) }
                let fallback = (functions.overloads[fn] ?? []).filter { $0.member == member }
                let call = Nodes.Call(fn, arguments, candidates: e.overloads, fallback: fallback, e.range)
                // `size`, `min` and `max` of a `filter` or `map`: one loop, no lists between.
                return chains ? Loops.Chain.of(call) : call
            }
        }
    }

    private mutating func lower(_ c: Comprehension, _ range: SourceRange) -> Code {
        // The range is outside the variables' scope.
        let over = lower(c.range)
        let slot = scope.count
        scope.append((c.variable, slot))
        if let v2 = c.variable2 { scope.append((v2, slot + 1)) }
        slots = max(slots, scope.count)
        defer { scope.removeLast(c.variable2 == nil ? 1 : 2) }
        let two = c.variable2 != nil
        switch c.macro {
        case .exists where !two && chains:
            let predicate = lower(c.predicate!)
            let keys = lookupKeys(c.predicate!, variable: c.variable)
            if keys.isEmpty {
                return Loops.Quantifier(range: over, slot: slot, two: false, predicate: predicate, decisive: true, range)
            }
            return Loops.Lookup(range: over, slot: slot, predicate: predicate, keys: keys, range)
        case .all, .exists:
            return Loops.Quantifier(range: over, slot: slot, two: two, predicate: lower(c.predicate!), decisive: c.macro == .exists, range)
        case .existsOne:
            return Loops.ExistsOne(range: over, slot: slot, two: two, predicate: lower(c.predicate!), range)
        case .filter where !two && chains, .map where !two && chains && c.predicate != nil:
            let predicate = lower(c.predicate!)
            let transform = c.transform.map { lower($0) }
            let keys = lookupKeys(c.predicate!, variable: c.variable)
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

    /// The conditions a macro can look its items up by (`LookupPlan`): of the `&&`s at the
    /// top of its predicate, each `path == other` (either way round) where `path` is the
    /// variable or a field path from it and `other` does not name the variable at all.
    private mutating func lookupKeys(_ predicate: Expr, variable: String) -> [(item: Code, other: Code)] {
        var conditions: [Expr] = []
        func gather(_ e: Expr) {
            if case .call("_&&_", .none, let args) = e.kind, args.count == 2 {
                gather(args[0])
                gather(args[1])
            } else {
                conditions.append(e)
            }
        }
        gather(predicate)
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
            guard case .call("_==_", .none, let args) = e.kind, args.count == 2 else { continue }
            if isPath(args[0]), !names(args[1]) {
                keys.append((lower(args[0]), lower(args[1])))
            } else if isPath(args[1]), !names(args[0]) {
                keys.append((lower(args[1]), lower(args[0])))
            }
        }
        return keys
    }
}
