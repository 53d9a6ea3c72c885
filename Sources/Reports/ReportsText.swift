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

extension ReportsText {
    static func explainRule(_ id: String, _ location: String?) -> String { "规则 \(id)" + (location.map { "（\($0)）" } ?? "") }
    static func explainTitle(_ title: String) -> String { "标题：\(title)" }
    static func explainMeta(implements: [String], scope: RuleScope?, severity: Severity) -> String {
        let scopeText = switch scope {
        case .unit?: "单位（逐个单位检查）"
        case .campaign?: "跨单位（汇总所有单位检查）"
        case nil: "内置"
        }
        return "需求编号：\(implements.isEmpty ? "无" : implements.joined(separator: "、")) · 范围：\(scopeText) · 级别：\(severity == .error ? "错误" : "警告")"
    }
    static func explainQuoteIn(_ source: String, _ paragraph: Int) -> String { "原文（\(source) 第 \(paragraph) 段，引文加粗）：" }
    static let explainQuote = "原文引文（原文文件不可读，未能定位段落）："
    static let explainExpressions = "表达式："
    static let explainNamedValues = "读取的命名值（values）："
    static func explainReads(_ paths: String) -> String { "读取的台账字段：\(paths)" }
    static func explainTraceHeading(_ files: String, _ date: String) -> String { "按 \(files) 截至\(date)的求值过程（每个表达式及其各部分的值）：" }
    static func explainItemsLeftOut(_ n: Int) -> String { "（另有 \(n) 项未逐项列出）" }
    static let explainFindings = "检查结果："
    static let explainNoFindings = "（这条规则对这些台账没有结果）"
    static func explainDue(_ d: String) -> String { "截止\(d)" }
    static func explainDone(_ d: String) -> String { "完成于\(d)" }
    static func explainMore(_ n: Int) -> String { "…共 \(n) 项" }
    static func explainError(_ message: String) -> String { "错误：\(message)" }
}

extension ReportsText {
    static let htmlTitle = "对标检查报告"
    static let htmlOwnChecks = "台账"
    static let htmlOwnChecksTitle = "台账格式、名单与提交情况"
    static let htmlMatrixTitle = "单位 × 规则"
    static let htmlMatrixNote = "每格是该单位在这条规则上最需要处理的结果（✗ 未通过或有错误，! 警告，… 未到期，~ 已豁免，✓ 通过，- 不适用）；问题最多的单位排在最前。点单位名称看详情。"
    static func htmlMatrixCut(_ shown: Int, _ all: Int) -> String { "只列出问题最多的 \(shown) 个单位（共 \(all) 个）；每个单位的详情都在下方。" }
    static let htmlRollupTitle = "按上下级汇总"
    static func htmlRate(_ passed: Int, _ checked: Int, _ percent: Int) -> String { "通过 \(passed)/\(checked)（\(percent)%）" }
    static func htmlNotInRun(_ id: String) -> String { "\(id)（本次没有其台账）" }
    static let htmlTimelineTitle = "时间线：截止日期与完成日期"
    static let htmlTimelineNote = "每行一条有截止日期的规则：红线是截止日期，圆点是完成日期（绿色按时，红色逾期，越大单位越多），蓝色虚线是检查日期。"
    static let htmlUnitsTitle = "各单位情况"
    static let htmlUnitColumn = "单位"
    static let htmlQuote = "原文："
    static let htmlNoSpill = "无法创建临时文件来生成 HTML 报告；请检查临时目录（TMPDIR）是否可写"
    static let htmlSpillFailed = "写临时文件失败（磁盘可能已满），HTML 报告不完整；写到 --output 文件时原有文件未改动"
    static func htmlDue(_ rule: String, _ date: String, _ n: Int) -> String { "\(rule)：截止\(date)（\(n) 项）" }
    static func htmlDone(_ rule: String, _ date: String, _ n: Int, late: Bool) -> String { "\(rule)：\(date)完成 \(n) 项\(late ? "（逾期）" : "")" }
}

extension ReportsText {
    static let xlsxSummarySheet = "汇总"
    static let xlsxMatrixSheet = "单位×规则"
    static let xlsxFindingsSheet = "全部结果"
    static func xlsxFindingsSheetMore(_ n: Int) -> String { "全部结果（\(n)）" }
    static let xlsxFindingColumns = ["单位编号", "单位名称", "台账文件", "规则", "需求编号", "标题", "状态", "规则级别", "说明", "事项", "截止日期", "完成日期", "位置"]
    static let xlsxParentColumn = "上级"
    static let xlsxError = "错误"
    static let xlsxWarning = "警告"
    static func xlsxUnitCount(_ n: Int) -> String { "单位 \(n) 个（含跨单位结果）" }
    static func xlsxNoLibrary(_ reason: String) -> String {
        "无法加载 libxlsxwriter（\(reason)），不能生成 XLSX 工作簿；请安装 libxlsxwriter4（Debian/Ubuntu：apt-get install libxlsxwriter4），或改用其他 --format"
    }
    static let xlsxNoTemp = "无法创建临时文件来生成 XLSX 工作簿；请检查临时目录（TMPDIR）是否可写"
    static func xlsxFailed(_ reason: String) -> String { "生成 XLSX 工作簿失败（\(reason)）；写到 --output 文件时原有文件未改动" }
}
