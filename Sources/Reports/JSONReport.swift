import CEL
import Engine

/// The JSON output of `check`: a stable contract documented in docs/findings.md.
public enum JSONReport {
    /// The whole result as a JSON document.
    public static func render(_ r: CheckResult) -> String {
        let doc = JSON.object([
            ("as_of", .string(r.asOf.description)),
            ("rules", .array(r.rules.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) })),
            ("summary", .object(r.summary.map { ($0.status.rawValue, .int(Int64($0.count))) })),
            ("findings", .array(r.findings.map(finding))),
        ])
        return doc.serialized() + "\n"
    }

    static func finding(_ f: Finding) -> JSON {
        .object([
            ("unit", f.unit.map(JSON.string) ?? .null),
            ("unit_name", f.unitName.map(JSON.string) ?? .null),
            ("file", f.file.map(JSON.string) ?? .null),
            ("rule", .string(f.rule)),
            ("implements", .array(f.implements.map(JSON.string))),
            ("title", .string(f.title)),
            ("status", .string(f.status.rawValue)),
            ("severity", .string(f.severity.rawValue)),
            ("message", .string(f.message)),
            ("item", f.item.map(JSON.string) ?? .null),
            ("value", f.value.map(value) ?? .null),
            ("due", f.due.map { .string($0.description) } ?? .null),
            ("done_on", f.doneOn.map { .string($0.description) } ?? .null),
            ("quote", f.quote.map(JSON.string) ?? .null),
            ("locations", .array(f.locations.map {
                .object([("file", .string($0.file)), ("line", .int(Int64($0.line))), ("column", .int(Int64($0.column)))])
            })),
        ])
    }

    /// A CEL value as JSON: dates as ISO text, durations as `5d`, records as objects.
    public static func value(_ v: Value) -> JSON {
        switch v {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .uint(let u): u <= UInt64(Int64.max) ? .int(Int64(u)) : .string("\(u)")
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .bytes(let b): .string(String(decoding: b, as: UTF8.self))
        case .list(let items): .array(items.map(value))
        case .map(let m): .object(zip(m.keys, m.values).map { (Render.text($0), value($1)) })
        case .date(let d): .string(d.description)
        case .duration(let d): .string(d.daysDescription)
        case .timestamp(let t): .string(t.description)
        case .type(let t): .string(t.description)
        case .object(let o): .object(zip(o.type.fieldNames, o.fields).compactMap { n, f in f.map { (n, value($0)) } })
        // An optional is its value, or null when it has none.
        case .optional(let inner): inner.map(value) ?? .null
        case .error(let e): .object([("error", .string(e.message))])
        }
    }
}
