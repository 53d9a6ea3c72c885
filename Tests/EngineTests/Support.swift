import CEL
import TestSupport
@testable import Engine

/// The repository root, found from this file's path so tests run from any directory.
let repositoryRoot: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/")
}()

/// A small schema and values for engine tests; rules are appended by each test.
func testRules(_ rules: String, extra: String = "") -> String {
    """
    duibiao: 1
    campaign: {source: \(repositoryRoot)/seeds/000_e2d3f5109e70ee80.txt}
    values: {due: 2019-09-10, approx: 5d, limit: 2}
    schema:
      unit: {fields: {id: string, name: string?, kind: {enum: [county, branch]}}}
      members: {items: {fields: {name: string}}}
      records:
        fields:
          plans: {dated_by: date, items: {fields: {date: date, scope: {enum: [班子, 个人]}}}}
          visits: {dated_by: date, items: {fields: {member: {type: string, ref: members.name}, site: string, date: date}}}
          problems:
            items:
              fields:
                id: string
                status: {enum: [整改中, 已完成]}
                completed: {type: date, optional: true, required_when: "it.status == '已完成'"}
                note: string?
    \(extra)
    rules:
    \(rules)
    """
}

/// Loads rules text, or the diagnostics it produces.
func load(_ text: String, path: String = "rules.yaml") -> Result<RuleSet, RulesError> {
    do {
        return .success(try RulesLoader.load(sources: [(path, Array(text.utf8))]))
    } catch {
        return .failure(error)
    }
}

/// Loads rules that must be valid.
func mustLoad(_ text: String) throws -> RuleSet {
    switch load(text) {
    case .success(let s): return s
    case .failure(let e): throw TestFailure(e.diagnostics.map(\.description).joined(separator: "\n"))
    }
}

/// Runs a check over in-memory submissions.
func check(_ set: RuleSet, _ files: [(String, String)], asOf: String) -> CheckResult {
    CheckRun.run(set, inputs: files.map { f in (f.0, { .success(Array(f.1.utf8)) }) }, asOf: CELDate.parse(asOf)!)
}

/// A county submission with the given records block (indented under `records:`).
func county(_ id: String = "QX-1", members: [String] = ["王五", "赵六"], records: String) -> String {
    """
    unit: {id: \(id), name: 测试县, kind: county}
    members:
    \(members.map { "  - {name: \($0)}" }.joined(separator: "\n"))
    records:
    \(records)
    """
}

/// The 1-based line and column of the first occurrence of `token` in `text`, in Unicode scalars.
func position(of token: String, in text: String, occurrence: Int = 1) -> (line: Int, column: Int)? {
    var seen = 0
    for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        var rest = Substring(line)
        var offset = 0
        while let r = rest.range(of: token) {
            seen += 1
            let col = offset + rest[..<r.lowerBound].unicodeScalars.count
            if seen == occurrence { return (i + 1, col + 1) }
            offset = col + token.unicodeScalars.count
            rest = rest[r.upperBound...]
        }
    }
    return nil
}
