import ArgumentParser
import CEL
import Engine
import Foundation
import Reports

/// `duibiao test`: runs the rule test cases kept beside the rules and says which expectation
/// failed, with the finding it got; rules that no case shows passing and failing are failures too.
struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "运行规则旁的测试用例（tests/<用例>/case.yaml），核对每条规则在各检查日期的结果。"
    )

    @Option(help: ArgumentHelp("规则目录（一项主题教育或专项工作的规则）。", valueName: "规则"))
    var rules: [String] = ["Rules"]

    @Argument(help: ArgumentHelp("用例目录或 case.yaml（默认：规则目录下的 tests/）。", valueName: "用例"))
    var tests: [String] = []

    func run() throws {
        // `duibiao test` alone runs every campaign's cases in turn.
        let sets = RulesLoader.sets(rules)
        if sets.count > 1, tests.isEmpty {
            var failed = false
            for set in sets {
                do { try Test.run(set, tests: []) } catch let code as ExitCode where code == ExitCode(1) { failed = true }
            }
            if failed { throw ExitCode(1) }
            return
        }
        try Test.run(rules, tests: tests)
    }

    static func run(_ rules: [String], tests: [String]) throws {
        let ruleSet = try LoadRules.one(rules)
        let folders = tests.isEmpty ? rules.filter(Paths.isFolder).map { ($0 as NSString).appendingPathComponent(RuleTests.folder) } : tests
        let paths = RuleTests.casePaths(folders.filter { tests.isEmpty ? Paths.isFolder($0) : true })
        if paths.isEmpty { throw RunError(CLIText.noTestCases(folders)) }
        var results: [ExpectationResult] = []
        var broken = 0
        var out = CLIText.testHeading(rules.joined(separator: " "), cases: paths.count) + "\n"
        for path in paths {
            switch RuleTests.load(path) {
            case .failure(let error):
                Output.error(DiagnosticRenderer.render(error.diagnostics, color: Output.stderrIsTerminal))
                broken += 1
            case .success(let c):
                let r = RuleTests.run(ruleSet, c)
                results += r
                for failure in r where failure.failure != nil { out += Self.describe(failure) }
            }
        }
        // Only when every case ran: a case that did not load would make rules look uncovered.
        var uncovered = 0
        if broken == 0, tests.isEmpty {
            for u in RuleTests.uncovered(ruleSet, results) {
                uncovered += 1
                out += "✗ " + TerminalText.safe(u.rule.location.description) + "  " + CLIText.uncovered(u.rule.id, pass: u.pass, fail: u.fail) + "\n"
            }
        }
        let failed = results.filter { $0.failure != nil }.count + uncovered + broken
        out += CLIText.testTotals(passed: results.count - results.filter { $0.failure != nil }.count, failed: failed) + "\n"
        try Output.write(out)
        if failed > 0 { throw ExitCode(1) }
    }

    /// A failed expectation: where it is written, what it expected, what came out.
    static func describe(_ r: ExpectationResult) -> String {
        let e = r.expectation
        var subject = e.rule
        if let unit = e.unit { subject = unit + " " + subject }
        if let item = e.item { subject += "「\(item)」" }
        var text = "✗ " + TerminalText.safe(e.location.description) + "  " + CLIText.expectationFailed(r.asOf.chinese, TerminalText.safe(subject), e.status.rawValue, TerminalText.safe(r.failure ?? "")) + "\n"
        for f in r.got.prefix(5) {
            var line = "    " + CLIText.got + "：" + [f.unit, f.rule, f.item.map { "「\($0)」" }, f.status.rawValue].compactMap { $0 }.joined(separator: " ")
            line += "  " + f.message
            if let l = f.locations.first { line += "  → " + l.description }
            text += TerminalText.safe(line) + "\n"
        }
        if r.got.count > 5 { text += "    " + CLIText.andMore(r.got.count - 5) + "\n" }
        return text
    }
}
