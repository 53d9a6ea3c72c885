import Testing
@testable import CEL

/// Compiles and evaluates `text` with no variables, or with the given ones.
func eval(_ text: String, _ vars: [String: (CELType, Value)] = [:]) throws -> Value {
    let env = Env(variables: vars.mapValues(\.0))
    let program = try env.compile(text)
    return program.eval(Activation(vars.mapValues(\.1)))
}

/// The canonical printed form of a parsed expression.
func printed(_ text: String) throws -> String {
    Printer.print(try Parser.parse(text))
}

/// The compile diagnostics of `text`, or an empty list when it compiles.
func diagnostics(_ text: String, _ vars: [String: CELType] = [:]) -> [CELDiagnostic] {
    do {
        _ = try Env(variables: vars).compile(text)
        return []
    } catch {
        return error.diagnostics
    }
}

extension Value {
    /// A compact rendering for assertions.
    var text: String { Printer.literal(self) }
}

/// Evaluates `program` with `it` bound to each of `items` (and `values`), as lowered and as
/// written (`unchained`): each value must be the same, and so must the steps spent.
func expectSameAsWritten(_ program: Program, _ text: String, it items: [Value], values: Value,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    for item in items {
        var fast = Activation(["it": item, "values": values])
        var written = fast
        fast.meter = CostMeter(limit: 1_000)
        written.meter = CostMeter(limit: 1_000)
        let a = program.eval(fast), b = program.unchained.eval(written)
        #expect(a.text == b.text, "\(text) of \(item.text)", sourceLocation: sourceLocation)
        #expect(fast.meter!.spent == written.meter!.spent, "\(text) of \(item.text)", sourceLocation: sourceLocation)
    }
}
