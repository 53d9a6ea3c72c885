/// A located problem with a YAML source: what went wrong, where, and what to do.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable identifier of the kind of problem, e.g. `yaml.syntax`.
    public var code: String
    public var message: String
    public var mark: Mark

    public init(_ code: String, _ message: String, at mark: Mark) {
        self.code = code
        self.message = message
        self.mark = mark
    }

    public var description: String { "\(mark): error[\(code)]: \(message)" }
}

/// The user-facing text of the YAML layer, in one place so it can be reviewed.
public enum YAMLText {
    public static func tooLarge(_ size: Int, _ limit: Int) -> String {
        "文件大小 \(size) 字节，超过上限 \(limit) 字节；请拆分或精简文件"
    }
    static func syntax(_ problem: String, _ context: String?, began: Mark? = nil, json: Bool = false,
                       fullWidthColon: Int? = nil) -> String {
        let p = problems[problem] ?? unknownProblem
        var what = context.map { "\(contexts[$0] ?? "")\(p)" } ?? p
        if let began { what += "（该结构始于第 \(began.line) 行第 \(began.column) 列）" }
        if let line = fullWidthColon {
            return "\(json ? "JSON" : "YAML") 语法错误：\(what)；第 \(line) 行用了全角冒号「：」，请改为半角「:」（关闭输入法的中文标点），冒号后留一个空格"
        }
        if json { return "JSON 语法错误：\(what)；请检查此处的逗号、冒号、括号和引号" }
        return "YAML 语法错误：\(what)；请检查此处的缩进、冒号、括号和引号"
    }

    /// libyaml's problem texts, in Chinese (all of libyaml 0.2's); one not listed is named
    /// generically rather than shown in English.
    static let problems: [String: String] = [
        "did not find expected ',' or ']'": "缺少「,」或「]」",
        "did not find expected ',' or '}'": "缺少「,」或「}」",
        "did not find expected key": "缺少键，可能是缩进不一致",
        "did not find expected '-' indicator": "缺少列表项「- 」，可能是缩进不一致",
        "did not find expected node content": "缺少内容",
        "did not find expected <document start>": "这一行无法接在前面的内容之后，可能是缩进有误或缺少「键:」",
        "did not find expected <stream-start>": "文件开头无法识别",
        "mapping values are not allowed in this context": "此处不能出现「键: 值」，可能缺少空格或缩进有误",
        "mapping keys are not allowed in this context": "此处不能出现键，可能缩进有误",
        "block sequence entries are not allowed in this context": "此处不能出现列表项「- 」，可能缩进有误",
        "found character that cannot start any token": "出现了不能作为开头的字符（如制表符 Tab、@ 或 `）",
        "could not find expected ':'": "缺少「:」",
        "found unexpected end of stream": "文件意外结束，可能缺少闭合的引号或括号",
        "found unknown escape character": "双引号中有无效的转义字符",
        "found a tab character that violates indentation": "缩进中有制表符 Tab，请改用空格",
        "found a tab character where an indentation space is expected": "缩进中有制表符 Tab，请改用空格",
        "found unexpected ':'": "出现了多余的「:」",
        "found undefined tag handle": "使用了未定义的标签",
        "found undefined alias": "引用了未定义的锚点",
        "found duplicate anchor; first occurrence": "锚点重复定义",
        "found unexpected document indicator": "引号未闭合时遇到了文档分隔符（--- 或 ...）",
        "found invalid Unicode character escape code": "双引号中的 \\u 转义不是有效字符",
        "did not find expected hexdecimal number": "双引号中的 \\x 或 \\u 转义缺少十六进制数字",
        "found an indentation indicator equal to 0": "的缩进标记不能是 0",
        "did not find expected comment or line break": "这一行末尾有多余的内容",
        "did not find expected whitespace or line break": "缺少空格或换行",
        "did not find expected whitespace": "缺少空格",
        "did not find expected alphabetic or numeric character": "锚点或别名的名称只能由字母和数字组成",
        "did not find expected '!'": "标签缺少「!」",
        "did not find the expected '>'": "标签缺少「>」",
        "did not find expected tag URI": "标签无效",
        "did not find URI escaped octet": "标签中的 % 转义无效",
        "found an incorrect leading UTF-8 octet": "标签中的 % 转义不是有效的 UTF-8",
        "found an incorrect trailing UTF-8 octet": "标签中的 % 转义不是有效的 UTF-8",
        "could not find expected directive name": "指令（%）缺少名称",
        "found unexpected non-alphabetical character": "指令（%）名称中有非字母字符",
        "found unknown directive name": "出现了未知的指令（以 % 开头的行）",
        "did not find expected digit or '.' character": "%YAML 版本号无效",
        "did not find expected version number": "%YAML 缺少版本号",
        "found extremely long version number": "%YAML 版本号过长",
        "found duplicate %YAML directive": "%YAML 指令重复",
        "found duplicate %TAG directive": "%TAG 指令重复",
        "found incompatible YAML document": "YAML 版本不兼容",
        "unexpected end": "文件意外结束",
    ]

    /// libyaml's reader problems (the bytes are not UTF-8 text), in Chinese.
    static let readerProblems: [String: String] = [
        "invalid leading UTF-8 octet": "出现了无效的 UTF-8 起始字节",
        "invalid trailing UTF-8 octet": "出现了无效的 UTF-8 后续字节",
        "incomplete UTF-8 octet sequence": "UTF-8 字符不完整",
        "invalid length of a UTF-8 sequence": "UTF-8 字符长度无效",
        "invalid Unicode character": "出现了无效的 Unicode 字符",
        "control characters are not allowed": "出现了不允许的控制字符",
        "input is too long": "文件太长",
        "incomplete UTF-16 character": "UTF-16 字符不完整",
        "unexpected low surrogate area": "UTF-16 代理对无效",
        "incomplete UTF-16 surrogate pair": "UTF-16 代理对不完整",
        "expected low surrogate area": "UTF-16 代理对无效",
        "invalid input encoding": "编码无法识别",
    ]

    static let contexts: [String: String] = [
        "while parsing a flow sequence": "方括号列表 [...] 中",
        "while parsing a flow mapping": "花括号映射 {...} 中",
        "while parsing a block mapping": "映射中",
        "while parsing a block collection": "列表中",
        "while parsing a block node": "",
        "while parsing a flow node": "",
        "while parsing a node": "",
        "while parsing a quoted scalar": "引号字符串中",
        "while parsing a tag": "标签中",
        "while parsing a tag directive": "",
        "while parsing a %TAG directive": "",
        "while scanning a simple key": "读取键时",
        "while scanning a quoted scalar": "引号字符串中",
        "while scanning a block scalar": "多行文本中",
        "while scanning a plain scalar": "",
        "while scanning an anchor": "锚点中",
        "while scanning an alias": "别名中",
        "while scanning a tag": "标签中",
        "while scanning a directive": "",
        "while scanning a %TAG directive": "",
        "while scanning a %YAML directive": "",
        "while scanning a tag directive": "",
        "while scanning for the next token": "",
    ]
    static let unknownProblem = "格式无法识别"
    static func encoding(_ problem: String) -> String {
        "文件不是有效的 UTF-8 文本（\(readerProblems[problem] ?? unknownProblem)）；请用 UTF-8 编码另存此文件"
    }
    static let encodingUTF16 = "文件不是 UTF-8 文本，看起来是 UTF-16 编码（记事本的「Unicode」）；请用 UTF-8 编码另存此文件（记事本：另存为，编码选「UTF-8」）"
    static let encodingGBK = "文件不是 UTF-8 文本，看起来是 GBK 编码（记事本的「ANSI」）；请用 UTF-8 编码另存此文件（记事本：另存为，编码选「UTF-8」）"
    static let multipleDocuments = "文件中有多个 YAML 文档（---）；每个文件只能有一个文档，请拆成多个文件"
    static func tag(_ tag: String) -> String {
        "不允许使用 YAML 标签 \(tag)；请删除标签，直接写值"
    }
    static func tooDeep(_ limit: Int) -> String {
        "嵌套层数超过上限 \(limit)；请检查缩进是否有误"
    }
    static func aliasBudget(_ limit: Int) -> String {
        "别名（*引用）展开后超过 \(limit) 个节点；请直接写出内容，不要层层引用"
    }
    static func unknownAnchor(_ name: String) -> String {
        "引用了未定义的锚点 &\(name)；请先定义锚点，或直接写出内容"
    }
    static func recursiveAlias(_ name: String) -> String {
        "锚点 &\(name) 引用了它自身；请直接写出内容"
    }
    public static let complexKey = "键必须是简单的文本，不能是列表或映射；请改为文本键"
    static func duplicateKey(_ key: String, _ first: Mark) -> String {
        "键「\(key)」重复，第一次出现在 \(first)；请删除或合并其中一个"
    }
    public static let empty = "文件是空的；请按模板填写内容"
}
