/// A budget of evaluation steps shared by every expression of one rule for one unit, as
/// cel-go's cost limit and Kubernetes' per-call limit: a runaway rule (nested loops over
/// large lists) stops with an error instead of hanging the run. One meter is used by one
/// thread at a time (a rule for a unit is evaluated on one thread).
public final class CostMeter: @unchecked Sendable {
    /// The steps allowed.
    public let limit: Int
    /// The count, behind a pointer: a class's stored `var` is checked for exclusive access at
    /// run time on every change, and the meter changes on every node evaluated.
    /// Evaluations count through it directly (`Frame`), holding no reference to the meter.
    let count: UnsafeMutablePointer<Int>

    public init(limit: Int) {
        self.limit = limit
        count = .allocate(capacity: 1)
        count.initialize(to: 0)
    }

    deinit { count.deallocate() }

    /// The indexes of the lists macros and `in` are asked of again and again in the evaluations
    /// this meter counts (`LookupPlan`, `MemberIndex`), and the parts of expressions kept whole
    /// (`Loops.Invariant`), made when first needed, freed with the meter.
    var lookups: Lookups {
        if let made { return made }
        let new = Lookups()
        made = new
        return new
    }

    private var made: Lookups?

    /// Starts the count again: one meter serves one rule after another.
    public func reset() { count.pointee = 0 }

    /// The steps taken so far.
    public var spent: Int { count.pointee }

    /// Whether the budget is gone.
    public var exhausted: Bool { count.pointee > limit }
}
