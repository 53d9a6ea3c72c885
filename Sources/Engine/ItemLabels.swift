import CEL

/// What findings call a `for_each` item whose rule gives no `label` (`ItemLabel.of`), with the
/// fields to read found once per record type when the rules load: a label read by slot, not by
/// up to five names looked up (hashed) in the record for every item.
final class ItemLabels: Sendable {
    /// The declared labels (`label:` in the schema) by the CEL type name of the records.
    let byName: [String: String]
    /// Per record type of the schema and the campaign: the declared label's slot, the slots of
    /// `id`, `title` and `name` (in that order), and the slot of `date`.
    private let plans: [(type: ObjectType, label: Int?, names: [Int], date: Int?)]

    init(_ byName: [String: String], types: [ObjectType]) {
        self.byName = byName
        plans = types.map { t in
            (t, byName[t.name].flatMap { t.slot(of: $0) }, ["id", "title", "name"].compactMap { t.slot(of: $0) }, t.slot(of: "date"))
        }
    }

    /// The item's name, as `ItemLabel.of` gives it.
    func of(_ item: Value, index: Int) -> String {
        guard case .object(let o) = item, let plan = plans.first(where: { o.isOf($0.type) }) else {
            return ItemLabel.of(item, index: index, labels: byName)
        }
        if let s = plan.label, s < o.count, let v = o[slot: s] { return Render.text(v) }
        for s in plan.names where s < o.count {
            if case .string(let text)? = o[slot: s] { return text }
        }
        if let s = plan.date, s < o.count, case .date(let d)? = o[slot: s] { return "\(d.chinese)的记录" }
        return "第\(index + 1)项"
    }
}
