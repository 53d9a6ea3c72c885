import CEL
import Foundation
import YAML

/// One rule test case: a folder beside the rules (`tests/<case>/case.yaml`) with the
/// submissions to check and the findings expected at one or more as-of dates.
public struct RuleTestCase: Sendable {
    /// The case's `case.yaml`.
    public let path: String
    public let description: String?
    /// The submissions: `files:` (relative to the case folder), else the folder's other YAML files.
    public let files: [String]
    /// Whether units on the roster without a file are reported (default: no).
    public let roster: Bool
    public let runs: [(asOf: CELDate, expectations: [Expectation])]
}

/// One expected finding: for `rule` (and `unit`, `item` when given), every finding has `status`
/// and, when given, a message containing `message`.
public struct Expectation: Sendable {
    public let rule: String
    public let unit: String?
    public let item: String?
    public let status: Status
    public let message: String?
    public let location: Location
}

/// How an expectation came out: the findings it was held against, and why it failed.
public struct ExpectationResult: Sendable {
    public let expectation: Expectation
    public let asOf: CELDate
    public let got: [Finding]
    /// Nil when it held.
    public let failure: String?
}

/// Finds, loads and runs rule test cases.
public enum RuleTests {
    /// The name of a case's file, and of the folder cases are kept in beside the rules.
    public static let caseFile = "case.yaml"
    public static let folder = RulesLoader.testsFolder
    static let caseKeys = ["description", "files", "roster", "at"]
    static let runKeys = ["as_of", "expect"]
    static let expectationKeys = ["rule", "unit", "item", "status", "message"]

    /// The `case.yaml` files under the paths (a case folder, its `case.yaml`, or a folder of cases).
    public static func casePaths(_ paths: [String]) -> [String] {
        var out: [String] = []
        for path in paths {
            if !Paths.isFolder(path) { out.append(path); continue }
            out += Paths.expand([path], extensions: ["yaml"]).filter { ($0 as NSString).lastPathComponent == caseFile }
        }
        return out
    }

    /// Loads a case, or the diagnostics that say what is wrong with it.
    public static func load(_ path: String) -> Result<RuleTestCase, RulesError> {
        let bytes: [UInt8]
        switch Paths.read(path) {
        case .success(let b): bytes = b
        case .failure: return .failure(RulesError(diagnostics: [Diagnostic("test.read", EngineText.cannotRead(path), at: Location(file: path, line: 1, column: 1))]))
        }
        let source = SourceText(path: path, bytes: bytes)
        var diagnostics: [Diagnostic] = []
        func report(_ message: String, _ mark: Mark) { diagnostics.append(source.diagnostic("test.case", message, at: mark)) }
        func keys(_ m: Mapping, _ allowed: [String]) {
            for e in m.entries where !allowed.contains(e.key.value) {
                report(EngineText.unknownTestKey(e.key.value, allowed, Suggest.closest(e.key.value, in: allowed)), e.key.mark)
            }
        }
        let root: Mapping
        do {
            guard case .mapping(let m) = try Composer.compose(bytes: bytes) else {
                return .failure(RulesError(diagnostics: [source.diagnostic("test.case", EngineText.testCaseShape, at: .start)]))
            }
            root = m
        } catch {
            return .failure(RulesError(diagnostics: [source.diagnostic(error.code, error.message, at: error.mark)]))
        }
        keys(root, caseKeys)
        let folder = (path as NSString).deletingLastPathComponent
        var files: [String] = []
        if let node = root["files"] {
            for item in node.sequence?.items ?? [node] {
                guard let s = item.scalar else { report(EngineText.testExpectedText("files"), item.mark); continue }
                files.append(s.value.hasPrefix("/") ? s.value : (folder as NSString).appendingPathComponent(s.value))
            }
        } else {
            files = Paths.expand([folder], extensions: ["yaml", "yml"]).filter { ($0 as NSString).lastPathComponent != caseFile }
        }
        if files.isEmpty { report(EngineText.testNoFiles(folder), root.mark) }
        var roster = false
        if let r = root["roster"] {
            if r.scalar?.value == "true" { roster = true } else if r.scalar?.value != "false" { report(EngineText.testExpectedBool("roster"), r.mark) }
        }
        var runs: [(CELDate, [Expectation])] = []
        let at = root["at"]?.sequence?.items ?? []
        if at.isEmpty { report(EngineText.testNoRuns, root["at"]?.mark ?? root.mark) }
        for run in at {
            guard let m = run.mapping else { report(EngineText.testCaseShape, run.mark); continue }
            keys(m, runKeys)
            guard let dateText = m["as_of"]?.scalar, let date = CELDate.parse(dateText.value) else {
                report(EngineText.testNeedsDate, m["as_of"]?.mark ?? m.mark)
                continue
            }
            var expectations: [Expectation] = []
            let written = m["expect"]?.sequence?.items ?? []
            for e in written {
                guard let em = e.mapping else { report(EngineText.testCaseShape, e.mark); continue }
                keys(em, expectationKeys)
                guard let rule = em["rule"]?.scalar?.value else { report(EngineText.testNeedsKey("rule"), em.mark); continue }
                guard let statusText = em["status"]?.scalar, let status = Status(rawValue: statusText.value) else {
                    report(EngineText.testBadStatus(em["status"]?.scalar?.value ?? "", Status.allCases.map(\.rawValue)), em["status"]?.mark ?? em.mark)
                    continue
                }
                expectations.append(Expectation(rule: rule, unit: em["unit"]?.scalar?.value, item: em["item"]?.scalar?.value,
                                                status: status, message: em["message"]?.scalar?.value,
                                                location: Location(file: path, em.mark)))
            }
            // Reported once: expectations that were written but wrong have their own diagnostics.
            if written.isEmpty { report(EngineText.testNoExpectations, m.mark) }
            runs.append((date, expectations))
        }
        guard diagnostics.isEmpty else { return .failure(RulesError(diagnostics: diagnostics.sorted { $0.location < $1.location })) }
        return .success(RuleTestCase(path: path, description: root["description"]?.scalar?.value, files: files, roster: roster, runs: runs))
    }

    /// Checks the case's files at each of its dates and holds each expectation to the findings.
    public static func run(_ ruleSet: RuleSet, _ c: RuleTestCase) -> [ExpectationResult] {
        let known = Set(ruleSet.catalogue.map(\.id))
        var out: [ExpectationResult] = []
        for (asOf, expectations) in c.runs {
            let result = CheckRun.run(ruleSet, paths: c.files, asOf: asOf, roster: c.roster, jobs: 1)
            for e in expectations {
                let got = result.findings.filter { f in
                    f.rule == e.rule && (e.unit == nil || f.unit == e.unit) && (e.item == nil || f.item == e.item)
                }
                let failure: String?
                if !known.contains(e.rule) {
                    failure = EngineText.testUnknownRule(e.rule, Suggest.closest(e.rule, in: Array(known)))
                } else if got.isEmpty {
                    failure = EngineText.testNoFinding
                } else if let wrong = got.first(where: { $0.status != e.status }) {
                    failure = EngineText.testWrongStatus(wrong.status.rawValue)
                } else if let fragment = e.message, let wrong = got.first(where: { !$0.message.contains(fragment) }) {
                    failure = EngineText.testWrongMessage(fragment, wrong.message)
                } else {
                    failure = nil
                }
                out.append(ExpectationResult(expectation: e, asOf: asOf, got: got, failure: failure))
            }
        }
        return out
    }

    /// The rules no expectation that held shows passing, or failing (`fail` or `warn`).
    public static func uncovered(_ ruleSet: RuleSet, _ results: [ExpectationResult]) -> [(rule: Rule, pass: Bool, fail: Bool)] {
        var passes = Set<String>(), fails = Set<String>()
        for r in results where r.failure == nil {
            if r.expectation.status == .pass { passes.insert(r.expectation.rule) }
            if r.expectation.status == .fail || r.expectation.status == .warn { fails.insert(r.expectation.rule) }
        }
        return ruleSet.rules.compactMap { rule in
            let p = passes.contains(rule.id), f = fails.contains(rule.id)
            return p && f ? nil : (rule, p, f)
        }
    }
}
