import CEL

/// What a unit's `applies_to` conditions came out as, by their text: a rules file's own
/// condition heads each of its rules, and many rules say the same (`unit.kind in
/// values.team_kinds`), so a unit evaluates each once instead of once per rule. Only for
/// unit rules, which all see the same unit; what a condition costs is not charged again.
///
/// A unit has a few distinct conditions: they are found by the hash their expression made at
/// load, in a short list, instead of hashing a condition's text for every rule.
final class AppliesCache {
    private var known: [(hash: Int, text: String, value: Value)] = []

    /// The condition's value for this unit, evaluated the first time it is asked for.
    func value(_ condition: CompiledExpression, _ a: Activation) -> Value {
        let hash = condition.textHash
        for i in known.indices where known[i].hash == hash && known[i].text == condition.text { return known[i].value }
        let v = condition.eval(a)
        known.append((hash, condition.text, v))
        return v
    }
}
