import Engine
import Foundation

/// SARIF 2.1.0 for code-scanning tools: the rules table as `tool.driver.rules` (title as the
/// short description, the quote from the source document as help), and a result for every
/// finding that asks for attention, located in the submission files. Passes and rules that do
/// not apply are left out; `pending` is an `open` result; `waived` keeps its level with an
/// accepted suppression. Columns count Unicode code points, as every location here does.
public final class SARIFReport: FindingSink {
    private let output: ReportOutput
    private var results = Results(rules: [])

    public init(chunk: Int = 1 << 18, _ emit: @escaping ([UInt8]) -> Bool) {
        output = ReportOutput(chunk: chunk, emit)
    }

    /// Sends the document to `emit` as pieces lent for the call, in order, about `chunk` bytes
    /// at a time: the units' rendered bytes as they are, for a writer that gathers them
    /// (`writev`) instead of copying them together.
    public init(chunk: Int = 1 << 18, pieces emit: @escaping ([UnsafeRawBufferPointer]) -> Bool) {
        output = ReportOutput(chunk: chunk, pieces: emit)
    }

    public func begin(_ header: RunHeader) {
        results = Results(rules: header.rules)
        let head = JSON.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("duibiao")),
                    ("rules", .array(header.rules.map(Self.descriptor))),
                ]))])),
                ("columnKind", .string("unicodeCodePoints")),
                ("properties", .object([("as_of", .string(header.asOf.description))])),
                ("results", .array([])),
            ])])),
        ])
        var out: [UInt8] = []
        head.write(into: &out, indent: 0)
        // The head ends `"results": []` then the run's, the list's and the document's ends:
        // reopen the results and write each one in it.
        while out.last != 0x5B { out.removeLast() }
        output.write(out)
    }

    public func write(_ findings: [Finding], section: Section) {
        // One at a time, and a result's locations in pieces: a campaign finding may point at
        // every unit's records, and its result is never held whole, as a tree or as text.
        for f in findings {
            var begun = false
            results.write(f) { piece in
                if begun { output.write(piece) } else { output.writeElements(piece) }
                begun = true
            }
        }
    }

    public var takesPieces: Bool { true }

    public var renderer: (any FindingRenderer)? { results }

    public func write(_ findings: [Finding], section: Section, rendered: RenderedBytes) { output.writeElements(rendered) }

    public func end(_ summary: Summary) {
        var out: [UInt8] = []
        if output.hasElements { JSON.newline(&out, 3) }
        out.append(0x5D)
        JSON.newline(&out, 2)
        out.append(0x7D)
        JSON.newline(&out, 1)
        out.append(0x5D)
        JSON.newline(&out, 0)
        out += [0x7D, 0x0A]
        output.write(out)
        output.flush()
    }

    static func level(_ s: Severity) -> String { s == .warning ? "warning" : "error" }

    static func descriptor(_ r: RuleInfo) -> JSON {
        var fields: [(String, JSON)] = [("id", .string(r.id))]
        if !r.title.isEmpty { fields.append(("shortDescription", .object([("text", .string(r.title))]))) }
        if let quote = r.quote { fields.append(("help", .object([("text", .string(quote))]))) }
        fields.append(("defaultConfiguration", .object([("level", .string(level(r.severity)))])))
        fields.append(("properties", .object([("tags", .array(r.implements.map(JSON.string)))])))
        return .object(fields)
    }

    /// A path as a URI reference: relative paths stay relative, other characters are
    /// percent-encoded (Chinese file names included).
    static func uri(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    private static let allowed: CharacterSet = {
        var s = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        s.insert(charactersIn: "-._~/")
        return s
    }()
}

/// The results of a unit's findings, each after its separating comma, made on any thread from
/// the rules' places in `tool.driver.rules`.
struct Results: FindingRenderer {
    /// Each rule's place in the rules table.
    let ruleIndex: [String: Int]

    init(rules: [RuleInfo]) { ruleIndex = Grouping.byID(rules) { place, _ in place } }

    /// With rule ids of its own: looking them up counts references on them.
    func forAnotherThread(_ rules: [RuleInfo]) -> any FindingRenderer { Results(rules: rules) }

    func render(_ findings: [Finding], section: Section) -> RenderedBytes {
        var out: [UInt8] = []
        for f in findings {
            guard let result = result(f) else { continue }
            out.append(0x2C)
            JSON.newline(&out, 4)
            result.write(into: &out, indent: 4)
        }
        return RenderedBytes(out)
    }

    /// The result of `f` after its separating comma, as `render` writes it, handed to `send` in
    /// pieces of about 64 KB while its locations are written; nothing for a pass or a rule
    /// that does not apply, which have no result.
    func write(_ f: Finding, send: ([UInt8]) -> Void) {
        guard let (head, tail) = parts(f) else { return }
        var out: [UInt8] = [0x2C]
        JSON.newline(&out, 4)
        out.append(0x7B)
        // As `JSON.object(head + [locations] + tail).write(into:indent: 4)` lays them out.
        func field(_ key: String, _ value: JSON, first: Bool) {
            if !first { out.append(0x2C) }
            JSON.newline(&out, 5)
            JSON.quote(key, into: &out)
            out += [0x3A, 0x20]
            value.write(into: &out, indent: 5)
        }
        for (i, (k, v)) in head.enumerated() { field(k, v, first: i == 0) }
        if !f.locations.isEmpty {
            out.append(0x2C)
            JSON.newline(&out, 5)
            JSON.quote("locations", into: &out)
            out += [0x3A, 0x20, 0x5B]
            for (i, l) in f.locations.enumerated() {
                if i > 0 { out.append(0x2C) }
                JSON.newline(&out, 6)
                Self.location(l).write(into: &out, indent: 6)
                if out.count >= 1 << 16 {
                    send(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
            JSON.newline(&out, 5)
            out.append(0x5D)
        }
        for (k, v) in tail { field(k, v, first: false) }
        JSON.newline(&out, 4)
        out.append(0x7D)
        send(out)
    }

    func result(_ f: Finding) -> JSON? {
        guard let (head, tail) = parts(f) else { return nil }
        let locations: [(String, JSON)] = f.locations.isEmpty ? [] : [("locations", .array(f.locations.map(Self.location)))]
        return .object(head + locations + tail)
    }

    /// A result's fields before its locations and after them; nil for a finding that needs
    /// no attention (a pass, not applicable).
    private func parts(_ f: Finding) -> (head: [(String, JSON)], tail: [(String, JSON)])? {
        let kind: String, level: String
        switch f.status {
        case .pass, .notApplicable: return nil
        case .pending: (kind, level) = ("open", "none")
        case .warn: (kind, level) = ("fail", "warning")
        case .fail, .waived: (kind, level) = ("fail", SARIFReport.level(f.severity))
        case .error, .invalid, .missing: (kind, level) = ("fail", "error")
        }
        var fields: [(String, JSON)] = [("ruleId", .string(f.rule))]
        if let i = ruleIndex[f.rule] { fields.append(("ruleIndex", .int(Int64(i)))) }
        fields += [("kind", .string(kind)), ("level", .string(level)), ("message", .object([("text", .string(f.message))]))]
        var tail: [(String, JSON)] = []
        if f.status == .waived {
            tail.append(("suppressions", .array([.object([("kind", .string("external")), ("status", .string("accepted")),
                                                          ("justification", .string(f.message))])])))
        }
        var properties: [(String, JSON)] = [("status", .string(f.status.rawValue))]
        if let unit = f.unit { properties.append(("unit", .string(unit))) }
        if let name = f.unitName { properties.append(("unit_name", .string(name))) }
        if let item = f.item { properties.append(("item", .string(item))) }
        if let due = f.due { properties.append(("due", .string(due.description))) }
        tail.append(("properties", .object(properties)))
        return (fields, tail)
    }

    /// One location of a result.
    static func location(_ l: Location) -> JSON {
        .object([("physicalLocation", .object([
            ("artifactLocation", .object([("uri", .string(SARIFReport.uri(l.file)))])),
            ("region", .object([("startLine", .int(Int64(max(1, l.line)))), ("startColumn", .int(Int64(max(1, l.column))))])),
        ]))])
    }
}
