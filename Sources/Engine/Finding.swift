import CEL

/// The outcome of one rule for one unit (or item, or group).
public enum Status: String, Sendable, CaseIterable, Codable {
    case pass, fail, warn, pending
    case notApplicable = "not_applicable"
    case waived, error, invalid, missing
}

/// How much a failing rule matters; `--fail-on` compares against it.
public enum Severity: String, Sendable, Codable, Comparable {
    case warning, error

    public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
}

/// One finding: what was checked, for whom, the outcome, and the lines that decided it.
public struct Finding: Sendable {
    /// Who it is about and which rule made it, shared by all of a rule's findings in a unit.
    public internal(set) var head: FindingHead
    /// The unit id, or nil when the file has none (unreadable) or the finding is campaign-wide.
    public var unit: String? {
        get { head.unit }
        set { setWho(UnitHead(unit: newValue, unitName: head.unitName, file: head.file)) }
    }
    /// The unit's name as its file gives it, for people reading reports.
    public var unitName: String? {
        get { head.unitName }
        set { setWho(UnitHead(unit: head.unit, unitName: newValue, file: head.file)) }
    }
    /// The submission file, or nil for campaign-wide findings and missing units.
    public var file: String? {
        get { head.file }
        set { setWho(UnitHead(unit: head.unit, unitName: head.unitName, file: newValue)) }
    }
    /// Who the finding is about, its unit, name and file at once: one head made, not one per part.
    mutating func setWho(_ who: UnitHead) {
        head = FindingHead(who, head.ruleHead)
    }
    /// The rule's id; its title, quote and severity are in the run's rules table (`RuleInfo`).
    public var rule: String {
        get { head.rule }
        set { head = FindingHead(head.who, rule: newValue, implements: head.implements) }
    }
    public var implements: [String] {
        get { head.implements }
        set { head = FindingHead(head.who, rule: head.rule, implements: newValue) }
    }
    public var status: Status
    public var severity: Severity
    public var message: String
    /// For `for_each` and `group_by` rules: which item or group.
    public var item: String?
    /// What was measured (a count, a sum, the date it was done).
    public var value: Measure?
    public var due: Day?
    public var doneOn: Day?
    public var locations: Locations
    /// The line of the unit's file the first location points at, when the report asked for it.
    public var excerpt: String?
    /// `not_applicable` because `for_each` gave nothing to check (reports show it), rather than
    /// because the rule is not for this unit (reports fold those into a count).
    public var nothingToCheck = false
    /// False for a pass with nothing to add to its status (the message is the plain
    /// 符合要求): reports may leave such messages out.
    public var detailed = true
    /// Rule order and item order, for a stable sort.
    var order: (rule: Int, item: Int) = (0, 0)

    public init(unit: String?, file: String?, rule: String, implements: [String] = [],
                status: Status, severity: Severity = .error, message: String, item: String? = nil,
                value: Measure? = nil, due: Day? = nil, doneOn: Day? = nil, locations: Locations = []) {
        self.init(head: FindingHead(unit: unit, unitName: nil, file: file, rule: rule, implements: implements),
                  status: status, severity: severity, message: message, item: item, value: value,
                  due: due, doneOn: doneOn, locations: locations)
    }

    /// A finding of the rule and unit `head` names.
    init(head: FindingHead, status: Status, severity: Severity = .error, message: String, item: String? = nil,
         value: Measure? = nil, due: Day? = nil, doneOn: Day? = nil, locations: Locations = []) {
        self.head = head
        self.status = status
        self.severity = severity
        self.message = message
        self.item = item
        self.value = value
        self.due = due
        self.doneOn = doneOn
        self.locations = locations
    }

    /// The level this finding counts at for `--fail-on`, or nil if it never fails a run.
    public var level: Severity? { Self.level(status, severity) }

    /// The level a finding with this status and severity counts at, if any.
    public static func level(_ status: Status, _ severity: Severity) -> Severity? {
        switch status {
        case .fail, .error, .invalid, .missing: severity == .warning && status == .fail ? .warning : .error
        case .warn: .warning
        case .pass, .pending, .notApplicable, .waived: nil
        }
    }
}

/// Who a unit's findings are about, made once for all of them: a rule's head holds it, not
/// three texts of its own to count references to.
public final class UnitHead: Sendable {
    public let unit: String?
    public let unitName: String?
    public let file: String?

    init(unit: String?, unitName: String?, file: String?) {
        self.unit = unit
        self.unitName = unitName
        self.file = file
    }
}

/// What a rule's findings say of the rule, made once when the rules load (`RuleRunner.head`):
/// a finding's head points at it instead of holding the rule's id and `implements` itself.
public final class RuleHead: Sendable {
    public let id: String
    public let implements: [String]
    /// The rule's place in the run's rules table (`RunHeader.rules`), when the finding comes
    /// from a rule of the set: writers find what they made for the rule there, not by its id.
    public let ruleIndex: Int?

    init(id: String, implements: [String], ruleIndex: Int?) {
        self.id = id
        self.implements = implements
        self.ruleIndex = ruleIndex
    }
}

/// The part of a finding its rule's other findings in the same unit share: one object, so a
/// finding is copied and freed with one reference for it instead of five.
public final class FindingHead: Sendable {
    /// The unit, shared by the heads of all its rules.
    public let who: UnitHead
    /// The rule, shared by its heads in every unit.
    public let ruleHead: RuleHead

    public var unit: String? { who.unit }
    public var unitName: String? { who.unitName }
    public var file: String? { who.file }
    public var rule: String { ruleHead.id }
    public var implements: [String] { ruleHead.implements }
    public var ruleIndex: Int? { ruleHead.ruleIndex }

    init(_ who: UnitHead, _ rule: RuleHead) {
        self.who = who
        ruleHead = rule
    }

    convenience init(_ who: UnitHead, rule: String, implements: [String], ruleIndex: Int? = nil) {
        self.init(who, RuleHead(id: rule, implements: implements, ruleIndex: ruleIndex))
    }

    convenience init(unit: String?, unitName: String?, file: String?, rule: String, implements: [String], ruleIndex: Int? = nil) {
        self.init(UnitHead(unit: unit, unitName: unitName, file: file), rule: rule, implements: implements, ruleIndex: ruleIndex)
    }
}

extension Finding {
    /// This finding with its place in the rules' and items' order.
    consuming func ordered(_ rule: Int, _ item: Int) -> Finding {
        order = (rule, item)
        return self
    }

    /// This finding as `error`: `for_each` gave something other than a list.
    consuming func forEachFailed(_ range: Value) -> Finding {
        status = .error
        message = EngineText.evaluationError("for_each", range.error?.message ?? EngineText.forEachNotList(Render.text(range)))
        return self
    }

    /// This finding as `not_applicable`: `for_each` gave no items.
    consuming func nothingToCheck(_ forEach: CompiledExpression) -> Finding {
        status = .notApplicable
        message = EngineText.emptyForEach(forEach.text)
        nothingToCheck = true
        return self
    }

    /// One `error` finding for the items past the limit, which were not checked one by one.
    consuming func tooManyItems(_ count: Int, _ limit: Int, order: Int) -> Finding {
        status = .error
        message = EngineText.tooManyItems(count, limit)
        self.order = (order, limit)
        return self
    }
}
