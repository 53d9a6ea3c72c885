import CEL

/// What a unit's `applies_to` conditions came out as, by their text: a rules file's own
/// condition heads each of its rules, and many rules say the same (`unit.kind in
/// values.team_kinds`), so a unit evaluates each once instead of once per rule. Only for
/// unit rules, which all see the same unit; what a condition costs is not charged again.
///
/// The rules loaded gave each distinct text a number (`RuleSet.appliesSlots`), so a condition's
/// value is found by its rule and place, with no text compared.
final class AppliesCache {
    /// The numbers of each unit rule's conditions, by rule order.
    private let slots: [[Int]]
    private var values: [Value?]
    /// The rule whose conditions are asked for next (its order in the rules).
    var rule = 0

    init(_ ruleSet: RuleSet) {
        slots = ruleSet.appliesSlots
        values = Array(repeating: nil, count: ruleSet.appliesSlotCount)
    }

    /// The value of the rule's condition `i` (`condition`) for this unit, evaluated the first
    /// time its text is asked for.
    func value(_ condition: CompiledExpression, at i: Int, _ a: Activation) -> Value {
        guard rule < slots.count, i < slots[rule].count else { return condition.eval(a) }
        let slot = slots[rule][i]
        if let v = values[slot] { return v }
        let v = condition.eval(a)
        values[slot] = v
        return v
    }
}
