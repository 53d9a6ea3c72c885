import CEL
import Foundation
import Testing
@testable import Engine

/// Finding and reading files: nothing is skipped without a word, nothing read past its limit.
@Suite struct PathsTests {
    /// A temporary folder with files, removed by the caller.
    static func folder(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("duibiao-paths-\(UUID().uuidString)").path
        for (name, text) in files {
            let path = "\(dir)/\(name)"
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        }
        return dir
    }

    /// The input list keeps its paths in arrays of exactly their size: the same strings.
    @Test func aTrimmedArenaHoldsTheSameStrings() {
        var arena = Paths.ByteArena()
        let paths = ["", "a.yaml", "县/台账-1.yaml"] + (0..<100).map { "unit-\($0).yaml" }
        for p in paths { arena.append(p) }
        let trimmed = arena.trimmed()
        #expect(trimmed.indices == arena.indices)
        #expect(trimmed.indices.map { trimmed.string($0) } == paths)
        #expect(trimmed.string(2, after: "省/") == "省/县/台账-1.yaml")
    }

    @Test func anUnreadableSubfolderIsReportedInItsPlace() throws {
        let dir = try Self.folder(["a.yaml": "", "locked/b.yaml": "", "z.yaml": ""])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Root reads any folder, so the denial is simulated at the listing.
        let inputs = Paths.inputs([dir], extensions: ["yaml"]) { folder, each throws(ReadFailure) in
            if folder.hasSuffix("/locked") { throw .folderUnreadable(errno: EACCES) }
            try Paths.entries(folder, each)
        }
        #expect(inputs == [.file("\(dir)/a.yaml"), .unreadableFolder("\(dir)/locked", errno: EACCES), .file("\(dir)/z.yaml")])
    }

    @Test func anUnreadableFolderBecomesAnInvalidFindingNotAMissingUnit() throws {
        let set = try mustLoad(testRules("  - {id: r, implements: X, title: t, quote: 主题教育, expect: 'true'}",
                                         extra: "expected_units: [QX-1]"))
        let r = CheckRun.run(set, inputs: [("units/locked", { .failure(.folderUnreadable(errno: EACCES)) })], asOf: CELDate.parse("2019-10-01")!)
        let finding = try #require(r.findings.first { $0.file == "units/locked" })
        #expect(finding.status == .invalid)
        #expect(finding.message.contains("无法读取目录 units/locked（没有权限），其中的台账都没有检查"))
    }

    /// A folder's files are told apart by their extension as Foundation names it, read from
    /// the name's bytes instead (Foundation's is a walk over characters for every file).
    @Test(arguments: ["a.yaml", "A.YAML", "a.b.yml", "台账.Yaml", "a.", "a", "a..json", "a.tar.gz", "x.yaml.bak",
                      "第1号 单位.yml", "a.JSON", ".yaml", "yaml", "a.ya ml", "a.\u{301}yaml"])
    func aFileNamesExtensionIsFoundationsOne(_ name: String) {
        #expect(Paths.nameExtension(name) == (name as NSString).pathExtension.lowercased())
    }

    @Test func aFileOverTheLimitIsRefusedBeforeReading() throws {
        let dir = try Self.folder([:])
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/huge.yaml"
        // A sparse 3 GB file: reading it whole would abort the process.
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 3 << 30)
        try handle.close()
        #expect(Paths.read(path, limit: 8 << 20) == .failure(.tooLarge(size: 3 << 30, limit: 8 << 20)))
        #expect(Paths.read("\(dir)/absent.yaml") == .failure(.missing))
        #expect(Paths.read(dir) == .failure(.isFolder))
    }

    @Test func aLinkBackUpTheTreeIsWalkedOnce() throws {
        let dir = try Self.folder(["a.yaml": ""])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/loop", withDestinationPath: dir)
        #expect(Paths.expand([dir], extensions: ["yaml"]) == ["\(dir)/a.yaml"])
    }
}
