import Foundation
import Testing

/// `--jobs` changes how fast, never what: the output is byte-identical for any thread count;
/// progress goes to a terminal's standard error only.
@Suite struct JobsTests {
    @Test(arguments: ["json", "text", "junit", "sarif", "markdown", "html"])
    func outputIsTheSameForAnyNumberOfThreads(_ format: String) throws {
        let base = ["check", "Examples/theme-education-2019", "--rules", "Rules/theme-education-2019", "--as-of", "2019-10-15",
                    "--format", format, "--color", "never"]
        let outputs = try [1, 2, 8].map { try GoldenTests.run(base + ["--jobs", "\($0)"]) }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == outputs[2])
        #expect(outputs[0].hasPrefix("exit: 1\n--- stdout\n"))
    }

    @Test func progressOnlyOnATerminal() throws {
        let args = "check Examples/theme-education-2019 --rules Rules/theme-education-2019 --as-of 2019-10-15 --format json --output /dev/stdout"
        let shown = try GoldenTests.onTerminal("\(args) 1>/dev/null")
        #expect(shown.contains("已检查 7/7 份台账"))
        // Not on a pipe: the golden files of every check show an empty standard error.
        let piped = try GoldenTests.run(args.split(separator: " ").map(String.init))
        #expect(piped.hasSuffix("--- stderr\n"))
    }
}
