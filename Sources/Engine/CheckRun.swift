import CEL
import Foundation

/// The result of checking submissions against a rule set as of a date.
public struct CheckResult: Sendable {
    public let asOf: CELDate
    public let rules: [RulesFile]
    public let findings: [Finding]
    /// The submission files read, in run order.
    public let files: [String]

    public init(asOf: CELDate, rules: [RulesFile], findings: [Finding], files: [String]) {
        self.asOf = asOf
        self.rules = rules
        self.findings = findings
        self.files = files
    }

    /// How many findings have each status (every status present, zero or not).
    public var summary: [(status: Status, count: Int)] {
        // One pass, counting: filtering per status copied every finding nine times.
        var counts = [Status: Int]()
        for f in findings { counts[f.status, default: 0] += 1 }
        return Status.allCases.map { ($0, counts[$0] ?? 0) }
    }

    /// True when some finding is at or above `level`.
    public func fails(at level: Severity) -> Bool {
        findings.contains { f in f.level.map { $0 >= level } ?? false }
    }
}

/// Runs a check: reads every submission, evaluates unit rules per unit (in parallel), then
/// campaign rules across units, then applies the roster and the office's waivers.
public enum CheckRun {
    /// Checks the files (folders are searched for `*.yaml`, `*.yml`, `*.json`).
    /// `roster: false` leaves out `missing` findings (a unit checking only its own file).
    public static func run(_ ruleSet: RuleSet, paths: [String], asOf: CELDate, roster: Bool = true,
                           jobs: Int? = nil, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) -> CheckResult {
        let inputs = Paths.inputs(paths, extensions: ["yaml", "yml", "json"]).map { input -> (path: String, read: Reader) in
            switch input {
            case .file(let path): (path, { Paths.read(path, limit: ruleSet.limits.yaml.maxBytes) })
            case .unreadableFolder(let path, let code): (path, { .failure(.folderUnreadable(errno: code)) })
            }
        }
        return run(ruleSet, inputs: inputs, asOf: asOf, roster: roster, jobs: jobs, progress: progress)
    }

    /// Checks submissions given as paths with a way to read each; files
    /// are read inside the parallel loop so memory holds few of them at once.
    /// Reads one input: its bytes, or why they could not be had.
    public typealias Reader = @Sendable () -> Result<[UInt8], ReadFailure>

    /// `jobs` threads check files at once (default: the cores); the result is the same for any
    /// number. `progress` hears how many files are done, from the checking threads.
    public static func run(_ ruleSet: RuleSet, inputs: [(path: String, read: Reader)], asOf: CELDate,
                           roster: Bool = true, jobs: Int? = nil,
                           progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) -> CheckResult {
        let files = inputs.map(\.path)
        let total = inputs.count
        var told: (@Sendable (Int) -> Void)?
        if let progress { told = { done in progress(done, total) } }
        let results = Parallel.map(inputs.count, jobs: jobs, progress: told) { i in
            unit(ruleSet, path: inputs[i].path, bytes: inputs[i].read(), index: Int32(i), asOf: asOf)
        }
        let entries = results.map(\.0)
        var findings = results.flatMap(\.1)
        findings += duplicateUnits(entries)
        findings += CampaignEvaluator(ruleSet: ruleSet, entries: entries, asOf: asOf, partial: !roster).findings()
        if roster { findings += missing(ruleSet, entries) }
        Waivers.apply(ruleSet.waivers, to: &findings, asOf: asOf)
        let fileOrder = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($1, $0) })
        // Sort keys once, then indices: findings are large and their paths costly to look up.
        let keys = findings.enumerated().map { i, f in
            (f.file.flatMap { fileOrder[$0] } ?? Int.max, f.order.rule, f.order.item, i)
        }
        findings = keys.sorted { $0 < $1 }.map { findings[$0.3] }
        return CheckResult(asOf: asOf, rules: ruleSet.files, findings: findings, files: files)
    }

    /// Reads one file and evaluates the unit-scope rules on it.
    /// Reads one file, evaluates the unit-scope rules on it, and keeps what campaign rules need.
    static func unit(_ ruleSet: RuleSet, path: String, bytes read: Result<[UInt8], ReadFailure>, index: Int32,
                     asOf: CELDate) -> (UnitEntry, [Finding]) {
        let (sub, view, findings) = evaluate(ruleSet, path: path, bytes: read, index: index, asOf: asOf)
        return (UnitEntry(sub, view: view, ruleSet: ruleSet, asOf: asOf), findings)
    }

    /// The decoded file, its as-of view (computed once, for both scopes), and its findings.
    static func evaluate(_ ruleSet: RuleSet, path: String, bytes read: Result<[UInt8], ReadFailure>, index: Int32,
                         asOf: CELDate) -> (Submission, CELObject?, [Finding]) {
        let bytes: [UInt8]
        switch read {
        case .success(let b): bytes = b
        case .failure(let failure):
            let code = if case .tooLarge = failure { "yaml.size" } else { "submission.read" }
            let sub = Submission(path: path, index: index, root: nil, unitID: nil,
                                 issues: [SubmissionIssue(code: code, message: EngineText.unreadable(path, failure), mark: .start)], keyMarks: [:])
            return (sub, nil, invalid(sub))
        }
        let sub = SubmissionDecoder.decode(path: path, bytes: bytes, index: index, ruleSet: ruleSet)
        var findings = invalid(sub)
        if let id = sub.unitID, !ruleSet.expectedUnits.isEmpty, ruleSet.roster[id] == nil {
            var f = Finding(unit: id, file: path, rule: "submission", title: EngineText.rosterRule, status: .warn, severity: .warning,
                            message: EngineText.notOnRoster(id), locations: sub.keyMarks[ruleSet.schema.identity.field].map { [Location(file: path, $0)] } ?? [])
            f.order = (-1, 1)
            findings.append(f)
        }
        // A file that does not say which unit it is (its `unit` is missing or unreadable) has
        // only its invalid findings: rules about an unknown unit would all fail to evaluate.
        let view = sub.root.map { AsOfView.view($0, ruleSet.schema.root, asOf: asOf) }
        if sub.root != nil, sub.unitID != nil {
            findings += UnitEvaluator(ruleSet: ruleSet, submission: sub, asOf: asOf, view: view).findings()
        }
        let name = sub.unitName
        for i in findings.indices { findings[i].unitName = name }
        return (sub, view, findings)
    }

    static func invalid(_ sub: Submission) -> [Finding] {
        sub.issues.sorted { $0.mark < $1.mark }.map { issue in
            Finding(unit: sub.unitID, file: sub.path, rule: "schema", title: EngineText.schemaRule, status: .invalid,
                    message: issue.message, locations: [Location(file: sub.path, issue.mark)])
        }
    }

    static func duplicateUnits(_ entries: [UnitEntry]) -> [Finding] {
        var first: [String: UnitEntry] = [:]
        var out: [Finding] = []
        for s in entries {
            guard let id = s.unitID else { continue }
            if let f = first[id] {
                let mark = s.unitMark ?? .start
                var finding = Finding(unit: id, file: s.path, rule: "schema", title: EngineText.schemaRule, status: .invalid,
                                      message: EngineText.duplicateUnit(id, f.path), locations: [Location(file: s.path, mark)])
                finding.unitName = s.unitName
                out.append(finding)
            } else {
                first[id] = s
            }
        }
        return out
    }

    static func missing(_ ruleSet: RuleSet, _ entries: [UnitEntry]) -> [Finding] {
        let present = Set(entries.compactMap(\.unitID))
        var seen = Set<String>()
        return ruleSet.expectedUnits.enumerated().compactMap { i, u in
            guard !present.contains(u.id), seen.insert(u.id).inserted else { return nil }
            var f = Finding(unit: u.id, file: nil, rule: "submission", title: EngineText.missingRule, status: .missing,
                            message: EngineText.missingUnit(u.id, u.name), locations: [u.location])
            f.unitName = u.name
            f.order = (Int.max, i)
            return f
        }
    }
}
