import CEL

/// A message with `{{ expression }}` holes, each compiled when the rules load.
public struct Template: Sendable {
    enum Part: Sendable {
        case text(String)
        case expression(CompiledExpression)
    }

    let parts: [Part]
    /// Room for the text: the literal parts' bytes and a few dozen per hole.
    private let size: Int

    init(parts: [Part]) {
        self.parts = parts
        size = parts.reduce(0) { total, part in
            if case .text(let s) = part { total + s.utf8.count } else { total + 32 }
        }
    }

    /// Fills the holes; an expression that fails shows as `‹错误：…›` rather than hiding.
    func render(_ a: Activation) -> String {
        // Appended to one string made with room for it: a message per failing finding.
        var out = ""
        out.reserveCapacity(size)
        for part in parts {
            switch part {
            case .text(let s): out += s
            case .expression(let e): out += Render.text(e.eval(a))
            }
        }
        return out
    }

    /// Splits `text` into literal parts and expression holes, as offsets into the text.
    static func split(_ text: String) -> [(isExpression: Bool, text: String, offset: Int)]? {
        let scalars = Array(text.unicodeScalars)
        var out: [(Bool, String, Int)] = []
        var i = 0, literalStart = 0
        while i < scalars.count {
            if scalars[i] == "{", i + 1 < scalars.count, scalars[i + 1] == "{" {
                if i > literalStart { out.append((false, String(String.UnicodeScalarView(scalars[literalStart..<i])), literalStart)) }
                var j = i + 2
                while j + 1 < scalars.count, !(scalars[j] == "}" && scalars[j + 1] == "}") { j += 1 }
                guard j + 1 < scalars.count else { return nil }
                out.append((true, String(String.UnicodeScalarView(scalars[(i + 2)..<j])), i + 2))
                i = j + 2
                literalStart = i
            } else {
                i += 1
            }
        }
        if literalStart < scalars.count { out.append((false, String(String.UnicodeScalarView(scalars[literalStart...])), literalStart)) }
        return out
    }
}

/// How values read in Chinese messages: dates as 2019年9月10日, lists joined with 、.
public enum Render {
    /// A value as message text.
    public static func text(_ v: Value) -> String {
        switch v {
        case .string(let s): s
        case .date(let d): d.chinese
        case .duration(let d): d.nanos == 0 && d.seconds % 86_400 == 0 ? "\(d.wholeDays)天" : d.description
        case .list(let items): items.map(text).joined(separator: "、")
        case .null: "（无）"
        case .bool(let b): b ? "是" : "否"
        case .double(let d): d == d.rounded() && abs(d) < 1e15 ? "\(Int64(d))" : "\(d)"
        case .error(let e): "‹错误：\(e.message)›"
        case .optional(let inner): inner.map(text) ?? "（无）"
        case .object(let o): o["title"].map(text) ?? o["name"].map(text) ?? o["id"].map(text) ?? o.type.name
        default: Printer.literal(v)
        }
    }
}
