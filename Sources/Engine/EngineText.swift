import CEL
import Foundation
import YAML

/// All user-facing text of the engine, one function per kind of message (Chinese: the
/// readers are office staff and units).
public enum EngineText {
    // MARK: - Rules files

    static func noRulesFiles(_ path: String) -> String { "在 \(path) 中没有找到规则文件（*.yaml、*.yml）；请用 --rules 指定规则文件或目录" }
    static func cannotRead(_ path: String) -> String { "无法读取文件 \(path)；请检查路径和权限" }
    static let rulesFileMustBeMapping = "规则文件的顶层必须是映射（duibiao、campaign、values、schema、rules 等键）"
    static func unknownKey(_ key: String, _ suggestion: String?) -> String {
        "未知的顶层键「\(key)」" + hint(suggestion) + "；允许的键：duibiao、campaign、applies_to、values、schema、rules、waivers、expected_units、limits"
    }
    static func unknownRuleKey(_ key: String, _ suggestion: String?) -> String {
        "规则中未知的键「\(key)」" + hint(suggestion)
    }
    static func badVersion(_ v: String) -> String { "不支持的规则格式版本「\(v)」；请写 duibiao: 1" }
    static let missingVersion = "缺少格式版本；请在文件开头写 duibiao: 1"
    static let noSchema = "没有任何规则文件声明 schema（台账格式）；请在其中一个文件中加入 schema:"
    static func noSchemaLintFolder(_ folder: String) -> String {
        "这个规则文件没有 schema（台账格式），同一目录中还有其他规则文件；schema 可能在其中，请检查整个目录：duibiao lint \(folder)"
    }
    static func secondSchema(_ first: String) -> String { "schema 只能声明一次，已在 \(first) 中声明；请删除这一处" }
    static func mustBeMapping(_ what: String) -> String { "\(what) 必须是映射（键: 值）" }
    static func mustBeList(_ what: String) -> String { "\(what) 必须是列表（每项以 - 开头）" }
    static func mustBeText(_ key: String) -> String { "\(key) 必须是文本" }
    static func duplicateValue(_ name: String, _ first: Location) -> String { "命名值「\(name)」重复，已在 \(first) 定义；请删除其中一个" }
    static func duplicateRule(_ id: String, _ first: Location) -> String { "规则编号「\(id)」重复，已在 \(first) 使用；请换一个编号" }
    static func missingKey(_ key: String) -> String { "规则缺少「\(key)」；请补上" }
    static func badEnum(_ key: String, _ v: String) -> String {
        switch key {
        case "severity": "severity 只能是 error 或 warning，不能是「\(v)」"
        case "scope": "scope 只能是 unit 或 campaign，不能是「\(v)」"
        default: "\(key) 的值「\(v)」无效"
        }
    }
    static func forEachNotList(_ t: String) -> String { "for_each 必须得到列表，这里得到的是\(t)" }
    static let labelWithGroupBy = "有 group_by 的规则以分组的键称呼每一组，label 不会生效"
    static let labelWithoutForEach = "label 只对有 for_each 的规则起作用（为每一项命名），这条规则没有 for_each，label 不会生效"
    static let forUnitNeedsCampaign = "for_unit 只能用于 scope: campaign 的规则"
    static let groupByNeedsCampaign = "group_by 只能用于 scope: campaign 且有 for_each 的规则"
    static let needsExpectOrDoneOn = "规则必须有 expect（条件）或 done_on（完成日期），否则无从检查"
    static let doneOnNeedsDue = "有 done_on 的规则必须写 due（截止日期）"
    static let toleranceNeedsDue = "tolerance（容许天数）必须与 due 一起使用"
    static let unclosedTemplate = "message 中的 {{ 没有对应的 }}"
    static let noSourceForQuote = "campaign.source 未设置，本文件的引文无法与原文核对；如有原文，请在 campaign 下写 source: 原文文件路径（.txt、.md 或 .docx）"
    static func sourceFormat(_ ext: String) -> String { "原文文件格式「.\(ext)」不支持；请用 .txt、.md 或 .docx（Word）" }
    static func badWordFile(_ path: String) -> String { "无法读取 Word 文件 \(path) 的正文；请确认它是 .docx 格式（不是 .doc），或另存为 .txt" }
    static func sourceMissing(_ written: String, _ resolved: String) -> String {
        "找不到原文文件「\(written)」（按规则文件所在目录解析为 \(resolved)）"
    }
    static func quoteNotFound(_ piece: String, _ source: String, divergesAfter prefix: String) -> String {
        if prefix.isEmpty { return "引文「\(piece)」在原文 \(source) 中找不到；引文必须与原文逐字一致" }
        return "引文「\(piece)」在原文 \(source) 中找不到：从「\(prefix)」之后与原文不一致；引文必须逐字一致，省略处用「…」"
    }
    static func quotePieceOutOfOrder(_ piece: String, _ previous: String, _ source: String) -> String {
        "引文片段「\(piece)」在原文 \(source) 中位于前一片段「\(previous)」之前；「…」连接的片段须按原文顺序排列"
    }
    static func expressionType(_ expected: String, _ actual: String) -> String { "此处需要得到\(expected)，表达式得到的是\(actual)" }
    static func typeName(_ t: CELType) -> String {
        switch t {
        case .bool: "布尔值（true/false）"
        case .date: "日期"
        case .duration: "时长（如 5d）"
        case .int: "整数"
        case .double: "数字"
        case .string: "文本"
        case .null: "null"
        case .list(let e): "列表（\(typeName(e))）"
        default: t.description
        }
    }
    static func notAnEnumValue(_ text: String, _ field: String, _ allowed: [String], _ suggestion: String?) -> String {
        "「\(text)」不是 \(field) 的可选值" + hint(suggestion) + "；可选值：\(allowed.joined(separator: "、"))。否则这一比较永远不成立"
    }
    static func badConstantDate(_ text: String) -> String { "「\(text)」不是有效日期；请写成 2019-09-10 这样真实存在的日期" }
    static func dateAsArithmetic(_ text: String) -> String {
        "这里是 CEL 表达式，「\(text)」会被当作算式而不是日期（即使加了引号）；请写 date('\(text)')，或在 values 中定义日期后写 values.名称"
    }
    static func badConstantPattern(_ text: String) -> String {
        "「\(text)」不是有效的正则表达式（RE2 语法：不支持反向引用和环视）；请改正"
    }
    static func mixedValues(_ a: String, _ b: String) -> String { "列表中的值类型不一致：\(a) 与 \(b)" }
    static func waiverMissing(_ fields: [String]) -> String { "豁免缺少 \(fields.joined(separator: "、"))" }
    static func unknownWaiverKey(_ key: String, _ suggestion: String?) -> String {
        "豁免中未知的键「\(key)」" + hint(suggestion) + "；允许的键：unit、rule、item、reason、approver、expires"
    }
    static func unknownWaiverRule(_ id: String, _ suggestion: String?) -> String {
        "豁免的规则「\(id)」不存在" + hint(suggestion) + "；豁免只对已有规则的编号生效"
    }
    static func unknownWaiverUnit(_ id: String, _ suggestion: String?) -> String {
        "豁免的单位「\(id)」不在名单（expected_units）中" + hint(suggestion)
    }
    static func unknownExpectedUnitKey(_ key: String, _ suggestion: String?, _ allowed: [String]) -> String {
        "名单（expected_units）中未知的键「\(key)」" + hint(suggestion) + "；允许的键（schema 中 unit 的字段）：" + allowed.joined(separator: "、")
    }
    static func rosterDisagrees(_ field: String, _ written: String, _ roster: String, _ at: Location) -> String {
        "\(field) 填写为「\(written)」，与名单（\(at)）中的「\(roster)」不一致；检查按名单进行，请改正本文件"
    }
    static func notOnRoster(_ id: String) -> String {
        "单位编号「\(id)」不在名单（expected_units）中；请核对编号，或请主题教育办把本单位加入名单"
    }
    static let rosterRule = "名单"
    static func unknownCampaignKey(_ key: String, _ suggestion: String?) -> String {
        "campaign 中未知的键「\(key)」" + hint(suggestion) + "；允许的键：id、title、source、period"
    }
    static func secondLimits(_ first: String) -> String { "limits 只能声明一次，已在 \(first) 中声明；请删除这一处" }
    static func unknownLimitsKey(_ key: String, _ suggestion: String?) -> String {
        "limits 中未知的键「\(key)」" + hint(suggestion) + "；允许的键：" + RuleLimits.keys.map(\.key).joined(separator: "、")
    }
    static func badLimit(_ key: String, _ v: String) -> String {
        let what = switch key {
        case "cost": "每条规则对每个单位允许的计算步数"
        case "items": "每条规则对每个单位逐项检查的最多项数"
        case "problems": "每个文件列出的格式问题最多条数"
        case "name_length": "单位编号、名称的最多字符数"
        case "file_size": "台账文件的最大字节数"
        case "depth": "台账中列表、映射的最多嵌套层数"
        default: "别名（*引用）展开的最多节点数"
        }
        return "limits.\(key) 应为正整数（\(what)），不能是「\(v)」"
    }
    static let emptyQuote = "quote 是空的；请抄录原文中这条规则依据的句子"
    static let periodShape = "campaign.period 应写成 {start: 开始日期, end: 结束日期}"
    static func periodOrder(_ start: CELDate, _ end: CELDate) -> String { "campaign.period 的开始日期\(start.chinese)晚于结束日期\(end.chinese)" }
    static let expectedUnitShape = "expected_units 的每一项应为单位编号，或 {id: 编号, name: 名称}"

    // MARK: - Schema

    static let schemaMustBeMapping = "schema 必须是映射：字段名: 类型"
    static let schemaSequence = "字段规格不能是列表；列表字段请写 {type: list, items: …}"
    static func unknownType(_ t: String, suggestion: String?) -> String {
        "未知的字段类型「\(t)」" + hint(suggestion) + "；可用：string、int、number、bool、date、month，或 {items: …}、{fields: …}"
    }
    static func unknownSpecKey(_ k: String, suggestion: String?) -> String {
        "字段规格中未知的键「\(k)」" + hint(suggestion)
    }
    static let fieldsMustBeMapping = "fields 必须是映射：字段名: 类型"
    static let missingType = "字段规格需要 type，或 fields（记录）、items（列表）、enum（可选值）之一"
    static let enumMustBeList = "enum 必须是值的列表"
    static func badDefault(_ v: String) -> String { "默认值「\(v)」与字段类型不符" }
    static func roleTwice(_ role: String) -> String { "role: \(role) 只能声明一次" }
    static func badRole(_ v: String, _ suggestion: String?) -> String {
        "未知的 role「\(v)」" + hint(suggestion) + "；可用：unit（说明本文件是哪个单位的记录）、id、name（该记录中的编号、名称字段）"
    }
    static let noUnitRecord = "schema 中没有说明单位的记录：请写 unit: {fields: {id: string, name: string, …}}，或给这一记录加 role: unit"
    static func noUnitID(_ field: String) -> String { "单位记录「\(field)」中没有文本类型的编号字段：请写 id: string，或给编号字段加 role: id" }
    static func badLabel(_ v: String, _ suggestion: String?) -> String { "label 指向的字段「\(v)」不存在" + hint(suggestion) }
    static let labelNeedsFields = "label 只能用于记录（有 fields 的字段规格），说明用哪个字段称呼每条记录"
    static let badMinItems = "min_items 只能用于列表字段，且必须是不小于 0 的整数"
    static func badRef(_ v: String) -> String { "ref 应写成名单的路径，例如 members.name 或 sites，而不是「\(v)」" }
    static func refNotFound(_ ref: String, _ upTo: String, _ suggestion: String?) -> String {
        "ref「\(ref)」指向的「\(upTo)」在 schema 中不存在" + hint(suggestion) + "；否则每个单位的这一字段都会被判为不在名单中"
    }
    static func refNotText(_ ref: String) -> String { "ref「\(ref)」指向的不是文本（或文本的列表）；名单须是名称的列表或记录列表中的文本字段" }
    static func badDatedBy(_ list: String, _ field: String) -> String { "列表「\(list)」的 dated_by 指向「\(field)」，但它不是该列表记录的日期字段" }

    // MARK: - Submissions

    static func notAn(_ kind: String, _ text: String) -> String { "「\(text)」不是\(kind)" }
    static func notADate(_ text: String) -> String { "「\(text)」不是有效日期；请写成 2019-09-10、2019/9/10 或 2019年9月10日" }
    static func notAMonth(_ text: String) -> String { "「\(text)」不是有效月份；请写成 2020-03、2020/3 或 2020年3月" }
    static func wrongShape(expected: String, found: String) -> String { "这里应为\(expected)，实际是\(found)" }
    static func unknownField(_ name: String, in path: String, _ suggestion: String?) -> String {
        "「\(path)」中没有字段「\(name)」" + (suggestion.map { "（是否想写「\($0)」？）" } ?? "") + "；模板之外的字段不会被检查，请删除或更正"
    }
    static func tooFewItems(_ path: String, _ count: Int, _ min: Int) -> String {
        "「\(path)」至少要有 \(min) 项，现在只有 \(count) 项；请补上"
    }
    static func missingField(_ name: String, in path: String) -> String { "「\(path)」缺少必填字段「\(name)」；请补上" }
    static func duplicateField(_ name: String, _ first: Mark) -> String { "字段「\(name)」重复，第一次出现在第 \(first.line) 行；请删除或合并" }
    static func notAllowed(_ value: String, _ allowed: [String]) -> String {
        "「\(value)」不是允许的值；只能是：\(allowed.joined(separator: "、"))"
    }
    static func notOnList(_ value: String, _ ref: [String]) -> String {
        let list = ref.dropLast().joined(separator: ".")
        return "「\(value)」不在 \(list) 的 \(ref.last ?? "") 中；请核对名称是否与名单一致"
    }
    /// `value` is `names` of the list joined by a full-width `separator`: in a list, the items
    /// it meant; in a field of one name, that it holds several.
    static func notOnListSeparated(_ value: String, _ ref: [String], _ separator: Character, names: [String], inList: Bool) -> String {
        let list = ref.dropLast().joined(separator: ".")
        let head = "「\(value)」不在 \(list) 的 \(ref.last ?? "") 中：看起来是用全角「\(separator)」隔开的几项；"
        return head + (inList ? "列表中的各项请用半角逗号隔开，写成 [\(names.joined(separator: ", "))]" : "这里只能填一项")
    }
    static func requiredWhen(_ field: String, _ condition: String) -> String { "当 \(condition) 时必须填写「\(field)」" }
    static func conditionFailed(_ field: String, _ error: String) -> String { "无法判断「\(field)」是否必填：\(error)" }
    static func duplicateUnit(_ id: String, _ other: String) -> String { "单位编号「\(id)」与 \(other) 重复；每个单位只能提交一个文件" }
    static func identifierTooLong(_ field: String, _ count: Int, _ limit: Int) -> String {
        "\(field) 有 \(count) 个字符，超过上限 \(limit)；请填写本单位的编号或简称"
    }
    static func moreIssues(_ n: Int) -> String { "另有 \(n) 处格式问题未列出；请先改正以上问题后重新检查" }
    static let noUnitID = "文件中没有 unit.id；请填写本单位编号"
    static func unreadable(_ path: String, _ failure: ReadFailure) -> String {
        switch failure {
        case .missing: "找不到台账文件 \(path)；请检查路径"
        case .denied: "没有权限读取台账文件 \(path)；请检查文件权限"
        case .folderUnreadable(let code):
            "无法读取目录 \(path)（\(reason(code))），其中的台账都没有检查；请检查目录权限后重新检查"
        case .isFolder: "\(path) 是目录，不是台账文件"
        case .tooLarge(let size, let limit): YAMLText.tooLarge(size, limit)
        case .other(let code): "无法读取台账文件 \(path)（\(reason(code))）；请检查文件"
        }
    }

    /// A system error number in words; the common ones in Chinese, the rest by number.
    public static func reason(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: "没有权限"
        case ENOENT: "不存在"
        case EIO: "读写错误"
        case ENOSPC: "磁盘已满"
        case EROFS: "只读文件系统"
        case EISDIR: "是目录"
        case ENOTDIR: "路径中有一段不是目录"
        case ELOOP: "符号链接循环"
        case EBADF: "输出已关闭"
        case EPIPE: "接收输出的管道已关闭"
        case ENAMETOOLONG: "路径太长"
        case EMFILE, ENFILE: "打开的文件太多"
        default: "系统错误 \(code)"
        }
    }

    // MARK: - Findings

    static let passed = "符合要求"
    // Deadline messages are `Message`s: every deadline's finding has one, made as bytes.
    static func doneOnTime(_ done: CELDate, _ due: CELDate) -> String { Message("已于\(done)完成（截止\(due)）").text }
    static func doneLateTolerated(_ done: CELDate, _ due: CELDate, _ late: Int64, _ tolerance: Int64) -> String {
        Message("于\(done)完成，比\(due)晚 \(late) 天，在容许的 \(tolerance) 天之内").text
    }
    static func doneLate(_ done: CELDate, _ due: CELDate, _ late: Int64) -> String {
        Message("于\(done)完成，比截止日期\(due)晚 \(late) 天").text
    }
    static func notYetDue(_ due: CELDate, _ left: Int64) -> String {
        left == 0 ? Message("尚未完成，今天（\(due)）截止").text : Message("尚未完成，截止日期\(due)，还有 \(left) 天").text
    }
    static func overdue(_ due: CELDate, _ asOf: CELDate, _ days: Int64) -> String {
        Message("截至\(asOf)仍未完成，已超过截止日期\(due) \(days) 天").text
    }
    static func scheduled(_ date: CELDate) -> String { Message("（台账中有\(date)的记录，晚于检查日期，尚未计入）").text }
    static func expectationNotYetDue(_ due: CELDate) -> String { Message("目前尚不满足，截止日期\(due)前仍可完成").text }
    static let failed = "不符合要求"
    static let notApplicable = "不适用"
    static let notApplicableToUnit = "不适用于本单位"
    static let notABool = "条件的结果不是 true/false"
    static func emptyForEach(_ expression: String) -> String {
        "没有可逐项检查的记录（for_each：\(expression) 为空），本条不适用；如应有此类记录，请补填"
    }
    static func tooManyItems(_ count: Int, _ limit: Int) -> String {
        "共有 \(count) 项，超过逐项检查的上限 \(limit) 项；第 \(limit + 1) 项起未检查。如确有这么多记录，请在规则文件的 limits.items 中调高上限"
    }
    static let nothingToCheck = "规则没有可检查的内容"
    static let notADuration = "容许时长（tolerance）的结果不是时长"
    static func notADueDate(_ v: String) -> String { "截止日期（due）的结果不是日期：\(v)" }
    static func notADoneDate(_ v: String) -> String { "完成日期（done_on）的结果不是日期：\(v)" }
    static func indexUnreadable(_ errno: Int32) -> String {
        "读取本次检查的临时文件失败（错误码 \(errno)），本条规则所依据的各单位台账未能全部读回，结果不完整；请检查临时目录（TMPDIR）所在的磁盘后重新检查"
    }
    static func evaluationError(_ key: String, _ message: String) -> String {
        // A null where a value is needed almost always comes from a record the file left
        // incomplete or unreadable: say so, in the unit's terms.
        let hint = message.contains("null_type") ? "；可能是有记录缺少所需字段或日期无法识别，请先改正本文件的格式错误" : ""
        return "规则无法评估（\(key)）：\(message)\(hint)"
    }
    static func waived(_ reason: String, _ approver: String, _ expires: CELDate?, was: String) -> String {
        "已豁免：\(reason)（\(approver)批准" + (expires.map { "，有效期至\($0.chinese)" } ?? "") + "）；原结果：\(was)"
    }
    static func waiverExpired(_ expires: CELDate) -> String { "（豁免已于\(expires.chinese)到期）" }
    static func missingUnit(_ id: String, _ name: String?) -> String {
        "名单中的单位「\(name.map { "\($0)（\(id)）" } ?? id)」没有提交台账"
    }
    static let missingRule = "未提交"
    static let schemaRule = "台账格式"

    // MARK: template

    static func templateHeader(_ files: [String], kind: String?) -> [String] {
        [
            "台账模板：由 duibiao template 根据 " + files.joined(separator: "、") + " 生成" + (kind.map { "（单位类型 \($0)）" } ?? ""),
            "填写说明：",
            "  · 「#」之后是说明，可以保留；",
            "  · 每个列表下有一个以「# -」开头的示例项：复制它、去掉行首的「# 」再照实填写，有几项写几项；",
            "  · 日期写成 2019-09-10；标明“可选”的字段可以删去；",
            "  · 填好后运行 duibiao check 本文件 --rules 规则目录，查看格式和规则检查结果。",
        ]
    }
    static let templateExample = "示例项（去掉行首的「# 」后填写）："
    static let templateSampleText = "示例"
    static let templateRequired = "必填"
    static let templateOptional = "可选"
    static let templateNoKind = "规则的台账格式中，单位记录没有表示单位类型的字段（kind 或有可选值的字段），不能按 --kind 生成；请去掉 --kind"
    static func templateBadKind(_ kind: String, _ allowed: [String]) -> String {
        "单位类型「\(kind)」不是可选值；只能是：\(allowed.joined(separator: "、"))"
    }
    static func templateListOf(_ kind: String) -> String { "列表，每项为\(kind)" }
    static func templateDefault(_ v: String) -> String { "不填时为 \(v)" }
    static func templateRequiredWhen(_ condition: String) -> String { "满足 \(condition) 时必填" }
    static func templateMinItems(_ n: Int) -> String { "至少 \(n) 项" }
    static func templateAllowed(_ values: [String]) -> String { "可选值：" + values.joined(separator: "、") }
    static func templateRef(_ path: [String]) -> String { "须与 \(path.joined(separator: ".")) 中的某一项一致" }
    static func templateDatedBy(_ field: String) -> String { "按 \(field) 判断是否已发生" }
    static func templateNotNeeded(_ kind: String) -> String { "\(kind) 类单位适用的规则不检查本项，可以不填" }

    // MARK: rule tests

    static func unknownTestKey(_ key: String, _ allowed: [String], _ suggestion: String?) -> String {
        "用例中没有「\(key)」这一项" + hint(suggestion) + "（可用：\(allowed.joined(separator: "、"))）"
    }
    static let testCaseShape = "用例的格式不对：应是映射（键: 值），见 docs/rule-tests.md"
    static func testExpectedText(_ key: String) -> String { "\(key) 的每一项应是一个文件路径" }
    static func testExpectedBool(_ key: String) -> String { "\(key) 只能是 true 或 false" }
    static func testNoFiles(_ folder: String) -> String { "用例目录 \(folder) 中没有台账文件，也没有用 files: 指定" }
    static let testNoRuns = "用例需要 at:，列出检查日期（as_of）和期望的结果（expect）"
    static let testNeedsDate = "每个 at: 项需要 as_of: 检查日期（如 2019-10-15）"
    static func testNeedsKey(_ key: String) -> String { "期望的结果需要 \(key):" }
    static func testBadStatus(_ value: String, _ allowed: [String]) -> String {
        "status「\(value)」不是有效的状态；只能是：\(allowed.joined(separator: "、"))"
    }
    static let testNoExpectations = "这一日期下没有期望的结果（expect:）"
    static func testUnknownRule(_ rule: String, _ suggestion: String?) -> String { "规则中没有「\(rule)」" + hint(suggestion) }
    static let testNoFinding = "没有这条规则（及指定单位、事项）的检查结果"
    static func testWrongStatus(_ got: String) -> String { "实际状态是 \(got)" }
    static func testWrongMessage(_ fragment: String, _ got: String) -> String { "说明中没有「\(fragment)」；实际说明：\(got)" }

    private static func hint(_ s: String?) -> String { s.map { "；是否想写「\($0)」？" } ?? "" }
}
