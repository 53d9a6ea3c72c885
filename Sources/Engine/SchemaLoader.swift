import CEL
import YAML

/// Reads the `schema:` section of a rules file into a `Schema`, collecting located diagnostics.
struct SchemaLoader {
    let source: SourceText
    private(set) var diagnostics: [Diagnostic] = []
    /// `required_when` conditions still to compile, once record types exist.
    private(set) var conditions: [(object: ObjectSpec, field: String, text: Scalar)] = []
    private var pendingConditions: [(path: String, field: String, text: Scalar)] = []
    /// `ref:` paths, checked against the whole schema once it is read.
    private var refs: [(path: [String], text: Scalar)] = []

    init(source: SourceText) { self.source = source }

    static let scalarKinds: [String: FieldKind] = [
        "string": .string, "text": .string, "int": .int, "number": .number, "bool": .bool, "date": .date, "month": .month,
    ]
    static let specKeys = ["type", "enum", "optional", "default", "ref", "items", "fields", "dated_by", "required_when", "doc", "min_items", "role", "label"]
    static let roles = ["unit", "id", "name", "parent"]

    mutating func load(_ node: Node) -> Schema? {
        guard case .mapping(let m) = node else {
            report("schema.shape", EngineText.schemaMustBeMapping, node.mark)
            return nil
        }
        let root = objectSpec(path: "", m)
        for r in refs { checkRef(r.path, r.text, root) }
        guard let identity = identity(root, m) else { return nil }
        return Schema(root: root, identity: identity)
    }

    /// The unit record and its id and name fields: by `role:`, else by the conventional names.
    private mutating func identity(_ root: ObjectSpec, _ m: Mapping) -> UnitIdentity? {
        var identity = UnitIdentity()
        let declared = zip(root.names, root.fields).filter { $0.1.role == "unit" }
        if declared.count > 1 { report("schema.role", EngineText.roleTwice("unit"), m.mark) }
        if let (name, _) = declared.first { identity.field = name }
        guard case .object(let unit)? = root.field(identity.field)?.kind else {
            report("schema.unit", EngineText.noUnitRecord, m.mark)
            return nil
        }
        for role in ["id", "name", "parent"] {
            let named = zip(unit.names, unit.fields).filter { $0.1.role == role }
            if named.count > 1 { report("schema.role", EngineText.roleTwice(role), m.mark) }
            if let (field, _) = named.first {
                switch role {
                case "id": identity.id = field
                case "name": identity.name = field
                default: identity.parent = field
                }
            }
        }
        if unit.field(identity.id)?.kind != .string { report("schema.unit", EngineText.noUnitID(identity.field), m.mark) }
        return identity
    }

    private mutating func objectSpec(path: String, _ m: Mapping, label: Scalar? = nil) -> ObjectSpec {
        var fields: [(String, FieldSpec)] = []
        for (key, value) in m.entries {
            let childPath = path.isEmpty ? key.value : "\(path).\(key.value)"
            fields.append((key.value, fieldSpec(path: childPath, value)))
        }
        if let label, !fields.contains(where: { $0.0 == label.value }) {
            report("schema.label", EngineText.badLabel(label.value, Suggest.closest(label.value, in: fields.map(\.0))), label.mark)
        }
        let spec = ObjectSpec(path: path.isEmpty ? "submission" : path, fields: fields, labelField: label?.value)
        for c in pendingConditions where c.path == path {
            conditions.append((spec, c.field, c.text))
        }
        pendingConditions.removeAll { $0.path == path }
        for (name, f) in fields {
            if let by = f.datedBy, case .list(let item) = f.kind {
                if case .object(let o) = item.kind, let d = o.field(by), d.kind == .date { continue }
                report("schema.dated-by", EngineText.badDatedBy(name, by), m[name]?.mark ?? m.mark)
            }
        }
        return spec
    }

    private mutating func fieldSpec(path: String, _ node: Node) -> FieldSpec {
        switch node {
        case .scalar(let s):
            var name = s.value
            let optional = name.hasSuffix("?")
            if optional { name.removeLast() }
            if let kind = SchemaLoader.scalarKinds[name] { return FieldSpec(kind: kind, optional: optional) }
            report("schema.type", EngineText.unknownType(name, suggestion: Suggest.closest(name, in: Array(SchemaLoader.scalarKinds.keys))), s.mark)
            return FieldSpec(kind: .string, optional: true)
        case .sequence(let seq):
            report("schema.shape", EngineText.schemaSequence, seq.mark)
            return FieldSpec(kind: .string, optional: true)
        case .mapping(let m):
            return mappingSpec(path: path, m)
        }
    }

    private mutating func mappingSpec(path: String, _ m: Mapping) -> FieldSpec {
        for (key, _) in m.entries where !SchemaLoader.specKeys.contains(key.value) {
            report("schema.key", EngineText.unknownSpecKey(key.value, suggestion: Suggest.closest(key.value, in: SchemaLoader.specKeys)), key.mark)
        }
        let typeName = m["type"]?.scalar?.value
        var kind: FieldKind
        if let fields = m["fields"] {
            guard case .mapping(let fm) = fields else {
                report("schema.shape", EngineText.fieldsMustBeMapping, fields.mark)
                return FieldSpec(kind: .string, optional: true)
            }
            kind = .object(objectSpec(path: path, fm, label: m["label"]?.scalar))
        } else if let items = m["items"] {
            kind = .list(fieldSpec(path: path + "[]", items))
        } else if let t = typeName, let k = SchemaLoader.scalarKinds[t] {
            kind = k
        } else if m["enum"] != nil {
            kind = .string
        } else {
            report("schema.type", EngineText.missingType, m.mark)
            kind = .string
        }
        if let t = typeName, SchemaLoader.scalarKinds[t] == nil, t != "list", t != "object" {
            report("schema.type", EngineText.unknownType(t, suggestion: Suggest.closest(t, in: Array(SchemaLoader.scalarKinds.keys) + ["list", "object"])), m["type"]!.mark)
        }
        var allowed: [String]?
        if let e = m["enum"] {
            if let seq = e.sequence, seq.items.allSatisfy({ $0.scalar != nil }) {
                allowed = seq.items.compactMap { $0.scalar?.value }
            } else {
                report("schema.enum", EngineText.enumMustBeList, e.mark)
            }
        }
        var defaultValue: Value?
        if let d = m["default"]?.scalar {
            defaultValue = ScalarDecoder.decode(d.value, as: kind, origin: nil).value
            if defaultValue == nil { report("schema.default", EngineText.badDefault(d.value), d.mark) }
        }
        let optional = m["optional"]?.scalar?.value == "true" || defaultValue != nil
        let ref = m["ref"]?.scalar.map { $0.value.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
        if let r = m["ref"]?.scalar, let ref {
            if ref.contains(where: \.isEmpty) { report("schema.ref", EngineText.badRef(r.value), r.mark) } else { refs.append((ref, r)) }
        }
        if let cond = m["required_when"]?.scalar {
            let parent = path.split(separator: ".").dropLast().joined(separator: ".")
            let field = String(path.split(separator: ".").last ?? "")
            pendingConditions.append((parent, field, cond))
        }
        var minItems = 0
        if let n = m["min_items"] {
            if case .list = kind, let v = n.scalar.flatMap({ Int($0.value) }), v >= 0 {
                minItems = v
            } else {
                report("schema.min-items", EngineText.badMinItems, n.mark)
            }
        }
        var role: String?
        if let r = m["role"]?.scalar {
            if SchemaLoader.roles.contains(r.value) { role = r.value } else {
                report("schema.role", EngineText.badRole(r.value, Suggest.closest(r.value, in: SchemaLoader.roles)), r.mark)
            }
        }
        if let l = m["label"], m["fields"] == nil { report("schema.label", EngineText.labelNeedsFields, l.mark) }
        return FieldSpec(kind: kind, optional: optional, allowed: allowed, defaultValue: defaultValue,
                         ref: ref, datedBy: m["dated_by"]?.scalar?.value,
                         requiredWhen: m["required_when"]?.scalar?.value, doc: m["doc"]?.scalar?.value, minItems: minItems,
                         role: role)
    }

    /// A `ref` must lead, through records and lists, to text values: a list of names
    /// (`sites`) or a field of a list of records (`members.name`).
    private mutating func checkRef(_ path: [String], _ text: Scalar, _ root: ObjectSpec) {
        var kind = FieldKind.object(root)
        for (i, name) in path.enumerated() {
            while case .list(let item) = kind { kind = item.kind }
            guard case .object(let o) = kind else {
                report("schema.ref", EngineText.refNotFound(text.value, path.prefix(i).joined(separator: "."), nil), text.mark)
                return
            }
            guard let f = o.field(name) else {
                report("schema.ref", EngineText.refNotFound(text.value, path.prefix(i + 1).joined(separator: "."), Suggest.closest(name, in: o.names)), text.mark)
                return
            }
            kind = f.kind
        }
        while case .list(let item) = kind { kind = item.kind }
        guard case .string = kind else {
            report("schema.ref", EngineText.refNotText(text.value), text.mark)
            return
        }
    }

    private mutating func report(_ code: String, _ message: String, _ mark: Mark) {
        diagnostics.append(source.diagnostic(code, message, at: mark))
    }
}

