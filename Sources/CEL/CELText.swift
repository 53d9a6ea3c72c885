/// All user-facing text of the CEL layer, one function per kind of message.
enum CELText {
    static let reserved: Set<String> = [
        "in", "as", "break", "const", "continue", "else", "for", "function", "if", "import",
        "let", "loop", "package", "namespace", "return", "var", "void", "while",
    ]

    // MARK: - Syntax
    static func unexpectedCharacter(_ c: String) -> String { "无法识别的字符「\(c)」" }
    static func fullWidth(_ c: String, _ half: String) -> String {
        let name = c == "\u{3000}" ? "全角空格" : "全角字符「\(c)」"
        let want = half == " " ? "半角空格" : "半角「\(half)」"
        return "表达式中出现了\(name)；请改为\(want)（关闭输入法的中文标点）"
    }
    static func durationInExpression(_ word: String) -> String {
        "表达式中不能直接写「\(word)」；时长请写 duration('\(word)')，或在 values 中定义（如 approx: \(word)）后写 values.approx"
    }
    static func badNumber(_ n: String) -> String { "数字 \(n) 无效或超出范围" }
    static let unterminatedString = "字符串缺少结束引号"
    static let badEscape = "字符串中有无效的转义序列"
    static func unexpected(_ what: String) -> String { "此处不应出现\(what)" }
    static func expected(_ what: String, _ found: String) -> String { "此处应为「\(what)」，实际是\(found)" }
    static func tooDeep(_ n: Int) -> String { "表达式嵌套超过 \(n) 层" }
    static func reservedWord(_ w: String) -> String { "「\(w)」是保留字，不能用作名称" }
    static let badHas = "has() 的参数必须是字段选择，例如 has(unit.parent)"
    static func badMacroVariable(_ m: String) -> String { "\(m)() 的第一个参数必须是变量名，例如 list.\(m)(x, …)" }
    static func sameMacroVariables(_ m: String, _ v: String) -> String {
        "\(m)() 的两个变量不能同名（都叫「\(v)」）；请给第二个另起名字，例如 list.\(m)(i, x, …)"
    }

    // MARK: - Checking
    static func undeclared(_ name: String, suggestion: String?) -> String {
        "未定义的名称「\(name)」" + (suggestion.map { "；是否想写「\($0)」？" } ?? "")
    }
    static func noField(_ field: String, on type: String, suggestion: String?) -> String {
        "类型 \(type) 没有字段「\(field)」" + (suggestion.map { "；是否想写「\($0)」？" } ?? "")
    }
    static func notSelectable(_ type: String) -> String { "类型 \(type) 的值不能用「.」取字段" }
    static func unknownFunction(_ name: String, suggestion: String?) -> String {
        "未定义的函数「\(name)」" + (suggestion.map { "；是否想写「\($0)」？" } ?? "")
    }
    static func noOverload(_ name: String, _ args: [String]) -> String {
        "函数「\(displayName(name))」不接受参数类型 (\(args.joined(separator: ", ")))"
    }
    static func mixedNumbers(_ fn: String, _ whole: String) -> String {
        "「\(displayName(fn))」两边一个是整数、一个是小数，CEL 不自动换算；请写 double(\(whole))"
    }
    static func notIterable(_ type: String) -> String { "类型 \(type) 不能迭代；宏只能用于列表或映射" }
    static func expectedType(_ expected: String, _ actual: String) -> String { "此处需要 \(expected)，实际是 \(actual)" }
    static func mixedList(_ a: String, _ b: String) -> String { "列表元素类型不一致：\(a) 与 \(b)" }

    // MARK: - Evaluation
    static func costExceeded(_ limit: Int) -> String {
        "计算量超过上限（\(limit) 步），已停止；请检查规则是否有多重循环，确属正常时请在规则文件的 limits.cost 中调高上限"
    }
    static let divideByZero = "除数为零"
    static let badBase64 = "不是有效的 base64 文本"
    static let emptyOptional = "optional.none() 没有值；请先用 hasValue() 判断，或用 orValue(默认值)"
    static func notOptional(_ t: String) -> String { "这里需要 optional 值（如 optional.of(x) 或 a.?b），实际是 \(t)" }
    static func negativeDepth(_ d: Int64) -> String { "展开层数不能是负数（\(d)）" }
    static func badRangeCount(_ n: Int64) -> String { "lists.range 的项数应在 0 到 1000000 之间，不能是 \(n)" }
    static let unsortable = "列表中有不能相互比较的值（类型不同），无法排序"
    static func formatClause(_ c: String) -> String { "无法识别的格式符「%\(c)」；可用：%s %d %f %e %b %o %x %X %%" }
    static func formatIndex(_ i: Int) -> String { "格式串需要第 \(i + 1) 个参数，参数列表中没有" }
    static func formatKind(_ verb: String, _ type: String) -> String { "格式符 %\(verb) 不能用于 \(type) 类型的值" }
    static func badRange(_ from: Int64, _ to: Int64) -> String { "起始位置 \(from) 大于结束位置 \(to)" }
    static func negativeShift(_ n: Int64) -> String { "移位的位数不能是负数（\(n)）" }
    static let moduloByZero = "取模的除数为零"
    static let overflow = "整数运算溢出"
    static func noSuchField(_ f: String) -> String { "字段「\(f)」未填写" }
    static func noSuchKey(_ k: String) -> String { "映射中没有键 \(k)" }
    static func indexOutOfRange(_ i: Int64, _ n: Int) -> String { "下标 \(i) 超出范围（共 \(n) 项）" }
    static func noMatchingOverload(_ name: String, _ args: [String]) -> String {
        "函数「\(displayName(name))」不能用于值类型 (\(args.joined(separator: ", ")))"
    }
    static func unboundVariable(_ n: String) -> String { "变量「\(n)」没有值" }
    static func badConversion(_ what: String, _ to: String) -> String { "无法把 \(what) 转换为 \(to)" }
    static let duplicateMapKey = "映射中有重复的键"
    static let badMapKey = "映射的键只能是 bool、int、uint 或 string"
    static func badRegex(_ p: String) -> String { "无效的正则表达式：\(p)" }
    static let emptyAggregate = "列表为空，无法求最小值或最大值"

    static func displayName(_ fn: String) -> String {
        switch fn {
        case "_+_": "+"
        case "_-_": "-"
        case "_*_": "*"
        case "_/_": "/"
        case "_%_": "%"
        case "_==_": "=="
        case "_!=_": "!="
        case "_<_": "<"
        case "_<=_": "<="
        case "_>_": ">"
        case "_>=_": ">="
        case "-_": "-（取负）"
        case "!_": "!"
        case "@in": "in"
        case "_[_]": "[]"
        default: fn
        }
    }
}
