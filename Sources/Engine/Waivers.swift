import CEL

/// Applies the office's waivers: a failing, warning or erroring finding for a waived unit and
/// rule becomes `waived`, keeping what it would have been in its message. A pending finding
/// stays pending: nothing is wrong yet, and the unit should still see its deadline.
enum Waivers {
    static func apply(_ waivers: [Waiver], to findings: [Finding], asOf: CELDate) -> [Finding] {
        guard !waivers.isEmpty else { return findings }
        return findings.map { f in
            guard let unit = f.unit, [.fail, .warn, .error].contains(f.status),
                  let w = waivers.first(where: { $0.unit == unit && $0.rule == f.rule && $0.item != nil && $0.item == f.item })
                    ?? waivers.first(where: { $0.unit == unit && $0.rule == f.rule && $0.item == nil }) else { return f }
            var f = f
            if let expires = w.expires, expires < asOf {
                f.message += EngineText.waiverExpired(expires)
                return f
            }
            f.status = .waived
            f.message = EngineText.waived(w.reason, w.approver, w.expires, was: f.message)
            return f
        }
    }
}
