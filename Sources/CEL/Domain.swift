/// The domain extensions: dates, durations in days, calendar helpers and list aggregates,
/// declared exactly like the standard functions.
enum Domain {
    typealias Impl = @Sendable (Arguments) -> Value
    static let A = Stdlib.A

    static func register(_ t: inout FunctionTable) {
        dates(&t)
        calendar(&t)
        aggregates(&t)
    }

    // MARK: - Dates and durations

    static func dates(_ t: inout FunctionTable) {
        t.add("date", [
            Overload("string_to_date", [.string], .date) { a in
                guard case .string(let s) = a[0] else { return .fail("type") }
                return CELDate.parse(s).map(Value.date) ?? .fail(CELText.badConversion(Printer.quote(s), "date"))
            },
            Overload("date_to_date", [.date], .date) { $0[0] },
        ])
        t.add("duration", [
            Overload("string_to_duration", [.string], .duration) { a in
                guard case .string(let s) = a[0] else { return .fail("type") }
                return CELDuration.parse(s).map(Value.duration) ?? .fail(CELText.badConversion(Printer.quote(s), "duration"))
            },
            Overload("duration_to_duration", [.duration], .duration) { $0[0] },
        ])
        t.add("_+_", [
            Overload("add_date_duration", [.date, .duration], .date) { shift($0[0], $0[1], 1) },
            Overload("add_duration_date", [.duration, .date], .date) { shift($0[1], $0[0], 1) },
            Overload("add_duration_duration", [.duration, .duration], .duration) { combine($0[0], $0[1], 1) },
        ])
        t.add("_-_", [
            Overload("subtract_date_duration", [.date, .duration], .date) { shift($0[0], $0[1], -1) },
            Overload("subtract_date_date", [.date, .date], .duration) { a in
                guard case .date(let x) = a[0], case .date(let y) = a[1] else { return .fail("type") }
                return .duration(.days(Int64(x.day) - Int64(y.day)))
            },
            Overload("subtract_duration_duration", [.duration, .duration], .duration) { combine($0[0], $0[1], -1) },
        ])
        t.add("-_", [
            Overload("negate_duration", [.duration], .duration) { a in
                guard case .duration(let d) = a[0] else { return .fail("type") }
                return .duration(CELDuration(seconds: -d.seconds, nanos: -d.nanos))
            },
        ])
        t.add("days", [
            Overload("duration_days", [.duration], .int) { a in
                guard case .duration(let d) = a[0] else { return .fail("type") }
                return .int(d.wholeDays)
            },
        ])
    }

    /// Date ± duration moves by whole days; a part day is dropped, as dates have no time.
    static func shift(_ date: Value, _ duration: Value, _ sign: Int64) -> Value {
        guard case .date(let d) = date, case .duration(let du) = duration else { return .fail("type") }
        let day = Int64(d.day) + sign * du.wholeDays
        guard let v = Int32(exactly: day), v > -719_162, v < 2_932_897 else { return .fail(CELText.overflow) }
        return .date(CELDate(day: v))
    }

    static func combine(_ x: Value, _ y: Value, _ sign: Int128) -> Value {
        guard case .duration(let a) = x, case .duration(let b) = y else { return .fail("type") }
        return CELDuration.from(nanos: a.totalNanos + sign * b.totalNanos).map(Value.duration) ?? .fail(CELText.overflow)
    }

    // MARK: - Calendar

    static func calendar(_ t: inout FunctionTable) {
        func part(_ name: String, _ f: @escaping @Sendable (CELDate) -> Value, _ result: CELType) {
            let impl: Impl = { a in
                guard case .date(let d) = a[0] else { return .fail("type") }
                return f(d)
            }
            t.add(name, [
                Overload("\(name)_date", [.date], result, impl),
                Overload("date_\(name)", member: true, [.date], result, impl),
            ])
        }
        // week(d) is the Monday that starts d's ISO week: a date, so it groups and prints well.
        part("week", { .date(CELDate(day: $0.day - Int32($0.weekday - 1))) }, .date)
        part("month", { .int(Int64($0.components.month)) }, .int)
        part("year", { .int(Int64($0.components.year)) }, .int)
        part("weekday", { .int(Int64($0.weekday)) }, .int)
        t.add("weeks", [
            Overload("weeks_date_date", [.date, .date], .list(.date)) { a in
                guard case .date(let from) = a[0], case .date(let to) = a[1] else { return .fail("type") }
                var out: [Value] = []
                var monday = from.day - Int32(from.weekday - 1)
                while monday <= to.day, out.count < 10_000 {
                    out.append(.date(CELDate(day: monday)))
                    monday += 7
                }
                return .list(out)
            },
        ])
        t.add("months", [
            Overload("months_date_date", [.date, .date], .list(.date)) { a in
                guard case .date(let from) = a[0], case .date(let to) = a[1] else { return .fail("type") }
                var (y, m, _) = from.components
                var out: [Value] = []
                while let first = CELDate(year: y, month: m, day: 1), first <= to, out.count < 10_000 {
                    out.append(.date(first))
                    (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
                }
                return .list(out)
            },
        ])
        part("endOfMonth", { d in
            let c = d.components
            return .date(CELDate(year: c.year, month: c.month, day: CELDate.daysIn(year: c.year, month: c.month))!)
        }, .date)
        t.add("dates", [
            Overload("dates_date_date", [.date, .date], .list(.date)) { a in
                guard case .date(let from) = a[0], case .date(let to) = a[1] else { return .fail("type") }
                guard to.day - from.day < 100_000 else { return .fail(CELText.overflow) }
                return .list(from.day > to.day ? [] : (from.day...to.day).map { .date(CELDate(day: $0)) })
            },
        ])
    }

    // MARK: - Aggregates

    static func aggregates(_ t: inout FunctionTable) {
        func both(_ name: String, _ params: CELType, _ result: CELType, _ impl: @escaping Impl) -> [Overload] {
            [Overload("\(name)_\(params)", [params], result, impl),
             Overload("\(params)_\(name)", member: true, [params], result, impl)]
        }
        let sum: Impl = { a in
            guard case .list(let items) = a[0] else { return .fail("type") }
            var acc: Value = .int(0)
            for v in items {
                acc = sumStep(acc, v)
                if case .error = acc { return acc }
            }
            return acc
        }
        t.add("sum", both("sum", .list(.int), .int, sum) + both("sum", .list(.double), .double, sum)
            + both("sum", .list(.duration), .duration, sum) + both("sum", .list(.dyn), .dyn, sum))
        // min/max of an empty list is null: "the earliest record, if any" is the common question.
        // sum, min and max skip nulls.
        t.add("min", both("min", .list(A), A) { extreme($0[0], -1) })
        t.add("max", both("max", .list(A), A) { extreme($0[0], 1) })
        t.add("ascending", both("ascending", .list(A), .bool) { a in
            guard case .list(let items) = a[0] else { return .fail("type") }
            for (x, y) in zip(items, items.dropFirst()) {
                guard let c = Equality.compare(x, y) else {
                    return .fail(CELText.noMatchingOverload("ascending", [x.celType.description, y.celType.description]))
                }
                if c > 0 { return .bool(false) }
            }
            return .bool(true)
        })
        // As cel-go's strings extension: `['a', 'b'].join('、')`.
        let join: Impl = { a in
            guard case .list(let items) = a[0] else { return .fail("type") }
            var sep = ""
            if a.count > 1, case .string(let s) = a[1] { sep = s }
            var parts: [String] = []
            for v in items {
                guard case .string(let s) = v else { return .fail(CELText.noMatchingOverload("join", ["list(\(v.celType))"])) }
                parts.append(s)
            }
            return .string(parts.joined(separator: sep))
        }
        t.add("join", [
            Overload("list_join", member: true, [.list(.string)], .string, join),
            Overload("list_join_string", member: true, [.list(.string), .string], .string, join),
        ])
        t.add("distinct", both("distinct", .list(A), .list(A)) { a in
            guard case .list(let items) = a[0] else { return .fail("type") }
            var out: [Value] = []
            for v in items where !out.contains(where: { Equality.equal($0, v) }) { out.append(v) }
            return .list(out)
        })
    }

    /// `sum`'s running total `acc` with `v` added: the same total for a null, which is
    /// skipped; an error when they do not add up (overflow, a value that is no number).
    static func sumStep(_ acc: Value, _ v: Value) -> Value {
        switch (acc, v) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            return o ? .fail(CELText.overflow) : .int(r)
        case (.int(let x), .double(let y)): return .double(Double(x) + y)
        case (.double(let x), .double(let y)): return .double(x + y)
        case (.double(let x), .int(let y)): return .double(x + Double(y))
        case (.int(0), .duration), (.duration, .duration): return Domain.combine(acc.isZero ? .duration(.init(seconds: 0)) : acc, v, 1)
        case (_, .null), (.error, _): return acc
        default: return .fail(CELText.noMatchingOverload("sum", ["list(\(v.celType))"]))
        }
    }

    static func extreme(_ list: Value, _ sign: Int) -> Value {
        guard case .list(let list) = list else { return .fail("type") }
        // Nulls are unknowns (an unreadable date), skipped as SQL's MIN and MAX skip them.
        let items = list.filter { if case .null = $0 { false } else { true } }
        guard var best = items.first else { return .null }
        for v in items.dropFirst() {
            guard let c = Equality.compare(v, best) else {
                return .fail(CELText.noMatchingOverload(sign < 0 ? "min" : "max", [v.celType.description, best.celType.description]))
            }
            if c == sign { best = v }
        }
        return best
    }
}

extension Value {
    var isZero: Bool { if case .int(0) = self { true } else { false } }
}
