import ArgumentParser
import Engine
import Foundation
import Reports

/// `duibiao lint`: loads rules files and reports every problem with its location.
struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "检查规则文件：格式、表达式类型、引文是否与原文一致。"
    )

    @Argument(help: ArgumentHelp("规则文件或目录。", valueName: "规则"))
    var rules: [String] = ["Rules"]

    @Option(help: ArgumentHelp("颜色：auto（终端时着色）、always、never。", valueName: "颜色"))
    var color: Check.Color = .auto

    @Flag(help: "另外列出原文中提出要求（要…、必须…、不得…）而没有任何规则引用的句子。")
    var coverage = false

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
                if coverage { try Output.write(Self.coverage(set)) }
            } catch let error as RulesError {
                Output.error(DiagnosticRenderer.render(error.diagnostics, color: useColor))
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
    }

    /// The duty sentences no rule quotes, with the paragraph each is in.
    static func coverage(_ set: RuleSet) -> String {
        guard let source = set.source else { return CLIText.coverageNoSource + "\n" }
        let open = QuoteCoverage.uncovered(set)
        var out = CLIText.coverageHeading(source.path, open.count) + "\n"
        for s in open { out += "  " + CLIText.coverageLine(source.path, s.paragraph, TerminalText.safe(s.text)) + "\n" }
        return out
    }
}
