import ArgumentParser
import Engine
import Foundation
import Reports

/// `duibiao lint`: loads rules files and reports every problem with its location.
struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "检查规则文件：格式、表达式类型、引文是否与原文一致。"
    )

    @Argument(help: ArgumentHelp("规则文件或目录。", valueName: "规则"))
    var rules: [String] = ["Rules"]

    @Option(help: ArgumentHelp("颜色：auto（终端时着色）、always、never。", valueName: "颜色"))
    var color: Check.Color = .auto

    func run() throws {
        let useColor = color == .always || (color == .auto && Output.stderrIsTerminal)
        // Each rule set on its own (`Rules/` may hold one folder per campaign).
        let sets = RulesLoader.sets(rules)
        var failed = false
        for paths in sets {
            let label = sets.count > 1 ? paths.joined(separator: " ") : nil
            do {
                let set = try RulesLoader.load(paths: paths)
                if !set.warnings.isEmpty { Output.error(DiagnosticRenderer.render(set.warnings, color: useColor)) }
                try Output.write(CLIText.lintSummary(label, files: set.files.count, rules: set.rules.count, warnings: set.warnings.count) + "\n")
            } catch let error as RulesError {
                Output.error(DiagnosticRenderer.render(error.diagnostics, color: useColor))
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
    }
}
