import CEL

/// Applies the office's waivers: a failing, warning or erroring finding for a waived unit and
/// rule becomes `waived`, keeping what it would have been in its message. A pending finding
/// stays pending: nothing is wrong yet, and the unit should still see its deadline.
enum Waivers {
    /// Changes the waived findings in place (the others are not copied).
    static func apply(_ waivers: [Waiver], to findings: inout [Finding], asOf: CELDate) {
        guard !waivers.isEmpty else { return }
        let units = Set(waivers.map(\.unit))
        for i in findings.indices {
            guard let unit = findings[i].unit, units.contains(unit), [.fail, .warn, .error].contains(findings[i].status) else { continue }
            let rule = findings[i].rule, item = findings[i].item
            // A waiver for this very item wins over one for the whole rule.
            guard let w = waivers.first(where: { $0.unit == unit && $0.rule == rule && $0.item != nil && $0.item == item })
                ?? waivers.first(where: { $0.unit == unit && $0.rule == rule && $0.item == nil }) else { continue }
            if let expires = w.expires, expires < asOf {
                findings[i].message += EngineText.waiverExpired(expires)
                continue
            }
            findings[i].status = .waived
            findings[i].message = EngineText.waived(w.reason, w.approver, w.expires, was: findings[i].message)
        }
    }
}
