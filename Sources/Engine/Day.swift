import CEL

/// A calendar day as reports show it (the as-of date, a due date, the date done), so that
/// what reads findings needs nothing of the expression language.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let number: Int32

    init(_ date: CELDate) { number = date.day }

    /// The day `number` days after 1970-01-01.
    public init(number: Int32) { self.number = number }

    /// The day an ISO text (`2019-09-10`) names, or nil.
    public init?(_ iso: String) {
        guard let d = CELDate.parse(iso) else { return nil }
        number = d.day
    }

    /// `2019-09-10`.
    public var description: String { CELDate(day: number).description }
    /// `description` as UTF-8 bytes lent to `body`, for writers that put the day straight
    /// into their output (a JSON finding has two days).
    public func withISOBytes(_ body: (UnsafeRawBufferPointer) -> Void) { CELDate(day: number).withISOBytes(body) }
    /// `2019年9月10日`.
    public var chinese: String { CELDate(day: number).chinese }

    public static func < (a: Day, b: Day) -> Bool { a.number < b.number }
}

/// What a rule measured, as reports show it: texts, numbers, days and records, with the
/// expression language's other values already put into words.
public enum Measure: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case text(String)
    case day(Day)
    case list([Measure])
    /// Fields in their declared order.
    case record([Field])

    /// One field of a record.
    public struct Field: Sendable, Equatable {
        public let name: String
        public let value: Measure

        public init(name: String, value: Measure) {
            self.name = name
            self.value = value
        }
    }

    /// A value as reports show it: durations as `5d`, an optional as its value, an error as
    /// a record with its message.
    init(_ v: Value) {
        switch v {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .uint(let u): self = u <= UInt64(Int64.max) ? .int(Int64(u)) : .text("\(u)")
        case .double(let d): self = .double(d)
        case .string(let s): self = .text(s)
        case .bytes(let b): self = .text(String(decoding: b, as: UTF8.self))
        case .list(let items): self = .list(items.map(Measure.init))
        case .map(let m): self = .record(zip(m.keys, m.values).map { Field(name: Render.text($0), value: Measure($1)) })
        case .date(let d): self = .day(Day(d))
        case .duration(let d): self = .text(d.daysDescription)
        case .timestamp(let t): self = .text(t.description)
        case .type(let t): self = .text(t.description)
        case .object(let o): self = .record(o.type.fieldNames.prefix(o.count).enumerated().compactMap { i, n in o[slot: i].map { Field(name: n, value: Measure($0)) } })
        case .optional(let inner): self = inner.map(Measure.init) ?? .null
        case .error(let e): self = .record([Field(name: "error", value: .text(e.message))])
        }
    }
}
