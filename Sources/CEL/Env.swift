/// What an expression may refer to: typed variables and functions. `compile` is the front door.
public struct Env: Sendable {
    public var variables: [String: CELType]
    public var functions: FunctionTable

    public init(variables: [String: CELType] = [:], functions: FunctionTable = .standard) {
        self.variables = variables
        self.functions = functions
    }

    /// Parses and type-checks `text`; every problem is reported at once.
    public func compile(_ text: String) throws(CELErrors) -> Program {
        var expr = try Parser.parse(text)
        var checker = Checker(env: self)
        checker.check(&expr)
        if !checker.diagnostics.isEmpty { throw CELErrors(checker.diagnostics) }
        return Program(expr: expr, functions: functions)
    }

    /// Parses without checking, for dynamic use (the checker's annotations are absent).
    public func parseOnly(_ text: String) throws(CELErrors) -> Program {
        Program(expr: try Parser.parse(text), functions: functions)
    }
}

/// A compiled expression, ready to evaluate against many activations.
public struct Program: Sendable {
    public let expr: Expr
    let functions: FunctionTable

    /// The checked result type (`dyn` when unchecked).
    public var type: CELType { expr.type }

    /// Evaluates with the given variable values; errors come back as `.error` values.
    public func eval(_ activation: Activation) -> Value {
        var interpreter = Interpreter(functions: functions, activation: activation)
        return interpreter.eval(expr)
    }
}

/// Variable values for one evaluation.
public struct Activation: Sendable {
    public var values: [String: Value]

    public init(_ values: [String: Value] = [:]) { self.values = values }

    public subscript(name: String) -> Value? {
        get { values[name] }
        set { values[name] = newValue }
    }
}
