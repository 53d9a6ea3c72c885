/// What a report knows before the first finding arrives.
public struct RunHeader: Sendable {
    public let asOf: Day
    /// The rules files, with their digests.
    public let ruleFiles: [RulesFile]
    /// Every rule findings may name (`RuleSet.catalogue`).
    public let rules: [RuleInfo]
    /// How many submission files the run reads.
    public let files: Int

    public init(asOf: Day, ruleFiles: [RulesFile], rules: [RuleInfo], files: Int) {
        self.asOf = asOf
        self.ruleFiles = ruleFiles
        self.rules = rules
        self.files = files
    }
}

/// Which part of a run a batch of findings comes from; batches arrive in this order.
public enum Section: Sendable {
    /// One submission's findings (its format, its unit's rules), in the order of the files.
    case unit
    /// Campaign rules: campaign-wide findings first, then those of each unit in file order.
    case campaign
    /// Units on the roster without a submission, in roster order.
    case missing
}

/// A run's totals, counted as findings pass.
public struct Summary: Sendable {
    private var counts = [Int](repeating: 0, count: Status.allCases.count)
    private var worst: Severity?

    public init() {}

    /// Counts one finding.
    public mutating func add(_ f: Finding) { add(f.status, f.severity) }

    /// Counts one finding by its status and severity (all a count needs of it).
    public mutating func add(_ status: Status, _ severity: Severity) {
        counts[Self.slot(status)] += 1
        if let level = Finding.level(status, severity), worst.map({ level > $0 }) ?? true { worst = level }
    }

    /// Each status's counter: a switch, as `allCases` would be an array made per finding.
    private static func slot(_ s: Status) -> Int {
        switch s {
        case .pass: 0
        case .fail: 1
        case .warn: 2
        case .pending: 3
        case .notApplicable: 4
        case .waived: 5
        case .error: 6
        case .invalid: 7
        case .missing: 8
        }
    }

    /// Every status with its count, zero or not, in `Status.allCases` order.
    public var rows: [(status: Status, count: Int)] {
        Status.allCases.map { ($0, counts[Self.slot($0)]) }
    }

    /// How many findings have `status`.
    public subscript(_ status: Status) -> Int { counts[Self.slot(status)] }

    /// All findings counted.
    public var total: Int { counts.reduce(0, +) }

    /// True when some finding is at or above `level`.
    public func fails(at level: Severity) -> Bool { worst.map { $0 >= level } ?? false }
}

/// Where a run's findings go as they are made: a report writer. Calls come from one thread
/// at a time, in order: `begin`, `write` for each batch (each unit's preceded by `unit`), `end`.
public protocol FindingSink: AnyObject {
    func begin(_ header: RunHeader)
    /// Who the next batch is about (a submission's unit, or a missing unit from the roster).
    func unit(_ facts: UnitFacts)
    /// One batch: a submission's findings, the campaign's, or the missing units'.
    func write(_ findings: [Finding], section: Section)
    func end(_ summary: Summary)
    /// Whether findings should carry the source line they point at (`Finding.excerpt`).
    var wantsExcerpts: Bool { get }
    /// Why the report could not be written whole, found while writing (besides its output).
    var problem: String? { get }
    /// What can turn a unit's findings into the report's bytes on the checking threads, so that
    /// writing them is all that is left to do in order; asked once, after `begin`.
    var renderer: (any FindingRenderer)? { get }
    /// A unit's findings with the bytes `renderer` made of them.
    func write(_ findings: [Finding], section: Section, rendered: RenderedBytes)
    /// Whether a batch may come in pieces: a sink that does not group a batch's findings by
    /// section (JSON, SARIF) gets the campaign-wide findings one at a time as they are made,
    /// so a rule whose groups point at a province's records is never held whole.
    var takesPieces: Bool { get }
}

extension FindingSink {
    public func unit(_ facts: UnitFacts) {}
    public var wantsExcerpts: Bool { false }
    public var problem: String? { nil }
    public var renderer: (any FindingRenderer)? { nil }
    public var takesPieces: Bool { false }
    public func write(_ findings: [Finding], section: Section, rendered: RenderedBytes) { write(findings, section: section) }
}

/// Renders one unit's findings for a sink, from any thread: it holds only what `begin` told
/// the sink (the rules table), never the sink's running state.
public protocol FindingRenderer: Sendable {
    func render(_ findings: [Finding], section: Section) -> RenderedBytes
    /// A renderer like this one for one more checking thread, made as `begin` made this one
    /// but from `rules`, that thread's own copy of the run's rules table (the catalogue of its
    /// `RuleSet.independentCopy`): it holds nothing whose references another thread counts, a
    /// count on a shared object being a cache line the cores pass to each other.
    func forAnotherThread(_ rules: [RuleInfo]) -> any FindingRenderer
}

extension FindingRenderer {
    /// This renderer itself, for one that counts nothing shared per unit.
    public func forAnotherThread(_ rules: [RuleInfo]) -> any FindingRenderer { self }
}

/// A unit as reports group and roll up findings: its id, name and the unit above it.
public struct UnitFacts: Sendable {
    public let id: String?
    public let name: String?
    /// The id of the unit above it (`parent`, or the field with `role: parent`), if any.
    public let parent: String?
    /// Its submission, nil for a unit on the roster that sent none.
    public let file: String?

    public init(id: String?, name: String?, parent: String?, file: String?) {
        self.id = id
        self.name = name
        self.parent = parent
        self.file = file
    }
}

/// A whole run held in memory, for tests and small tools; `check` streams instead.
public struct CheckResult: Sendable {
    public let header: RunHeader
    public let findings: [Finding]
    /// Each finding's section, by index.
    public let sections: [Section]
    public let summary: Summary

    /// Feeds the held run to a sink, as the run itself would have.
    public func replay(into sink: FindingSink) {
        sink.begin(header)
        var start = 0
        for i in findings.indices where i + 1 == findings.count || sections[i + 1] != sections[i] || groupBreak(i) {
            sink.write(Array(findings[start...i]), section: sections[i])
            start = i + 1
        }
        sink.end(summary)
    }

    /// Submissions came in batches of one file each.
    private func groupBreak(_ i: Int) -> Bool {
        sections[i] == .unit && findings[i + 1].file != findings[i].file
    }

    /// True when some finding is at or above `level`.
    public func fails(at level: Severity) -> Bool { summary.fails(at: level) }
}

/// Keeps everything a run emits.
public final class CollectingSink: FindingSink {
    private var header: RunHeader?
    private var findings: [Finding] = []
    private var sections: [Section] = []
    private var summary = Summary()

    public init() {}

    public func begin(_ header: RunHeader) { self.header = header }

    public func write(_ findings: [Finding], section: Section) {
        self.findings += findings
        sections += repeatElement(section, count: findings.count)
    }

    public func end(_ summary: Summary) { self.summary = summary }

    /// The run as held.
    public var result: CheckResult {
        CheckResult(header: header!, findings: findings, sections: sections, summary: summary)
    }
}
