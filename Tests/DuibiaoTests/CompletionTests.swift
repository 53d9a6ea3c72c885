import Foundation
import Testing

/// Shell completions come from swift-argument-parser's generator untouched (our translation of
/// its messages must not reach the script), and they complete the commands there are.
@Suite struct CompletionTests {
    @Test func bashCompletesTheSubcommands() throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("duibiao-completion-\(getpid()).bash").path
        defer { try? FileManager.default.removeItem(atPath: script) }
        let generated = try FormatTests.stdout(["--generate-completion-script", "bash"])
        #expect(!generated.contains("「"), "the parser's quotes were translated inside the script")
        try generated.write(toFile: script, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", """
        source "\(script)" || exit 3
        COMP_WORDS=(duibiao te); COMP_CWORD=1; COMP_LINE="duibiao te"; COMP_POINT=${#COMP_LINE}
        _duibiao duibiao te duibiao
        printf '%s\\n' "${COMPREPLY[@]}"
        """]
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = (GoldenTests.binary as NSString).deletingLastPathComponent + ":" + (env["PATH"] ?? "")
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let said = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let complained = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0 && complained.isEmpty, "\(complained)")
        #expect(said.split(separator: "\n") == ["test", "template"], "\(said)")
    }
}
