import CEL
import Foundation
import Testing
@testable import Engine
import TestSupport

/// Each checking thread past the first gets its own copy of the rules: the copy shares no
/// object with the loaded rules, and a run with copies finds what a run without them finds.
@Suite struct RulesCopyTests {
    static let rules = "\(repositoryRoot)/Rules/theme-education-2019"

    @Test func aCopySharesNoObjectWithTheLoadedRules() throws {
        // Also the dated records' type, which every dated record of a unit holds.
        let dated = try RulesLoader.load(paths: [Self.rules])
        #expect(try #require(dated.independentCopy()).schema.datedRecordType !== dated.schema.datedRecordType)
        let set = try RulesLoader.load(paths: [Self.rules])
        let copy = try #require(set.independentCopy())
        #expect(copy.rules.map(\.id) == set.rules.map(\.id))
        #expect(zip(copy.rules, set.rules).allSatisfy { $0 !== $1 })
        // The unit rules' runners and what their findings say of each rule, which every
        // verdict of every file retains, are the copy's own too.
        #expect(copy.unitRunners.map(\.rule.id) == set.unitRunners.map(\.rule.id))
        #expect(zip(copy.unitRunners, set.unitRunners).allSatisfy { $0 !== $1 && $0.head !== $1.head && $0.rule !== $1.rule })
        #expect(copy.schema.root.type !== set.schema.root.type)
        #expect(copy.values !== set.values)
        #expect(copy.files.map(\.sha256) == set.files.map(\.sha256))
    }

    @Test func aCopysRulesTableHasTheSameRulesInTextsOfItsOwn() throws {
        // The table renderers of the copy's thread are made from (`forAnotherThread`).
        let set = try RulesLoader.load(paths: [Self.rules])
        let copy = try #require(set.independentCopy())
        #expect(copy.catalogue.map(\.id) == set.catalogue.map(\.id) && copy.catalogue.map(\.title) == set.catalogue.map(\.title))
        #expect(copy.catalogue.map(\.implements) == set.catalogue.map(\.implements) && copy.catalogue.map(\.quote) == set.catalogue.map(\.quote))
        func storage(_ s: String?) -> UnsafeRawPointer? { s?.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil }
        // Texts past fifteen bytes have storage (shorter ones are kept in the string itself);
        // the engine's own rules' texts are constants of the program, which count nothing.
        var compared = 0
        for (a, b) in zip(copy.catalogue, set.catalogue) where a.location != nil {
            let texts = [(a.id, b.id), (a.title, b.title), (a.quote, b.quote), (a.location?.file, b.location?.file)]
                + zip(a.implements, b.implements).map { ($0, $1) }
            for (x, y) in texts where storage(y) != nil {
                #expect(storage(x) != storage(y), "\(a.id): \(y ?? "")")
                compared += 1
            }
        }
        #expect(compared > 100)
    }

    @Test func rulesLoadedFromTextInMemoryAreCopiedToo() throws {
        let set = try mustLoad(testRules("  - {id: r1, implements: R1, title: t, quote: 9月10日前, expect: 'true'}"))
        #expect(set.independentCopy()?.rules.map(\.id) == ["r1"])
    }

    @Test func aRunWithCopiesFindsWhatARunWithoutThemFinds() throws {
        let set = try RulesLoader.load(paths: [Self.rules])
        // The shipped examples, each several times over under its own name: enough files
        // (`filesPerRulesCopy` a thread) for the threads past the first to copy the rules.
        let folder = "\(repositoryRoot)/Examples/theme-education-2019"
        let examples = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map {
            try Array(Data(contentsOf: URL(fileURLWithPath: "\(folder)/\($0)")))
        }
        let count = 3 * CheckRun.filesPerRulesCopy + 7
        // Each read takes a moment, as a file's does, and the first waits (a while at most)
        // for another thread to read one: else the first thread could check every file before
        // the others start, and no copy would check one.
        let readers = ReadingThreads()
        let inputs: [CheckRun.Input] = (0..<count).map { i in
            let bytes = examples[i % examples.count]
            return ("unit-\(i).yaml", { readers.add(waiting: i == 0); usleep(300); return .success(bytes) })
        }
        func run(_ jobs: Int) -> [String] {
            let (lines, many) = readers.run(jobs: jobs) {
                CheckRun.run(set, inputs: inputs, asOf: CELDate.parse("2019-10-15")!, jobs: jobs).findings.map {
                    [$0.unit ?? "", $0.file ?? "", $0.rule, $0.status.rawValue, $0.message, $0.item ?? "",
                     $0.locations.map(\.description).joined(separator: " ")].joined(separator: "|")
                }
            }
            #expect(many, "no thread but one checked a file with \(jobs) jobs")
            return lines
        }
        let one = run(1)
        #expect(one.count > count)
        // Told as one answer each: the findings shown whole would be thousands of lines.
        for jobs in [2, 3] {
            let same = run(jobs) == one
            #expect(same, "\(jobs) threads find otherwise than one")
        }
    }
}

/// A rule set's unit runners are made once, when the rules load, and serve every run of it:
/// runs at two dates, one after the other or at once, each find what rules loaded for their
/// date alone find.
@Suite struct SharedRunnersTests {
    @Test func theRunnersAreTheUnitRulesInOrder() throws {
        let set = try RulesLoader.load(paths: [RulesCopyTests.rules])
        let unit = set.rules.enumerated().filter { $0.element.scope == .unit }
        #expect(set.unitRunners.map(\.order) == unit.map(\.offset))
        #expect(zip(set.unitRunners, unit).allSatisfy { $0.rule === $1.element && $0.head.id == $1.element.id })
        #expect(set.unitRunners.count > 30 && set.unitRunners.count < set.rules.count)
    }

    @Test func runsAtTwoDatesFindWhatRulesLoadedForEachFind() throws {
        let set = try RulesLoader.load(paths: [RulesCopyTests.rules])
        let paths = ["\(repositoryRoot)/Examples/theme-education-2019"]
        let dates = ["2019-09-05", "2019-12-01"].map { CELDate.parse($0)! }
        @Sendable func lines(_ set: RuleSet, _ asOf: CELDate) -> [String] {
            CheckRun.run(set, paths: paths, asOf: asOf, jobs: 1).findings.map {
                [$0.unit ?? "", $0.rule, $0.status.rawValue, $0.message, $0.item ?? "", $0.due.map { "\($0)" } ?? ""].joined(separator: "|")
            }
        }
        // Each date with rules loaded for it alone.
        let alone = try dates.map { try lines(RulesLoader.load(paths: [RulesCopyTests.rules]), $0) }
        // The dates give different findings: a runner keeping one date would show it.
        #expect(alone[0] != alone[1])
        // One rule set, one date after the other, both ways round.
        #expect(dates.map { lines(set, $0) } == alone)
        #expect(dates.reversed().map { lines(set, $0) } == alone.reversed())
        // And both at once.
        // An `NSLock`, which ThreadSanitizer (`make sanitize`) sees, unlike `Mutex`'s futex.
        final class Found: @unchecked Sendable {
            let lock = NSLock()
            var lines: [[String]] = [[], []]
        }
        for _ in 0..<3 {
            let found = Found()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let mine = lines(set, dates[i])
                found.lock.withLock { found.lines[i] = mine }
            }
            #expect(found.lock.withLock { found.lines } == alone)
        }
    }
}

/// The threads a run uses by default: the cores the process may run on.
@Suite struct CoresTests {
    @Test func theDefaultIsTheCoresTheProcessMayUse() throws {
        let cores = Parallel.availableCores
        #expect(cores >= 1 && cores <= ProcessInfo.processInfo.activeProcessorCount)
        #expect(Parallel.workerCount(1000, jobs: nil) == cores)
        #expect(Parallel.workerCount(1000, jobs: 3) == 3 && Parallel.workerCount(2, jobs: 8) == 2)
        // Under `taskset -c 0` the mask says one core, whatever the machine has.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/taskset")
        p.arguments = ["-c", "0", "/bin/grep", "Cpus_allowed:", "/proc/self/status"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        let line = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(line.dropFirst("Cpus_allowed:".count).reduce(0) { $0 + ($1.hexDigitValue?.nonzeroBitCount ?? 0) } == 1)
    }
}
