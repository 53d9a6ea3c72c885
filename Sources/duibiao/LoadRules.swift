import ArgumentParser
import Engine
import Reports

/// Loads the one rule set a command works with: several sets (a folder of campaigns) ask for
/// `--rules <campaign>`; rules that do not load print their diagnostics and exit 2.
/// `projected: false` keeps every field of the campaign's records (`explain` shows them).
enum LoadRules {
    static func one(_ rules: [String], projected: Bool = true) throws -> RuleSet {
        let sets = RulesLoader.sets(rules)
        if sets.count > 1 { throw RunError(CLIText.severalRuleSets(rules, sets.map { $0.joined(separator: " ") })) }
        do {
            return try RulesLoader.load(paths: rules, projected: projected)
        } catch {
            Output.error(DiagnosticRenderer.render(error.diagnostics, color: Output.stderrIsTerminal))
            throw ExitCode(2)
        }
    }
}
