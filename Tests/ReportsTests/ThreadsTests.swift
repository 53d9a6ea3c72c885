import CEL
@testable import Engine
import Foundation
import Testing
@testable import Reports
import TestSupport

/// Threads past the first check with copies of the rules and render with renderers of their
/// own (`FindingRenderer.forAnotherThread`, from their copy's rules table): each report is the same bytes for any thread count.
@Suite struct ThreadsTests {
    /// Every format with a renderer: those that make their own parts for another thread and
    /// those that share theirs.
    static let formats = ["json", "junit", "html", "sarif", "markdown", "text"]

    /// A sink of `format`, made anew for a run, writing into `emit`.
    static func sink(_ format: String, _ emit: @escaping ([UInt8]) -> Bool) -> FindingSink {
        switch format {
        case "json": JSONReport(chunk: 1 << 18, emit)
        case "junit": JUnitReport(emit)
        case "html": HTMLReport(rulesLabel: "Rules", emit)
        case "sarif": SARIFReport(chunk: 1 << 18, emit)
        case "markdown": MarkdownReport(rulesLabel: "Rules", emit)
        default: TextReport(rulesLabel: "Rules", color: false, emit)
        }
    }

    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    @Test(arguments: formats)
    func aReportWithCopiesIsTheSameForAnyNumberOfThreads(_ name: String) throws {
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
        // the first to copy the rules and its renderer. The first file's read waits (a while
        // at most) for another thread to read one, and each read says which thread made it:
        // else, on a busy machine, the first thread could check every file before another
        // starts, and no copy would write a byte.
        let readers = ReadingThreads()
        let inputs: [CheckRun.Input] = (0..<(3 * CheckRun.filesPerRulesCopy + 7)).map { i in
            let bytes = unit(i)
            return ("unit-\(i).yaml", { readers.add(waiting: i == 0); return .success(bytes) })
        }
        func report(_ jobs: Int) -> [UInt8] {
            let (out, many) = readers.run(jobs: jobs) {
                var out: [UInt8] = []
                CheckRun.run(set, inputs: InputList(inputs), asOf: CELDate.parse("2019-10-15")!, jobs: jobs,
                             into: Self.sink(name) { out += $0; return true })
                return out
            }
            #expect(many, "\(name): no thread but one checked a file")
            return out
        }
        let one = report(1)
        #expect(one.count > 100_000, "\(name)")
        // No unit twice: every file's bytes are its checking thread's.
        if name == "json" { #expect(!String(decoding: one, as: UTF8.self).contains("每个单位只能提交一个文件")) }
        // Told as one answer each: a difference shown byte by byte would be megabytes long.
        for jobs in [2, 3] {
            let same = report(jobs) == one
            #expect(same, "\(name) with \(jobs) threads differs from \(name) with one")
        }
    }

    @Test(arguments: formats)
    func anotherThreadsRendererRendersTheSameBytes(_ name: String) throws {
        let rules = [RuleInfo(id: "concentrated-study-one-week", title: "领导班子集中安排一周时间学习研讨", implements: ["要求一：集中学习一周"],
                              quote: "集中安排一周时间，开展集中学习研讨", severity: .error, scope: .unit,
                              location: Location(file: "Rules/theme-education-2019/second-batch.yaml", line: 3, column: 5))]
        let report = Self.sink(name) { _ in true }
        report.begin(RunHeader(asOf: Day("2019-10-01")!, ruleFiles: [], rules: rules, files: 1))
        let renderer = try #require(report.renderer, "\(name)")
        var f = Finding(unit: "XZ-0042-long-enough-id", file: "Examples/theme-education-2019/township-qingshi.yaml", rule: rules[0].id,
                        implements: rules[0].implements, status: .fail, message: "中心组学习、读书班累计 3 天，不足一周（5 天）",
                        locations: [Location(file: "Examples/theme-education-2019/township-qingshi.yaml", line: 12, column: 3)])
        f.unitName = "青石镇党委"
        var warn = f
        (warn.status, warn.severity) = (.warn, .warning)
        var pending = f
        pending.status = .pending
        let findings = [f, warn, pending, f]
        let bytes = renderer.render(findings, section: .unit).bytes
        #expect(bytes.count > 100, "\(name)")
        #expect(renderer.forAnotherThread(rules).render(findings, section: .unit).bytes == bytes, "\(name)")
    }

    @Test(arguments: formats)
    func anotherThreadsRendererHoldsTheTextsOfItsOwnRules(_ name: String) throws {
        // Texts past fifteen bytes: shorter ones are kept in the string itself, with no storage.
        let rules = [RuleInfo(id: "concentrated-study-one-week", title: "领导班子集中安排一周时间学习研讨", implements: ["要求一：集中学习一周"],
                              quote: "集中安排一周时间，开展集中学习研讨", severity: .error, scope: .unit,
                              location: Location(file: "Rules/theme-education-2019/second-batch.yaml", line: 3, column: 5))]
        // Another thread's table, as a rules copy's catalogue is: equal texts in storage of their own.
        func own(_ s: String) -> String { String(decoding: Array(s.utf8), as: UTF8.self) }
        let copy = rules.map { RuleInfo(id: own($0.id), title: own($0.title), implements: $0.implements.map(own), quote: $0.quote.map(own),
                                        severity: $0.severity, scope: $0.scope, location: $0.location) }
        func storage(_ s: String?) -> UnsafeRawPointer? { s?.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil }
        #expect(storage(copy[0].id) != nil && storage(copy[0].id) != storage(rules[0].id))
        let report = Self.sink(name) { _ in true }
        report.begin(RunHeader(asOf: Day("2019-10-01")!, ruleFiles: [], rules: rules, files: 1))
        let other = try #require(report.renderer, "\(name)").forAnotherThread(copy)
        // The id or title each renderer looks up or writes, from the copy's table.
        let (id, title): (String?, String?) = switch other {
        case let r as JSONReport.Renderer: (r.rules.first?.id, nil)
        case let r as Suites: (r.titles.keys.first, r.titles.values.first)
        case let r as HTMLSections: (r.rules.keys.first, r.rules.values.first?.title)
        case let r as Sections: (r.titles.keys.first, r.titles.values.first)
        case let r as Layout: (r.titles.keys.first, r.titles.values.first)
        case let r as Results: (r.ruleIndex.keys.first, nil)
        default: (nil, nil)
        }
        #expect(id == rules[0].id && storage(id) == storage(copy[0].id), "\(name)")
        if let title { #expect(title == rules[0].title && storage(title) == storage(copy[0].title), "\(name)") }
    }
}
