import CEL

/// The submission as the world stood on the as-of date: records dated later (by their list's
/// `dated_by` field) have not happened yet and are left out. Unchanged parts are shared.
enum AsOfView {
    static func view(_ object: CELObject, _ spec: ObjectSpec, asOf: CELDate) -> CELObject {
        var fields = object.fields
        var changed = false
        for (i, f) in spec.fields.enumerated() {
            guard let v = fields[i] else { continue }
            let nv = value(v, f, asOf: asOf)
            if let nv { fields[i] = nv; changed = true }
        }
        return changed ? CELObject(type: object.type, fields: fields, origin: object.origin) : object
    }

    /// The filtered value, or nil when nothing changed.
    private static func value(_ v: Value, _ spec: FieldSpec, asOf: CELDate) -> Value? {
        switch (spec.kind, v) {
        case (.object(let o), .object(let obj)):
            let nv = view(obj, o, asOf: asOf)
            return nv === obj ? nil : .object(nv)
        case (.list(let item), .list(let items)):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            var changed = false
            for element in items {
                if let by = spec.datedBy, case .object(let obj) = element, case .date(let d)? = obj[by], d > asOf {
                    changed = true
                    continue
                }
                if let nv = value(element, item, asOf: asOf) {
                    out.append(nv)
                    changed = true
                } else {
                    out.append(element)
                }
            }
            return changed ? .list(out) : nil
        default:
            return nil
        }
    }
}
