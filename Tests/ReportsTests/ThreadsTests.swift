import CEL
@testable import Engine
import Foundation
import Testing
@testable import Reports

/// Threads past the first check with copies of the rules and render with renderers of their
/// own (`FindingRenderer.forAnotherThread`): the JSON is the same bytes for any thread count.
@Suite struct ThreadsTests {
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    @Test func jsonWithCopiesIsTheSameForAnyNumberOfThreads() throws {
        let set = try RulesLoader.load(paths: ["\(Self.root)/Rules/theme-education-2019"])
        let folder = "\(Self.root)/Examples/theme-education-2019"
        let examples = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map {
            try String(contentsOfFile: "\(folder)/\($0)", encoding: .utf8)
        }
        // Each file a unit of its own: a unit's second file is rendered again by the writing
        // thread, with its renderer, to say it is a second one.
        func unit(_ i: Int) -> [UInt8] {
            var lines = examples[i % examples.count].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if let u = lines.firstIndex(of: "unit:"), lines[u + 1].hasPrefix("  id: ") { lines[u + 1] += "-\(i)" }
            return Array(lines.joined(separator: "\n").utf8)
        }
        // Enough files (`filesPerRulesCopy` a thread, at three threads) for every thread past
        // the first to copy the rules and its renderer; each read takes a moment, as a file's
        // does, else the first thread could check every file before the others start.
        let inputs: [CheckRun.Input] = (0..<(3 * CheckRun.filesPerRulesCopy + 7)).map { i in
            let bytes = unit(i)
            return ("unit-\(i).yaml", { usleep(300); return .success(bytes) })
        }
        func json(_ jobs: Int) -> [UInt8] {
            var out: [UInt8] = []
            let report = JSONReport { out += $0; return true }
            CheckRun.run(set, inputs: InputList(inputs), asOf: CELDate.parse("2019-10-15")!, jobs: jobs, into: report)
            return out
        }
        let one = json(1)
        #expect(one.count > 100_000)
        // No unit twice: every file's bytes are its checking thread's.
        #expect(!String(decoding: one, as: UTF8.self).contains("每个单位只能提交一个文件"))
        // Told as one answer each: a difference shown byte by byte would be megabytes long.
        for jobs in [2, 3] {
            let same = json(jobs) == one
            #expect(same, "JSON with \(jobs) threads differs from JSON with one")
        }
    }
}
