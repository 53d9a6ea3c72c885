import CEL
import YAML

/// Reads `values:` — named constants the office edits instead of rules. Plain scalars are
/// typed by their look (`2019-09-10` a date, `5d` a duration, `3` an int); quoted ones are text.
struct ValuesLoader {
    let source: SourceText
    private(set) var diagnostics: [Diagnostic] = []

    init(source: SourceText) { self.source = source }

    mutating func fields(_ m: Mapping, path: String) -> [(String, Value, CELType)] {
        m.entries.map { (key, node) in
            let (v, t) = value(node, path: "\(path).\(key.value)")
            return (key.value, v, t)
        }
    }

    mutating func value(_ node: Node, path: String) -> (Value, CELType) {
        switch node {
        case .scalar(let s):
            if s.style == .plain, ValuesLoader.looksLikeDate(s.value), CELDate.parse(s.value) == nil, CELDate.parseMonth(s.value) == nil {
                // Meant as a date, but no such day: said here once, not "expected a date" at every use.
                diagnostics.append(source.diagnostic("values.date", EngineText.notADate(s.value), at: s.mark))
                return (.null, .date)
            }
            return ValuesLoader.infer(s)
        case .sequence(let seq):
            var items: [Value] = []
            var type: CELType?
            for item in seq.items {
                let (v, t) = value(item, path: path + "[]")
                items.append(v)
                if let prev = type, prev != t {
                    diagnostics.append(source.diagnostic("values.mixed", EngineText.mixedValues(prev.description, t.description), at: item.mark))
                }
                type = type ?? t
            }
            return (.list(items), .list(type ?? .dyn))
        case .mapping(let m):
            let fs = fields(m, path: path)
            let type = ObjectType(name: path, fields: fs.map { ($0.0, $0.2) }, keyed: true)
            return (.object(CELObject.make(type: type, fields: fs.map(\.1))), .object(type))
        }
    }

    /// A year of four digits, then a date separator (`-`, `/`, `.`, 年), then more: written as a
    /// date, whether or not the day exists. `2.5` and `2019` stay numbers.
    static func looksLikeDate(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars.map { (0xFF10...0xFF19).contains($0.value) ? Unicode.Scalar($0.value - 0xFEE0)! : $0 })
        guard scalars.count > 5, scalars.prefix(4).allSatisfy({ ("0"..."9").contains($0) }) else { return false }
        let separator = scalars[4]
        guard ["-", "/", ".", "年", "－", "／", "．"].contains(separator) else { return false }
        // One separator only (`2019.5`) is a number, not a date.
        return scalars.dropFirst(5).contains { $0 == separator || $0 == "月" }
    }

    static func infer(_ s: Scalar) -> (Value, CELType) {
        let text = s.value
        guard s.style == .plain else { return (.string(text), .string) }
        if text == "true" || text == "false" { return (.bool(text == "true"), .bool) }
        if let i = Int64(text) { return (.int(i), .int) }
        if text.first?.isNumber == true || text.first == "-" {
            if looksLikeDate(text), let d = CELDate.parse(text) { return (.date(d), .date) }
            // A month (`2020-03`, `2020/3`, `2020年3月`) is the date of its first day, as in
            // submissions; `2020.3` stays a number here.
            if !text.contains("."), let d = CELDate.parseMonth(text) { return (.date(d), .date) }
            if text.last?.isLetter == true, let d = CELDuration.parse(text) { return (.duration(d), .duration) }
            if let d = Double(text) { return (.double(d), .double) }
        }
        return (.string(text), .string)
    }
}
