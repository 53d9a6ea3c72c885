import Synchronization

/// A checked expression lowered once, at compile time, to a tree of nodes that each know what
/// they do: names are resolved to a slot (a macro's variable) or to the activation, calls know
/// their candidate overloads and whether they index, macros are one node per kind. Evaluating
/// then walks no `switch` over the syntax and copies no syntax nodes, which the tree-walking
/// interpreter did for every node it visited.
class Code: @unchecked Sendable {
    // Every subclass holds only constants: the tree is shared by the threads that evaluate it.
    let range: SourceRange

    init(_ range: SourceRange) { self.range = range }

    /// The node's value, before its step is counted and an error is given its place.
    func value(_ f: inout Frame) -> Value {
        preconditionFailure("a lowered CEL node without an evaluation")
    }

    /// Evaluates the tree with `activation`, its macros' `slots` variables on the stack. A
    /// method of the root, so the tree is borrowed for the evaluation, not retained.
    final func run(_ activation: Activation, slots: Int) -> Value {
        withUnsafePointer(to: activation) { a in
            withUnsafeTemporaryAllocation(of: Value.self, capacity: max(slots, 1)) { locals in
                locals.initialize(repeating: .null)
                // One at a time: a buffer's `deinitialize()` destroys through the runtime's
                // generic array path, costly for the one or two variables an expression has.
                defer { for i in locals.indices { (locals.baseAddress! + i).deinitialize(count: 1) } }
                var frame = Frame(activation: a, locals: locals.baseAddress!)
                return eval(&frame)
            }
        }
    }

    /// Evaluates the node: one step of the budget, and a rangeless error gets this node's range.
    @inline(__always)
    final func eval(_ f: inout Frame) -> Value {
        if let over = f.charge(1) { return over }
        let v = value(&f)
        if case .error(var err) = v, err.range == nil {
            err.range = range
            return .error(err)
        }
        return v
    }
}

/// What one evaluation carries down the tree: the variables, the budget and the values of the
/// macros' variables by slot.
struct Frame {
    /// The caller's activation, borrowed for the evaluation (`Program.eval` keeps it alive):
    /// copying it in would retain and release its arrays for every expression evaluated.
    let activation: UnsafePointer<Activation>
    /// The meter's count and limit, read from the activation's meter, which outlives the
    /// evaluation as the activation does: no reference to the meter is held (counted) per
    /// evaluation. Nil without a meter.
    let count: UnsafeMutablePointer<Int>?
    let limit: Int
    /// The macros' variables, in memory `Program.eval` owns for the evaluation (on the stack,
    /// not an array made and freed per evaluation).
    let locals: UnsafeMutablePointer<Value>

    init(activation: UnsafePointer<Activation>, locals: UnsafeMutablePointer<Value>) {
        self.activation = activation
        let meter = activation.pointee.meter
        self.count = meter?.count
        self.limit = meter?.limit ?? 0
        self.locals = locals
    }

    /// Takes `steps` from the budget: nil, or the error to give once it is gone.
    @inline(__always)
    func charge(_ steps: Int) -> Value? {
        guard let count else { return nil }
        count.pointee &+= steps
        return count.pointee <= limit ? nil : .fail(CELText.costExceeded(limit))
    }

    /// Where the activation binds `name` (`Activation.place(of:hint:)`), trying `hint` first
    /// and keeping it up to date: a node's hint is where the name was found last time.
    @inline(__always)
    func place(of name: String, hint: borrowing Atomic<Int>) -> (overlay: Bool, index: Int)? {
        let h = hint.load(ordering: .relaxed)
        guard let at = activation.pointee.place(of: name, hint: h) else { return nil }
        if !at.overlay && at.index != h { hint.store(at.index, ordering: .relaxed) }
        return at
    }

    /// Lends the value at `p` to macro variable `slot`: its bits, with no reference counted for
    /// it. A loop lends each item of the list it holds, which outlives the loan; the slot holds
    /// nothing owned meanwhile (`clear`) and the loan ends with `forget`, before the list goes.
    @inline(__always)
    func lend(_ p: UnsafePointer<Value>, to slot: Int) {
        UnsafeMutableRawPointer(locals + slot).copyMemory(from: p, byteCount: MemoryLayout<Value>.size)
    }

    /// Frees what variable `slot` owns (what an earlier macro at its depth left) before a loop
    /// lends it values.
    @inline(__always)
    func clear(_ slot: Int) { locals[slot] = .null }

    /// Ends a loan: the variable holds nothing, and what it was lent is not freed (its owner
    /// frees it).
    @inline(__always)
    func forget(_ slot: Int) { (locals + slot).initialize(to: .null) }

    /// Whether the budget is gone: loops stop at once instead of failing each remaining item.
    var exhausted: Bool { count.map { $0.pointee > limit } ?? false }

    /// The error a loop gives when the budget is gone.
    var costExceeded: Value { .fail(CELText.costExceeded(limit)) }
}
