/// Evaluates a (checked) syntax tree. Errors are values; `&&`, `||` and the quantifier
/// macros absorb an error when the other side decides the result, as CEL specifies.
struct Interpreter {
    let functions: FunctionTable
    let activation: Activation
    private var locals: [(String, Value)] = []

    init(functions: FunctionTable, activation: Activation) {
        self.functions = functions
        self.activation = activation
    }

    mutating func eval(_ e: Expr) -> Value {
        // One step per node; a call also pays for the size of its list and text arguments.
        if let meter = activation.meter, !meter.take(1) { return .fail(CELText.costExceeded(meter.limit)) }
        let v = evalNode(e)
        if case .error(var err) = v, err.range == nil {
            err.range = e.range
            return .error(err)
        }
        return v
    }

    private func lookup(_ name: String) -> Value? {
        if name.hasPrefix(".") { return activation[String(name.dropFirst())] }
        for (n, v) in locals.reversed() where n == name { return v }
        return activation[name]
    }

    private mutating func evalNode(_ e: Expr) -> Value {
        switch e.kind {
        case .literal(let v):
            return v
        case .ident(let name):
            if let v = lookup(name) { return v }
            if let t = CELType.builtinNames[name] { return .type(t) }
            return .fail(CELText.unboundVariable(name))
        case .select(let operand, let field, let testOnly):
            return select(eval(operand), field, testOnly, e.slot)
        case .list(let items):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items {
                // `[?x]`: the optional's value, or nothing.
                if case .call(Parser.optionalMarker, nil, let args) = item.kind {
                    switch eval(args[0]) {
                    case .optional(let inner?): out.append(inner)
                    case .optional(nil): break
                    case .error(let e): return .error(e)
                    case let other: return .fail(CELText.notOptional(other.celType.description))
                    }
                    continue
                }
                let v = eval(item)
                if case .error = v { return v }
                out.append(v)
            }
            return .list(out)
        case .map(let entries):
            var m = CELMap()
            for (k, v) in entries {
                var keyExpr = k
                var optional = false
                if case .call(Parser.optionalMarker, nil, let args) = k.kind { keyExpr = args[0]; optional = true }
                let key = eval(keyExpr)
                if case .error = key { return key }
                var value = eval(v)
                if case .error = value { return value }
                if optional {
                    // `{?k: v}`: the entry only when the optional `v` has a value.
                    guard case .optional(let inner) = value else { return .fail(CELText.notOptional(value.celType.description)) }
                    guard let inner else { continue }
                    value = inner
                }
                guard MapKey(key) != nil, !(key.isDouble) else { return .fail(CELText.badMapKey) }
                if !m.insert(key, value) { return .fail(CELText.duplicateMapKey) }
            }
            return .map(m)
        case .comprehension(let c):
            return comprehension(c)
        case .call(let fn, let target, let args):
            switch fn {
            case "_?._":
                guard case .literal(.string(let field)) = args[1].kind else { return .fail("type") }
                return Optionals.select(eval(args[0]), field, testOnly: false)
            case "_[?_]":
                let container = eval(args[0])
                if case .error = container { return container }
                let key = eval(args[1])
                if case .error = key { return key }
                return Optionals.index(container, key)
            case "_&&_": return logical(args, absorbing: false)
            case "_||_": return logical(args, absorbing: true)
            case "_?_:_":
                switch eval(args[0]) {
                case .bool(true): return eval(args[1])
                case .bool(false): return eval(args[2])
                case .error(let err): return .error(err)
                case let other: return .fail(CELText.noMatchingOverload("_?_:_", [other.celType.description]))
                }
            default:
                var values: [Value] = []
                values.reserveCapacity(args.count + 1)
                if let target { values.append(eval(target)) }
                for a in args { values.append(eval(a)) }
                for v in values { if case .error = v { return v } }
                if let meter = activation.meter, !meter.take(Self.cost(of: values)) { return .fail(CELText.costExceeded(meter.limit)) }
                if fn == "_[_]" || fn == "@in" { values = values.map(Self.keyed) }
                if fn == "_[_]", case .optional = values[0] { return Optionals.index(values[0], values[1]) }
                return dispatch(fn, e.overloads, values, member: target != nil)
            }
        }
    }

    /// What a call's arguments cost beyond its node: functions over lists and text take time
    /// in proportion to their size (`sum`, `join`, `matches`).
    static func cost(of values: [Value]) -> Int {
        var steps = 0
        for v in values {
            switch v {
            case .list(let items): steps &+= items.count
            case .string(let s): steps &+= s.utf8.count / 16
            case .map(let m): steps &+= m.count
            default: break
            }
        }
        return steps
    }

    /// A keyed record (see `ObjectType.keyedValueType`) as the map the checker took it for.
    static func keyed(_ v: Value) -> Value {
        guard case .object(let o) = v, o.type.keyedValueType != nil else { return v }
        var m = CELMap()
        for (name, field) in zip(o.type.fieldNames, o.fields) {
            if let field { _ = m.insert(.string(name), field) }
        }
        return .map(m)
    }

    /// Whether the budget is gone: loops stop at once instead of failing each remaining item.
    private var exhausted: Bool { activation.meter?.exhausted ?? false }

    private func dispatch(_ fn: String, _ candidates: [Overload], _ values: [Value], member: Bool) -> Value {
        for o in candidates where o.accepts(values) { return o.impl(values) }
        if let all = functions.overloads[fn] {
            for o in all where o.member == member && o.accepts(values) { return o.impl(values) }
        }
        return .fail(CELText.noMatchingOverload(fn, values.map { $0.celType.description }))
    }

    /// `a && b` is false if either side is false, whatever the other is; likewise `||` with true.
    private mutating func logical(_ args: [Expr], absorbing decisive: Bool) -> Value {
        let left = eval(args[0])
        if case .bool(decisive) = left { return left }
        let right = eval(args[1])
        if case .bool(decisive) = right { return right }
        if case .bool = left, case .bool = right { return .bool(!decisive) }
        if case .error = left { return left }
        if case .error = right { return right }
        let bad = [left, right].first { if case .bool = $0 { false } else { true } }!
        return .fail(CELText.noMatchingOverload(decisive ? "_||_" : "_&&_", [bad.celType.description]))
    }

    private func select(_ v: Value, _ field: String, _ testOnly: Bool, _ slot: Int?) -> Value {
        switch v {
        case .object(let o):
            let value: Value?
            if let slot, slot < o.fields.count, o.type.fieldNames[slot] == field {
                value = o.fields[slot]
            } else if let s = o.type.slot(of: field) {
                value = o.fields[s]
            } else {
                return testOnly ? .bool(false) : .fail(CELText.noSuchField(field))
            }
            if testOnly { return .bool(value != nil) }
            // An absent optional field reads as null, so `it.completed <= x` needs no has().
            return value ?? .null
        case .map(let m):
            let value = m[.string(field)]
            if testOnly { return .bool(value != nil) }
            return value ?? .fail(CELText.noSuchKey(Printer.quote(field)))
        case .optional:
            return Optionals.select(v, field, testOnly: testOnly)
        case .error:
            return v
        default:
            return .fail(CELText.notSelectable(v.celType.description))
        }
    }

    private mutating func comprehension(_ c: Comprehension) -> Value {
        let range = eval(c.range)
        if c.macro == .optMap || c.macro == .optFlatMap {
            guard case .optional(let inner) = range else {
                if case .error = range { return range }
                return .fail(CELText.notOptional(range.celType.description))
            }
            guard let inner else { return .optional(nil) }
            locals.append((c.variable, inner))
            defer { locals.removeLast() }
            let r = eval(c.transform!)
            if case .error = r { return r }
            if c.macro == .optMap { return .optional(r) }
            guard case .optional = r else { return .fail(CELText.notOptional(r.celType.description)) }
            return r
        }
        if c.macro == .bind {
            // Evaluated once, even when an error: the body may not need it (CEL's errors are values).
            locals.append((c.variable, range))
            defer { locals.removeLast() }
            return eval(c.transform!)
        }
        // Each iteration binds (first, second): one-variable macros use only `first`.
        let pairs: [(Value, Value)]
        switch range {
        case .list(let l):
            pairs = c.variable2 == nil ? l.map { ($0, .null) } : l.enumerated().map { (.int(Int64($0.offset)), $0.element) }
        case .map(let m): pairs = Array(zip(m.keys, m.values))
        case .error: return range
        default: return .fail(CELText.notIterable(range.celType.description))
        }
        locals.append((c.variable, .null))
        if let v2 = c.variable2 { locals.append((v2, .null)) }
        defer { locals.removeLast(c.variable2 == nil ? 1 : 2) }
        let slot = locals.count - (c.variable2 == nil ? 1 : 2)
        func bind(_ p: (Value, Value)) {
            locals[slot].1 = p.0
            if c.variable2 != nil { locals[slot + 1].1 = p.1 }
        }
        switch c.macro {
        case .all, .exists:
            let decisive = c.macro == .exists
            var firstError: Value?
            for p in pairs {
                if exhausted { return .fail(CELText.costExceeded(activation.meter!.limit)) }
                bind(p)
                let r = eval(c.predicate!)
                switch r {
                case .bool(let b): if b == decisive { return .bool(decisive) }
                case .error: if firstError == nil { firstError = r }
                default: if firstError == nil { firstError = .fail(CELText.expectedType("bool", r.celType.description)) }
                }
            }
            return firstError ?? .bool(!decisive)
        case .existsOne:
            var count = 0
            for p in pairs {
                if exhausted { return .fail(CELText.costExceeded(activation.meter!.limit)) }
                bind(p)
                switch eval(c.predicate!) {
                case .bool(true): count += 1
                case .bool(false): break
                case let r:
                    if case .error = r { return r }
                    return .fail(CELText.expectedType("bool", r.celType.description))
                }
            }
            return .bool(count == 1)
        case .bind, .optMap, .optFlatMap:
            return range
        case .sortBy:
            var keys: [Value] = []
            for p in pairs {
                if exhausted { return .fail(CELText.costExceeded(activation.meter!.limit)) }
                bind(p)
                let k = eval(c.transform!)
                if case .error = k { return k }
                keys.append(k)
            }
            return ListsExt.sorted(pairs.map(\.0), keys: keys)
        case .filter, .map, .transformList, .transformMap:
            var out: [Value] = []
            var map = CELMap()
            for p in pairs {
                if exhausted { return .fail(CELText.costExceeded(activation.meter!.limit)) }
                bind(p)
                if let pred = c.predicate {
                    switch eval(pred) {
                    case .bool(true): break
                    case .bool(false): continue
                    case let r:
                        if case .error = r { return r }
                        return .fail(CELText.expectedType("bool", r.celType.description))
                    }
                }
                if c.macro == .filter {
                    out.append(p.0)
                    continue
                }
                let v = eval(c.transform!)
                if case .error = v { return v }
                if c.macro == .transformMap { map.insert(p.0, v) } else { out.append(v) }
            }
            return c.macro == .transformMap ? .map(map) : .list(out)
        }
    }
}

extension Value {
    var isDouble: Bool { if case .double = self { true } else { false } }
}
