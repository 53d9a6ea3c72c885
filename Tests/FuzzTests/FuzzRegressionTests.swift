import Foundation
import Testing
import FuzzTargets

/// Every input that once crashed, hung or ran away (found by fuzzing or by hand) is replayed
/// through its target on every test run. `make fuzz` saves new ones in `.build-fuzz/crashes`;
/// each goes into `regressions/<target>/` with its fix.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("regressions").path

    static var cases: [String] {
        FuzzTargets.all.keys.sorted().flatMap { target in
            ((try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/\(target)")) ?? []).sorted().map { "\(target)/\($0)" }
        }
    }

    @Test func everyTargetHasRegressions() {
        for target in FuzzTargets.all.keys {
            #expect(Self.cases.contains { $0.hasPrefix(target + "/") }, "no regression inputs for \(target)")
        }
    }

    /// The rules target reaches a check: the shipped second batch loads with the rest of its
    /// set, and the example is checked against it.
    @Test func theRulesTargetChecksWithTheShippedSecondBatch() throws {
        let folder = try #require(FuzzTargets.rulesFolder)
        let bytes = try #require(FileManager.default.contents(atPath: "\(folder.path)/second-batch.yaml"))
        let report = try #require(FuzzTargets.rulesChecked(Array(bytes)))
        #expect(report.contains("\"rule\":\"member-research-visits\""))
    }

    @Test(arguments: cases)
    func replays(_ name: String) throws {
        let target = try #require(FuzzTargets.all[String(name.split(separator: "/")[0])])
        let data = try #require(FileManager.default.contents(atPath: "\(Self.folder)/\(name)"))
        // Returning at all is the test: a crash, a hang or an abort fails the run.
        target(Array(data))
    }
}
