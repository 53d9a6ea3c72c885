import Foundation
import Testing

/// Runs the real `duibiao` binary and compares its output with the golden files of the case's
/// folder in `Golden/` (`exit`, `stdout.<ext>`, `stderr.txt`). Re-record with `make golden`
/// (DUIBIAO_RECORD=1) and review the diff before committing.
@Suite struct GoldenTests {
    /// Each case: its folder in `Golden/`, the extension of its standard output there, the arguments.
    static let cases: [(name: String, ext: String, args: [String])] = [
        ("check-examples-2019-09-05", "txt", ["check", "Examples/theme-education-2019", "--rules", "Rules/theme-education-2019", "--as-of", "2019-09-05", "--color", "never"]),
        ("check-examples-2019-10-15", "txt", ["check", "Examples/theme-education-2019", "--rules", "Rules/theme-education-2019", "--as-of", "2019-10-15", "--color", "never"]),
        ("check-examples-2019-12-01", "txt", ["check", "Examples/theme-education-2019", "--rules", "Rules/theme-education-2019", "--as-of", "2019-12-01", "--color", "never"]),
        ("check-examples-2019-10-15-json", "json", ["check", "Examples/theme-education-2019", "--rules", "Rules/theme-education-2019", "--as-of", "2019-10-15", "--format", "json"]),
        ("check-examples-2019-10-15-junit", "xml", ["check", "Examples/theme-education-2019", "--rules", "Rules/theme-education-2019", "--as-of", "2019-10-15", "--format", "junit"]),
        ("check-examples-2019-10-15-sarif", "sarif", ["check", "Examples/theme-education-2019", "--rules", "Rules/theme-education-2019", "--as-of", "2019-10-15", "--format", "sarif"]),
        ("check-examples-2019-10-15-md", "md", ["check", "Examples/theme-education-2019", "--rules", "Rules/theme-education-2019", "--as-of", "2019-10-15", "--format", "markdown"]),
        ("check-2021-examples-2021-10-20-md", "md", ["check", "Examples/double-reduction-2021", "--rules", "Rules/double-reduction-2021", "--as-of", "2021-10-20", "--format", "markdown"]),
        ("check-bad-submissions-junit", "xml", ["check", "Tests/DuibiaoTests/Fixtures/bad-submissions", "--rules", "Rules/theme-education-2019", "--as-of", "2019-10-15", "--format", "junit"]),
        ("test-shipped-rules", "txt", ["test"]),
        ("test-failing-cases", "txt", ["test", "--rules", "Tests/DuibiaoTests/Fixtures/rule-tests"]),
        ("template-2019-branch", "txt", ["template", "--rules", "Rules/theme-education-2019", "--kind", "branch"]),
        ("template-2021", "txt", ["template", "--rules", "Rules/double-reduction-2021"]),
        ("usage-template-bad-kind", "txt", ["template", "--rules", "Rules/theme-education-2019", "--kind", "village"]),
        ("explain-rule", "txt", ["explain", "topic-three-steps", "--rules", "Rules/theme-education-2019", "--color", "never"]),
        ("explain-with-file", "txt", ["explain", "member-research-visits", "Examples/theme-education-2019/county-qingxian.yaml", "--rules", "Rules/theme-education-2019", "--as-of", "2019-12-01", "--color", "never"]),
        ("explain-campaign-rule", "txt", ["explain", "no-crowded-research", "Examples/theme-education-2019", "--rules", "Rules/theme-education-2019", "--as-of", "2019-10-15", "--color", "never"]),
        ("explain-2021-deadline", "txt", ["explain", "parent-meeting-by-oct-15", "Examples/double-reduction-2021/school-dier.yaml", "--rules", "Rules/double-reduction-2021", "--as-of", "2021-10-20", "--color", "never"]),
        ("usage-explain-unit-rule-on-a-folder", "txt", ["explain", "member-research-visits", "Examples/theme-education-2019", "--rules", "Rules/theme-education-2019"]),
        ("usage-explain-unknown-rule", "txt", ["explain", "research-plan-by-sept-1O", "--rules", "Rules/theme-education-2019"]),
        ("lint-coverage", "txt", ["lint", "Rules", "--coverage"]),
        ("check-examples-2019-10-15-html", "html", ["check", "Examples/theme-education-2019", "--rules", "Rules/theme-education-2019", "--as-of", "2019-10-15", "--format", "html"]),
        ("check-2021-examples-2021-10-20-html", "html", ["check", "Examples/double-reduction-2021", "--rules", "Rules/double-reduction-2021", "--as-of", "2021-10-20", "--format", "html"]),
        ("check-bad-submissions", "txt", ["check", "Tests/DuibiaoTests/Fixtures/bad-submissions", "--rules", "Rules/theme-education-2019", "--as-of", "2019-10-15", "--color", "never"]),
        ("check-fail-on-never", "txt", ["check", "Examples/theme-education-2019/county-qingxian.yaml", "--rules", "Rules/theme-education-2019", "--as-of", "2019-12-01", "--fail-on", "never", "--color", "never"]),
        ("check-one-unit", "txt", ["check", "Examples/theme-education-2019/township-qingshi.yaml", "--rules", "Rules/theme-education-2019", "--as-of", "2019-12-01", "--color", "never"]),
        ("usage-missing-file", "txt", ["check", "Examples/theme-education-2019/no-such-unit.yaml"]),
        ("check-color-always", "txt", ["check", "Examples/theme-education-2019/branch-liuhe.yaml", "--rules", "Rules/theme-education-2019", "--as-of", "2019-12-01", "--color", "always"]),
        ("lint-broken-rules", "txt", ["lint", "Tests/DuibiaoTests/Fixtures/broken-rules"]),
        ("lint-shipped-rules", "txt", ["lint", "Rules"]),
        ("usage-bad-date", "txt", ["check", "Examples/theme-education-2019", "--as-of", "2019-13-45"]),
        ("usage-no-rules", "txt", ["check", "Examples/theme-education-2019", "--rules", "Tests/DuibiaoTests/Golden"]),
        ("check-2021-examples-2021-10-20", "txt", ["check", "Examples/double-reduction-2021", "--rules", "Rules/double-reduction-2021", "--as-of", "2021-10-20", "--color", "never"]),
        ("check-2021-examples-2022-01-10", "txt", ["check", "Examples/double-reduction-2021", "--rules", "Rules/double-reduction-2021", "--as-of", "2022-01-10", "--color", "never"]),
        ("usage-several-rule-sets", "txt", ["check", "Examples/double-reduction-2021", "--as-of", "2021-10-20"]),
        ("usage-unknown-option", "txt", ["check", "Examples/theme-education-2019", "--asof", "2019-10-15"]),
        ("usage-bad-format", "txt", ["check", "Examples/theme-education-2019", "--format", "xml"]),
        ("usage-unknown-subcommand", "txt", ["chekc", "Examples/theme-education-2019"]),
        ("help-check", "txt", ["check", "--help"]),
        ("help-root", "txt", ["--help"]),
        ("output-is-input", "txt", ["check", "Examples/theme-education-2019/county-qingxian.yaml", "--output", "Examples/../Examples/theme-education-2019/county-qingxian.yaml"]),
        ("output-inside-checked-folder", "txt", ["check", "Examples/theme-education-2019", "--output", "Examples/theme-education-2019/report.json"]),
    ]

    @Test(arguments: cases.map(\.name))
    func golden(_ name: String) throws {
        let c = Self.cases.first { $0.name == name }!
        let (exit, stdout, stderr) = try Self.runParts(c.args)
        Self.compare(folder: name, files: [("exit", "\(exit)\n"), ("stdout.\(c.ext)", stdout), ("stderr.txt", stderr)])
    }

    /// Holds each file of a case's folder in `Golden/` to what was produced, or records them.
    static func compare(folder: String, files: [(name: String, actual: String)]) {
        let dir = "\(root)/Tests/DuibiaoTests/Golden/\(folder)"
        if ProcessInfo.processInfo.environment["DUIBIAO_RECORD"] != nil {
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for f in files { try? f.actual.write(toFile: "\(dir)/\(f.name)", atomically: true, encoding: .utf8) }
            // Recording is never a pass: the new files must be read before they are trusted.
            Issue.record("recorded \(folder); read the diff, then run the tests again without DUIBIAO_RECORD")
            return
        }
        for f in files {
            guard let expected = try? String(contentsOfFile: "\(dir)/\(f.name)", encoding: .utf8) else {
                Issue.record("\(folder)/\(f.name) is missing (record it with `make golden`)")
                continue
            }
            if f.actual != expected {
                Issue.record("\(folder)/\(f.name) differs from its golden file (re-record with `make golden`):\n\(diff(expected, f.actual))")
            }
        }
    }

    /// The repository root, from this file's path.
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// The `duibiao` built beside the test bundle.
    static var binary: String {
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
        let candidates = ["\(bundleDir)/duibiao", "\(root)/.build/debug/duibiao"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[1]
    }

    /// Runs the binary (with `arguments` as a shell would split them) on a terminal; what the
    /// terminal showed.
    static func onTerminal(_ arguments: String) throws -> String {
        // `script` gives the command a terminal; its typescript is what the terminal showed.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qec", "\(binary) \(arguments)", "/dev/null"]
        p.currentDirectoryURL = URL(fileURLWithPath: root)
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let shown = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return shown
    }

    /// Runs the binary in the repository root; returns exit code, stdout and stderr as one text.
    static func run(_ args: [String]) throws -> String {
        let (exit, o, e) = try runParts(args)
        return "exit: \(exit)\n--- stdout\n\(o)--- stderr\n\(e)"
    }

    /// Runs the binary in the repository root; its exit code, standard output and standard error.
    static func runParts(_ args: [String]) throws -> (exit: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: root)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read before waiting, so a large output cannot fill the pipe and block the child.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// A minimal line diff: the lines that differ, with their numbers.
    static func diff(_ a: String, _ b: String) -> String {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for i in 0..<max(x.count, y.count) where (i < x.count ? x[i] : nil) != (i < y.count ? y[i] : nil) {
            if i < x.count { out.append("\(i + 1)- \(x[i])") }
            if i < y.count { out.append("\(i + 1)+ \(y[i])") }
            if out.count > 40 { out.append("…"); break }
        }
        return out.joined(separator: "\n")
    }
}
