import CEL

/// The types campaign rules see: `all` with each record list's items, every item extended with
/// its `unit`. Projected, an item keeps only the fields campaign rules read, so the index each
/// unit leaves behind holds no more than they need.
struct CampaignTypes: Sendable {
    /// The type of `all`: one list per record list, plus `submissions`.
    let all: ObjectType
    /// For each record list name: the item type extended with `unit`.
    let items: [String: ObjectType]
    /// For a projected list: the slots of the schema's record kept, in order (then `unit`).
    let kept: [String: [Int]]
    /// Writes and reads the index's records (every type they can hold).
    let codec: ValueCodec

    /// `keep`: for the lists to project, the names of the fields to keep.
    init(schema: Schema, keep: [String: Set<String>] = [:]) {
        let unitField = schema.identity.field
        let unitType = schema.root.field(unitField)?.celType
        var items: [String: ObjectType] = [:]
        var kept: [String: [Int]] = [:]
        var fields: [(String, CELType)] = []
        for (name, spec) in schema.recordLists {
            var slots = Array(spec.type.fieldNames.indices)
            if let names = keep[name] { slots = slots.filter { names.contains(spec.type.fieldNames[$0]) } }
            var f = slots.map { (spec.type.fieldNames[$0], spec.type.fieldTypes[$0]) }
            if let unitType, spec.type.slot(of: unitField) == nil { f.append((unitField, unitType)) }
            if slots.count < spec.type.fieldNames.count { kept[name] = slots }
            let t = ObjectType(name: "all.\(name)[]", fields: f)
            items[name] = t
            fields.append((name, .list(.object(t))))
        }
        fields.append(("submissions", .list(.object(schema.root.type))))
        self.all = ObjectType(name: "all", fields: fields)
        self.items = items
        self.kept = kept
        codec = ValueCodec(roots: [all, schema.root.type])
    }
}

/// Which fields of each `all.<list>` item campaign rules read, from their checked expressions:
/// a field selected on an item (`it.site`, `v.date`, `has(p.escalated_to)`), the list's
/// declared label, and what unnamed items are called by (`id`, `title`, `name`, `date`). A list
/// whose items are used whole (a value, a message, a label, a `group_by` key, an equality, or
/// made a value the checker does not type, `dyn(it)`) keeps every field.
enum CampaignProjection {
    static let itemNames: Set<String> = ["id", "title", "name", "date"]

    static func fields(_ rules: [Rule], _ types: CampaignTypes, labels: [String: String]) -> [String: Set<String>] {
        let listOf = Dictionary(uniqueKeysWithValues: types.items.map { ($0.value.name, $0.key) })
        var read: [String: Set<String>] = [:]
        var whole = Set<String>()
        func items(in t: CELType) -> [String] {
            switch t {
            case .object(let o): listOf[o.name].map { [$0] } ?? []
            case .list(let e): items(in: e)
            case .map(let k, let v): items(in: k) + items(in: v)
            default: []
            }
        }
        func walk(_ e: Expr) {
            if case .select(let operand, let field, _) = e.kind, case .object(let o) = operand.type, let list = listOf[o.name] {
                read[list, default: []].insert(field)
                // The item itself is only read through the field: nothing more to mark.
                for child in operand.children { walk(child) }
                return
            }
            if case .call(let f, _, let args) = e.kind, ["_==_", "_!=_", "@in"].contains(f) {
                for a in args { whole.formUnion(items(in: a.type)) }
            }
            // An item the checker stops typing (`dyn(it)`, `[it, 1]`, `c ? it : 0`) may have
            // any of its fields read: its list is kept whole.
            if untyped(e.type) {
                for child in e.children {
                    whole.formUnion(items(in: child.type))
                    if case .object(let o) = child.type, o === types.all { whole.formUnion(types.items.keys) }
                }
            }
            for child in e.children { walk(child) }
        }
        for rule in rules where rule.scope == .campaign {
            var roots = rule.groupBy + [rule.value, rule.label].compactMap { $0 }
            if let message = rule.message { for case .expression(let e) in message.parts { roots.append(e) } }
            for r in roots { whole.formUnion(items(in: r.program.type)) }
            for e in rule.compiledExpressions { walk(e.program.expr) }
        }
        var out: [String: Set<String>] = [:]
        for (list, type) in types.items where !whole.contains(list) {
            var keep = read[list] ?? []
            if let label = labels[type.name] { keep.insert(label) }
            keep.formUnion(itemNames)
            out[list] = keep
        }
        return out
    }

    /// Whether a value of static type `t` is, or holds, a value the checker did not type.
    private static func untyped(_ t: CELType) -> Bool {
        switch t {
        case .dyn, .typeParam: true
        case .list(let e), .optional(let e): untyped(e)
        case .map(let k, let v): untyped(k) || untyped(v)
        default: false
        }
    }
}
