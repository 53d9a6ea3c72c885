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
    /// Of a unit's file as `all.submissions` holds it, the fields written, by record type
    /// (`SubmissionProjection`); a type not here is written whole.
    var submissionMasks: [ObjectIdentifier: [Bool]] = [:]

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
            for r in rule.shown { whole.formUnion(items(in: r.program.type)) }
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
    static func untyped(_ t: CELType) -> Bool {
        switch t {
        case .dyn, .typeParam: true
        case .list(let e), .optional(let e): untyped(e)
        case .map(let k, let v): untyped(k) || untyped(v)
        default: false
        }
    }
}

/// Which fields of a unit's file `all.submissions` keeps in the campaign index: campaign rules
/// that ask one thing of every unit's whole file (`all.submissions.map(s, s.unit.id)`) would
/// otherwise hold a province's files in memory. Of each record type of the file (the root
/// and those below it), the fields campaign rules select, its label and what unnamed items
/// are called by (`id`, `title`, `name`, `date`), and the root's unit; the rest are written
/// as absent. Nothing else can tell: a record of the file used any way other than through its
/// fields (compared, made a value, a message, a label or a key, given to a function, made a
/// value the checker does not type) keeps every file whole.
enum SubmissionProjection {
    /// For each record type with fields left out, a flag per slot: kept or not. Empty: whole.
    static func masks(_ rules: [Rule], schema: Schema, all: ObjectType, labels: [String: String]) -> [ObjectIdentifier: [Bool]] {
        let types = ValueCodec.reachable(from: [schema.root.type])
        let reachable = Dictionary(uniqueKeysWithValues: types.map { (ObjectIdentifier($0), $0) })
        // Whether a value of type `t` is, or holds, a record of a unit's file (`all` holds them all).
        func holds(_ t: CELType) -> Bool {
            switch t {
            case .object(let o): reachable[ObjectIdentifier(o)] != nil || o === all
            case .list(let e), .optional(let e): holds(e)
            case .map(let k, let v): holds(k) || holds(v)
            default: false
            }
        }
        var read: [ObjectIdentifier: Set<String>] = [:]
        var whole = false
        // Calls that pass a list of records on, or an item of it, without reading the records.
        let passing: Set<String> = ["_?_:_", "size", "_[_]", "_+_"]
        func walk(_ e: Expr) {
            guard !whole else { return }
            switch e.kind {
            case .select(let operand, let field, _):
                if case .object(let o) = operand.type, reachable[ObjectIdentifier(o)] != nil { read[ObjectIdentifier(o), default: []].insert(field) }
            case .call(let f, let target, let args):
                let operands = (target.map { [$0] } ?? []) + args
                if passing.contains(f) {
                    // Only a list may be counted, indexed or joined: a record is whole there.
                    if f != "_?_:_", operands.contains(where: { if case .object = $0.type { holds($0.type) } else { false } }) { whole = true }
                } else if operands.contains(where: { holds($0.type) }) {
                    whole = true
                }
            case .comprehension(let c):
                // A record gone over as a map of its fields.
                if case .object = c.range.type, holds(c.range.type) { whole = true }
            default:
                break
            }
            if CampaignProjection.untyped(e.type), e.children.contains(where: { holds($0.type) }) { whole = true }
            for child in e.children { walk(child) }
        }
        for rule in rules where rule.scope == .campaign {
            if rule.shown.contains(where: { holds($0.program.type) }) { return [:] }
            for e in rule.compiledExpressions { walk(e.program.expr) }
        }
        if whole { return [:] }
        var masks: [ObjectIdentifier: [Bool]] = [:]
        for (id, type) in reachable {
            var keep = (read[id] ?? []).union(CampaignProjection.itemNames)
            if let label = labels[type.name] { keep.insert(label) }
            if type === schema.root.type { keep.insert(schema.identity.field) }
            let mask = type.fieldNames.map(keep.contains)
            if mask.contains(false) { masks[id] = mask }
        }
        return masks
    }
}
