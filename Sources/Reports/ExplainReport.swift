import Engine

/// `duibiao explain` as text: the rule and its quote within its paragraph, what it reads, and
/// with submissions a trace of each expression, its parts, each item, and the findings.
public enum ExplainReport {
    /// The explanation as terminal text; the quote is bold on a terminal, in 【】 otherwise.
    public static func render(_ e: RuleExplanation, color: Bool) -> String {
        func bold(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : "【\(s)】" }
        let r = e.rule
        var out = ReportsText.explainRule(TerminalText.safe(r.id), r.location.map { TerminalText.safe($0.description) }) + "\n"
        out += ReportsText.explainTitle(TerminalText.safe(r.title)) + "\n"
        out += ReportsText.explainMeta(implements: r.implements, scope: r.scope, severity: r.severity) + "\n"
        if let quote = r.quote {
            if let paragraph = e.paragraph, let source = e.sourcePath, let n = e.paragraphNumber {
                out += ReportsText.explainQuoteIn(TerminalText.safe(source), n) + "\n  "
                out += paragraph.map { $0.quoted ? bold(TerminalText.safe($0.text)) : TerminalText.safe($0.text) }.joined() + "\n"
            } else {
                out += ReportsText.explainQuote + "\n  " + TerminalText.safe(quote) + "\n"
            }
        }
        out += ReportsText.explainExpressions + "\n"
        for (key, text) in e.expressions { out += "  \(key): " + TerminalText.safe(text) + "\n" }
        if !e.namedValues.isEmpty {
            out += ReportsText.explainNamedValues + "\n"
            for (name, value) in e.namedValues { out += "  \(name) = " + TerminalText.safe(text(value)) + "\n" }
        }
        if !e.reads.isEmpty { out += ReportsText.explainReads(e.reads.joined(separator: "、")) + "\n" }
        guard let t = e.trace else { return out }
        out += "\n" + ReportsText.explainTraceHeading(TerminalText.safe(t.files.joined(separator: "、")), t.asOf.chinese) + "\n"
        for s in t.steps { out += step(s, indent: "  ") }
        for (label, steps) in t.items {
            out += "  " + ReportsText.item(TerminalText.safe(label)) + "\n"
            for s in steps { out += step(s, indent: "    ") }
        }
        if t.itemsLeftOut > 0 { out += "  " + ReportsText.explainItemsLeftOut(t.itemsLeftOut) + "\n" }
        out += ReportsText.explainFindings + "\n"
        if t.findings.isEmpty { out += "  " + ReportsText.explainNoFindings + "\n" }
        for f in t.findings {
            var line = "  " + ReportsText.label(f.status)
            if let unit = f.unit { line += "  " + unit }
            if let item = f.item { line += "  " + ReportsText.item(item) }
            line += "  " + f.message
            if let l = f.locations.first { line += "  → " + l.description }
            if let due = f.due { line += "  " + ReportsText.explainDue(due.chinese) }
            if let done = f.doneOn { line += "  " + ReportsText.explainDone(done.chinese) }
            out += TerminalText.safe(line) + "\n"
        }
        return out
    }

    private static func step(_ s: TraceStep, indent: String) -> String {
        var out = indent + s.key + ": " + TerminalText.safe(s.text) + "  →  " + TerminalText.safe(text(s.value)) + "\n"
        for (partText, value) in s.parts where partText != s.text {
            out += indent + "    " + TerminalText.safe(partText) + "  →  " + TerminalText.safe(text(value)) + "\n"
        }
        return out
    }

    /// A value in a line: texts in 「」, dates as written, long lists and records cut short.
    static func text(_ m: Measure, budget: Int = 240) -> String {
        var out = ""
        write(m, into: &out, budget: budget)
        return out
    }

    private static func write(_ m: Measure, into out: inout String, budget: Int) {
        guard out.count < budget else {
            out += "…"
            return
        }
        switch m {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .text(let s): out += "「" + s + "」"
        case .day(let d): out += d.description
        case .list(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if out.count >= budget { out += (i > 0 ? ", " : "") + ReportsText.explainMore(items.count); break }
                if i > 0 { out += ", " }
                write(item, into: &out, budget: budget)
            }
            out += "]"
        case .record(let fields):
            if fields.count == 1, fields[0].name == "error", case .text(let message) = fields[0].value {
                out += ReportsText.explainError(message)
                return
            }
            out += "{"
            for (i, f) in fields.enumerated() {
                if out.count >= budget { out += (i > 0 ? ", " : "") + "…"; break }
                if i > 0 { out += ", " }
                out += f.name + ": "
                write(f.value, into: &out, budget: budget)
            }
            out += "}"
        }
    }
}
