import CEL

/// What a unit's `applies_to` conditions came out as, by their text: a rules file's own
/// condition heads each of its rules, and many rules say the same (`unit.kind in
/// values.team_kinds`), so a unit evaluates each once instead of once per rule. Only for
/// unit rules, which all see the same unit; what a condition costs is not charged again.
final class AppliesCache {
    private var values: [String: Value] = [:]

    /// The condition's value for this unit, evaluated the first time it is asked for.
    func value(_ condition: CompiledExpression, _ a: Activation) -> Value {
        if let known = values[condition.text] { return known }
        let v = condition.eval(a)
        values[condition.text] = v
        return v
    }
}
