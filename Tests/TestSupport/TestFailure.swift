/// A test's own failure, thrown where a `guard` finds the value under test is not what the
/// test reads next (a case, a record, a rule set), with what it found.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}
