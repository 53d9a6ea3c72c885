/// A half-open range of an expression's text, in Unicode scalars from its start.
public struct SourceRange: Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }
}

/// A compile-time problem in an expression: what and where.
public struct CELDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable identifier, e.g. `cel.syntax`, `cel.undeclared`.
    public var code: String
    public var message: String
    public var range: SourceRange

    public init(_ code: String, _ message: String, _ range: SourceRange) {
        self.code = code
        self.message = message
        self.range = range
    }

    public var description: String { "\(range.start): error[\(code)]: \(message)" }
}

/// A compile failure: every diagnostic found, in source order.
public struct CELErrors: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [CELDiagnostic]

    public init(_ diagnostics: [CELDiagnostic]) {
        self.diagnostics = diagnostics.sorted { ($0.range.start, $0.range.end) < ($1.range.start, $1.range.end) }
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
