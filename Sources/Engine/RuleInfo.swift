/// One row of a run's rules table: what reports say about a rule once, instead of in every
/// finding (its title, catalogue IDs, quote, severity and scope).
public struct RuleInfo: Sendable {
    public let id: String
    public let title: String
    public let implements: [String]
    public let quote: String?
    public let severity: Severity
    /// Nil for the engine's own checks (the file's format, the roster, missing units).
    public let scope: RuleScope?
    /// Where the rule is written; nil for the engine's own checks.
    public let location: Location?

    public init(id: String, title: String, implements: [String], quote: String?, severity: Severity,
                scope: RuleScope?, location: Location?) {
        self.id = id
        self.title = title
        self.implements = implements
        self.quote = quote
        self.severity = severity
        self.scope = scope
        self.location = location
    }
}

/// The ids of the engine's own checks, which every run's rules table lists first.
public enum BuiltinRule {
    /// A submission that does not follow the schema, or a unit's second file.
    public static let schema = "schema"
    /// A unit that is not on the roster.
    public static let roster = "roster"
    /// A unit on the roster without a submission.
    public static let submission = "submission"
}

extension RuleSet {
    /// The rules table: the engine's own checks, then the rules in the order they are written.
    public var catalogue: [RuleInfo] {
        Self.builtinRules + rules.map {
            RuleInfo(id: $0.id, title: $0.title, implements: $0.implements, quote: $0.quote, severity: $0.severity,
                     scope: $0.scope, location: $0.location)
        }
    }

    /// The engine's own checks, first in the rules table.
    static let builtinRules = [
        RuleInfo(id: BuiltinRule.schema, title: EngineText.schemaRule, implements: [], quote: nil, severity: .error, scope: nil, location: nil),
        RuleInfo(id: BuiltinRule.roster, title: EngineText.rosterRule, implements: [], quote: nil, severity: .warning, scope: nil, location: nil),
        RuleInfo(id: BuiltinRule.submission, title: EngineText.missingRule, implements: [], quote: nil, severity: .error, scope: nil, location: nil),
    ]

    /// The place in the rules table of `rules[order]`.
    static func catalogueIndex(ofRule order: Int) -> Int { builtinRules.count + order }
}
