extension Nodes {
    /// `r.f == 'text'`, `r.f != 'text'` and `r.f in list` (a list known when the rules load)
    /// over a field whose list (`enum`) the record type keeps by number
    /// (`RecordField.listed`): judged from the number the record stores, with no text made
    /// or compared, by a table made once of what each text of the list gives. Any other
    /// reading (a text outside the list, kept as written; a record of another type; a field
    /// a variable does not hold) is the call's, as written.
    final class ListedTest: Code, @unchecked Sendable {
        let select: Select
        let call: Call
        /// Where the field's texts begin among the type's listed texts.
        let start: Int
        /// For each text of the field's list: the call's result, and the steps the call
        /// would charge beyond this node's own.
        let results: [(value: Value, steps: Int)]

        init(_ select: Select, start: Int, results: [(value: Value, steps: Int)], call: Call, _ range: SourceRange) {
            (self.select, self.start, self.results, self.call) = (select, start, results, call)
            super.init(range)
        }

        override func value(_ f: inout Frame) -> Value {
            if let n = select.number(&f, ifKept: .listed), results.indices.contains(n - start) {
                let r = results[n - start]
                if let over = f.charge(r.steps) { return over }
                return r.value
            }
            return call.value(&f)
        }

        /// The node for `call` (already lowered), when it is such a test; nil otherwise.
        static func of(_ call: Call) -> Code? {
            guard call.comparison == .equal || call.comparison == .notEqual || call.membership,
                  // The field on the left of `in`; on either side of `==` and `!=`.
                  let (select, slot, declared, known, fieldFirst) = call.fieldAndKnown(fieldFirstOnly: call.membership),
                  slot < declared.listed.count else { return nil }
            let texts = declared.listed[slot]
            guard !texts.isEmpty else { return nil }
            // What the call gives for each text, with the steps its node, the select's and
            // the literal's evaluations and its judgement would charge, and nothing when the
            // call would not judge it so simply.
            var results: [(value: Value, steps: Int)] = []
            for text in texts {
                var count = 0
                let judged = withUnsafeMutablePointer(to: &count) { counter -> Value? in
                    judge(call, .string(text), known, fieldFirst: fieldFirst, counter)
                }
                guard let judged, case .bool = judged else { return nil }
                // The select's own step and its operand's, and the literal's.
                results.append((judged, count + 3))
            }
            return ListedTest(select, start: declared.listedStarts[slot], results: results, call: call, call.range)
        }

        /// What `call` gives for `field` and `other` (in their places), judged as its
        /// shortcuts judge it, with the steps charged counted in `counter`.
        private static func judge(_ call: Call, _ field: Value, _ other: Value, fieldFirst: Bool,
                                  _ counter: UnsafeMutablePointer<Int>) -> Value? {
            let (a, b) = fieldFirst ? (field, other) : (other, field)
            var activation = Activation([:])
            activation.meter = CostMeter(limit: .max)
            return withUnsafePointer(to: activation) { p in
                var none = Value.null
                return withUnsafeMutablePointer(to: &none) { locals in
                    var frame = Frame(activation: p, locals: locals)
                    let v = call.membership ? call.member(a, b, &frame) : call.comparison?.judge(a, b, &frame)
                    counter.pointee = p.pointee.meter?.count.pointee ?? 0
                    return v
                }
            }
        }
    }
}
