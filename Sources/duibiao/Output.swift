import ArgumentParser
import Foundation

/// A failure while running (not a misuse of options): reported without the usage text, exit 2.
struct RunError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Where the command's text goes, and whether that is a terminal (for colour).
enum Output {
    static var stdoutIsTerminal: Bool { isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }
    static var stderrIsTerminal: Bool { isatty(2) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw RunError("无法写入 \(path)：\(error.localizedDescription)；请检查目录是否存在、是否有写权限")
        }
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
