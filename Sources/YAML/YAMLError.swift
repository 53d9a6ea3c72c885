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
    static func tooLarge(_ size: Int, _ limit: Int) -> String {
        "文件大小 \(size) 字节，超过上限 \(limit) 字节；请拆分或精简文件"
    }
    static func syntax(_ problem: String, _ context: String?) -> String {
        let what = context.map { "\($0)，\(problem)" } ?? problem
        return "YAML 语法错误：\(what)；请检查此处的缩进、冒号和引号"
    }
    static func encoding(_ problem: String) -> String {
        "文件不是有效的 UTF-8 文本（\(problem)）；请用 UTF-8 编码另存此文件"
    }
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
