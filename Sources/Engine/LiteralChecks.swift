import CEL

/// Literals that type-check but cannot be right, found at load instead of at run time:
/// a text compared with an enum field that is not among its values (`unit.kind == 'brnach'`
/// makes a rule apply to nobody), a constant date that does not exist (`date('2019-11-31')`) and
/// a constant pattern RE2 refuses.
struct LiteralChecks: Sendable {
    /// Every record spec of the schema by the name of its CEL type, campaign items included.
    private let specs: [String: ObjectSpec]

    init(schema: Schema, campaignTypes: CampaignTypes) {
        var specs: [String: ObjectSpec] = [:]
        for o in schema.objects { specs[o.type.name] = o }
        for (name, item) in schema.recordLists {
            if let t = campaignTypes.items[name] { specs[t.name] = item }
        }
        self.specs = specs
    }

    /// Each such literal: where it is, and what to say.
    func problems(in expr: Expr) -> [(range: SourceRange, message: String)] {
        var out: [(SourceRange, String)] = []
        var stack = [expr]
        // A stack, not recursion: a long expression must not exhaust the thread's stack.
        while let e = stack.popLast() {
            stack += e.children
            if case .call(let fn, let target, let args) = e.kind {
                if (fn == "_==_" || fn == "_!=_"), args.count == 2 {
                    out += compare(args[0], args[1]) + compare(args[1], args[0])
                } else if fn == "@in", args.count == 2, case .list(let items) = args[1].kind {
                    for item in items { out += compare(args[0], item) }
                } else if fn == "date", target == nil, args.count == 1, case .literal(.string(let text)) = args[0].kind,
                          CELDate.parse(text) == nil {
                    out.append((args[0].range, EngineText.badConstantDate(text)))
                } else if fn == "matches", let pattern = (target == nil ? args.dropFirst().first : args.first),
                          case .literal(.string(let text)) = pattern.kind, !Patterns.isValid(text) {
                    out.append((pattern.range, EngineText.badConstantPattern(text)))
                }
            }
        }
        return out.sorted { $0.0.start < $1.0.start }
    }

    private func compare(_ field: Expr, _ literal: Expr) -> [(SourceRange, String)] {
        guard case .select(let operand, let name, testOnly: false) = field.kind,
              case .object(let type) = operand.type, let spec = specs[type.name],
              let allowed = spec.field(name)?.allowed,
              case .literal(.string(let text)) = literal.kind, !allowed.contains(text) else { return [] }
        let path = spec.path == "submission" ? name : "\(spec.path).\(name)"
        return [(literal.range, EngineText.notAnEnumValue(text, path, allowed, Suggest.closest(text, in: allowed)))]
    }
}
