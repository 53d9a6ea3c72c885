import ArgumentParser
import Engine
import Foundation
import Reports

/// `duibiao lint`: loads rules files and reports every problem with its location.
struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "检查规则文件：格式、表达式类型、引文是否与原文一致。"
    )

    @Argument(help: "规则文件或目录。")
    var rules: [String] = ["Rules"]

    func run() throws {
        do {
            let set = try RulesLoader.load(paths: rules)
            print("规则无误：\(set.files.count) 个文件，\(set.rules.count) 条规则。")
        } catch {
            Output.error(DiagnosticRenderer.render(error.diagnostics, color: Output.stderrIsTerminal))
            throw ExitCode(2)
        }
    }
}
