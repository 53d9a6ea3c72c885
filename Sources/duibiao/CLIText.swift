import Engine
import Foundation
import Reports

/// Every word the command line itself shows, in Chinese; swift-argument-parser's own English
/// (headings, errors, "Show help information.") is translated here, line by line.
enum CLIText {
    static let version = "0.8.0"

    static func noSuchRule(_ id: String, _ suggestion: String?) -> String {
        "规则中没有「\(id)」" + (suggestion.map { "；是否想写「\($0)」？" } ?? "；用 duibiao lint 查看规则")
    }

    static let coverageNoSource = "规则没有给出原文（campaign.source），无法检查覆盖情况"
    static func coverageHeading(_ source: String, _ n: Int) -> String {
        n == 0 ? "原文 \(source) 中提出要求的句子都已有规则引用。" : "原文 \(source) 中有 \(n) 句提出要求（要…、必须…、不得…）而没有规则引用："
    }
    static func coverageLine(_ source: String, _ paragraph: Int, _ sentence: String) -> String { "第 \(paragraph) 段：\(sentence)" }

    static let binaryToTerminal = "XLSX 工作簿是二进制文件，不能显示在终端上；请用 --output 指定文件（如 --output 检查结果.xlsx），或重定向到文件"

    static func explainOneFile(_ rule: String) -> String {
        "\(rule) 是逐个单位检查的规则：一次只能说明一个单位的台账文件，请只给出一个文件（跨单位规则才可以给多个文件或目录）"
    }

    // MARK: - Rule tests

    static func noTestCases(_ folders: [String]) -> String {
        "在 \(folders.joined(separator: "、")) 中没有找到测试用例（case.yaml）；用例的写法见 docs/rule-tests.md"
    }
    static func testHeading(_ rules: String, cases: Int) -> String { "规则测试 · 规则 \(rules) · 用例 \(cases) 个" }
    static func expectationFailed(_ date: String, _ subject: String, _ status: String, _ why: String) -> String {
        "截至\(date)，期望 \(subject) 为 \(status)：\(why)"
    }
    static let got = "得到"
    static func andMore(_ n: Int) -> String { "另有 \(n) 条" }
    static func uncovered(_ rule: String, pass: Bool, fail: Bool) -> String {
        let missing = [pass ? nil : "通过（pass）", fail ? nil : "不通过（fail 或 warn）"].compactMap { $0 }.joined(separator: "和")
        return "规则 \(rule) 没有使其\(missing)的用例；请在 tests/ 中补充"
    }
    static func testTotals(passed: Int, failed: Int) -> String { "\(passed) 项通过，\(failed) 项失败" }

    // MARK: - Usage

    static func noSuchPath(_ path: String) -> String { "找不到台账文件或目录「\(path)」；请检查路径" }
    static func badAsOf(_ text: String) -> String { "--as-of 的日期「\(text)」无效；请写成 2019-10-15" }
    static func noSubmissions(_ paths: [String]) -> String {
        "在 \(paths.joined(separator: "、")) 中没有找到台账文件（*.yaml、*.yml、*.json）"
    }
    static func outputIsInput(_ output: String, _ input: String) -> String {
        "--output「\(output)」就是要检查的台账文件 \(input)，写入会覆盖它；请把结果写到别处"
    }
    static func outputInsideInputs(_ output: String, _ folder: String) -> String {
        "--output「\(output)」在要检查的目录 \(folder) 中，且扩展名与台账相同，下次检查会把它当作台账；请换一个位置或扩展名（如 .txt）"
    }
    static func unknownSubcommand(_ name: String, _ suggestion: String?, _ names: [String]) -> String {
        "未知的子命令「\(name)」；" + (suggestion.map { "是否想写「\($0)」？" } ?? "") + "可用的子命令：\(names.joined(separator: "、"))"
    }
    static func progress(done: Int, total: Int, estimate: (rate: Int, secondsLeft: Int)?) -> String {
        "已检查 \(done)/\(total) 份台账" + (estimate.map { " · 每秒 \($0.rate) 份 · 约剩 \($0.secondsLeft) 秒" } ?? "")
    }
    static func badJobs(_ n: Int) -> String { "--jobs 应为不小于 1 的整数，不能是 \(n)" }
    static func lintSummary(_ set: String?, files: Int, rules: Int, warnings: Int) -> String {
        (set.map { "\($0)：" } ?? "") + (warnings > 0 ? "规则可以运行（有 \(warnings) 个警告，见上）" : "规则无误")
            + "：\(files) 个文件，\(rules) 条规则。"
    }
    static func severalRuleSets(_ given: [String], _ sets: [String]) -> String {
        "\(given.joined(separator: "、")) 中有 \(sets.count) 套规则（\(sets.joined(separator: "、"))）；请用 --rules 指定要检查的一套"
    }

    // MARK: - Run errors

    static let errorPrefix = "错误："
    static func cannotWrite(_ path: String, _ errno: Int32) -> String {
        "无法写入 \(path)（\(EngineText.reason(errno))）；原有文件未改动，请检查目录是否存在、是否有写权限、磁盘是否已满"
    }
    static func cannotWriteStdout(_ errno: Int32) -> String {
        "无法写出结果到标准输出（\(EngineText.reason(errno))）；可用 --output 写入文件"
    }

    // MARK: - swift-argument-parser's text

    /// Whole-line and in-line replacements, tried in order; the first pattern that matches a
    /// line rewrites it. `$1`… are the pattern's groups.
    static let parserLines: [(pattern: String, template: String)] = [
        (#"^Error: Unknown option '(.*)'\. Did you mean '(.*)'\?$"#, "错误：未知的选项「$1」；是否想写「$2」？"),
        (#"^Error: Unknown option '(.*)'$"#, "错误：未知的选项「$1」"),
        (#"^Error: Missing value for '(.*)'$"#, "错误：选项「$1」缺少值"),
        (#"^Error: Missing expected argument '(.*)'$"#, "错误：缺少参数「$1」"),
        (#"^Error: Missing one of: (.*)$"#, "错误：缺少以下之一：$1"),
        (#"^Error: Unexpected argument '(.*)'$"#, "错误：多余的参数「$1」"),
        (#"^Error: (\d+) unexpected arguments: '(.*)'$"#, "错误：多余的参数 $1 个：「$2」"),
        (#"^Error: The value '(.*)' is invalid for '(.*)'\. Please provide one of (.*)\.$"#, "错误：「$1」不是「$2」的有效值；只能是$3"),
        (#"^Error: The value '(.*)' is invalid for '(.*)'(.*)$"#, "错误：「$1」不是「$2」的有效值$3"),
        (#"^Error: The option '(.*)' does not take any value, but '(.*)' was specified\.$"#, "错误：选项「$1」不带值，却给了「$2」"),
        (#"^Error: Value to be set with (.*) had already been set with (.*)$"#, "错误：$1 与 $2 重复设置了同一个选项"),
        (#"^Error: Missing required subcommand\.$"#, "错误：缺少子命令（check 或 lint）"),
        (#"^Error: (.*)$"#, "错误：$1"),
        (#"^Help:  (.*)$"#, "说明：$1"),
        (#"^Usage: (.*)$"#, "用法：$1"),
        (#"^  See '(.*) --help' for more information\.$"#, "  用「$1 --help」查看完整说明。"),
        (#"^  See '(.*) help <subcommand>' for detailed help\.$"#, "  用「$1 help 子命令」查看各子命令的说明。"),
        (#"^OVERVIEW: (.*)$"#, "概述：$1"),
        (#"^USAGE: (.*)$"#, "用法：$1"),
        (#"^ARGUMENTS:$"#, "参数："),
        (#"^OPTIONS:$"#, "选项："),
        (#"^SUBCOMMANDS:$"#, "子命令："),
    ]

    /// Replacements inside any line, applied after the whole-line ones.
    static let parserPhrases: [(pattern: String, template: String)] = [
        (#"Show help information\."#, "显示帮助。"),
        (#"Show the version\."#, "显示版本号。"),
        (#" ?\(values: ([^;)]*); default: ([^)]*)\)"#, "（可选：$1；默认：$2）"),
        (#" ?\(values: ([^)]*)\)"#, "（可选：$1）"),
        (#" ?\(default: ([^)]*)\)"#, "（默认：$1）"),
        (#"\(default\)"#, "（默认）"),
        (#"<subcommand>"#, "<子命令>"),
        (#"<options>"#, "<选项>"),
        // A lookahead, so the next value's opening quote is left for the next match.
        (#"'([^']*)', (?=')"#, "「$1」、"),
        (#"'([^']*)' (and|or) '([^']*)'"#, "「$1」、「$3」"),
        (#"'([^']*)'"#, "「$1」"),
    ]

    /// swift-argument-parser's message in Chinese.
    static func translate(_ message: String) -> String {
        message.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var text = String(line)
            for rule in parserLines {
                if let replaced = replace(text, rule.pattern, rule.template, once: true) {
                    text = replaced
                    break
                }
            }
            for rule in parserPhrases {
                text = replace(text, rule.pattern, rule.template, once: false) ?? text
            }
            // The list of allowed values: "a, b, c" → "a、b、c" inside the brackets we wrote.
            if let r = text.range(of: "（可选：") {
                let rest = text[r.upperBound...]
                let end = rest.firstIndex(where: { $0 == "；" || $0 == "）" }) ?? rest.endIndex
                text = String(text[..<r.upperBound]) + rest[..<end].replacingOccurrences(of: ", ", with: "、") + rest[end...]
            }
            return realign(text)
        }.joined(separator: "\n")
    }

    /// The parser pads labels by characters; Chinese labels are two columns wide, so the
    /// descriptions are lined up again by display width.
    static func realign(_ line: String) -> String {
        guard line.hasPrefix("  "), !line.hasPrefix("   "),
              let m = try? NSRegularExpression(pattern: #"^  (\S.*?)  +(\S.*)$"#)
                .firstMatch(in: line, range: NSRange(line.startIndex..., in: line)),
              let label = Range(m.range(at: 1), in: line), let rest = Range(m.range(at: 2), in: line) else { return line }
        let text = String(line[label])
        let pad = max(2, 24 - DisplayWidth.of(text))
        return "  " + text + String(repeating: " ", count: pad) + line[rest]
    }

    private static func replace(_ text: String, _ pattern: String, _ template: String, once: Bool) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        let range = NSRange(text.startIndex..., in: text)
        if once {
            guard regex.firstMatch(in: text, range: range) != nil else { return nil }
        }
        return regex.stringByReplacingMatches(in: text, range: range, withTemplate: template)
    }
}
