import Engine

/// Renders diagnostics as `path:line:col: error[ID]: message`, the source line, and a caret
/// line that stays aligned under Chinese text (full-width spaces under full-width characters).
public enum DiagnosticRenderer {
    /// All diagnostics, each followed by its source line and caret, then a count.
    public static func render(_ diagnostics: [Diagnostic], color: Bool = false) -> String {
        var out = ""
        for d in diagnostics { out += render(d, color: color) }
        out += "\(diagnostics.count) 个错误\n"
        return out
    }

    /// One diagnostic.
    public static func render(_ d: Diagnostic, color: Bool = false) -> String {
        let head = "\(d.location): error[\(d.code)]: "
        var out = color ? "\u{1B}[1m\(d.location)\u{1B}[0m: \u{1B}[31merror[\(d.code)]\u{1B}[0m: \(d.message)\n" : head + d.message + "\n"
        guard let line = d.sourceLine else { return out }
        let scalars = Array(line.unicodeScalars)
        out += "    " + line + "\n"
        var caret = "    "
        let start = max(0, d.location.column - 1)
        for (i, c) in scalars.enumerated() where i < start {
            caret += c == "\t" ? "\t" : (DisplayWidth.cells(c) == 2 ? "\u{3000}" : " ")
        }
        if start >= scalars.count {
            caret += "^"
        } else {
            for c in scalars[start..<min(scalars.count, start + d.length)] {
                caret += DisplayWidth.cells(c) == 2 ? "＾" : "^"
            }
        }
        out += (color ? "\u{1B}[32m\(caret)\u{1B}[0m" : caret) + "\n"
        return out
    }
}
