import CEL

/// Runs one conformance test: parse → check (unless disabled) → eval with bindings → compare.
struct Runner {
    enum Outcome {
        case pass
        /// An expected error that came from parsing or checking rather than evaluation.
        case passAtCompile
        case fail(String)
        case skip(String)
    }

    /// Names that mark a test as needing protobuf messages or enums (out of scope, skipped).
    static let protobufMarkers = ["TestAllTypes", "NestedTestAllTypes", "google.protobuf", "cel.expr.conformance",
                                  "object_value", "message_type", "enum_value"]

    static func run(_ test: TextMessage) -> Outcome {
        if let marker = protobufMarkers.first(where: { test.raw.contains($0) }) {
            return .skip("needs protobuf (\(marker))")
        }
        guard let expr = test.string("expr") else { return .fail("no expr") }
        var variables: [String: CELType] = [:]
        do {
            for case .message(let decl) in test.all("type_env") {
                guard let name = decl.string("name") else { continue }
                if let ident = decl.message("ident"), let t = ident.message("type") {
                    variables[name] = try Expected.type(t)
                } else if decl.has("function") {
                    return .skip("declares functions")
                }
            }
        } catch {
            return .fail("type_env: \(error)")
        }
        var activation = Activation()
        do {
            for case .message(let b) in test.all("bindings") {
                guard let key = b.string("key"), let v = b.message("value")?.message("value") else { continue }
                activation[key] = try Expected.value(v)
                if variables[key] == nil { variables[key] = .dyn }
            }
        } catch {
            return .fail("bindings: \(error)")
        }
        let env = Env(variables: variables, container: test.string("container") ?? "")
        let program: Program
        do {
            if test.string("disable_check") == "true" {
                program = try env.parseOnly(expr, macros: test.string("disable_macros") != "true")
            } else {
                program = try env.compile(expr, macros: test.string("disable_macros") != "true")
            }
        } catch {
            if test.has("eval_error") { return .passAtCompile }
            return .fail("compile: \(error.description)")
        }
        if test.string("check_only") == "true" { return .pass }
        let result = program.eval(activation)
        if test.has("eval_error") {
            if case .error = result { return .pass }
            return .fail("expected an error, got \(Printer.literal(result))")
        }
        if test.has("any_unknowns") || test.has("unknown") { return .skip("unknowns") }
        let expected: Value
        if let v = test.message("value") {
            do { expected = try Expected.value(v) } catch { return .skip("expected value: \(error)") }
        } else if test.has("typed_result") {
            return .skip("typed_result")
        } else {
            expected = .bool(true)
        }
        if Expected.same(result, expected) { return .pass }
        return .fail("expected \(Printer.literal(expected)), got \(Printer.literal(result))")
    }
}
