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
            let type = ObjectType(name: path, fields: fs.map { ($0.0, $0.2) })
            return (.object(CELObject(type: type, fields: fs.map(\.1))), .object(type))
        }
    }

    static func infer(_ s: Scalar) -> (Value, CELType) {
        let text = s.value
        guard s.style == .plain else { return (.string(text), .string) }
        if text == "true" || text == "false" { return (.bool(text == "true"), .bool) }
        if let i = Int64(text) { return (.int(i), .int) }
        if text.first?.isNumber == true || text.first == "-" {
            if let d = CELDate.parse(text), text.contains("-") || text.contains("/") || text.contains("年") { return (.date(d), .date) }
            if text.last?.isLetter == true, let d = CELDuration.parse(text) { return (.duration(d), .duration) }
            if let d = Double(text) { return (.double(d), .double) }
        }
        return (.string(text), .string)
    }
}
