import Engine

/// How every report splits a batch of findings into sections: one per unit (and file), one for
/// the campaign-wide findings, campaign findings about a unit headed as such.
enum Grouping {
    /// What `value` makes of each rule (given its place in the table), by the rule's id, the
    /// first of an id where two share one: every report's lookup into the run's rules table.
    static func byID<T>(_ rules: [RuleInfo], _ value: (_ place: Int, _ rule: RuleInfo) -> T) -> [String: T] {
        var byID: [String: T] = [:]
        for (i, r) in rules.enumerated() where byID[r.id] == nil { byID[r.id] = value(i, r) }
        return byID
    }

    /// Each rule's title by its id.
    static func titles(_ rules: [RuleInfo]) -> [String: String] { byID(rules) { $1.title } }

    /// The heading of a finding's section: `id name  file`; campaign findings say so.
    static func heading(_ f: Finding, _ section: Section, fileSeparator: String = "  ") -> String {
        let unit = f.unit.map { id in f.unitName.map { "\(id) \($0)" } ?? id }
        let key: String? = switch (unit, f.file) {
        case (let u?, let file?): u + fileSeparator + file
        case (let u?, nil): u
        case (nil, let file?): file
        case (nil, nil): nil
        }
        guard section == .campaign else { return key ?? ReportsText.campaignWide }
        return key.map(ReportsText.campaignFor) ?? ReportsText.campaignWide
    }

    /// Consecutive findings with the same heading.
    static func sections(_ findings: [Finding], _ section: Section) -> [ArraySlice<Finding>] {
        var out: [ArraySlice<Finding>] = []
        var start = 0
        for i in findings.indices where i + 1 == findings.count || !sameSection(findings[i], findings[i + 1]) {
            out.append(findings[start...i])
            start = i + 1
        }
        return out
    }

    private static func sameSection(_ a: Finding, _ b: Finding) -> Bool {
        a.unit == b.unit && a.file == b.file && a.unitName == b.unitName
    }

    /// Rules that are not for this unit are folded into a count; an empty `for_each` is shown.
    static func isShown(_ f: Finding) -> Bool {
        f.status != .notApplicable || f.nothingToCheck
    }

    /// The rule and item, as a line names them: `rule「item」`.
    static func subject(_ f: Finding) -> String {
        f.rule + (f.item.map(ReportsText.item) ?? "")
    }
}
