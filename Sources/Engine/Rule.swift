import CEL
import YAML

/// Whether a rule looks at one unit at a time or at all units together.
public enum RuleScope: String, Sendable {
    case unit, campaign
}

/// A rule as loaded: metadata, and every expression compiled against the schema. A class:
/// each unit's evaluation refers to its rules, it does not copy a dozen expressions per rule.
public final class Rule: Sendable {
    public let id: String
    public let implements: [String]
    public let title: String
    public let quote: String?
    public let severity: Severity
    public let scope: RuleScope
    public let location: Location
    /// The rules file's own `applies_to`, then the rule's: both must hold.
    let appliesTo: [CompiledExpression]
    let forEach: CompiledExpression?
    let groupBy: [CompiledExpression]
    let label: CompiledExpression?
    /// Campaign scope: the id of the unit a finding belongs to (default: the items' unit).
    let forUnit: CompiledExpression?
    let value: CompiledExpression?
    let expect: CompiledExpression?
    let doneOn: CompiledExpression?
    let due: CompiledExpression?
    let tolerance: CompiledExpression?
    let message: Template?
    /// Submission paths the rule's checks read (`records.research_plans`), for pointing at them;
    /// `applies_to` is left out, as it says whom the rule is for, not what decided it.
    public let reads: [String]
    /// Every expression's source text, keyed by rule field, for `explain`.
    public let expressions: [(key: String, text: String)]

    init(id: String, implements: [String], title: String, quote: String?, severity: Severity, scope: RuleScope,
         location: Location, appliesTo: [CompiledExpression], forEach: CompiledExpression?, groupBy: [CompiledExpression],
         label: CompiledExpression?, forUnit: CompiledExpression?, value: CompiledExpression?, expect: CompiledExpression?,
         doneOn: CompiledExpression?, due: CompiledExpression?, tolerance: CompiledExpression?, message: Template?,
         reads: [String], expressions: [(key: String, text: String)]) {
        self.id = id
        self.implements = implements
        self.title = title
        self.quote = quote
        self.severity = severity
        self.scope = scope
        self.location = location
        self.appliesTo = appliesTo
        self.forEach = forEach
        self.groupBy = groupBy
        self.label = label
        self.forUnit = forUnit
        self.value = value
        self.expect = expect
        self.doneOn = doneOn
        self.due = due
        self.tolerance = tolerance
        self.message = message
        self.reads = reads
        self.expressions = expressions
    }
}

/// An office waiver: this unit need not meet this rule, for this reason, until this date.
public struct Waiver: Sendable {
    public let unit: String
    public let rule: String
    /// One item of a `for_each` rule (its label as findings show it), or nil for all of them.
    public let item: String?
    public let reason: String
    public let approver: String
    public let expires: CELDate?
    public let location: Location
    /// Where the rule and unit are written, for diagnostics about them.
    let ruleMark: Mark
    let unitMark: Mark
    let source: SourceText
}

/// A unit the office expects a submission from.
public struct ExpectedUnit: Sendable {
    public let id: String
    public let name: String?
    public let location: Location
    /// Further fields of the unit as the roster records them (`kind`, `batch`, `parent`, …),
    /// typed by the schema's `unit`: they decide which rules apply, whatever the file says.
    public var fields: [(name: String, value: Value)] = []
}

/// A loaded rules file: its path and content hash, for reports.
public struct RulesFile: Sendable {
    public let path: String
    public let sha256: String
}

/// Bounds on what a unit's file and a rule may cost, each settable by the office under
/// `limits:` in a rules file (docs/security.md lists them with their defaults).
public struct RuleLimits: Sendable {
    /// Evaluation steps one rule may take for one unit (campaign rules: times the units).
    /// As Kubernetes' per-call limit: ample for any real unit, small enough to stop a runaway
    /// rule in well under a second.
    public var cost = 1_000_000
    /// Items of one `for_each` (or groups of a `group_by`) checked one by one, per unit; the
    /// rest are reported in one `error` finding. Far above any real unit's list.
    public var items = 1_000
    /// Problems (`invalid` findings) listed per file; the rest are counted in one more.
    public var problems = 100
    /// Longest unit id or name, in characters: they are repeated in every finding.
    public var nameLength = 200
    /// File size, nesting depth and alias expansion of a unit's file.
    public var yaml = Limits.default

    public init() {}

    /// The keys of `limits:`, each with the field it sets (immutable: key paths are not Sendable).
    nonisolated(unsafe) static let keys: [(key: String, path: WritableKeyPath<RuleLimits, Int>)] = [
        ("cost", \.cost), ("items", \.items), ("problems", \.problems), ("name_length", \.nameLength),
        ("file_size", \.yaml.maxBytes), ("depth", \.yaml.maxDepth), ("aliases", \.yaml.maxAliasEvents),
    ]
}

/// Everything the office declared, checked and ready to run.
/// A class, not a struct: a unit's decoder, evaluator and campaign entry each hold it, and a
/// copy of a struct of twenty references would count each of them up and down per unit. It is
/// not changed once loaded (`warnings` and `sources` are set by the loader before it is shared).
public final class RuleSet: @unchecked Sendable {
    public let limits: RuleLimits
    /// What `lint` should mention but that does not stop the rules from running.
    public internal(set) var warnings: [Diagnostic] = []
    public let files: [RulesFile]
    public let schema: Schema
    public let values: CELObject
    public let rules: [Rule]
    public let waivers: [Waiver]
    public let expectedUnits: [ExpectedUnit]
    /// The roster by unit id (the first entry of an id).
    let roster: [String: ExpectedUnit]
    /// What findings call a `for_each` item: declared labels (`label:` in the schema) by the
    /// CEL type name of the records, and the fields each record type is named by.
    let itemLabels: ItemLabels
    /// The `all.<list>` fields campaign rules read: all that a unit keeps for them.
    let campaignLists: Set<String>
    /// The record lists among them, in schema order: the order each unit writes them in the
    /// campaign index.
    let campaignRecordLists: [String]
    /// `required_when` conditions of the schema by record spec, with each field's slot: the
    /// decoder finds a record's conditions by its spec and reads the fields by slot.
    let conditionChecks: [(spec: ObjectSpec, checks: [(field: String, slot: Int?, condition: CompiledExpression)])]
    /// Types of `all.<list>` items: the record type plus its `unit`.
    let campaignTypes: CampaignTypes
    /// Whether any rule reads `dated_records`, which costs a record per dated record to build.
    let usesDatedRecords: Bool
    /// Deadline messages made so far (each copy of the rules has its own).
    let deadlineTexts = DeadlineTexts()
    /// The unit rules' runners, in the rules' order, made once for every file they check.
    let unitRunners: [RuleRunner]
    /// Each rule's `applies_to` conditions by number, the same number for the same text (by
    /// rule order; campaign rules' are not numbered): a unit evaluates each text once
    /// (`AppliesCache`).
    let appliesSlots: [[Int]]
    /// How many distinct texts the unit rules' conditions have.
    let appliesSlotCount: Int
    /// Where each list of `campaignRecordLists` is in a unit's file, found once.
    let campaignListPlaces: [CampaignListPlace]
    /// The text fields no rule reads, by record spec (`TextReads`): kept as bytes.
    let textsKeptAsBytes: [(spec: ObjectIdentifier, mask: [Bool])]

    /// The text fields of records of `spec` kept as bytes, a flag per slot; nil for none.
    @inline(__always)
    func textsKeptAsBytes(_ spec: ObjectSpec) -> [Bool]? {
        let id = ObjectIdentifier(spec)
        for e in textsKeptAsBytes where e.spec == id { return e.mask }
        return nil
    }
    /// Each rule's `reads` that are keys of a unit's file, by their key numbers
    /// (`Schema.keyNumbers`), in the rules' order: where its findings point when nothing closer.
    let readKeys: [[Int]]
    /// The campaign's source document (`campaign.source`), when one was given and read.
    public let source: CampaignSource?
    /// The rules files' bytes as loaded, for `independentCopy()`.
    var sources: [(path: String, bytes: [UInt8]?)] = []

    init(limits: RuleLimits, files: [RulesFile], schema: Schema, values: CELObject, rules: [Rule], waivers: [Waiver],
         expectedUnits: [ExpectedUnit], roster: [String: ExpectedUnit], labels: [String: String], campaignLists: Set<String>,
         campaignRecordLists: [String], conditions: [String: [(field: String, condition: CompiledExpression)]],
         campaignTypes: CampaignTypes, usesDatedRecords: Bool, source: CampaignSource?) {
        self.limits = limits
        self.files = files
        self.schema = schema
        self.values = values
        self.rules = rules
        self.waivers = waivers
        self.expectedUnits = expectedUnits
        self.roster = roster
        itemLabels = ItemLabels(labels, types: schema.objects.map(\.type) + campaignTypes.items.values.sorted { $0.name < $1.name })
        self.campaignLists = campaignLists
        self.campaignRecordLists = campaignRecordLists
        self.campaignTypes = campaignTypes
        self.usesDatedRecords = usesDatedRecords
        self.source = source
        readKeys = rules.map { $0.reads.compactMap { schema.keyNumbers[$0] } }
        unitRunners = rules.enumerated().filter { $0.element.scope == .unit }.map { [itemLabels, deadlineTexts] order, rule in
            RuleRunner(rule: rule, order: order, labels: itemLabels, limit: limits.items, notApplicable: EngineText.notApplicableToUnit,
                       texts: deadlineTexts)
        }
        var texts: [String: Int] = [:]
        appliesSlots = rules.map { rule in
            guard rule.scope == .unit else { return [] }
            return rule.appliesTo.map { c in
                if let n = texts[c.text] { return n }
                texts[c.text] = texts.count
                return texts.count - 1
            }
        }
        appliesSlotCount = texts.count
        conditionChecks = schema.objects.compactMap { spec in
            guard spec.conditional, let list = conditions[spec.path] else { return nil }
            return (spec, list.map { ($0.field, spec.type.slot(of: $0.field), $0.condition) })
        }
        campaignListPlaces = campaignRecordLists.map { CampaignListPlace($0, schema: schema, types: campaignTypes) }
        textsKeptAsBytes = TextReads.keptAsBytes(rules, conditions: conditions.values.flatMap { $0.map(\.condition) }, schema: schema)
    }

    /// The same rules loaded again from the same bytes, sharing no object with these: each
    /// checking thread gets its own, as two threads retaining and releasing one object (a
    /// rule's id, a record type, a literal of an expression) wait on each other for its cache
    /// line every time. Nil when the bytes were not kept or the copy would differ (its source
    /// document changed on disk meanwhile): the thread then shares these.
    func independentCopy() -> RuleSet? {
        // The paths too in storage of their own: the copy's rules and their table name them.
        reloaded(projected: true, functions: .fresh(), sources: sources.map { (String(decoding: Array($0.path.utf8), as: UTF8.self), $0.bytes) })
    }

    /// These rules with every field of the campaign's records kept (no `CampaignProjection`):
    /// what `explain` shows of a campaign rule's items, each as its unit wrote it, not without
    /// the fields no rule reads. The findings are the same. These rules when they keep every
    /// field already (loaded with `projected: false`, or nothing to leave out), else loaded
    /// again; nil as for `independentCopy`.
    func withWholeRecords() -> RuleSet? {
        campaignTypes.kept.isEmpty && campaignTypes.submissionMasks.isEmpty ? self : reloaded(projected: false)
    }

    private func reloaded(projected: Bool, functions: FunctionTable = .standard,
                          sources: [(path: String, bytes: [UInt8]?)]? = nil) -> RuleSet? {
        let sources = sources ?? self.sources
        guard !sources.isEmpty, let copy = try? RulesLoader.load(sources: sources, projected: projected, functions: functions),
              copy.files.map(\.sha256) == files.map(\.sha256), copy.source?.text == source?.text,
              copy.rules.map(\.id) == rules.map(\.id) else { return nil }
        return copy
    }
}

/// The text of the campaign's source document, as the rules name it.
public struct CampaignSource: Sendable {
    /// Where it was read from: `campaign.source` taken from the rules file's folder.
    public let path: String
    public let text: String
}
