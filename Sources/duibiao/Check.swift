import ArgumentParser
import CEL
import Engine
import Foundation
import Reports

/// `duibiao check`: evaluates submissions and reports findings.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "检查台账文件（文件、目录均可），输出检查结果。"
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }
    enum FailOn: String, ExpressibleByArgument, CaseIterable { case error, warning, never }
    enum Color: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    @Argument(help: "台账文件或目录（目录中查找 *.yaml、*.yml、*.json）。")
    var paths: [String]

    @Option(help: "规则文件或目录。")
    var rules: [String] = ["Rules"]

    @Option(name: .customLong("as-of"), help: "按这一天的情况检查（如 2019-10-15；默认今天）。")
    var asOf: String?

    @Option(help: "输出格式：text 或 json。")
    var format: Format = .text

    @Option(help: "把结果写入文件而不是标准输出。")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "达到哪一级时退出码为 1：error、warning 或 never。")
    var failOn: FailOn = .error

    @Option(help: "颜色：auto（终端时着色）、always、never。")
    var color: Color = .auto

    @Flag(inversion: .prefixedNo, help: "按名单（expected_units）报告未提交的单位；默认：给出了目录时报告，只给出文件时不报告。")
    var roster: Bool?

    func validate() throws {
        _ = try AsOf.parse(asOf)
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("找不到台账文件或目录「\(path)」；请检查路径")
        }
    }

    /// A batch (a folder) is checked against the roster; a unit checking its own file is not.
    private var checkRoster: Bool {
        roster ?? paths.contains { path in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
        }
    }

    func run() throws {
        let date = try AsOf.parse(asOf)
        let ruleSet: RuleSet
        do {
            ruleSet = try RulesLoader.load(paths: rules)
        } catch {
            Output.error(DiagnosticRenderer.render(error.diagnostics, color: Output.stderrIsTerminal))
            throw ExitCode(2)
        }
        let result = CheckRun.run(ruleSet, paths: paths, asOf: date, roster: checkRoster)
        if result.files.isEmpty {
            Output.error("在 \(paths.joined(separator: "、")) 中没有找到台账文件（*.yaml、*.yml、*.json）\n")
            throw ExitCode(2)
        }
        let useColor = output == nil && (color == .always || (color == .auto && Output.stdoutIsTerminal))
        let text: String
        switch format {
        case .text: text = TextReport.render(result, rulesLabel: rules.joined(separator: " "), color: useColor)
        case .json: text = JSONReport.render(result)
        }
        try Output.write(text, to: output)
        switch failOn {
        case .error where result.fails(at: .error): throw ExitCode(1)
        case .warning where result.fails(at: .warning): throw ExitCode(1)
        default: break
        }
    }
}

/// Reads `--as-of`; today (local calendar) when absent.
enum AsOf {
    static func parse(_ text: String?) throws -> CELDate {
        guard let text else {
            let c = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
            return CELDate(year: c.year!, month: c.month!, day: c.day!)!
        }
        guard let d = CELDate.parse(text) else {
            throw ValidationError("--as-of 的日期「\(text)」无效；请写成 2019-10-15")
        }
        return d
    }
}
