import CEL

/// A `group_by` key: its values, equal when their printed literals are as strings
/// (`Printer.literal`, as groups have always been told apart) without printing the usual ones.
/// A null, a bool, an int, a uint, a text or a date prints unlike any value of another kind,
/// so those compare by kind and value (a text as Swift compares strings, canonically
/// equivalent ones equal, as their quoted forms are; a date by its day); other values by their
/// literal.
struct GroupKey: Hashable {
    let values: [Value]

    init(_ values: [Value]) { self.values = values }

    static func == (a: GroupKey, b: GroupKey) -> Bool {
        a.values.count == b.values.count && zip(a.values, b.values).allSatisfy(same)
    }

    func hash(into h: inout Hasher) {
        for v in values {
            switch v {
            case .null: h.combine(0 as UInt8)
            case .bool(let b): h.combine(1 as UInt8); h.combine(b)
            case .int(let i): h.combine(2 as UInt8); h.combine(i)
            case .uint(let u): h.combine(3 as UInt8); h.combine(u)
            case .string(let s): h.combine(4 as UInt8); h.combine(s)
            case .date(let d): h.combine(5 as UInt8); h.combine(d.day)
            default: h.combine(6 as UInt8); h.combine(Printer.literal(v))
            }
        }
    }

    private static func same(_ x: Value, _ y: Value) -> Bool {
        switch (x, y) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.uint(let a), .uint(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.date(let a), .date(let b)): a.day == b.day
        case (.null, _), (.bool, _), (.int, _), (.uint, _), (.string, _), (.date, _),
             (_, .null), (_, .bool), (_, .int), (_, .uint), (_, .string), (_, .date): false
        default: Printer.literal(x) == Printer.literal(y)
        }
    }
}
