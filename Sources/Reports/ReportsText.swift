import Engine

/// Every word the reports print themselves (findings' messages come from the engine).
public enum ReportsText {
    /// Chinese labels of the statuses, also used in totals.
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

    static func heading(asOf: Day, rules: String, ruleFiles: Int, files: Int) -> String {
        "对标检查 · 截至\(asOf.chinese) · 规则 \(rules)（\(ruleFiles) 个文件）· 台账 \(files) 份"
    }

    static let campaignWide = "跨单位"
    static func campaignFor(_ unit: String) -> String { "跨单位 · \(unit)" }
    static func item(_ label: String) -> String { "「\(label)」" }
    static func allItems(_ n: Int) -> String { "全部 \(n) 项" }
    static func otherItems(_ n: Int) -> String { "其余 \(n) 项" }
    static func listed(_ labels: [String]) -> String { "：" + labels.map(item).joined() }
    static func moreLocations(_ n: Int) -> String { " 等 \(n) 处" }
    static func notApplicableHidden(_ n: Int) -> String { "  （另有 \(n) 条规则不适用于本单位）" }
    static func totals(_ parts: [String]) -> String { "汇总：" + (parts.isEmpty ? "没有检查结果" : parts.joined(separator: " · ")) }
    static func count(_ s: Status, _ n: Int) -> String { "\(label(s)) \(n)" }
    static func diagnosticTotals(errors: Int, warnings: Int) -> String {
        [errors > 0 ? "\(errors) 个错误" : nil, warnings > 0 ? "\(warnings) 个警告" : nil].compactMap { $0 }.joined(separator: "，")
    }
}

extension ReportsText {
    static let markdownTitle = "对标检查结果"
    static let totalsTitle = "汇总"
    static let nothingToFix = "没有需要处理的问题。"
    static let markdownColumns = ["status": "状态", "rule": "规则", "implements": "编号", "item": "事项", "message": "说明",
                                  "location": "位置", "count": "数量"]
    /// `通过 3 · 未到期 2`: the statuses a section has, in the usual order.
    static func counts(_ s: Summary) -> String {
        s.rows.filter { $0.count > 0 }.map { count($0.status, $0.count) }.joined(separator: " · ")
    }
}
