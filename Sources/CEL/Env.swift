import Synchronization

/// What an expression may refer to: typed variables and functions. `compile` is the front door.
public struct Env: Sendable {
    public var variables: [String: CELType]
    public var functions: FunctionTable
    /// The namespace names resolve in, as CEL's container: `a.b` makes `x` try `a.b.x`, `a.x`, `x`.
    public var container: String
    /// Variables whose value is the same in every activation the programs made here are given
    /// (a rule set's named values): a field read from one (`values.plan_deadline`) is read once,
    /// when the program is made, not at every evaluation.
    public var constants: [String: Value]
    /// Variables whose value changes from one evaluation to the next of those that share a
    /// meter (a rule's `it`, for each of its items): a part of an expression that names none
    /// of these nor a macro variable bound outside it, and goes over a list, is made once for
    /// the values of the variables it reads (`Loops.Invariant`). Naming one here only spares
    /// keeping what would not be asked for again; the values are the same either way.
    public var varying: Set<String>
    /// Whether the programs made here are evaluated once for each meter (a rule that checks a
    /// unit as a whole, not item by item): a part is then kept only inside a macro's body,
    /// which that one evaluation may run again and again.
    public var once: Bool

    public init(variables: [String: CELType] = [:], functions: FunctionTable = .standard, container: String = "",
                constants: [String: Value] = [:], varying: Set<String> = [], once: Bool = false) {
        self.variables = variables
        self.functions = functions
        self.container = container
        self.constants = constants
        self.varying = varying
        self.once = once
    }

    /// Parses and type-checks `text`; every problem is reported at once.
    public func compile(_ text: String, macros: Bool = true) throws(CELErrors) -> Program {
        var expr = try Parser.parse(text, macros: macros)
        var resolver = Resolver(env: self)
        resolver.resolve(&expr)
        var checker = Checker(env: self)
        checker.check(&expr)
        if !checker.diagnostics.isEmpty { throw CELErrors(checker.diagnostics) }
        return Program(expr: expr, functions: functions, constants: constants, varying: varying, once: once)
    }

    /// Parses without checking, for dynamic use (the checker's annotations are absent).
    public func parseOnly(_ text: String, macros: Bool = true) throws(CELErrors) -> Program {
        var expr = try Parser.parse(text, macros: macros)
        // Qualified names still resolve against the container without a checker.
        var resolver = Resolver(env: self)
        resolver.resolve(&expr)
        return Program(expr: expr, functions: functions, constants: constants, varying: varying, once: once)
    }

    /// The names a (possibly qualified) identifier may mean, most specific first.
    func candidates(_ name: String) -> [String] {
        if name.hasPrefix(".") { return [String(name.dropFirst())] }
        var out: [String] = []
        var parts = container.split(separator: ".").map(String.init)
        while !parts.isEmpty {
            out.append((parts + [name]).joined(separator: "."))
            parts.removeLast()
        }
        out.append(name)
        return out
    }
}

/// A compiled expression, ready to evaluate against many activations.
public struct Program: Sendable {
    public let expr: Expr
    let functions: FunctionTable
    /// The environment's constant variables, read into the tree where it reads their fields.
    let constants: [String: Value]
    /// The environment's varying variables (`Env.varying`) and whether it is evaluated once a meter (`Env.once`).
    let varying: Set<String>
    let once: Bool
    /// The tree as evaluated: lowered once, here, and shared by every evaluation.
    private let code: Code
    private let slots: Int

    init(expr: Expr, functions: FunctionTable, constants: [String: Value] = [:], varying: Set<String> = [], once: Bool = false,
         chains: Bool = true) {
        self.expr = expr
        self.functions = functions
        self.constants = constants
        self.varying = varying
        self.once = once
        (code, slots) = Lowering.lower(expr, functions: functions, constants: constants, varying: varying, once: once, chains: chains)
    }

    /// The same program without its macros run as chains (`Loops.Chain`) or lookups
    /// (`LookupPlan`), and without parts kept (`Loops.Invariant`): the nodes as written, which
    /// tests and the fuzzer hold those to.
    public var unchained: Program { Program(expr: expr, functions: functions, constants: constants, varying: varying, once: once, chains: false) }

    /// Whether the lowered tree's root is a chain.
    var isChain: Bool { code is Loops.Chain }

    /// Whether the lowered tree's root judges a listed text by its number (`Nodes.ListedTest`).
    var isListedTest: Bool { code is Nodes.ListedTest }

    /// Whether the lowered tree's root judges a date field by its day (`Nodes.DayTest`).
    var isDayTest: Bool { code is Nodes.DayTest }

    /// The checked result type (`dyn` when unchecked).
    public var type: CELType { expr.type }

    /// The parts a reader would check one by one to see why the whole came out as it did: the
    /// operands of an `&&` or `||` chain, a call's target and arguments, a macro's range (its
    /// body names a variable of its own); none for a name or a literal.
    public var parts: [Program] {
        func operands(_ e: Expr, _ op: String) -> [Expr] {
            if case .call(op, nil, let args) = e.kind { return args.flatMap { operands($0, op) } }
            return [e]
        }
        let exprs: [Expr]
        switch expr.kind {
        // `a.b.c` reads as one name: its operand alone explains nothing.
        case .literal, .ident, .select: exprs = []
        case .call(let f, nil, _) where f == "_&&_" || f == "_||_": exprs = operands(expr, f)
        case .comprehension(let c): exprs = [c.range]
        default: exprs = expr.children
        }
        return exprs.map { Program(expr: $0, functions: functions, constants: constants, varying: varying, once: once) }
    }

    /// A subexpression of this program as a program of its own, for a host that runs a
    /// macro's loop itself: it names the macro's `variable`, which the host binds, item by item.
    public func sub(_ e: Expr, binding variable: String) -> Program {
        Program(expr: e, functions: functions, constants: constants, varying: varying.union([variable]), once: false)
    }

    /// The expression as CEL text.
    public var text: String { Printer.print(expr) }

    /// Evaluates with the given variable values; errors come back as `.error` values.
    public func eval(_ activation: Activation) -> Value { code.run(activation, slots: slots) }
}

/// Variable values for one evaluation: a shared base (a unit's records, the named values) and
/// a few per-item bindings on top (`it`, `value`, `group`), so binding an item copies little.
/// Both are small arrays searched by name: with a dozen short names, comparing beats hashing.
public struct Activation: Sendable {
    private var base: [(String, Value)]
    private var overlay: [(String, Value)] = []
    /// The budget evaluations with this activation (and copies of it) draw on, if any.
    public var meter: CostMeter?

    public init(_ values: [String: Value] = [:]) {
        self.base = values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Variables in the order given, each name once (a later one replaces an earlier), with
    /// no dictionary made and sorted for them: a host makes one of these for every file.
    public init(_ pairs: [(String, Value)]) {
        base = []
        base.reserveCapacity(pairs.count)
        for (name, value) in pairs { setBase(name, value) }
    }

    /// The value of a variable, the latest binding first.
    public subscript(name: String) -> Value? {
        get { withValue(name) { copy $0 } }
        set {
            if let i = overlay.firstIndex(where: { $0.0 == name }) {
                if let newValue { overlay[i].1 = newValue } else { overlay.remove(at: i) }
            } else if let newValue {
                overlay.append((name, newValue))
            } else {
                base.removeAll { $0.0 == name }
            }
        }
    }

    /// `body` of the value of a variable where it is stored (not a copy of it, which for a
    /// record or a list is a reference count up and down); nil when it is unbound.
    @inline(__always)
    func withValue<R>(_ name: String, _ body: (borrowing Value) -> R) -> R? {
        guard let at = place(of: name, hint: .max) else { return nil }
        return withValue(at: at, body)
    }

    /// Where a variable is bound: in the overlay (which shadows the base) or the base, by
    /// index. `hint`: where an expression found it in the base last time (activations for the
    /// same rules bind the same names in the same order), tried before the search; only a
    /// guess, checked by the name, so a wrong one costs the search, never a wrong value.
    @inline(__always)
    func place(of name: String, hint: Int) -> (overlay: Bool, index: Int)? {
        // Lengths first: names of another length are told apart without comparing text.
        let length = name.utf8.count
        var i = overlay.count
        while i > 0 {
            i -= 1
            if overlay[i].0.utf8.count == length && overlay[i].0 == name { return (true, i) }
        }
        if hint < base.count && base[hint].0 == name { return (false, hint) }
        for i in base.indices where base[i].0.utf8.count == length && base[i].0 == name { return (false, i) }
        return nil
    }

    /// `body` of the value at a place `place(of:hint:)` gave, where it is stored.
    @inline(__always)
    func withValue<R>(at place: (overlay: Bool, index: Int), _ body: (borrowing Value) -> R) -> R {
        place.overlay ? body(overlay[place.index].1) : body(base[place.index].1)
    }

    /// Binds `name` to `value` over the base (and over its own earlier binding), in place: a
    /// host that binds an item per step keeps one activation, and the room its bindings take,
    /// instead of copying the activation, which makes its bindings' array anew.
    @inline(__always)
    public mutating func bind(_ name: String, _ value: Value) {
        if let last = overlay.indices.last, overlay[last].0 == name { overlay[last].1 = value; return }
        self[name] = value
    }

    /// Ends the binding `bind` made of `name`, keeping the room for the next: the base's
    /// value of `name`, if any, shows again. Nothing else changes when `name` is not bound.
    @inline(__always)
    public mutating func unbind(_ name: String) {
        if let i = overlay.lastIndex(where: { $0.0 == name }) { overlay.remove(at: i) }
    }

    /// Sets a variable of the shared base (before any per-item binding).
    public mutating func setBase(_ name: String, _ value: Value) {
        if let i = base.firstIndex(where: { $0.0 == name }) { base[i].1 = value } else { base.append((name, value)) }
    }
}
