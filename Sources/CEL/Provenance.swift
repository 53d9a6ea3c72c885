/// Where a value came from in some input: the host's file number, line and column (1-based).
///
/// The CEL layer carries it through evaluation untouched (`min` of dates keeps the chosen
/// date's provenance) so the host can point at the record that decided a result.
public struct Provenance: Sendable, Hashable {
    public var file: Int32
    public var line: Int32
    public var column: Int32

    public init(file: Int32, line: Int32, column: Int32) {
        self.file = file
        self.line = line
        self.column = column
    }
}
