import CEL
import Engine

/// The terminal report: findings grouped by unit, columns aligned by display width so Chinese
/// text lines up, colour only when asked (the CLI asks when writing to a terminal).
public enum TextReport {
    /// Chinese labels of the statuses, also used in the summary.
    public static func label(_ s: Status) -> String {
        switch s {
        case .pass: "通过"
        case .fail: "未通过"
        case .warn: "警告"
        case .pending: "未到期"
        case .notApplicable: "不适用"
        case .waived: "已豁免"
        case .error: "无法评估"
        case .invalid: "格式错误"
        case .missing: "未提交"
        }
    }

    static func mark(_ s: Status) -> String {
        switch s {
        case .pass: "✓"
        case .fail, .invalid, .missing, .error: "✗"
        case .warn: "!"
        case .pending: "…"
        case .notApplicable: "-"
        case .waived: "~"
        }
    }

    static func colour(_ s: Status) -> String {
        switch s {
        case .pass: "32"
        case .fail, .invalid, .missing, .error: "31"
        case .warn: "33"
        case .pending, .waived: "36"
        case .notApplicable: "90"
        }
    }

    /// The report for `r`; `rulesLabel` names the rules given on the command line.
    public static func render(_ r: CheckResult, rulesLabel: String, color: Bool) -> String {
        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        var out = "对标检查 · 截至\(r.asOf.chinese) · 规则 \(TerminalText.safe(rulesLabel))（\(r.rules.count) 个文件）· 台账 \(r.files.count) 份\n"
        let shown = r.findings.filter(isShown)
        let ruleWidth = shown.map { DisplayWidth.of($0.rule) }.max() ?? 0
        let labelWidth = Status.allCases.map { DisplayWidth.of(label($0)) }.max() ?? 0
        var groups: [(key: String, findings: [Finding])] = []
        for f in r.findings {
            let key = groupKey(f)
            if groups.last?.key == key { groups[groups.count - 1].findings.append(f) } else { groups.append((key, [f])) }
        }
        let indent = "      "
        func line(_ f: Finding, item: String?) -> String {
            let status = DisplayWidth.pad(label(f.status), to: labelWidth)
            var line = "  " + paint("\(mark(f.status)) \(status)", colour(f.status)) + "  "
            line += DisplayWidth.pad(TerminalText.safe(f.rule), to: ruleWidth)
            if !f.implements.isEmpty { line += "  " + TerminalText.safe(f.implements.joined(separator: ",")) }
            if !f.title.isEmpty { line += "  " + TerminalText.safe(f.title) }
            if let item { line += "  " + TerminalText.safe(item) }
            return line + "\n"
        }
        for g in groups {
            out += "\n" + paint("■ " + TerminalText.safe(g.key), "1") + "\n"
            let hidden = g.findings.filter { !isShown($0) }.count
            for block in blocks(g.findings.filter(isShown)) {
                let passes = block.filter { $0.status == .pass }
                let folded = block.count > 1 && passes.count > 1
                for f in block where !(folded && f.status == .pass) {
                    out += line(f, item: f.item.map { "「\($0)」" })
                    if f.status != .pass || f.message != "符合要求" { out += indent + TerminalText.safe(f.message) + "\n" }
                    if f.status != .pass, f.status != .notApplicable, !f.locations.isEmpty {
                        let shownLocations = f.locations.prefix(5).map(\.description).joined(separator: "  ")
                        let more = f.locations.count > 5 ? " 等 \(f.locations.count) 处" : ""
                        out += indent + paint("→ " + TerminalText.safe(shownLocations) + more, "90") + "\n"
                    }
                }
                if folded, let first = passes.first {
                    let all = passes.count == block.count
                    let names = passes.compactMap(\.item)
                    let listed = names.count <= 6 ? "：" + names.map { "「\($0)」" }.joined() : ""
                    out += line(first, item: (all ? "全部 \(passes.count) 项" : "其余 \(passes.count) 项") + listed)
                }
            }
            if hidden > 0 { out += paint("  （另有 \(hidden) 条规则不适用于本单位）", "90") + "\n" }
        }
        let counts = r.summary.filter { $0.count > 0 }.map { "\(label($0.status)) \($0.count)" }
        out += "\n汇总：" + (counts.isEmpty ? "没有检查结果" : counts.joined(separator: " · ")) + "\n"
        return out
    }

    /// Rules that are not for this unit are folded into a count; an empty `for_each` is shown.
    private static func isShown(_ f: Finding) -> Bool {
        f.status != .notApplicable || f.nothingToCheck
    }

    /// Consecutive findings of one rule: the items of a `for_each` or the groups of a `group_by`.
    private static func blocks(_ findings: [Finding]) -> [[Finding]] {
        var out: [[Finding]] = []
        for f in findings {
            if let last = out.last?.last, last.rule == f.rule, last.item != nil, f.item != nil {
                out[out.count - 1].append(f)
            } else {
                out.append([f])
            }
        }
        return out
    }

    private static func groupKey(_ f: Finding) -> String {
        let unit = f.unit.map { id in f.unitName.map { "\(id) \($0)" } ?? id }
        switch (unit, f.file) {
        case (let u?, let file?): return "\(u)  \(file)"
        case (let u?, nil): return u
        case (nil, let file?): return file
        case (nil, nil): return "跨单位"
        }
    }
}
