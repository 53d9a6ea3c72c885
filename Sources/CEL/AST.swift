/// A node of a CEL syntax tree with the range of text it came from.
public struct Expr: Sendable {
    public var kind: Kind
    public var range: SourceRange
    /// Set by the checker: the node's static type.
    public var type: CELType = .dyn
    /// Set by the checker for calls: the overloads that may apply, for runtime dispatch.
    var overloads: [Overload] = []
    /// Set by the checker for selections on records: the field's slot.
    var slot: Int? = nil

    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The node's direct subexpressions, for walks that keep their own stack.
    public var children: [Expr] {
        var out: [Expr] = []
        forEachChild { out.append($0) }
        return out
    }

    /// `body` of each direct subexpression, in the order written, with no array made: for
    /// walks over every node of every rule.
    public func forEachChild(_ body: (Expr) -> Void) {
        switch kind {
        case .literal, .ident: break
        case .select(let operand, _, _): body(operand)
        case .call(_, let target, let args):
            if let target { body(target) }
            for a in args { body(a) }
        case .list(let items): for i in items { body(i) }
        case .map(let entries): for (k, v) in entries { body(k); body(v) }
        case .comprehension(let c):
            body(c.range)
            if let p = c.predicate { body(p) }
            if let t = c.transform { body(t) }
        }
    }

    public indirect enum Kind: Sendable {
        case literal(Value)
        case ident(String)
        /// `operand.field`; `testOnly` for `has(operand.field)`.
        case select(Expr, String, testOnly: Bool)
        /// A function or operator call; `target` for receiver style `x.f()`.
        case call(String, target: Expr?, args: [Expr])
        case list([Expr])
        case map([(Expr, Expr)])
        case comprehension(Comprehension)
    }
}

/// A macro over a list (or a map's keys), kept in macro form so it prints as written.
public struct Comprehension: Sendable {
    public enum Macro: String, Sendable {
        case all, exists, existsOne = "exists_one", map, filter
        /// Two-variable forms only: `l.transformList(i, v, e)`, `m.transformMap(k, v, e)`.
        case transformList, transformMap
        /// cel-go's bindings extension: `cel.bind(v, init, body)` evaluates `init` once, binds it
        /// as `v` (the `range` here) and gives `body` (the `transform`).
        case bind
        /// cel-go's lists extension: `l.sortBy(v, key)` orders `l` by `key` (the `transform`).
        case sortBy
        /// cel-go's optionals: `o.optMap(v, e)` is `optional.of(e)` with `v` bound to the value
        /// of `o`, or none; `o.optFlatMap(v, e)` gives `e` itself, which is an optional.
        case optMap, optFlatMap
    }

    public var macro: Macro
    public var range: Expr
    public var variable: String
    /// The second variable of the two-variable forms: a list's element (the first is its
    /// index) or a map's value (the first is its key).
    public var variable2: String? = nil
    /// `all`/`exists`/`exists_one`/`filter`'s condition, or `map`'s optional filter.
    public var predicate: Expr?
    /// `map`'s and the transforms' result expression.
    public var transform: Expr?
}
