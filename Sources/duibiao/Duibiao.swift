import ArgumentParser
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
        subcommands: [Check.self, Lint.self]
    )
}

/// Runs the command, mapping every usage error to exit code 2 as documented.
@main
enum Main {
    static func main() {
        do {
            var command = try Duibiao.parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch let failure as RunError {
            FileHandle.standardError.write(Data("错误：\(failure.message)\n".utf8))
            exit(2)
        } catch {
            let status = Duibiao.exitCode(for: error)
            let message = Duibiao.fullMessage(for: error)
            if status == .success {
                print(message)
                exit(0)
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            exit(2)
        }
    }
}
