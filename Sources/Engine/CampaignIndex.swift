import CEL
import YAML

/// What a unit leaves behind for the campaign rules once its own rules are done: who it is,
/// where its file is, and only the record lists that campaign rules read (`all.<list>`), as of
/// the date and each item knowing its unit. The rest of the file is released, so a run's
/// memory follows this index, not the files.
struct UnitEntry: Sendable {
    let path: String
    let unitID: String?
    let unitName: String?
    /// The unit above it, as its file (or the roster) says.
    let parent: String?
    /// Where the file says which unit it is, for pointing at a duplicate.
    let unitMark: Mark?
    /// `all.<list>` contributions by list name.
    let lists: [String: [Value]]
    /// The whole file (as of the date), only when a campaign rule reads `all.submissions`.
    let root: Value?

    /// `view`: the file as of the date, when the caller has it already.
    init(_ sub: Submission, view: CELObject? = nil, ruleSet: RuleSet, asOf: CELDate) {
        path = sub.path
        unitID = sub.unitID
        unitName = sub.unitName
        unitMark = sub.keyMarks[ruleSet.schema.identity.field]
        if case .object(let u)? = sub.root?[ruleSet.schema.identity.field], case .string(let p)? = u[ruleSet.schema.identity.parent] {
            parent = p
        } else {
            parent = nil
        }
        let needed = ruleSet.campaignLists
        guard let root = sub.root, !needed.isEmpty else {
            lists = [:]
            self.root = nil
            return
        }
        let view = view ?? AsOfView.view(root, ruleSet.schema.root, asOf: asOf)
        self.root = needed.contains("submissions") ? .object(view) : nil
        let unit = view[ruleSet.schema.identity.field]
        var lists: [String: [Value]] = [:]
        for (name, _) in ruleSet.schema.recordLists where needed.contains(name) {
            guard let type = ruleSet.campaignTypes.items[name], case .list(let items)? = UnitEntry.list(view, name) else { continue }
            let slots = ruleSet.campaignTypes.kept[name]
            var kept: [Value] = []
            kept.reserveCapacity(items.count)
            for case .object(let o) in items {
                // Exactly as many slots as fields (appending the unit to the record's own array
                // would double its capacity), and only the fields campaign rules read: these
                // arrays are most of a run's memory.
                var fields: [Value?] = []
                fields.reserveCapacity(type.fieldNames.count)
                if let slots { for i in slots { fields.append(o.fields[i]) } } else { fields += o.fields }
                if fields.count < type.fieldNames.count { fields.append(unit) }
                kept.append(.object(CELObject(type: type, fields: fields, origin: o.origin)))
            }
            lists[name] = kept
        }
        self.lists = lists
    }

    /// A record list by name, at the root or one level down (`records.<name>`).
    static func list(_ root: CELObject, _ name: String) -> Value? {
        if let v = root[name], case .list = v { return v }
        for case .object(let o)? in root.fields {
            if let v = o[name], case .list = v { return v }
        }
        return nil
    }
}

extension Rule {
    /// Every compiled expression of the rule, message holes included.
    var compiledExpressions: [CompiledExpression] {
        var out = appliesTo + groupBy
        for e in [forEach, label, forUnit, value, expect, doneOn, due, tolerance] { if let e { out.append(e) } }
        if let message {
            for case .expression(let e) in message.parts { out.append(e) }
        }
        return out
    }
}

enum CampaignReads {
    /// The `all.<list>` fields campaign rules read; `all` used whole means every list.
    static func lists(_ rules: [Rule], all: ObjectType) -> Set<String> {
        let paths = Reads.paths(in: rules.filter { $0.scope == .campaign }.flatMap(\.compiledExpressions).map(\.program.expr), roots: ["all"])
        if paths.contains("all") { return Set(all.fieldNames) }
        return Set(paths.compactMap { $0.hasPrefix("all.") ? String($0.dropFirst(4)) : nil })
    }
}
