import CEL
import Foundation
import Testing
@testable import Engine

/// Each checking thread past the first gets its own copy of the rules: the copy shares no
/// object with the loaded rules, and a run with copies finds what a run without them finds.
@Suite struct RulesCopyTests {
    static let rules = "\(repositoryRoot)/Rules/theme-education-2019"

    @Test func aCopySharesNoObjectWithTheLoadedRules() throws {
        let set = try RulesLoader.load(paths: [Self.rules])
        let copy = try #require(set.independentCopy())
        #expect(copy.rules.map(\.id) == set.rules.map(\.id))
        #expect(zip(copy.rules, set.rules).allSatisfy { $0 !== $1 })
        #expect(copy.schema.root.type !== set.schema.root.type)
        #expect(copy.values !== set.values)
        #expect(copy.files.map(\.sha256) == set.files.map(\.sha256))
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
        let inputs: [CheckRun.Input] = (0..<count).map { i in
            let bytes = examples[i % examples.count]
            return ("unit-\(i).yaml", { .success(bytes) })
        }
        func run(_ jobs: Int) -> [String] {
            CheckRun.run(set, inputs: inputs, asOf: CELDate.parse("2019-10-15")!, jobs: jobs).findings.map {
                [$0.unit ?? "", $0.file ?? "", $0.rule, $0.status.rawValue, $0.message, $0.item ?? "",
                 $0.locations.map(\.description).joined(separator: " ")].joined(separator: "|")
            }
        }
        let one = run(1)
        #expect(one.count > count)
        #expect(run(2) == one)
        #expect(run(3) == one)
    }
}
