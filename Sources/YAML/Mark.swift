/// A position in a YAML source: 1-based line and column.
///
/// The column counts Unicode scalars from the start of the line, as libyaml does
/// (so `张三` advances it by 2, not by 6 bytes and not by 4 display cells).
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The start of a file, used for errors that belong to the whole file.
    public static let start = Mark(line: 1, column: 1)

    public static func < (a: Mark, b: Mark) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}
