import Foundation
import CEL
import YAML

/// A CEL expression from a rules file, compiled, with the scalar it was written in. A class, so
/// that evaluating it for every unit passes one reference, not its text, tree and location.
public final class CompiledExpression: Sendable {
    public let text: String
    public let program: Program
    public let location: Location

    init(text: String, program: Program, location: Location) {
        self.text = text
        self.program = program
        self.location = location
    }

    /// Evaluates with the given bindings.
    func eval(_ a: Activation) -> Value { program.eval(a) }
}

/// Compiles the CEL strings of a rules file, mapping expression offsets back to file positions.
struct ExpressionCompiler {
    let source: SourceText
    /// Literal checks against the schema, once it is known.
    let literals: LiteralChecks?
    private(set) var diagnostics: [Diagnostic] = []

    init(source: SourceText, literals: LiteralChecks? = nil) {
        self.source = source
        self.literals = literals
    }

    /// Compiles `scalar` in `env`; on failure records diagnostics and returns nil.
    mutating func compile(_ scalar: Scalar, _ env: Env, expecting expected: [CELType]? = nil) -> CompiledExpression? {
        do {
            let program = try env.compile(scalar.value)
            if let expected, !expected.contains(program.type), program.type != .dyn {
                let names = expected.map { EngineText.typeName($0) }.joined(separator: " 或 ")
                // A date written as in values (`2019-11-30`) is subtraction in an expression.
                let message = expected.contains(.date) && CELDate.parse(scalar.value) != nil
                    ? EngineText.dateAsArithmetic(scalar.value.trimmingCharacters(in: .whitespaces))
                    : EngineText.expressionType(names, EngineText.typeName(program.type))
                report("cel.type", message, scalar, SourceRange(0, scalar.value.unicodeScalars.count))
                return nil
            }
            let problems = literals?.problems(in: program.expr) ?? []
            for p in problems { report("cel.literal", p.message, scalar, p.range) }
            guard problems.isEmpty else { return nil }
            return CompiledExpression(text: scalar.value, program: program, location: Location(file: source.path, position(scalar, 0)))
        } catch {
            for d in error.diagnostics { report(d.code, d.message, scalar, d.range) }
            return nil
        }
    }

    mutating func report(_ code: String, _ message: String, _ scalar: Scalar, _ range: SourceRange) {
        let mark = position(scalar, range.start)
        diagnostics.append(source.diagnostic(code, message, at: mark, length: range.end - range.start))
    }

    /// The file position of the scalar at a Unicode-scalar offset into its value.
    func position(_ scalar: Scalar, _ offset: Int) -> Mark {
        positions(scalar, [offset])[0]
    }

    /// The file positions of several offsets into one scalar, reading its text once (a message
    /// with thousands of holes must not read it once per hole).
    func positions(_ scalar: Scalar, _ offsets: [Int]) -> [Mark] {
        let text = Array(scalar.value.unicodeScalars)
        switch scalar.style {
        case .plain, .singleQuoted, .doubleQuoted:
            // A single-line scalar maps one to one (quoted: one past the quote). Multi-line
            // plain scalars fold line breaks, so point at their start instead of guessing.
            if text.contains("\n") || scalar.endMark.line != scalar.mark.line { return offsets.map { _ in scalar.mark } }
            let shift = scalar.style == .plain ? 0 : 1
            return offsets.map { Mark(line: scalar.mark.line, column: scalar.mark.column + shift + $0) }
        case .literal, .folded:
            // Block scalars start on the line after the indicator. The block's indentation is
            // that of its first content line; deeper lines keep their extra spaces in the text.
            let indent = source.line(scalar.mark.line + 1)?.prefix { $0 == " " }.count ?? 0
            var result = [Mark](repeating: scalar.mark, count: offsets.count)
            var line = 0, column = 0, i = 0
            for (index, offset) in offsets.enumerated().sorted(by: { $0.element < $1.element }) {
                while i < min(offset, text.count) {
                    if text[i] == "\n" { line += 1; column = 0 } else { column += 1 }
                    i += 1
                }
                result[index] = Mark(line: scalar.mark.line + 1 + line, column: indent + column + 1)
            }
            return result
        }
    }

}
