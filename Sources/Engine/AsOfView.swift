import CEL

/// The submission as the world stood on the as-of date: records dated later (by their list's
/// `dated_by` field) have not happened yet and are left out. Unchanged parts are shared.
enum AsOfView {
    /// A decoded file as of the date; the file itself, without looking into it, when none of
    /// its records is dated later (the usual check, after the campaign's last date).
    static func view(of sub: Submission, _ spec: ObjectSpec, asOf: CELDate) -> CELObject? {
        guard let root = sub.root else { return nil }
        guard let latest = sub.latestDated, latest > asOf else { return root }
        return view(root, spec, asOf: asOf)
    }

    static func view(_ object: CELObject, _ spec: ObjectSpec, asOf: CELDate) -> CELObject {
        // Only the fields that hold dated lists are looked into: most records hold none.
        guard !spec.dated.isEmpty, object.count == spec.fields.count else { return object }
        // The record is copied, its other fields as it stores them, only when one changes.
        var changes: [(slot: Int, value: Value)] = []
        for i in spec.dated {
            guard let v = object[slot: i], let nv = value(v, spec.fields[i], asOf: asOf) else { continue }
            changes.append((i, nv))
        }
        return changes.isEmpty ? object : object.replacing(changes)
    }

    /// The filtered value, or nil when nothing changed.
    private static func value(_ v: Value, _ spec: FieldSpec, asOf: CELDate) -> Value? {
        switch (spec.kind, v) {
        case (.object(let o), .object(let obj)):
            let nv = view(obj, o, asOf: asOf)
            return nv === obj ? nil : .object(nv)
        case (.list(let item), .list(let items)):
            // Built only from the first item that changes: a list with nothing after the date
            // is shared as it is.
            var out: [Value]?
            // Read once for the list, not copied out of its spec for each record.
            let by = spec.datedByField, nested = item.datesRecords
            for (i, element) in items.enumerated() {
                // What stays of a changed element: its view, or nothing when dated after.
                let kept: Value?
                if let by, case .object(let obj) = element, case .date(let d)? = by.read(obj), d > asOf {
                    kept = nil
                } else if nested, let changed = value(element, item, asOf: asOf) {
                    kept = changed
                } else {
                    out?.append(element)
                    continue
                }
                if out == nil { out = Array(items[..<i]) }
                if let kept { out!.append(kept) }
            }
            return out.map { .list($0) }
        default:
            return nil
        }
    }
}
