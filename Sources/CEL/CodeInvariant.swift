extension Loops {
    /// A part of an expression that goes over lists and names neither a macro variable bound
    /// outside it nor a variable that changes from one evaluation to the next (`Env.varying`:
    /// a rule's `it`): `all.submissions.map(s, s.unit.id)` in `it.escalated_to in
    /// all.submissions.map(s, s.unit.id)`. Its value is the same for every item a rule asks
    /// it for, and making it for each of a province's items would be the units squared, so it
    /// is kept with the meter (`Lookups`) beside the values its variables had, and given again
    /// while they are the same values (the same records and lists, not equal copies: nothing
    /// a record or list holds changes once made). Only the budget sees the difference: it is
    /// charged the first time, as the nodes as written are.
    final class Invariant: Code, @unchecked Sendable {
        let body: Code
        /// The variables the part reads from the activation.
        let names: [Nodes.Global]

        init(_ body: Code, names: [Nodes.Global]) {
            self.body = body
            self.names = names
            super.init(body.range)
        }

        override func value(_ f: inout Frame) -> Value {
            // `body.value`, not `eval`: this node's step stands for the body's.
            guard let lookups = f.activation.pointee.meter?.lookups else { return body.value(&f) }
            if let kept = lookups.kept(of: self, &f) { return kept }
            let v = body.value(&f)
            // A value cut short by the budget is an error of this evaluation, not the part's.
            // The variables are read again (the evaluation changes none): an array is made
            // only for what is kept.
            if !f.exhausted { lookups.keep(v, of: self, for: names.map { $0.value(&f) }) }
            return v
        }
    }
}

extension Value {
    /// Whether two values are one for every use an expression can make of them: scalars and
    /// texts equal to the bit (a date's place included), records and lists the same object
    /// or storage. Anything else (maps, optionals, errors) is never taken for the same.
    static func identical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.int(let x), .int(let y)): x == y
        case (.uint(let x), .uint(let y)): x == y
        case (.double(let x), .double(let y)): x.bitPattern == y.bitPattern
        case (.string(let x), .string(let y)): Equality.sameBytes(x, y)
        case (.date(let x), .date(let y)): x.day == y.day && x.origin == y.origin
        case (.type(let x), .type(let y)): x == y
        case (.object(let x), .object(let y)): x === y
        case (.list(let x), .list(let y)): sameStorage(x, y)
        default: false
        }
    }

    /// Whether two lists are one: the same storage. The caller holds the first, so its
    /// storage cannot have become another list's since.
    static func sameStorage(_ a: [Value], _ b: [Value]) -> Bool {
        a.count == b.count && a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress } }
    }
}
