import Engine

/// The JSON output of `check`, format version 2: a stable contract documented in
/// docs/findings.md. Written as findings arrive: the head (version, date, rules files, rules
/// table), each finding, then the totals, which are only known at the end.
public final class JSONReport: FindingSink {
    /// The version of the document's shape, its first key.
    public static let formatVersion = 2

    private let output: ReportOutput
    /// The rules' bytes, made at `begin` for every finding writer of the run.
    private var rules: JSONFindingWriter.RuleTable = []

    /// Sends the document in pieces of about `chunk` bytes to `emit`, which returns false to stop.
    public init(chunk: Int = 1 << 18, _ emit: @escaping ([UInt8]) -> Bool) {
        output = ReportOutput(chunk: chunk, emit)
    }

    /// Sends the document to `emit` as pieces lent for the call, in order, about `chunk` bytes
    /// at a time: the units' rendered bytes as they are, for a writer that gathers them
    /// (`writev`) instead of copying them together.
    public init(chunk: Int = 1 << 18, pieces emit: @escaping ([UnsafeRawBufferPointer]) -> Bool) {
        output = ReportOutput(chunk: chunk, pieces: emit)
    }

    /// A held run as one document (tests, small tools).
    public static func render(_ r: CheckResult) -> String {
        var all: [UInt8] = []
        r.replay(into: JSONReport(chunk: .max) { all += $0; return true })
        return String(decoding: all, as: UTF8.self)
    }

    public func begin(_ header: RunHeader) {
        let head = JSON.object([
            ("format_version", .int(Int64(Self.formatVersion))),
            ("as_of", .string(header.asOf.description)),
            ("rule_files", .lines(header.ruleFiles.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) })),
            ("rules", .lines(header.rules.map(Self.rule))),
            ("findings", .array([])),
        ])
        rules = JSONFindingWriter.table(header.rules)
        var out: [UInt8] = []
        head.write(into: &out, indent: 0)
        // The head ends `"findings": []` and `\n}`: reopen the array and write the findings in it.
        out.removeLast(4)
        out.append(0x5B)
        output.write(out)
    }

    public func write(_ findings: [Finding], section: Section) {
        // One at a time, and a finding's locations in pieces: a campaign batch may point at
        // every unit's records.
        var writer = JSONFindingWriter(rules: rules)
        var out = ByteBuffer()
        for f in findings {
            out.removeAll()
            out.append(Self.separator)
            var begun = false
            func send(_ piece: UnsafeRawBufferPointer) {
                if begun { output.write(piece) } else { output.writeElements(Array(piece)) }
                begun = true
            }
            writer.write(f, into: &out, spill: send)
            send(out.bytes)
        }
    }

    public var takesPieces: Bool { true }

    public var renderer: (any FindingRenderer)? { Renderer(rules: rules) }

    /// Each finding as it stands in the array, after its separating comma.
    struct Renderer: FindingRenderer {
        let rules: JSONFindingWriter.RuleTable

        /// With its own table: a writer holds the table and the rule's bytes it writes,
        /// counted per unit, so threads sharing them would count on each other's cache lines.
        func forAnotherThread(_ rules: [RuleInfo]) -> any FindingRenderer { Renderer(rules: JSONFindingWriter.table(rules)) }

        func render(_ findings: [Finding], section: Section) -> RenderedBytes {
            // About what a finding takes, so the buffer is not grown and copied a few times per unit.
            var out = ByteBuffer(capacity: findings.count * 300)
            var writer = JSONFindingWriter(rules: rules)
            findings.withUnsafeBufferPointer { all in
                for i in all.indices {
                    out.append(JSONReport.separator)
                    writer.write(at: all.baseAddress! + i, into: &out)
                }
            }
            return out.rendered()
        }
    }

    public func write(_ findings: [Finding], section: Section, rendered: RenderedBytes) { output.writeElements(rendered) }

    public func end(_ summary: Summary) {
        var out: [UInt8] = []
        if output.hasElements { JSON.newline(&out, 1) }
        out += [0x5D, 0x2C]
        JSON.newline(&out, 1)
        out += Array("\"summary\": ".utf8)
        JSON.object(summary.rows.map { ($0.status.rawValue, .int(Int64($0.count))) }).write(into: &out, indent: 1)
        JSON.newline(&out, 0)
        out += [0x7D, 0x0A]
        output.write(out)
        output.flush()
    }

    /// One row of the rules table.
    static func rule(_ r: RuleInfo) -> JSON {
        .object([
            ("id", .string(r.id)),
            ("title", .string(r.title)),
            ("implements", .array(r.implements.map(JSON.string))),
            ("quote", r.quote.map(JSON.string) ?? .null),
            ("severity", .string(r.severity.rawValue)),
            ("scope", .string(r.scope?.rawValue ?? "builtin")),
        ])
    }

    /// What comes before each finding in the array: a comma and a line break to level 2. Each
    /// finding is one line, compact, as `JSON.lines` lays out the rules table.
    static let separator: StaticString = ",\n    "

    /// One finding as a tree, the shape `JSONFindingWriter` writes directly (compactly).
    static func finding(_ f: Finding) -> JSON {
        .object([
            ("unit", f.unit.map(JSON.string) ?? .null),
            ("unit_name", f.unitName.map(JSON.string) ?? .null),
            ("file", f.file.map(JSON.string) ?? .null),
            ("rule", .string(f.rule)),
            ("implements", .array(f.implements.map(JSON.string))),
            ("status", .string(f.status.rawValue)),
            ("severity", .string(f.severity.rawValue)),
            ("message", .string(f.message)),
            ("item", f.item.map(JSON.string) ?? .null),
            ("value", f.value.map(value) ?? .null),
            ("due", f.due.map { .string($0.description) } ?? .null),
            ("done_on", f.doneOn.map { .string($0.description) } ?? .null),
            ("locations", .array(f.locations.map {
                .object([("file", .string($0.file)), ("line", .int(Int64($0.line))), ("column", .int(Int64($0.column)))])
            })),
        ])
    }

    /// A measured value as JSON: days as ISO text, records as objects.
    public static func value(_ v: Measure) -> JSON {
        switch v {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .text(let s): .string(s)
        case .day(let d): .string(d.description)
        case .list(let items): .array(items.map(value))
        case .record(let fields): .object(fields.map { ($0.name, value($0.value)) })
        }
    }
}
