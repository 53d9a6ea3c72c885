import ArgumentParser
import Engine
import Foundation

/// `duibiao template`: a blank submission for units to fill in, generated from the schema.
struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "按规则中的台账格式生成空白台账模板（带中文说明和示例项）。"
    )

    @Option(help: ArgumentHelp("规则目录（一项主题教育或专项工作的规则）。", valueName: "规则"))
    var rules: [String] = ["Rules"]

    @Option(help: ArgumentHelp("单位类型（如 branch）：填入模板，并标出这类单位不需要填写的列表。", valueName: "类型"))
    var kind: String?

    @Option(help: ArgumentHelp("把模板写入文件而不是标准输出。", valueName: "文件"))
    var output: String?

    func run() throws {
        let ruleSet = try LoadRules.one(rules)
        let text: String
        do {
            text = try SubmissionTemplate(ruleSet, kind: kind, asOf: AsOf.parse(nil)).render()
        } catch let e as TemplateError {
            throw RunError(e.message)
        }
        let destination = try ReportDestination(output)
        _ = destination.write(Array(text.utf8))
        try destination.finish()
    }
}
