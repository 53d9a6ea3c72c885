/// The lowered macros: each binds its variables to the slots the lowering gave them.
enum Loops {
    /// What a macro iterates, without building a pair per step: a list's elements (or its
    /// indexes and elements, for the two-variable forms) or a map's keys (and values).
    struct Steps {
        let firsts: [Value]
        let seconds: [Value]?
        let indexed: Bool
        /// Whether `firsts` is the list iterated itself (not a map's keys).
        let isList: Bool

        /// The steps of `range`, or the error a macro gives when it cannot iterate it.
        init?(_ range: Value, twoVariables: Bool, failure: inout Value) {
            switch range {
            case .list(let l):
                firsts = l
                seconds = nil
                indexed = twoVariables
                isList = true
            case .map(let m):
                firsts = m.keys
                seconds = twoVariables ? m.values : nil
                indexed = false
                isList = false
            case .error:
                failure = range
                return nil
            default:
                failure = .fail(CELText.notIterable(range.celType.description))
                return nil
            }
        }

        /// The steps of a list's items already picked out (`LookupPlan`).
        init(list: [Value]) {
            firsts = list
            seconds = nil
            indexed = false
            isList = true
        }

        var count: Int { firsts.count }

        /// The first variable's value at step `i`: the element, the index or the key.
        func first(_ i: Int) -> Value { indexed ? .int(Int64(i)) : firsts[i] }

        /// Lends step `i`'s values to its variables (`Frame.lend`): the steps hold them.
        @inline(__always)
        func lend(_ i: Int, slot: Int, two: Bool, _ f: inout Frame) {
            if indexed {
                f.locals[slot] = .int(Int64(i))
                firsts.withUnsafeBufferPointer { f.lend($0.baseAddress! + i, to: slot + 1) }
            } else {
                firsts.withUnsafeBufferPointer { f.lend($0.baseAddress! + i, to: slot) }
                if two { seconds?.withUnsafeBufferPointer { f.lend($0.baseAddress! + i, to: slot + 1) } }
            }
        }
    }

    /// The fields every iterating macro has.
    class Loop: Code, @unchecked Sendable {
        /// What the macro iterates.
        let over: Code
        let slot: Int
        let two: Bool
        init(range: Code, slot: Int, two: Bool, _ at: SourceRange) {
            self.over = range
            self.slot = slot
            self.two = two
            super.init(at)
        }

        /// Binds each step's variables in turn and runs `step`, which returns a value to stop
        /// with; nil when every step ran. A range that is no list or map stops it with an error.
        /// The variables are lent the steps' values, not given copies: a copy is a reference
        /// count up and down for each record a loop goes over. Nothing but this loop writes
        /// its variables while it runs: the macros in its body are deeper, each with slots of
        /// its own, and its range is done before it starts.
        @inline(__always)
        final func iterate(_ f: inout Frame, _ step: (Int, Steps, inout Frame) -> Value?) -> Value? {
            var failure = Value.null
            guard let steps = Steps(over.eval(&f), twoVariables: two, failure: &failure) else { return failure }
            return iterate(steps, &f, step)
        }

        /// `iterate(_:_:)` over the steps of a range already evaluated.
        @inline(__always)
        final func iterate(_ steps: Steps, _ f: inout Frame, _ step: (Int, Steps, inout Frame) -> Value?) -> Value? {
            f.clear(slot)
            if two { f.clear(slot + 1) }
            defer {
                f.forget(slot)
                if two { f.forget(slot + 1) }
            }
            for i in 0..<steps.count {
                if f.exhausted { return f.costExceeded }
                steps.lend(i, slot: slot, two: two, &f)
                if let stop = step(i, steps, &f) { return stop }
            }
            return nil
        }
    }

    /// `all` and `exists`: an error is absorbed when another item decides the result.
    class Quantifier: Loop, @unchecked Sendable {
        let predicate: Code
        let decisive: Bool
        init(range: Code, slot: Int, two: Bool, predicate: Code, decisive: Bool, _ at: SourceRange) {
            self.predicate = predicate
            self.decisive = decisive
            super.init(range: range, slot: slot, two: two, at)
        }
        override func value(_ f: inout Frame) -> Value {
            var failure = Value.null
            guard let steps = Steps(over.eval(&f), twoVariables: two, failure: &failure) else { return failure }
            return quantify(steps, &f)
        }

        /// The macro's value over the steps of its range, evaluated already.
        @inline(__always)
        final func quantify(_ steps: Steps, _ f: inout Frame) -> Value {
            var firstError: Value?
            let stop = iterate(steps, &f) { _, _, f in
                let r = predicate.eval(&f)
                switch r {
                case .bool(let b): if b == decisive { return .bool(decisive) }
                case .error: if firstError == nil { firstError = r }
                default: if firstError == nil { firstError = .fail(CELText.expectedType("bool", r.celType.description)) }
                }
                return nil
            }
            return stop ?? firstError ?? .bool(!decisive)
        }
    }

    /// `exists_one`.
    class ExistsOne: Loop, @unchecked Sendable {
        let predicate: Code
        init(range: Code, slot: Int, two: Bool, predicate: Code, _ at: SourceRange) {
            self.predicate = predicate
            super.init(range: range, slot: slot, two: two, at)
        }
        override func value(_ f: inout Frame) -> Value {
            var failure = Value.null
            guard let steps = Steps(over.eval(&f), twoVariables: two, failure: &failure) else { return failure }
            return count(steps, &f)
        }

        /// The macro's value over the steps of its range, evaluated already.
        @inline(__always)
        final func count(_ steps: Steps, _ f: inout Frame) -> Value {
            var count = 0
            let stop = iterate(steps, &f) { _, _, f in
                switch predicate.eval(&f) {
                case .bool(true): count += 1
                case .bool(false): break
                case let r:
                    if case .error = r { return r }
                    return .fail(CELText.expectedType("bool", r.celType.description))
                }
                return nil
            }
            return stop ?? .bool(count == 1)
        }
    }

    /// `filter`, `map` (with its optional filter), `transformList` and `transformMap`.
    class Collect: Loop, @unchecked Sendable {
        // Not optionals: a child read from an optional is retained and released around each
        // evaluation. A null literal stands in for an absent one, never evaluated.
        let predicate: Code
        let filters: Bool
        let transform: Code
        let transforms: Bool
        let toMap: Bool
        init(range: Code, slot: Int, two: Bool, predicate: Code?, transform: Code?, toMap: Bool, _ at: SourceRange) {
            self.predicate = predicate ?? Nodes.Literal(.null, at)
            self.filters = predicate != nil
            self.transform = transform ?? Nodes.Literal(.null, at)
            self.transforms = transform != nil
            self.toMap = toMap
            super.init(range: range, slot: slot, two: two, at)
        }
        override func value(_ f: inout Frame) -> Value {
            var failure = Value.null
            guard let steps = Steps(over.eval(&f), twoVariables: two, failure: &failure) else { return failure }
            return collect(steps, &f)
        }

        /// The macro's value over the steps of its range, evaluated already.
        @inline(__always)
        final func collect(_ steps: Steps, _ f: inout Frame) -> Value {
            var out: [Value] = []
            var map = CELMap()
            let stop = iterate(steps, &f) { i, steps, f in
                if filters {
                    switch predicate.eval(&f) {
                    case .bool(true): break
                    case .bool(false): return nil
                    case let r:
                        if case .error = r { return r }
                        return .fail(CELText.expectedType("bool", r.celType.description))
                    }
                }
                // `filter` keeps the item itself.
                // At the first item kept, room for every item left: the list is made once
                // (a filter's is at most that long, and lives only as long as the expression).
                guard transforms else {
                    if out.capacity == 0 { out.reserveCapacity(steps.count - i) }
                    out.append(steps.first(i))
                    return nil
                }
                let v = transform.eval(&f)
                if case .error = v { return v }
                if toMap {
                    map.insert(steps.first(i), v)
                } else {
                    if out.capacity == 0 { out.reserveCapacity(steps.count - i) }
                    out.append(v)
                }
                return nil
            }
            return stop ?? (toMap ? .map(map) : .list(out))
        }
    }

    /// cel-go's `l.sortBy(v, key)`.
    final class SortBy: Loop, @unchecked Sendable {
        let key: Code
        init(range: Code, slot: Int, two: Bool, key: Code, _ at: SourceRange) {
            self.key = key
            super.init(range: range, slot: slot, two: two, at)
        }
        override func value(_ f: inout Frame) -> Value {
            var items: [Value] = []
            var keys: [Value] = []
            let stop = iterate(&f) { i, steps, f in
                let k = key.eval(&f)
                if case .error = k { return k }
                items.append(steps.first(i))
                keys.append(k)
                return nil
            }
            return stop ?? ListsExt.sorted(items, keys: keys)
        }
    }

    /// `cel.bind(v, init, body)`: `init` is evaluated once, even to an error, since the body
    /// may not need it (CEL's errors are values).
    final class Bind: Code, @unchecked Sendable {
        let initial: Code
        let slot: Int
        let body: Code
        init(_ initial: Code, slot: Int, body: Code, _ at: SourceRange) {
            self.initial = initial
            self.slot = slot
            self.body = body
            super.init(at)
        }
        override func value(_ f: inout Frame) -> Value {
            f.locals[slot] = initial.eval(&f)
            return body.eval(&f)
        }
    }

    /// `o.optMap(v, e)` (`optional.of(e)`, or none) and `o.optFlatMap(v, e)` (`e`, an optional).
    final class OptionalMap: Code, @unchecked Sendable {
        let operand: Code
        let slot: Int
        let body: Code
        let flat: Bool
        init(_ operand: Code, slot: Int, body: Code, flat: Bool, _ at: SourceRange) {
            self.operand = operand
            self.slot = slot
            self.body = body
            self.flat = flat
            super.init(at)
        }
        override func value(_ f: inout Frame) -> Value {
            let o = operand.eval(&f)
            guard case .optional(let inner) = o else {
                if case .error = o { return o }
                return .fail(CELText.notOptional(o.celType.description))
            }
            guard let inner else { return .optional(nil) }
            f.locals[slot] = inner
            let r = body.eval(&f)
            if case .error = r { return r }
            if !flat { return .optional(r) }
            guard case .optional = r else { return .fail(CELText.notOptional(r.celType.description)) }
            return r
        }
    }
}

extension Loops {
    /// `l.filter(x, p).map(y, e)`, or `min()`, `max()`, `sum()`, `size()`, `ascending()` or
    /// `distinct()` of `filter`/`map` (or of both), or the list they make compared with another (`==`): one
    /// loop, with no list made between the macros, nor for the call. What the loop
    /// cannot judge as the written nodes would (an error, a predicate that is no bool, values
    /// that do not compare, the budget running out) it leaves to them: the budget is put back
    /// and they run as written, so results, errors and costs are theirs.
    final class Chain: Code, @unchecked Sendable {
        enum Terminal { case list, min, max, sum, size, ascending, equals, distinct }

        let source: Code
        /// The macros in the order they run; `second` is `first` again in a chain of one.
        let first: Collect
        let second: Collect
        let twoStages: Bool
        let terminal: Terminal
        /// The nodes as written: the call, or the outer macro.
        let written: Code
        /// The list an `equals` chain's items are compared with, item by item: the call's second
        /// operand (a null literal, never evaluated, for the other terminals).
        let other: Code
        /// What the written nodes below the root charge besides their children: one per macro.
        let ownSteps: Int

        /// Whether the first macro can look its items up (`LookupCollect`).
        let firstLooksUp: Bool

        private init(source: Code, first: Collect, second: Collect, twoStages: Bool, terminal: Terminal, written: Code,
                     other: Code? = nil) {
            self.source = source
            self.other = other ?? Nodes.Literal(.null, written.range)
            self.firstLooksUp = first is LookupCollect
            self.first = first
            self.second = second
            self.twoStages = twoStages
            self.terminal = terminal
            self.written = written
            self.ownSteps = terminal == .list ? 1 : (twoStages ? 2 : 1)
            super.init(written.range)
        }

        /// The overloads of `min` and `max`, and of `sum`, the chain does as they do: the
        /// domain's functions registered once for both.
        static let (extremeIDs, sumIDs, ascendingIDs, distinctIDs): (Set<String>, Set<String>, Set<String>, Set<String>) = {
            var t = FunctionTable()
            Domain.register(&t)
            func ids(_ names: String...) -> Set<String> { Set(names.flatMap { t.overloads[$0] ?? [] }.map(\.id)) }
            return (ids("min", "max"), ids("sum"), ids("ascending"), ids("distinct"))
        }()

        /// A macro a chain can run: `filter` or `map` (with or without its filter) over a list,
        /// with one variable.
        static func fusable(_ c: Code) -> Collect? {
            guard let c = c as? Collect, !c.two, !c.toMap else { return nil }
            return c
        }

        /// Whether `c` is a literal, a variable, a field path or a list of those: what a chain
        /// may evaluate before its loop and again should the nodes run after it, with nothing
        /// kept between (a part with a loop may be kept with the meter, `Invariant`, and then
        /// cost the nodes less).
        static func plain(_ c: Code) -> Bool {
            if c is Nodes.Literal || c is Nodes.Global || c is Nodes.Local { return true }
            if let s = c as? Nodes.Select { return plain(s.operand) }
            if let l = c as? Nodes.List { return l.items.allSatisfy { plain($0.code) } }
            return false
        }

        /// `outer` over `inner`, when both can be chained.
        static func of(_ outer: Collect) -> Code {
            guard fusable(outer) != nil, let inner = fusable(outer.over) else { return outer }
            return Chain(source: inner.over, first: inner, second: outer, twoStages: true, terminal: .list, written: outer)
        }

        /// `size`, `min`, `max`, `sum`, `ascending` or `distinct` of the standard library over a chain or a
        /// macro, or its `==` of a chain or a macro and another list; the call itself otherwise.
        static func of(_ call: Nodes.Call) -> Code {
            let terminal: Terminal
            if call.comparison == .equal {
                guard call.arguments.count == 2, plain(call.arguments[1]) else { return call }
                if let chain = call.arguments[0] as? Chain, chain.terminal == .list {
                    return Chain(source: chain.source, first: chain.first, second: chain.second, twoStages: true,
                                 terminal: .equals, written: call, other: call.arguments[1])
                }
                guard let c = fusable(call.arguments[0]) else { return call }
                return Chain(source: c.over, first: c, second: c, twoStages: false, terminal: .equals, written: call, other: call.arguments[1])
            }
            if call.unary == .size {
                terminal = .size
            } else if call.fn == "min" || call.fn == "max",
                      (call.candidates + call.fallback).allSatisfy({ extremeIDs.contains($0.id) }) {
                terminal = call.fn == "min" ? .min : .max
            } else if call.fn == "sum", (call.candidates + call.fallback).allSatisfy({ sumIDs.contains($0.id) }) {
                terminal = .sum
            } else if call.fn == "ascending", (call.candidates + call.fallback).allSatisfy({ ascendingIDs.contains($0.id) }) {
                terminal = .ascending
            } else if call.fn == "distinct", (call.candidates + call.fallback).allSatisfy({ distinctIDs.contains($0.id) }) {
                terminal = .distinct
            } else {
                return call
            }
            guard call.arguments.count == 1 else { return call }
            if let chain = call.arguments[0] as? Chain, chain.terminal == .list {
                return Chain(source: chain.source, first: chain.first, second: chain.second, twoStages: true,
                             terminal: terminal, written: call)
            }
            guard let c = fusable(call.arguments[0]) else { return call }
            return Chain(source: c.over, first: c, second: c, twoStages: false, terminal: terminal, written: call)
        }

        override func value(_ f: inout Frame) -> Value {
            let start = f.count?.pointee
            if let v = run(&f) { return v }
            if let start { f.count!.pointee = start }
            return written.value(&f)
        }

        /// The value, or nil to leave it to the written nodes.
        private func run(_ f: inout Frame) -> Value? {
            if f.charge(ownSteps) != nil { return nil }
            guard case .list(var items) = source.eval(&f) else { return nil }
            // Evaluated before the loop, where the nodes evaluate it after: whichever fails,
            // the nodes run again as written, so only a result both orders give is returned.
            // It is `plain`: evaluating it keeps nothing that would make the nodes cost less.
            var compared: [Value] = []
            if terminal == .equals {
                guard case .list(let l) = other.eval(&f) else { return nil }
                compared = l
            }
            // Only the items the first macro's condition may keep, when it looks them up: the
            // rest it would drop. Should the budget run out indexing them, the written nodes say so.
            if firstLooksUp, items.count >= LookupPlan.minimum {
                switch unsafeDowncast(first, to: LookupCollect.self).plan.candidates(items, of: first, &f) {
                case .items(let picked)?: items = picked
                case .stop?: return nil
                case nil: break
                }
            }
            // The macros' variables are lent each item (and each first stage's result) as the
            // loops of `iterate` lend theirs; the written nodes, should they run after, find
            // them holding nothing.
            f.clear(first.slot)
            f.clear(second.slot)
            defer {
                f.forget(first.slot)
                f.forget(second.slot)
            }
            return items.withUnsafeBufferPointer { run($0, compared, &f) }
        }

        /// The loop over `items`, which the caller holds while it runs; `compared`, the list an
        /// `equals` chain compares its items with.
        private func run(_ items: UnsafeBufferPointer<Value>, _ compared: [Value], _ f: inout Frame) -> Value? {
            var out: [Value] = []
            var count = 0
            var best: Value?
            var total: Value = .int(0)
            // `ascending`: the item before, and whether one came after a greater one; `equals`,
            // whether each item so far equals its place in `compared`.
            var previous: Value?
            var holds = true
            var failed = false
            for i in items.indices {
                if f.exhausted { return nil }
                guard var v = Self.pass(first, items.baseAddress! + i, &f, &failed) else {
                    if failed { return nil }
                    continue
                }
                if twoStages {
                    if f.exhausted { return nil }
                    // Lent for the second stage only: `v` is replaced by what it keeps.
                    let kept = withUnsafePointer(to: &v) { Self.pass(second, $0, &f, &failed) }
                    f.forget(second.slot)
                    guard let w = kept else {
                        if failed { return nil }
                        continue
                    }
                    v = w
                }
                count += 1
                switch terminal {
                case .list:
                    if out.capacity == 0 { out.reserveCapacity(items.count) }
                    out.append(v)
                case .size:
                    break
                case .min, .max:
                    // As `min` and `max` do: nulls skipped, the first of equals kept.
                    if case .null = v { continue }
                    guard let b = best else { best = v; continue }
                    guard let c = Equality.compare(v, b) else { return nil }
                    if c == (terminal == .min ? -1 : 1) { best = v }
                case .sum:
                    // As `sum` does, step by step; what does not add up is the nodes' to say.
                    total = Domain.sumStep(total, v)
                    if case .error = total { return nil }
                case .ascending:
                    // As `ascending` does, pair by pair until one descends: what it would not
                    // compare after that, it never reaches.
                    if holds, let p = previous {
                        guard let c = Equality.compare(p, v) else { return nil }
                        if c > 0 { holds = false }
                    }
                    previous = v
                case .equals:
                    if holds { holds = count <= compared.count && Equality.equal(v, compared[count - 1]) }
                case .distinct:
                    // As `distinct` does: the first of equals kept, in order.
                    if !out.contains(where: { Equality.equal($0, v) }) { out.append(v) }
                }
            }
            switch terminal {
            case .list:
                return f.exhausted ? nil : .list(out)
            case .size:
                return f.charge(count) == nil ? .int(Int64(count)) : nil
            case .min, .max:
                return f.charge(count) == nil ? best ?? .null : nil
            case .sum:
                return f.charge(count) == nil ? total : nil
            case .ascending:
                return f.charge(count) == nil ? .bool(holds) : nil
            case .equals:
                // The call's cost: both lists' items.
                return f.charge(count &+ compared.count) == nil ? .bool(holds && count == compared.count) : nil
            case .distinct:
                return f.charge(count) == nil ? .list(out) : nil
            }
        }

        /// The item at `item` through one macro, lent to its variable: what it keeps (the
        /// item, or its transform), nil when it drops it; `failed` when it cannot judge.
        @inline(__always)
        private static func pass(_ c: Collect, _ item: UnsafePointer<Value>, _ f: inout Frame, _ failed: inout Bool) -> Value? {
            f.lend(item, to: c.slot)
            if c.filters {
                switch c.predicate.eval(&f) {
                case .bool(true): break
                case .bool(false): return nil
                default: failed = true; return nil
                }
            }
            guard c.transforms else { return item.pointee }
            let v = c.transform.eval(&f)
            if case .error = v { failed = true; return nil }
            return v
        }
    }
}
