import ArgumentParser
import CAllocator
import CEL
import Foundation

/// The `duibiao` command: checks units' records against the office's rules.
struct Duibiao: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duibiao",
        abstract: "对标：按规则检查各单位台账，报告通过、未通过、逾期与未到期的事项。",
        discussion: """
        退出码：0 没有达到 --fail-on 级别的问题；1 有；2 规则有误或用法有误。
        文档：docs/rules.md（规则语言）、docs/findings.md（结果与 JSON 格式）。
        """,
        version: "duibiao \(CLIText.version)",
        subcommands: [Check.self, Lint.self, Explain.self, Test.self, Template.self]
    )
}

/// Runs the command, mapping every usage error to exit code 2 as documented.
@main
enum Main {
    static func main() {
        callocator_return_freed_pages_at_once()
        // A closed pipe is reported by write's EPIPE, as an error with exit 2, not a signal.
        signal(SIGPIPE, SIG_IGN)
        // The parser calls an unknown subcommand "unexpected arguments"; say what it is.
        let names = Duibiao.configuration.subcommands.map { $0._commandName } + ["help"]
        if let first = CommandLine.arguments.dropFirst().first, !first.hasPrefix("-"), !names.contains(first) {
            Output.error(CLIText.errorPrefix + CLIText.unknownSubcommand(first, Suggest.closest(first, in: names), names) + "\n")
            exit(2)
        }
        do {
            var command = try Duibiao.parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch let failure as RunError {
            Output.error(CLIText.errorPrefix + failure.message + "\n")
            exit(2)
        } catch {
            let status = Duibiao.exitCode(for: error)
            // Unwrapped, so each line can be translated whole. Completion scripts and the help
            // dump for the man page are programs and data, not messages: never translated.
            let raw = Duibiao.fullMessage(for: error, columns: 10_000)
            let generated = CommandLine.arguments.contains { $0.hasPrefix("--generate-completion-script") || $0 == "--experimental-dump-help" }
            let message = generated ? raw : CLIText.translate(raw)
            if status == .success {
                if let code = Output.writeAll(1, Array((message + "\n").utf8)) {
                    Output.error(CLIText.errorPrefix + CLIText.cannotWriteStdout(code) + "\n")
                    exit(2)
                }
                exit(0)
            }
            Output.error(message + "\n")
            exit(2)
        }
    }
}
