import CEL

/// How one rule came out for one subject (a unit, an item or a group), before it becomes a finding.
struct Verdict {
    var status: Status
    var message: String
    var value: Value?
    var due: CELDate?
    var doneOn: CELDate?
    /// Where the date that decided it was written (done, or planned after the as-of date):
    /// one place at most, so no array is made for it.
    var origin: Provenance?
    /// False for a pass that says nothing but that it passed.
    var detailed = true
}

extension Finding {
    /// Takes the outcome of a verdict, for the item (or group) it was about.
    mutating func record(_ v: Verdict, item label: String?) {
        status = v.status
        message = v.message
        value = v.value.map(Measure.init)
        due = v.due.map(Day.init)
        doneOn = v.doneOn.map(Day.init)
        detailed = v.detailed
        item = label
    }
}

/// Applies a rule's checks to one activation: value, expect, and the deadline semantics of
/// `done_on`/`due`/`tolerance` as of a date.
struct Judge: Sendable {
    let rule: Rule
    /// Deadline messages made so far: the same dates' message is made once.
    let texts: DeadlineTexts
    /// The rule's expressions, lent: `rule` holds them for as long as the judge lives.
    private let value, due, doneOn, expect, tolerance: LentExpression?

    init(rule: Rule, texts: DeadlineTexts) {
        self.rule = rule
        self.texts = texts
        value = rule.value.map(LentExpression.init)
        due = rule.due.map(LentExpression.init)
        doneOn = rule.doneOn.map(LentExpression.init)
        expect = rule.expect.map(LentExpression.init)
        tolerance = rule.tolerance.map(LentExpression.init)
    }

    /// The verdict as of `asOf`. `full` is the same activation without the as-of filter, to
    /// tell "scheduled" from "absent". `value` is bound in `a` while the rest is judged, and
    /// unbound after: in place, as a copy of the activation would make its bindings anew.
    func verdict(_ a: inout Activation, asOf: CELDate, full: Activation?) -> Verdict {
        guard let v = self.value else { return verdict(a, value: nil, asOf: asOf, full: full) }
        let r = v.eval(a)
        if case .error(let e) = r { return failure("value", e) }
        a.bind("value", r)
        defer { a.unbind("value") }
        return verdict(a, value: r, asOf: asOf, full: full)
    }

    /// The verdict once `value` is known (and bound in `a`).
    private func verdict(_ a: Activation, value: Value?, asOf: CELDate, full: Activation?) -> Verdict {
        var value = value
        var verdict: Verdict
        // The deadline's own words (how many days late or left), before the rule's message.
        var deadlineMessage = ""
        if let doneOn = self.doneOn, let dueExpr = self.due {
            verdict = deadline(a, doneOn, dueExpr, asOf: asOf, full: full)
            if verdict.status == .error { return verdict }
            if value == nil { value = verdict.doneOn.map(Value.date) }
            deadlineMessage = verdict.message
            // The office's `message` heads every finding that is not a pass; the days follow.
            if let m = rule.message, verdict.status != .pass { verdict.message = m.render(a) + "；" + deadlineMessage }
        } else if let expect = self.expect {
            var due: CELDate?
            if let dueExpr = self.due {
                switch dueExpr.eval(a) {
                case .date(let d): due = d
                case .error(let e): return failure("due", e)
                case let other: return failure("due", EvalError(EngineText.notADueDate(Render.text(other))))
                }
            }
            let r = expect.eval(a)
            switch r {
            case .bool(true): verdict = Verdict(status: .pass, message: EngineText.passed, detailed: false)
            case .bool(false):
                verdict = Verdict(status: .fail, message: message(a, EngineText.failed))
                if let due {
                    if asOf <= due {
                        verdict.status = .pending
                        verdict.message = message(a, EngineText.failed) + "；" + texts.expectationNotYetDue(due)
                    }
                }
            case .error(let e): return failure("expect", e)
            default: return failure("expect", EvalError(EngineText.notABool))
            }
            verdict.due = due
        } else {
            return failure("rule", EvalError(EngineText.nothingToCheck))
        }
        // A completed deadline must also meet `expect` (e.g. "after the unit's reports").
        if self.doneOn != nil, let expect = self.expect, verdict.status == .pass || verdict.status == .warn {
            switch expect.eval(a) {
            case .bool(true): break
            case .bool(false):
                verdict.status = .fail
                verdict.message = message(a, EngineText.failed) + "；" + deadlineMessage
            case .error(let e): return failure("expect", e)
            default: return failure("expect", EvalError(EngineText.notABool))
            }
        }
        if rule.severity == .warning, verdict.status == .fail { verdict.status = .warn }
        verdict.value = value
        return verdict
    }

    private func deadline(_ a: Activation, _ doneOn: LentExpression, _ dueExpr: LentExpression, asOf: CELDate,
                          full: Activation?) -> Verdict {
        let due: CELDate
        switch dueExpr.eval(a) {
        case .date(let d): due = d
        case .error(let e): return failure("due", e)
        case let other: return failure("due", EvalError(EngineText.notADueDate(Render.text(other))))
        }
        var tolerance: Int64 = 0
        if let t = self.tolerance {
            switch t.eval(a) {
            case .duration(let d): tolerance = d.wholeDays
            case .error(let e): return failure("tolerance", e)
            default: return failure("tolerance", EvalError(EngineText.notADuration))
            }
        }
        let done: CELDate?
        switch doneOn.eval(a) {
        case .date(let d) where d <= asOf: done = d
        case .date, .null: done = nil
        case .error(let e): return failure("done_on", e)
        case let other: return failure("done_on", EvalError(EngineText.notADoneDate(Render.text(other))))
        }
        var v = Verdict(status: .pass, message: "", due: due, doneOn: done)
        let dueDay = Int64(due.day)
        if let done {
            let late = Int64(done.day) - dueDay
            v.origin = done.origin
            if late <= 0 {
                v.message = texts.doneOnTime(done, due)
            } else if late <= tolerance {
                v.status = .warn
                v.message = texts.doneLateTolerated(done, due, late, tolerance)
            } else {
                v.status = .fail
                v.message = texts.doneLate(done, due, late)
            }
            return v
        }
        var note = ""
        if let full, case .date(let planned) = doneOn.eval(full), planned > asOf {
            note = texts.scheduled(planned)
            v.origin = planned.origin
        }
        let asOfDay = Int64(asOf.day)
        if asOfDay <= dueDay + tolerance {
            v.status = .pending
            v.message = texts.notYetDue(due, max(0, dueDay - asOfDay)) + note
        } else {
            v.status = .fail
            v.message = texts.overdue(due, asOf, asOfDay - dueDay) + note
        }
        return v
    }

    private func message(_ a: Activation, _ fallback: String) -> String {
        rule.message?.render(a) ?? fallback
    }

    private func failure(_ key: String, _ e: EvalError) -> Verdict {
        Verdict(status: .error, message: EngineText.evaluationError(key, e.message))
    }
}

/// One of a rule's expressions, kept without a reference of its own by what holds the rule
/// (`Judge`): evaluated through it, nothing is counted, where a strong reference to the
/// expression is counted up and down around every verdict of every file.
struct LentExpression: @unchecked Sendable {
    private let expression: Unmanaged<CompiledExpression>

    init(_ expression: CompiledExpression) { self.expression = .passUnretained(expression) }

    /// The expression's value in `a`.
    @inline(__always)
    func eval(_ a: Activation) -> Value { expression._withUnsafeGuaranteedRef { $0.eval(a) } }
}
