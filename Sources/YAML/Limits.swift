/// Fixed bounds that keep untrusted YAML from exhausting memory or time.
public struct Limits: Sendable, Hashable {
    /// Largest accepted file, in bytes.
    public var maxBytes: Int
    /// Deepest accepted nesting of mappings and sequences.
    public var maxDepth: Int
    /// Most events that alias expansion may add to a document.
    public var maxAliasEvents: Int

    public init(maxBytes: Int = 8 << 20, maxDepth: Int = 64, maxAliasEvents: Int = 100_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliasEvents = maxAliasEvents
    }

    public static let `default` = Limits()
}
