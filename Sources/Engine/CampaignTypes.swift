import CEL

/// The types rules see when they look across units: `all.<list>` items know their `unit`.
struct CampaignTypes: Sendable {
    /// The type of `all`: one list per record list, plus `submissions`.
    let all: ObjectType
    /// For each record list name: the item type extended with `unit`.
    let items: [String: ObjectType]

    init(schema: Schema) {
        let unitField = schema.identity.field
        let unitType = schema.root.field(unitField)?.celType
        var items: [String: ObjectType] = [:]
        var fields: [(String, CELType)] = []
        for (name, spec) in schema.recordLists {
            var f = zip(spec.type.fieldNames, spec.type.fieldTypes).map { ($0, $1) }
            if let unitType, spec.type.slot(of: unitField) == nil { f.append((unitField, unitType)) }
            let t = ObjectType(name: "all.\(name)[]", fields: f)
            items[name] = t
            fields.append((name, .list(.object(t))))
        }
        fields.append(("submissions", .list(.object(schema.root.type))))
        self.all = ObjectType(name: "all", fields: fields)
        self.items = items
    }
}
