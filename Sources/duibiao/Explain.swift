import ArgumentParser
import CEL
import Engine
import Foundation
import Reports

/// `duibiao explain`: one rule in words, where its quote stands in the source, what it reads,
/// and with a submission, how it came out for it step by step.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "说明一条规则：原文出处、读取的命名值；给出台账时逐步列出求值过程，说明为何通过或未通过。"
    )

    @Argument(help: ArgumentHelp("规则编号（如 research-plan-by-sept-10）。", valueName: "规则编号"))
    var rule: String

    @Argument(help: ArgumentHelp("台账文件（跨单位规则可给多个文件或目录）。", valueName: "台账"))
    var files: [String] = []

    @Option(help: ArgumentHelp("规则目录（一项主题教育或专项工作的规则）。", valueName: "规则"))
    var rules: [String] = ["Rules"]

    @Option(name: .customLong("as-of"), help: ArgumentHelp("按这一天的情况求值（如 2019-10-15；默认今天）。", valueName: "日期"))
    var asOf: String?

    @Option(help: ArgumentHelp("颜色：auto（终端时着色）、always、never。", valueName: "颜色"))
    var color: Check.Color = .auto

    func validate() throws { _ = try AsOf.parse(asOf) }

    func run() throws {
        for path in files where !FileManager.default.fileExists(atPath: path) { throw RunError(CLIText.noSuchPath(path)) }
        // Campaign records shown as units wrote them, loaded so once (`RuleSet.withWholeRecords`).
        let ruleSet = try LoadRules.one(rules, projected: false)
        // A unit rule is traced for one unit: several files would be several traces in one.
        if let r = ruleSet.rules.first(where: { $0.id == rule }), r.scope == .unit,
           files.count > 1 || files.contains(where: Paths.isFolder) {
            throw RunError(CLIText.explainOneFile(rule))
        }
        guard let e = RuleExplanation.explain(ruleSet, rule: rule, files: files, asOf: try AsOf.parse(asOf)) else {
            throw RunError(CLIText.noSuchRule(rule, Suggest.closest(rule, in: ruleSet.rules.map(\.id))))
        }
        let useColor = color == .always || (color == .auto && Output.stdoutIsTerminal)
        try Output.write(ExplainReport.render(e, color: useColor))
    }
}
