import ArgumentParser
import CEL
import Engine
import Foundation
import Reports

/// `duibiao check`: evaluates submissions and reports findings.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "检查台账文件（文件、目录均可），输出检查结果。"
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, junit, sarif, markdown, html, xlsx }
    enum FailOn: String, ExpressibleByArgument, CaseIterable { case error, warning, never }
    enum Color: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    @Argument(help: ArgumentHelp("台账文件或目录（目录中查找 *.yaml、*.yml、*.json）。", valueName: "台账"))
    var paths: [String]

    @Option(help: ArgumentHelp("规则文件或目录。", valueName: "规则"))
    var rules: [String] = ["Rules"]

    @Option(name: .customLong("as-of"), help: ArgumentHelp("按这一天的情况检查（如 2019-10-15；默认今天）。", valueName: "日期"))
    var asOf: String?

    @Option(help: ArgumentHelp("输出格式：text（终端）、json、junit（CI 测试报告）、sarif（代码扫描）、markdown（CI 作业摘要）、html（一个可直接打开的网页）、xlsx（Excel 工作簿）。", valueName: "格式"))
    var format: Format = .text

    @Option(help: ArgumentHelp("把结果写入文件而不是标准输出（先写临时文件，写完才替换）。", valueName: "文件"))
    var output: String?

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("达到哪一级时退出码为 1：error、warning 或 never。", valueName: "级别"))
    var failOn: FailOn = .error

    @Option(help: ArgumentHelp("颜色：auto（终端时着色）、always、never。", valueName: "颜色"))
    var color: Color = .auto

    @Option(help: ArgumentHelp("同时检查的线程数（默认：本进程可用的 CPU 核数，如 taskset 或容器所限）；结果与线程数无关。", valueName: "数量"))
    var jobs: Int?

    @Flag(inversion: .prefixedNo, help: "按名单（expected_units）报告未提交的单位；默认：给出了目录时报告，只给出文件时不报告。")
    var roster: Bool?

    /// The extensions of submission files, in folders and for `--output` refusals.
    static let extensions: Set<String> = ["yaml", "yml", "json"]

    func validate() throws {
        _ = try AsOf.parse(asOf)
        if let jobs, jobs < 1 { throw ValidationError(CLIText.badJobs(jobs)) }
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
        // Checked here, after the options are parsed, so a mistyped option is reported as
        // such and not as a file that does not exist.
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            throw RunError(CLIText.noSuchPath(path))
        }
        if let output { try Output.refuseOverwritingInputs(output, paths: paths, extensions: Self.extensions) }
        if format == .xlsx, output == nil, isatty(1) == 1 { throw RunError(CLIText.binaryToTerminal) }
        let ruleSet = try LoadRules.one(rules)
        // Progress only on a terminal: a pipe or a CI log gets nothing but the report. A report
        // streaming to the same terminal shows its own progress; a line drawn under it would
        // tear its lines.
        let reportOnTerminal = output == nil && isatty(1) == 1
        let progress = Output.stderrIsTTY && !reportOnTerminal ? ProgressLine() : nil
        var report: (@Sendable (Int, Int) -> Void)?
        if let progress { report = { done, total in progress.update(done: done, total: total) } }
        let inputs = CheckRun.inputs(ruleSet, paths: paths)
        if inputs.isEmpty { throw RunError(CLIText.noSubmissions(paths)) }
        let useColor = output == nil && (color == .always || (color == .auto && Output.stdoutIsTerminal))
        let destination = try ReportDestination(output)
        let sink: FindingSink = switch format {
        case .text: TextReport(rulesLabel: rules.joined(separator: " "), color: useColor) { destination.write($0) }
        case .json: JSONReport(pieces: { destination.write(pieces: $0) })
        case .junit: JUnitReport { destination.write($0) }
        case .sarif: SARIFReport(pieces: { destination.write(pieces: $0) })
        case .markdown: MarkdownReport(rulesLabel: rules.joined(separator: " ")) { destination.write($0) }
        case .html: HTMLReport(rulesLabel: rules.joined(separator: " ")) { destination.write($0) }
        case .xlsx: XLSXReport(rulesLabel: rules.joined(separator: " ")) { destination.write($0) }
        }
        let summary = CheckRun.run(ruleSet, inputs: inputs, asOf: date, roster: checkRoster, jobs: jobs, progress: report, into: sink)
        progress?.finish()
        if let problem = sink.problem {
            destination.abandon()
            throw RunError(problem)
        }
        try destination.finish()
        switch failOn {
        case .error where summary.fails(at: .error): throw ExitCode(1)
        case .warning where summary.fails(at: .warning): throw ExitCode(1)
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
            throw ValidationError(CLIText.badAsOf(text))
        }
        return d
    }
}
