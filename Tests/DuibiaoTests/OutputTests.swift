import Foundation
import Testing

/// Output faults, as a user meets them: the report goes through a temporary file, inputs are
/// never overwritten, and a failing stdout is an error with exit code 2, not a crash.
@Suite struct OutputTests {
    static let check = ["check", "Examples/theme-education-2019/county-qingxian.yaml", "--rules", "Rules/theme-education-2019", "--as-of", "2019-10-15", "--fail-on", "never"]

    /// Runs the binary with standard output sent to `stdout` (a path opened for writing).
    static func run(_ args: [String], stdout: FileHandle? = nil) throws -> (status: Int32, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: GoldenTests.binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: GoldenTests.root)
        let err = Pipe()
        p.standardError = err
        p.standardOutput = stdout ?? FileHandle.nullDevice
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: e, as: UTF8.self))
    }

    /// Text is written an array at a time; JSON and SARIF as gathered pieces (`writev`).
    @Test(arguments: ["text", "json", "sarif"])
    func aFullDiskIsAnErrorNotACrash(_ format: String) throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let r = try Self.run(Self.check + ["--format", format], stdout: full)
        #expect(r.status == 2)
        #expect(r.err.contains("无法写出结果到标准输出（磁盘已满）"))
    }

    @Test(arguments: ["text", "json", "sarif"])
    func aClosedPipeIsAnErrorNotACrash(_ format: String) throws {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let r = try Self.run(Self.check + ["--format", format], stdout: pipe.fileHandleForWriting)
        #expect(r.status == 2)
        #expect(r.err.contains("管道已关闭"))
    }

    @Test func theReportReplacesTheOldOneWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("duibiao-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report.json").path
        try "old report".write(toFile: out, atomically: false, encoding: .utf8)
        let r = try Self.run(Self.check + ["--format", "json", "--output", out])
        #expect(r.status == 0)
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.hasPrefix("{"))
        #expect(try JSONSerialization.jsonObject(with: Data(written.utf8)) is [String: Any])
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report.json"])
    }

    @Test func aFailedWriteKeepsTheOldReport() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("duibiao-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // A folder where the report should go: rename over it fails, as a full disk would.
        let out = dir.appendingPathComponent("report.txt")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let r = try Self.run(Self.check + ["--output", out.path])
        #expect(r.status == 2)
        #expect(r.err.contains("无法写入 \(out.path)"))
        #expect(r.err.contains("原有文件未改动"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report.txt"])
    }

    @Test func anOutputThatIsAnInputIsRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("duibiao-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let unit = dir.appendingPathComponent("v.yaml").path
        let original = try String(contentsOfFile: "\(GoldenTests.root)/Examples/theme-education-2019/county-qingxian.yaml", encoding: .utf8)
        try original.write(toFile: unit, atomically: false, encoding: .utf8)
        let link = dir.appendingPathComponent("same.yaml").path
        try FileManager.default.linkItem(atPath: unit, toPath: link)
        for output in [unit, link, "\(dir.path)/./v.yaml"] {
            let r = try Self.run(["check", unit, "--rules", "Rules/theme-education-2019", "--as-of", "2019-10-15", "--output", output])
            #expect(r.status == 2)
            #expect(r.err.contains("写入会覆盖它"))
        }
        #expect(try String(contentsOfFile: unit, encoding: .utf8) == original)
    }
}
