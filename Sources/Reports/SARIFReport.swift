import Engine
import Foundation

/// SARIF 2.1.0 for code-scanning tools: the rules table as `tool.driver.rules` (title as the
/// short description, the quote from the source document as help), and a result for every
/// finding that asks for attention, located in the submission files. Passes and rules that do
/// not apply are left out; `pending` is an `open` result; `waived` keeps its level with an
/// accepted suppression. Columns count Unicode code points, as every location here does.
public final class SARIFReport: FindingSink {
    private let output: ReportOutput
    private var results = Results(ruleIndex: [:])

    public init(chunk: Int = 1 << 18, _ emit: @escaping ([UInt8]) -> Bool) {
        output = ReportOutput(chunk: chunk, emit)
    }

    public func begin(_ header: RunHeader) {
        var ruleIndex: [String: Int] = [:]
        for (i, r) in header.rules.enumerated() where ruleIndex[r.id] == nil { ruleIndex[r.id] = i }
        results = Results(ruleIndex: ruleIndex)
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
        write(findings, section: section, rendered: results.render(findings, section: section))
    }

    public var takesPieces: Bool { true }

    public var renderer: (any FindingRenderer)? { results }

    public func write(_ findings: [Finding], section: Section, rendered: [UInt8]) { output.writeElements(rendered) }

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
    let ruleIndex: [String: Int]

    func render(_ findings: [Finding], section: Section) -> [UInt8] {
        var out: [UInt8] = []
        for f in findings {
            guard let result = result(f) else { continue }
            out.append(0x2C)
            JSON.newline(&out, 4)
            result.write(into: &out, indent: 4)
        }
        return out
    }

    func result(_ f: Finding) -> JSON? {
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
        if !f.locations.isEmpty {
            fields.append(("locations", .array(f.locations.map { l in
                .object([("physicalLocation", .object([
                    ("artifactLocation", .object([("uri", .string(SARIFReport.uri(l.file)))])),
                    ("region", .object([("startLine", .int(Int64(max(1, l.line)))), ("startColumn", .int(Int64(max(1, l.column))))])),
                ]))])
            })))
        }
        if f.status == .waived {
            fields.append(("suppressions", .array([.object([("kind", .string("external")), ("status", .string("accepted")),
                                                            ("justification", .string(f.message))])])))
        }
        var properties: [(String, JSON)] = [("status", .string(f.status.rawValue))]
        if let unit = f.unit { properties.append(("unit", .string(unit))) }
        if let name = f.unitName { properties.append(("unit_name", .string(name))) }
        if let item = f.item { properties.append(("item", .string(item))) }
        if let due = f.due { properties.append(("due", .string(due.description))) }
        fields.append(("properties", .object(properties)))
        return .object(fields)
    }
}
