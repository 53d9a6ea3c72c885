import Engine

/// Copies that share no storage with what they copy (a plain copy of a text, an array or a
/// dictionary shares its storage): for a renderer of one more checking thread, whose counts on
/// shared objects would pass their cache lines between the cores.
enum Owned {
    static func text(_ s: String) -> String { String(decoding: s.utf8.map { $0 }, as: UTF8.self) }

    static func copy(_ titles: [String: String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: titles.map { (text($0.key), text($0.value)) })
    }

    static func copy(_ rules: [String: RuleInfo]) -> [String: RuleInfo] {
        Dictionary(uniqueKeysWithValues: rules.map { key, r in
            (text(key), RuleInfo(id: text(r.id), title: text(r.title), implements: r.implements.map(text), quote: r.quote.map(text),
                                 severity: r.severity, scope: r.scope,
                                 location: r.location.map { Location(file: text($0.file), line: $0.line, column: $0.column) }))
        })
    }
}
