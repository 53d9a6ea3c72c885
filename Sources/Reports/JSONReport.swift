import CEL
import Engine

/// The JSON output of `check`: a stable contract documented in docs/findings.md.
public enum JSONReport {
    /// The whole result as a JSON document.
    public static func render(_ r: CheckResult) -> String {
        String(decoding: bytes(r), as: UTF8.self)
    }

    /// The document as UTF-8, in one piece.
    public static func bytes(_ r: CheckResult) -> [UInt8] {
        var all: [UInt8] = []
        write(r, chunk: .max) { all += $0; return true }
        return all
    }

    /// Writes the document in pieces of about `chunk` bytes to `emit`, which returns false to
    /// stop: the head as one small tree, then each finding as it comes. The report of a large
    /// run is never held whole.
    public static func write(_ r: CheckResult, chunk: Int = 1 << 20, _ emit: ([UInt8]) -> Bool) {
        var out: [UInt8] = []
        let head = JSON.object([
            ("as_of", .string(r.asOf.description)),
            ("rules", .array(r.rules.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) })),
            ("summary", .object(r.summary.map { ($0.status.rawValue, .int(Int64($0.count))) })),
            ("findings", .array([])),
        ])
        head.write(into: &out, indent: 0)
        // The head ends `"findings": []` and `\n}`: reopen the array and write the findings in it.
        guard !r.findings.isEmpty else {
            _ = emit(out + [0x0A])
            return
        }
        out.removeLast(4)
        out.append(0x5B)
        for (i, f) in r.findings.enumerated() {
            if i > 0 { out.append(0x2C) }
            JSON.newline(&out, 2)
            write(f, into: &out)
            if out.count >= chunk {
                guard emit(out) else { return }
                out.removeAll(keepingCapacity: true)
            }
        }
        JSON.newline(&out, 1)
        out += [0x5D]
        JSON.newline(&out, 0)
        out += [0x7D, 0x0A]
        _ = emit(out)
    }

    /// One finding as `finding(f)` serialises at nesting level 2, written directly: no tree is
    /// built for each of half a million findings. A test holds the two to the same bytes.
    static func write(_ f: Finding, into out: inout [UInt8]) {
        var first = true
        func key(_ name: String) {
            if !first { out.append(0x2C) }
            first = false
            JSON.newline(&out, 3)
            JSON.quote(name, into: &out)
            out.append(0x3A)
            out.append(0x20)
        }
        func text(_ name: String, _ s: String?) {
            key(name)
            if let s { JSON.quote(s, into: &out) } else { out += JSON.nullBytes }
        }
        out.append(0x7B)
        text("unit", f.unit)
        text("unit_name", f.unitName)
        text("file", f.file)
        text("rule", f.rule)
        key("implements")
        JSON.array(f.implements.map(JSON.string)).write(into: &out, indent: 3)
        text("title", f.title)
        text("status", f.status.rawValue)
        text("severity", f.severity.rawValue)
        text("message", f.message)
        text("item", f.item)
        key("value")
        (f.value.map(value) ?? .null).write(into: &out, indent: 3)
        text("due", f.due?.description)
        text("done_on", f.doneOn?.description)
        text("quote", f.quote)
        key("locations")
        if f.locations.isEmpty {
            out += [0x5B, 0x5D]
        } else {
            out.append(0x5B)
            for (i, l) in f.locations.enumerated() {
                if i > 0 { out.append(0x2C) }
                JSON.newline(&out, 4)
                out.append(0x7B)
                JSON.newline(&out, 5)
                out += Array("\"file\": ".utf8)
                JSON.quote(l.file, into: &out)
                out.append(0x2C)
                JSON.newline(&out, 5)
                out += Array("\"line\": \(l.line),".utf8)
                JSON.newline(&out, 5)
                out += Array("\"column\": \(l.column)".utf8)
                JSON.newline(&out, 4)
                out.append(0x7D)
            }
            JSON.newline(&out, 3)
            out.append(0x5D)
        }
        JSON.newline(&out, 2)
        out.append(0x7D)
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
