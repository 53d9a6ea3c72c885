import CEL

/// A blank submission generated from the schema: every field in order with a Chinese comment
/// (its `doc:`, kind, whether required, allowed values, what it must match), every record list
/// with one commented example item whose values are valid as written. With a unit kind, the
/// lists that no rule for that kind reads are marked as not needed.
public struct SubmissionTemplate {
    let ruleSet: RuleSet
    /// The value of the unit's kind field to fill in, if asked for.
    let kind: String?
    /// A date every example uses: the earliest date among the named values (inside the
    /// campaign, so examples look like real records), else the as-of date.
    let exampleDate: String
    /// Record paths (`records.trainings`) that rules for this kind read; nil: every list.
    let needed: Set<String>?
    /// Where the kind is filled in (`unit.kind`), when one is given.
    let kindPath: [String]?

    /// The template for `ruleSet`; `kind`, when given, must be one of the kind field's values.
    public init(_ ruleSet: RuleSet, kind: String?, asOf: CELDate) throws(TemplateError) {
        self.ruleSet = ruleSet
        self.kind = kind
        let dates = ruleSet.values.fields.compactMap { v -> CELDate? in if case .date(let d)? = v { d } else { nil } }
        exampleDate = (dates.min() ?? asOf).description
        guard let kind else {
            needed = nil
            kindPath = nil
            return
        }
        guard let field = Self.kindField(ruleSet.schema) else { throw TemplateError(EngineText.templateNoKind) }
        if let allowed = field.spec.allowed, !allowed.contains(kind) {
            throw TemplateError(EngineText.templateBadKind(kind, allowed))
        }
        needed = Self.lists(read: ruleSet, kindField: field.name, kind: kind)
        kindPath = [ruleSet.schema.identity.field, field.name]
    }

    /// The template as YAML text.
    public func render() -> String {
        var out = EngineText.templateHeader(ruleSet.files.map(\.path), kind: kind).map { "# " + $0 }.joined(separator: "\n") + "\n"
        object(ruleSet.schema.root, path: [], indent: 0, into: &out)
        return out
    }

    /// The unit record's field that says what kind of unit it is: `kind`, else its first
    /// field with allowed values.
    static func kindField(_ schema: Schema) -> (name: String, spec: FieldSpec)? {
        guard let unit = schema.unitSpec else { return nil }
        if let f = unit.field("kind") { return ("kind", f) }
        return zip(unit.names, unit.fields).first { $0.1.allowed != nil }.map { ($0.0, $0.1) }
    }

    /// The record paths read by the rules that may apply to a unit of `kind`: a rule is left
    /// out when its `applies_to` is false for every unit of that kind, whatever the unit's
    /// other fields with allowed values (a batch, a stage) hold; one that cannot tell is kept.
    static func lists(read ruleSet: RuleSet, kindField: String, kind: String) -> Set<String> {
        guard let unitSpec = ruleSet.schema.unitSpec, let kindSlot = unitSpec.type.slot(of: kindField) else { return [] }
        // Every combination of the other fields' allowed values (a few dozen at most).
        var probes: [[Value?]] = [[Value?](repeating: nil, count: unitSpec.names.count)]
        for (slot, field) in unitSpec.fields.enumerated() {
            let values: [Value?]
            if slot == kindSlot {
                values = [ScalarDecoder.decode(kind, as: field.kind, origin: nil).value]
            } else if let allowed = field.allowed, probes.count * allowed.count <= 256 {
                values = allowed.map { ScalarDecoder.decode($0, as: field.kind, origin: nil).value }
            } else {
                continue
            }
            probes = probes.flatMap { p in values.map { v in var q = p; q[slot] = v; return q } }
        }
        let activations = probes.map { fields -> Activation in
            var a = Activation(["values": .object(ruleSet.values)])
            a.setBase(ruleSet.schema.identity.field, .object(CELObject.make(type: unitSpec.type, fields: fields)))
            return a
        }
        var out = Set(ruleSet.campaignLists.map { "records." + $0 })
        for rule in ruleSet.rules where rule.scope == .unit {
            let mayApply = activations.contains { a in
                !rule.appliesTo.contains { if case .bool(false) = $0.eval(a) { true } else { false } }
            }
            if mayApply { out.formUnion(rule.reads) }
        }
        return out
    }

    private func object(_ spec: ObjectSpec, path: [String], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for (name, field) in zip(spec.names, spec.fields) {
            let here = path + [name]
            switch field.kind {
            case .object(let o):
                out += pad + name + ":" + comment(field, path: here) + "\n"
                object(o, path: here, indent: indent + 2, into: &out)
            case .list(let item):
                if case .object(let o) = item.kind {
                    let unneeded = needed.map { set in !set.contains { $0 == here.joined(separator: ".") || $0.hasPrefix(here.joined(separator: ".") + ".") } } ?? false
                    out += pad + name + ":" + comment(field, path: here, unneeded: path.count > 0 && unneeded) + "\n"
                    out += pad + "  # " + EngineText.templateExample + "\n"
                    exampleItem(o, indent: indent + 2, prefix: "# ", into: &out)
                } else {
                    out += pad + name + ": [" + example(item) + "]" + comment(field, path: here) + "\n"
                }
            default:
                let filled = here == kindPath ? kind : nil
                out += pad + name + ":" + (filled.map { " " + $0 } ?? (field.optional ? "" : " " + placeholder(field))) + comment(field, path: here) + "\n"
            }
        }
    }

    /// One list item, commented: `# - a: …` then `#   b: …`.
    private func exampleItem(_ spec: ObjectSpec, indent: Int, prefix: String, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for (i, (name, field)) in zip(spec.names, spec.fields).enumerated() {
            let lead = pad + prefix + (i == 0 ? "- " : "  ")
            switch field.kind {
            case .object(let o):
                out += lead + name + ":" + comment(field, path: []) + "\n"
                exampleItem(o, indent: indent + 4, prefix: prefix, into: &out)
            case .list(let item):
                if case .object(let o) = item.kind {
                    out += lead + name + ":" + comment(field, path: []) + "\n"
                    exampleItem(o, indent: indent + 4, prefix: prefix, into: &out)
                } else {
                    out += lead + name + ": [" + example(item) + "]" + comment(field, path: []) + "\n"
                }
            default:
                out += lead + name + ": " + example(field) + comment(field, path: []) + "\n"
            }
        }
    }

    /// A value valid for the field as written: its first allowed value, its default, a date of
    /// the campaign; texts are all the same word, so references between lists match.
    private func example(_ field: FieldSpec) -> String {
        if let first = field.allowed?.first { return yamlText(first) }
        if let d = field.defaultValue { return Render.text(d) }
        switch field.kind {
        case .string: return EngineText.templateSampleText
        case .int: return "1"
        case .number: return "1"
        case .bool: return "true"
        case .date: return exampleDate
        case .month: return String(exampleDate.prefix(7))
        case .list(let item): return "[" + example(item) + "]"
        case .object: return "{}"
        }
    }

    /// What a required field shows before it is filled: an empty text, or nothing.
    private func placeholder(_ field: FieldSpec) -> String {
        if case .string = field.kind { return "\"\"" }
        return ""
    }

    private func yamlText(_ s: String) -> String {
        s.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) && !s.isEmpty ? s : "\"" + s + "\""
    }

    private func comment(_ field: FieldSpec, path: [String], unneeded: Bool = false) -> String {
        var parts: [String] = []
        if let doc = field.doc { parts.append(doc) }
        switch field.kind {
        case .object: break
        case .list(let item):
            if case .object = item.kind {} else { parts.append(EngineText.templateListOf(item.kindName)) }
        default: parts.append(field.kindName)
        }
        if let d = field.defaultValue {
            parts.append(EngineText.templateDefault(Render.text(d)))
        } else if field.requiredWhen != nil {
            parts.append(EngineText.templateRequiredWhen(field.requiredWhen!))
        } else if case .list = field.kind {
            if field.minItems > 0 { parts.append(EngineText.templateMinItems(field.minItems)) }
        } else if case .object = field.kind {
        } else {
            parts.append(field.optional ? EngineText.templateOptional : EngineText.templateRequired)
        }
        if let allowed = field.allowed ?? { if case .list(let i) = field.kind { i.allowed } else { nil } }() {
            parts.append(EngineText.templateAllowed(allowed))
        }
        if let ref = field.ref ?? { if case .list(let i) = field.kind { i.ref } else { nil } }() {
            parts.append(EngineText.templateRef(ref))
        }
        if let by = field.datedBy { parts.append(EngineText.templateDatedBy(by)) }
        if unneeded { parts.append(EngineText.templateNotNeeded(kind ?? "")) }
        return parts.isEmpty ? "" : "  # " + parts.joined(separator: "；")
    }
}

/// Why a template cannot be made as asked.
public struct TemplateError: Error {
    public let message: String
    init(_ message: String) { self.message = message }
}
