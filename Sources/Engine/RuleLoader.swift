import CEL
import Foundation
import YAML

/// Loads the rules of one rules file: keys, expressions compiled in the right scope, quotes.
struct RuleLoader {
    let source: SourceText
    let unitEnv: Env
    let campaignEnv: Env
    let rootNames: [String]
    private var compiler: ExpressionCompiler
    private var extra: [Diagnostic] = []
    /// The campaign's source document, for verifying quotes.
    private(set) var seed: (path: String, text: String)?
    /// The seed's text, for finding quotes in it.
    private var seedSearch: SourceSearch?
    /// Where the source document was read from (the rules file's folder joined with `source`).
    private(set) var seedPath: String?
    private var sourceMark: Mark?
    private var warnedNoSource = false

    var diagnostics: [Diagnostic] { compiler.diagnostics + extra }

    init(source: SourceText, unitEnv: Env, campaignEnv: Env, rootNames: [String], literals: LiteralChecks) {
        self.source = source
        self.unitEnv = unitEnv
        self.campaignEnv = campaignEnv
        self.rootNames = rootNames
        self.compiler = ExpressionCompiler(source: source, literals: literals)
    }

    mutating func loadCampaign(_ node: Node?) {
        guard let node else { return }
        guard case .mapping(let m) = node else {
            report("rules.campaign", EngineText.mustBeMapping("campaign"), node.mark)
            return
        }
        for (key, _) in m.entries where !RulesLoader.campaignKeys.contains(key.value) {
            report("rules.campaign", EngineText.unknownCampaignKey(key.value, Suggest.closest(key.value, in: RulesLoader.campaignKeys)), key.mark)
        }
        for key in ["id", "title", "source"] { if let v = m[key] { _ = scalar(v, "campaign.\(key)") } }
        if let p = m["period"] { checkPeriod(p) }
        guard let s = m["source"]?.scalar else { return }
        sourceMark = s.mark
        let dir = (source.path as NSString).deletingLastPathComponent
        let path = s.value.hasPrefix("/") ? s.value : (dir.isEmpty ? s.value : "\(dir)/\(s.value)")
        guard FileManager.default.fileExists(atPath: path) else {
            report("rules.source", EngineText.sourceMissing(s.value, path), s.mark)
            return
        }
        switch SourceDocument.text(path) {
        case .success(let text):
            seed = (s.value, text)
            seedSearch = SourceSearch(text)
            seedPath = path
        case .failure(let problem): report("rules.source", problem.message, s.mark)
        }
    }

    /// `period` is informational, but a wrong one is still a mistake worth saying.
    private mutating func checkPeriod(_ node: Node) {
        guard let m = node.mapping, m.entries.count == 2,
              let start = m["start"]?.scalar, let end = m["end"]?.scalar else {
            report("rules.campaign", EngineText.periodShape, node.mark)
            return
        }
        guard let a = CELDate.parse(start.value) else { report("rules.campaign", EngineText.notADate(start.value), start.mark); return }
        guard let b = CELDate.parse(end.value) else { report("rules.campaign", EngineText.notADate(end.value), end.mark); return }
        if b < a { report("rules.campaign", EngineText.periodOrder(a, b), end.mark) }
    }

    mutating func fileAppliesTo(_ node: Node) -> CompiledExpression? {
        guard let s = scalar(node, "applies_to") else { return nil }
        // Evaluated once for a unit, as a rule's own `applies_to` is.
        var env = unitEnv
        env.once = true
        return compiler.compile(s, env, expecting: [.bool])
    }

    mutating func load(_ node: Node, fileAppliesTo: CompiledExpression?) -> Rule? {
        guard case .mapping(let m) = node else {
            report("rules.shape", EngineText.mustBeMapping("rules 的每一项"), node.mark)
            return nil
        }
        let before = diagnostics.filter { !$0.isWarning }.count
        for (key, _) in m.entries where !RulesLoader.ruleKeys.contains(key.value) {
            report("rules.key", EngineText.unknownRuleKey(key.value, Suggest.closest(key.value, in: RulesLoader.ruleKeys)), key.mark)
        }
        guard let id = required(m, "id") else { return nil }
        let title = required(m, "title")?.value ?? ""
        let implements = list(m, "implements")
        if m["implements"] == nil { report("rules.implements", EngineText.missingKey("implements"), m.mark) }
        let quote = m["quote"].flatMap { scalar($0, "quote") }
        if let quote {
            // Scalar by scalar: Foundation's trimming took some 40,000 instructions a quote.
            if quote.value.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                report("rules.quote", EngineText.emptyQuote, quote.mark)
            } else {
                verify(quote)
            }
        } else {
            report("rules.quote", EngineText.missingKey("quote"), m.mark)
        }
        let severity = enumValue(m, "severity", Severity.self) ?? .error
        let scope = enumValue(m, "scope", RuleScope.self) ?? .unit

        var env = scope == .unit ? unitEnv : campaignEnv
        // `applies_to` and `for_each` are evaluated once for a unit (or the campaign); the rest
        // once for each item when there is a `for_each`.
        env.once = true
        var applies: [CompiledExpression] = []
        if scope == .unit, let f = fileAppliesTo { applies.append(f) }
        if let a = expr(m, "applies_to", env, [.bool]) { applies.append(a) }
        let forEach = expr(m, "for_each", env, nil)
        var itemType: CELType?
        if let f = forEach {
            switch f.program.type {
            case .list(let t): itemType = t
            case .dyn: itemType = .dyn
            default:
                report("cel.type", EngineText.forEachNotList(EngineText.typeName(f.program.type)), m["for_each"]!.mark)
            }
        }
        if let t = itemType { env.variables["it"] = t }
        if m["for_each"] != nil { env.once = false }
        // A `for_each` that failed was reported once; `it` is left open so the rest of the
        // rule does not repeat the mistake as "未定义的名称「it」".
        if m["for_each"] != nil, forEach == nil { env.variables["it"] = .dyn }
        let label = expr(m, "label", env, nil)
        let forUnit = expr(m, "for_unit", env, [.string])
        if let f = m["for_unit"], scope != .campaign {
            report("rules.for-unit", EngineText.forUnitNeedsCampaign, f.mark)
        }
        var groupBy: [CompiledExpression] = []
        if let g = m["group_by"] {
            if scope != .campaign || forEach == nil {
                report("rules.group-by", EngineText.groupByNeedsCampaign, g.mark)
            }
            let items = g.sequence?.items ?? [g]
            for item in items {
                if let s = scalar(item, "group_by"), let e = compiler.compile(s, env) { groupBy.append(e) }
            }
            env.variables["it"] = nil
            env.variables["group"] = .list(itemType ?? .dyn)
            env.variables["key"] = .list(.dyn)
        }
        let value = expr(m, "value", env, nil)
        if let v = value { env.variables["value"] = v.program.type } else if m["value"] != nil { env.variables["value"] = .dyn }
        let expect = expr(m, "expect", env, [.bool])
        let doneOn = expr(m, "done_on", env, [.date, .null])
        let due = expr(m, "due", env, [.date])
        let tolerance = expr(m, "tolerance", env, [.duration])
        if m["expect"] == nil && m["done_on"] == nil {
            report("rules.check", EngineText.needsExpectOrDoneOn, m.mark)
        }
        if m["done_on"] != nil && m["due"] == nil { report("rules.due", EngineText.doneOnNeedsDue, m.mark) }
        if m["tolerance"] != nil && m["due"] == nil { report("rules.due", EngineText.toleranceNeedsDue, m.mark) }
        let message = m["message"].flatMap { scalar($0, "message") }.flatMap { template($0, env) }
        // Keys that would be silently ignored are said, as warnings: the rule still runs.
        if let l = m["label"], forEach == nil, m["for_each"] == nil {
            extra.append(source.diagnostic("rules.no-effect", EngineText.labelWithoutForEach, at: l.mark, warning: true))
        } else if let l = m["label"], m["group_by"] != nil {
            extra.append(source.diagnostic("rules.no-effect", EngineText.labelWithGroupBy, at: l.mark, warning: true))
        }
        guard diagnostics.filter({ !$0.isWarning }).count == before else { return nil }

        let compiled = [("applies_to", applies.last), ("for_each", forEach), ("label", label), ("for_unit", forUnit), ("value", value),
                        ("expect", expect), ("done_on", doneOn), ("due", due), ("tolerance", tolerance)]
            + groupBy.map { ("group_by", Optional($0)) }
        let present = compiled.compactMap { k, e in e.map { (key: k, text: $0.text) } }
        return Rule(id: id.value, implements: implements, title: title, quote: quote?.value, severity: severity,
                    scope: scope, location: Location(file: source.path, m.mark), appliesTo: applies,
                    forEach: forEach, groupBy: groupBy, label: label, forUnit: forUnit, value: value, expect: expect,
                    doneOn: doneOn, due: due, tolerance: tolerance, message: message,
                    reads: Reads.paths(in: compiled.filter { $0.0 != "applies_to" }.compactMap(\.1).map(\.program.expr), roots: rootNames),
                    expressions: present)
    }

    // MARK: - Keys

    private mutating func required(_ m: Mapping, _ key: String) -> Scalar? {
        guard let node = m[key] else {
            report("rules.\(key)", EngineText.missingKey(key), m.mark)
            return nil
        }
        return scalar(node, key)
    }

    private mutating func scalar(_ node: Node, _ key: String) -> Scalar? {
        guard case .scalar(let s) = node else {
            report("rules.shape", EngineText.mustBeText(key), node.mark)
            return nil
        }
        return s
    }

    private mutating func list(_ m: Mapping, _ key: String) -> [String] {
        guard let node = m[key] else { return [] }
        if let s = node.scalar { return [s.value] }
        if let seq = node.sequence { return seq.items.compactMap { scalar($0, key)?.value } }
        report("rules.shape", EngineText.mustBeText(key), node.mark)
        return []
    }

    private mutating func enumValue<T: RawRepresentable>(_ m: Mapping, _ key: String, _: T.Type) -> T? where T.RawValue == String {
        guard let node = m[key], let s = scalar(node, key) else { return nil }
        guard let v = T(rawValue: s.value) else {
            report("rules.\(key)", EngineText.badEnum(key, s.value), s.mark)
            return nil
        }
        return v
    }

    private mutating func expr(_ m: Mapping, _ key: String, _ env: Env, _ expected: [CELType]?) -> CompiledExpression? {
        guard let node = m[key], let s = scalar(node, key) else { return nil }
        return compiler.compile(s, env, expecting: expected)
    }

    private mutating func template(_ s: Scalar, _ env: Env) -> Template? {
        guard let pieces = Template.split(s.value) else {
            report("rules.message", EngineText.unclosedTemplate, s.mark)
            return nil
        }
        var parts: [Template.Part] = []
        let starts = compiler.positions(s, pieces.map(\.offset))
        for (p, start) in zip(pieces, starts) {
            if !p.isExpression { parts.append(.text(p.text)); continue }
            // Compile the hole as if it were its own scalar starting at its offset.
            var hole = s
            hole.value = p.text
            hole.mark = start
            hole.endMark = start
            hole.style = .plain
            guard let e = compiler.compile(hole, env) else { return nil }
            parts.append(.expression(e))
        }
        return Template(parts: parts)
    }

    // MARK: - Quotes

    /// A quote must stand verbatim in the source; `…` separates pieces that appear in order.
    private mutating func verify(_ quote: Scalar) {
        guard let seed, let search = seedSearch else {
            // No source document: said once per file, as a warning; the rules still run.
            if sourceMark == nil, !warnedNoSource {
                warnedNoSource = true
                extra.append(source.diagnostic("rules.source", EngineText.noSourceForQuote, at: quote.mark, warning: true))
            }
            return
        }
        let pieces = quote.value.components(separatedBy: "…").map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
        if pieces.isEmpty {
            report("rules.quote", EngineText.emptyQuote, quote.mark)
            return
        }
        var searchFrom = 0
        for (i, piece) in pieces.enumerated() {
            guard let r = search.find(piece, from: searchFrom) else {
                // Found, but before the piece it follows: the order is wrong, not the words.
                if i > 0, search.find(piece, from: 0, end: searchFrom) != nil {
                    report("rules.quote", EngineText.quotePieceOutOfOrder(piece, pieces[i - 1], seed.path), compiler.position(quote, 0))
                    return
                }
                let prefix = longestFoundPrefix(piece, in: seed.text)
                report("rules.quote", EngineText.quoteNotFound(piece, seed.path, divergesAfter: prefix), compiler.position(quote, 0))
                return
            }
            searchFrom = r.upperBound
        }
    }

    private func longestFoundPrefix(_ piece: String, in text: String) -> String {
        var lo = 0, hi = piece.count
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if text.contains(String(piece.prefix(mid))) { lo = mid } else { hi = mid - 1 }
        }
        return String(piece.prefix(lo))
    }

    private mutating func report(_ code: String, _ message: String, _ mark: Mark) {
        extra.append(source.diagnostic(code, message, at: mark))
    }
}

/// Which submission paths an expression reads: `records.research_plans`, `members`, `unit`.
enum Reads {
    static func paths(in exprs: [Expr], roots: [String]) -> [String] {
        var out: [String] = []
        func add(_ p: String) { if !out.contains(p) { out.append(p) } }
        func walk(_ e: Expr) {
            switch e.kind {
            case .ident(let n): if roots.contains(n) { add(n) }
            case .select(let operand, let field, _):
                if case .ident(let n) = operand.kind, roots.contains(n) {
                    add("\(n).\(field)")
                } else {
                    walk(operand)
                }
            default: e.forEachChild(walk)
            }
        }
        exprs.forEach(walk)
        // `records` alone adds nothing when `records.x` is there.
        return out.filter { p in !out.contains { $0.hasPrefix(p + ".") } }
    }
}
