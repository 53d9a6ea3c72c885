import CEL
import Foundation

/// Runs a check: reads every submission, evaluates unit rules per unit (in parallel) and
/// streams each unit's findings to a sink in file order, then campaign rules across units,
/// then the units missing from the roster. Waivers apply and totals are counted as findings
/// pass; nothing holds the run.
public enum CheckRun {
    /// Reads one input: its bytes, or why they could not be had.
    public typealias Reader = @Sendable () -> Result<[UInt8], ReadFailure>
    /// A submission to check: the path reports show, and a way to read it.
    public typealias Input = (path: String, read: Reader)

    /// The submissions `paths` name (folders are searched for `*.yaml`, `*.yml`, `*.json`).
    public static func inputs(_ ruleSet: RuleSet, paths: [String]) -> InputList {
        Paths.inputList(paths, extensions: ["yaml", "yml", "json"], limit: ruleSet.limits.yaml.maxBytes)
    }

    /// Checks the files `paths` name and keeps the whole run (for tests and small tools).
    /// `roster: false` leaves out `missing` findings (a unit checking only its own file).
    public static func run(_ ruleSet: RuleSet, paths: [String], asOf: CELDate, roster: Bool = true,
                           jobs: Int? = nil) -> CheckResult {
        let sink = CollectingSink()
        run(ruleSet, inputs: inputs(ruleSet, paths: paths), asOf: asOf, roster: roster, jobs: jobs, into: sink)
        return sink.result
    }

    /// Checks inputs that bring their own readers and keeps the whole run.
    public static func run(_ ruleSet: RuleSet, inputs: [Input], asOf: CELDate, roster: Bool = true,
                           jobs: Int? = nil) -> CheckResult {
        let sink = CollectingSink()
        run(ruleSet, inputs: InputList(inputs), asOf: asOf, roster: roster, jobs: jobs, into: sink)
        return sink.result
    }

    /// Checks the inputs, sending findings to `sink` as each unit is done. `jobs` threads check
    /// files at once (default: the cores); what the sink gets is the same for any number.
    /// `progress` hears how many files are done, from the checking threads.
    @discardableResult
    public static func run(_ ruleSet: RuleSet, inputs: InputList, asOf: CELDate, roster: Bool = true, jobs: Int? = nil,
                           progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil,
                           into sink: FindingSink) -> Summary {
        let total = inputs.count
        var told: (@Sendable (Int) -> Void)?
        if let progress { told = { done in progress(done, total) } }
        sink.begin(RunHeader(asOf: Day(asOf), ruleFiles: ruleSet.files, rules: ruleSet.catalogue, files: total))
        var emitter = Emitter(ruleSet: ruleSet, asOf: asOf, sink: sink, expected: total) { inputs.path($0) }
        let excerpts = sink.wantsExcerpts
        // Waivers and the sink's rendering happen on the checking threads: what is left in order
        // is counting and writing.
        let (renderer, waivers) = (emitter.renderer, emitter.waivers)
        // Each thread past the first checks with its own copy of the rules (`independentCopy`)
        // and renders with its own renderer, when there are files enough to repay loading the
        // rules again.
        let copies = inputs.count >= Self.filesPerRulesCopy * Parallel.workerCount(inputs.count, jobs: jobs)
        Parallel.forEachInOrder(inputs.count, jobs: jobs, progress: told, worker: { w -> (RuleSet, WaiverBook, (any FindingRenderer)?) in
            guard w > 0, copies, let own = ruleSet.independentCopy() else { return (ruleSet, waivers, renderer) }
            return (own, WaiverBook(own.waivers, asOf: asOf), renderer?.forAnotherThread(own.catalogue))
        }, { state, i in
            let (set, waivers, renderer) = state
            let (entry, unwaived) = unit(set, path: inputs.path(i), bytes: inputs.read(i), index: Int32(i), asOf: asOf, excerpts: excerpts)
            var findings = unwaived
            waivers.apply(&findings)
            return (entry, findings, renderer?.render(findings, section: .unit))
        }, consume: { _, result in emitter.unit(result.0, result.1, rendered: result.2) })
        Memory.returnFreePages()
        emitter.campaign(partial: !roster)
        if roster { emitter.missing() }
        sink.end(emitter.summary)
        return emitter.summary
    }

    /// Files per thread below which the threads share the loaded rules: loading them again
    /// takes about as long as checking a hundred files.
    static let filesPerRulesCopy = 100

    /// Reads one file, evaluates the unit-scope rules on it, and keeps what campaign rules need.
    static func unit(_ ruleSet: RuleSet, path: String, bytes read: Result<[UInt8], ReadFailure>, index: Int32,
                     asOf: CELDate, excerpts: Bool = false) -> (UnitEntry, [Finding]) {
        let (sub, view, evaluated) = evaluate(ruleSet, path: path, bytes: read, index: index, asOf: asOf)
        var findings = evaluated
        if excerpts, case .success(let bytes) = read { Excerpts.attach(&findings, bytes: bytes, file: path) }
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
                                 issues: [SubmissionIssue(code: code, message: EngineText.unreadable(path, failure), mark: .start)],
                                 keyMarks: KeyMarks(ruleSet.schema))
            return (sub, nil, invalid(sub))
        }
        let sub = SubmissionDecoder.decode(path: path, bytes: bytes, index: index, ruleSet: ruleSet)
        var findings: [Finding] = []
        if let id = sub.unitID, !ruleSet.expectedUnits.isEmpty, ruleSet.roster[id] == nil {
            findings.append(Finding(unit: id, file: path, rule: BuiltinRule.roster, status: .warn, severity: .warning, message: EngineText.notOnRoster(id),
                                    locations: sub.keyMarks[key: ruleSet.schema.identityKey].map { [Location(file: path, $0)] } ?? []))
        }
        findings += invalid(sub)
        // A file that does not say which unit it is (its `unit` is missing or unreadable) has
        // only its invalid findings: rules about an unknown unit would all fail to evaluate.
        let view = AsOfView.view(of: sub, ruleSet.schema.root, asOf: asOf)
        // The file's own findings first; the rules' findings carry the unit's name already.
        let name = sub.unitName
        for i in findings.indices { findings[i].unitName = name }
        if sub.root != nil, sub.unitID != nil {
            // Room for a few findings a rule (an item each, most often a handful), made once:
            // grown from empty, the array is made and copied seven times for a hundred.
            findings.reserveCapacity(findings.count + 3 * ruleSet.rules.count)
            UnitEvaluator(ruleSet: ruleSet, submission: sub, asOf: asOf, view: view).findings(into: &findings)
        }
        return (sub, view, findings)
    }

    static func invalid(_ sub: Submission) -> [Finding] {
        sub.issues.sorted { $0.mark < $1.mark }.map { issue in
            Finding(unit: sub.unitID, file: sub.path, rule: BuiltinRule.schema, status: .invalid,
                    message: issue.message, locations: [Location(file: sub.path, issue.mark)])
        }
    }
}
