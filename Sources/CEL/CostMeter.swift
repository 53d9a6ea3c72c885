/// A budget of evaluation steps shared by every expression of one rule for one unit, as
/// cel-go's cost limit and Kubernetes' per-call limit: a runaway rule (nested loops over
/// large lists) stops with an error instead of hanging the run. One meter is used by one
/// thread at a time (a rule for a unit is evaluated on one thread).
public final class CostMeter: @unchecked Sendable {
    /// The steps allowed.
    public let limit: Int
    /// The steps taken so far.
    public private(set) var spent = 0

    public init(limit: Int) { self.limit = limit }

    /// Takes `steps`; false once the budget is gone.
    func take(_ steps: Int) -> Bool {
        spent &+= steps
        return spent <= limit
    }

    /// Whether the budget is gone.
    public var exhausted: Bool { spent > limit }
}
