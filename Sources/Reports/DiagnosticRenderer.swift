import Engine

/// Renders diagnostics as `path:line:col: error[ID]: message`, the source line, and a caret
/// line that stays aligned under Chinese text (full-width spaces under full-width characters).
public enum DiagnosticRenderer {
    /// All diagnostics, each followed by its source line and caret, then a count.
    public static func render(_ diagnostics: [Diagnostic], color: Bool = false) -> String {
        var out = ""
        for d in diagnostics { out += render(d, color: color) }
        let warnings = diagnostics.filter(\.isWarning).count
        let errors = diagnostics.count - warnings
        out += ReportsText.diagnosticTotals(errors: errors, warnings: warnings) + "\n"
        return out
    }

    /// One diagnostic.
    public static func render(_ d: Diagnostic, color: Bool = false) -> String {
        let location = TerminalText.safe(d.location.description)
        let message = TerminalText.safe(d.message)
        let kind = d.isWarning ? "warning" : "error"
        let head = "\(location): \(kind)[\(d.code)]: "
        var out = color ? "\u{1B}[1m\(location)\u{1B}[0m: \u{1B}[\(d.isWarning ? 33 : 31)m\(kind)[\(d.code)]\u{1B}[0m: \(message)\n" : head + message + "\n"
        guard let raw = d.sourceLine else { return out }
        // Escapes widen the line; the caret is laid out under the escaped text.
        let line = TerminalText.safe(raw)
        let scalars = Array(raw.unicodeScalars)
        out += "    " + line + "\n"
        var caret = "    "
        let start = max(0, d.location.column - 1)
        for c in scalars.prefix(start) {
            if c == "\t" { caret += "\t"; continue }
            let shown = TerminalText.safe(String(c))
            caret += shown.count == 1 && DisplayWidth.cells(c) == 2 ? "\u{3000}" : String(repeating: " ", count: DisplayWidth.of(shown))
        }
        if start >= scalars.count {
            caret += "^"
        } else {
            for c in scalars[start..<min(scalars.count, start + d.length)] {
                caret += DisplayWidth.cells(c) == 2 ? "＾" : String(repeating: "^", count: max(1, DisplayWidth.of(TerminalText.safe(String(c)))))
            }
        }
        out += (color ? "\u{1B}[32m\(caret)\u{1B}[0m" : caret) + "\n"
        return out
    }
}
