extension Nodes {
    /// `r.f < date`, and the other comparisons, of a date field with a date known when the
    /// rules load (`values.first_batch.end`): judged from the day the record stores, with no
    /// date value made. Any other reading (a record of another type, a field a variable does
    /// not hold, a date kept as a value) is the call's, as written.
    final class DayTest: Code, @unchecked Sendable {
        let select: Select
        let call: Call
        let comparison: Call.Comparison
        /// The known date's day, and whether it is on the left.
        let day: Int
        let dayFirst: Bool

        init(_ select: Select, comparing comparison: Call.Comparison, with day: Int, dayFirst: Bool, call: Call) {
            (self.select, self.comparison, self.day, self.dayFirst, self.call) = (select, comparison, day, dayFirst, call)
            super.init(call.range)
        }

        override func value(_ f: inout Frame) -> Value {
            guard let d = select.number(&f, ifKept: .day) else { return call.value(&f) }
            // The select's step and its operand's, and the literal's: what the call's
            // arguments would charge; comparing two dates charges nothing more.
            if let over = f.charge(3) { return over }
            let (a, b) = dayFirst ? (day, d) : (d, day)
            return .bool(comparison.holds(a == b ? 0 : (a < b ? -1 : 1)))
        }

        /// The node for `call` (already lowered), when it compares a date field with a known
        /// date; nil otherwise.
        static func of(_ call: Call) -> Code? {
            guard let comparison = call.comparison, let (select, slot, declared, known, fieldFirst) = call.fieldAndKnown(fieldFirstOnly: false),
                  slot < declared.fieldTypes.count, declared.fieldTypes[slot] == .date, case .date(let day) = known else { return nil }
            return DayTest(select, comparing: comparison, with: Int(day.day), dayFirst: !fieldFirst, call: call)
        }
    }
}
