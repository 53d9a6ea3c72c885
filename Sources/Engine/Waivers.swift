import CEL

/// The office's waivers, looked up by unit and rule as each finding is emitted: a failing,
/// warning or erroring finding for a waived unit and rule becomes `waived`, keeping what it
/// would have been in its message. A pending finding stays pending: nothing is wrong yet,
/// and the unit should still see its deadline.
struct WaiverBook: Sendable {
    /// By unit, then by rule: most units have none, and are told so by one lookup of their
    /// id, with no key made per finding.
    private let byUnit: [String: [String: [Waiver]]]
    private let asOf: CELDate

    init(_ waivers: [Waiver], asOf: CELDate) {
        self.byUnit = Dictionary(grouping: waivers, by: \.unit).mapValues { Dictionary(grouping: $0, by: \.rule) }
        self.asOf = asOf
    }

    /// Changes each finding a waiver covers. A unit's findings come together: its waivers are
    /// looked up once for all of them, not once per failing finding.
    func apply(_ findings: inout [Finding]) {
        guard !byUnit.isEmpty else { return }
        var last: (unit: String, rules: [String: [Waiver]]?)?
        for i in findings.indices {
            guard Self.waivable(findings[i].status), let unit = findings[i].unit else { continue }
            if last?.unit != unit { last = (unit, byUnit[unit]) }
            if let rules = last?.rules { apply(&findings[i], rules) }
        }
    }

    /// Only what fails can be waived.
    private static func waivable(_ s: Status) -> Bool { s == .fail || s == .warn || s == .error }

    /// Changes `f` when one of its unit's waivers (`rules`, by rule) covers it.
    private func apply(_ f: inout Finding, _ rules: [String: [Waiver]]) {
        guard let waivers = rules[f.rule] else { return }
        // A waiver for this very item wins over one for the whole rule.
        guard let w = waivers.first(where: { $0.item != nil && $0.item == f.item }) ?? waivers.first(where: { $0.item == nil }) else { return }
        if let expires = w.expires, expires < asOf {
            f.message += EngineText.waiverExpired(expires)
            return
        }
        f.status = .waived
        f.message = EngineText.waived(w.reason, w.approver, w.expires, was: f.message)
    }
}
