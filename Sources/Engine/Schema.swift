import CEL

/// The kind of value a schema field holds.
public enum FieldKind: Sendable, Hashable {
    /// `month` holds the date of the month's first day: `r.month == it` against `months(...)`.
    case string, int, number, bool, date, month
    case list(FieldSpec)
    case object(ObjectSpec)
}

/// One field of the submission format: its kind and the constraints the office declared.
public final class FieldSpec: Sendable, Hashable {
    public let kind: FieldKind
    public let optional: Bool
    /// Allowed values (text as written in the rules file), if restricted.
    public let allowed: [String]?
    /// `allowed`, for the values of every file's field to be looked up in.
    let allowedSet: TextSet?
    public let defaultValue: Value?
    /// `list.field` path whose values this field must be one of (roster names, topic ids).
    public let ref: [String]?
    /// For lists: the item field that dates a record; items after the as-of date have not happened.
    public let datedBy: String?
    /// `datedBy` in the item's record type, read by slot (the as-of view reads every record's).
    let datedByField: FieldRef?
    /// A CEL condition on the containing record under which an optional field is required.
    public let requiredWhen: String?
    public let doc: String?
    /// For lists: the fewest items a submission may give (`min_items`); fewer is invalid.
    public let minItems: Int
    /// `role:` — what the engine takes this field for: `unit` (the record saying which unit the
    /// file is), `id`, `name` and `parent` (inside it). Undeclared, the names `unit`, `id`,
    /// `name`, `parent` serve.
    public let role: String?
    /// Whether the field's value can look different as of a date: it is, or holds, a list with
    /// `dated_by`. The as-of view leaves every other field as it is without looking inside.
    let datesRecords: Bool

    public init(kind: FieldKind, optional: Bool = false, allowed: [String]? = nil, defaultValue: Value? = nil,
                ref: [String]? = nil, datedBy: String? = nil, requiredWhen: String? = nil, doc: String? = nil,
                minItems: Int = 0, role: String? = nil) {
        self.kind = kind
        self.optional = optional
        self.allowed = allowed
        allowedSet = allowed.map(TextSet.init)
        self.defaultValue = defaultValue
        self.ref = ref
        self.datedBy = datedBy
        if let datedBy, case .list(let item) = kind, case .object(let o) = item.kind {
            datedByField = FieldRef(datedBy, of: o.type)
        } else {
            datedByField = nil
        }
        self.requiredWhen = requiredWhen
        self.doc = doc
        self.minItems = minItems
        self.role = role
        switch kind {
        case .list(let item): datesRecords = datedBy != nil || item.datesRecords
        case .object(let o): datesRecords = !o.dated.isEmpty
        default: datesRecords = false
        }
    }

    /// The CEL type of the field's values.
    public var celType: CELType {
        switch kind {
        case .string: .string
        case .int: .int
        case .number: .double
        case .bool: .bool
        case .date, .month: .date
        case .list(let item): .list(item.celType)
        case .object(let o): .object(o.type)
        }
    }

    /// A Chinese name of the kind, for messages.
    public var kindName: String {
        switch kind {
        case .string: "文本"
        case .int: "整数"
        case .number: "数字"
        case .bool: "true 或 false"
        case .date: "日期（如 2019-09-10）"
        case .month: "月份（如 2020-03）"
        case .list: "列表"
        case .object: "映射"
        }
    }

    public static func == (a: FieldSpec, b: FieldSpec) -> Bool { a === b }
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }
}

/// A record of the submission format: named fields in order, and its CEL object type.
public final class ObjectSpec: Sendable, Hashable {
    /// Where the record sits in a submission, e.g. `records.research_plans[]`.
    public let path: String
    public let names: [String]
    public let fields: [FieldSpec]
    public let type: ObjectType
    /// The field whose value names one of these records in findings (`label:`), if declared.
    public let labelField: String?
    /// The fields that can look different as of a date (`FieldSpec.datesRecords`).
    let dated: [Int]
    /// Whether a field is required under a condition (`required_when`), checked once the file is read.
    let conditional: Bool
    /// Each field's name after the record's path (`records.plans`), as `Submission.keyMarks`
    /// names the keys of the root's records (`Schema.keyNumbers`).
    let qualifiedNames: [String]
    /// The names, for keys read as bytes.
    private let nameTable: ByteTable

    public init(path: String, fields: [(String, FieldSpec)], labelField: String? = nil) {
        self.path = path
        self.labelField = labelField
        self.names = fields.map(\.0)
        self.qualifiedNames = names.map { path + "." + $0 }
        self.nameTable = ByteTable(names)
        self.fields = fields.map(\.1)
        // A text field's allowed values are kept by number in its records.
        self.type = ObjectType(name: path, fields: fields.map { ($0.0, $0.1.celType) },
                               listed: fields.map { f in if case .string = f.1.kind, let set = f.1.allowedSet { set.list } else { [] } })
        self.dated = fields.indices.filter { fields[$0].1.datesRecords }
        self.conditional = fields.contains { $0.1.requiredWhen != nil }
    }

    /// The spec of a field by name.
    public func field(_ name: String) -> FieldSpec? {
        type.slot(of: name).map { fields[$0] }
    }

    /// The slot of a key given as UTF-8 bytes, as `type.slot(of:)` finds it for the text:
    /// byte for byte, and as text only where a canonically equivalent spelling could differ.
    func slot(utf8 key: UnsafeBufferPointer<UInt8>) -> Int? {
        if let found = nameTable.index(of: key) { return found }
        if nameTable.ascii, !key.contains(where: { $0 >= 0x80 }) { return nil }
        return type.slot(of: String(decoding: key, as: UTF8.self))
    }

    public static func == (a: ObjectSpec, b: ObjectSpec) -> Bool { a === b }
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }
}

/// The submission format: the root record and, derived from it, what rules can see.
public struct Schema: Sendable {
    public let root: ObjectSpec
    /// Which fields say who the unit is.
    public let identity: UnitIdentity

    /// Record lists with a `dated_by` field, at the root or one level down, for `dated_records`:
    /// found once, as every unit asks.
    let datedLists: [DatedList]

    /// The keys `Submission.keyMarks` holds, by number: the root's fields (`records`), then the
    /// fields of each of its records (`records.plans`), in the schema's order.
    let keyNumbers: [String: Int]
    /// How many there are.
    let keyCount: Int
    /// The number of the first key of the record in each root field, by the field's slot;
    /// nil for a field that is no record.
    let keyBases: [Int?]
    /// The key number of the record that says which unit a file is (`unit`), if declared.
    let identityKey: Int?
    /// The `ref:` paths of the schema's fields, each once, in the schema's order: a file's
    /// references are checked against the values at each, gathered once per file.
    let refPaths: [[String]]

    public init(root: ObjectSpec, identity: UnitIdentity = UnitIdentity()) {
        self.root = root
        var numbers: [String: Int] = [:]
        for (i, name) in root.names.enumerated() { numbers[name] = i }
        var next = root.names.count
        keyBases = root.fields.map { f in
            guard case .object(let o) = f.kind else { return nil }
            defer { next += o.names.count }
            for (j, name) in o.qualifiedNames.enumerated() where numbers[name] == nil { numbers[name] = next + j }
            return next
        }
        (keyNumbers, keyCount) = (numbers, next)
        identityKey = numbers[identity.field]
        var paths: [[String]] = []
        for o in Self.objects(root) {
            for f in o.fields {
                // The field, and the items of a list it is (of lists, …).
                var spec: FieldSpec? = f
                while let s = spec {
                    if let ref = s.ref, !paths.contains(ref) { paths.append(ref) }
                    if case .list(let item) = s.kind { spec = item } else { spec = nil }
                }
            }
        }
        refPaths = paths
        self.identity = identity
        datedLists = Self.datedLists(root)
        datedRecordType = ObjectType(name: "dated_records[]", fields: [("list", .string), ("date", .date), ("record", .dyn)],
                                     listed: [datedLists.map(\.name), [], []])
    }

    /// The unit record's spec.
    public var unitSpec: ObjectSpec? {
        if case .object(let o)? = root.field(identity.field)?.kind { return o }
        return nil
    }

    /// Declared labels by the CEL type name of the records they name (campaign items too).
    func labels(_ campaign: CampaignTypes) -> [String: String] {
        var out: [String: String] = [:]
        for o in objects { if let l = o.labelField { out[o.type.name] = l } }
        for (name, item) in recordLists {
            if let l = item.labelField, let t = campaign.items[name] { out[t.name] = l }
        }
        return out
    }

    private static func datedLists(_ root: ObjectSpec) -> [DatedList] {
        var out: [DatedList] = []
        for (name, spec) in zip(root.names, root.fields) {
            guard let outer = FieldRef(name, of: root.type) else { continue }
            if case .object(let o) = spec.kind {
                for (n, f) in zip(o.names, o.fields) {
                    if let by = f.datedByField, let inner = FieldRef(n, of: o.type) {
                        out.append(DatedList(outer: outer, inner: inner, name: n, datedBy: by))
                    }
                }
            } else if let by = spec.datedByField {
                out.append(DatedList(outer: outer, inner: nil, name: name, datedBy: by))
            }
        }
        return out
    }

    /// The type of `dated_records`' items: which list, the record's date, the record. One per
    /// schema, not one for the process: every item made holds it, and threads checking with
    /// their own rules copy would otherwise all count references on one object.
    public let datedRecordType: ObjectType

    /// Every record of a dated list as written (not filtered by as-of), in file order of lists.
    public func datedRecords(_ root: CELObject) -> [Value] {
        var out: [Value] = []
        // Room for all the lists' records at once: reserved a list at a time, the array was
        // made anew for each list.
        var count = 0
        for list in datedLists {
            if case .list(let items)? = list.items(in: root) { count += items.count }
        }
        out.reserveCapacity(count)
        for (number, list) in datedLists.enumerated() {
            guard case .list(let items)? = list.items(in: root) else { continue }
            for case .object(let record) in items {
                guard case .date(let date)? = list.date(of: record) else { continue }
                out.append(.object(CELObject.make(type: datedRecordType, count: 3, origin: record.origin) { f in
                    // The list's name by its number among the type's listed texts: no text copied.
                    f.set(0, .listed(Int32(number)), line: 0, column: 0)
                    // Kept as its day, with where it was written, as the record keeps it: a
                    // rule's test of it then reads the day (`Nodes.DayTest`).
                    if let place = date.origin {
                        f.set(1, .day(date.day), line: Int(place.line), column: Int(place.column))
                    } else {
                        f[1] = .date(date)
                    }
                    f[2] = .object(record)
                }))
            }
        }
        return out
    }

    /// The record lists under `records` (or any root object), by name, for `all.<list>`.
    public var recordLists: [(name: String, item: ObjectSpec)] {
        var out: [(String, ObjectSpec)] = []
        for (name, spec) in zip(root.names, root.fields) {
            if case .object(let o) = spec.kind {
                for (n, f) in zip(o.names, o.fields) {
                    if case .list(let item) = f.kind, case .object(let io) = item.kind { out.append((n, io)) }
                }
            } else if case .list(let item) = spec.kind, case .object(let io) = item.kind {
                out.append((name, io))
            }
        }
        return out
    }

    /// Every record spec, the root first, then depth first through fields and lists.
    var objects: [ObjectSpec] { Self.objects(root) }

    /// Every record spec below `root`, itself first, then depth first through fields and lists.
    private static func objects(_ root: ObjectSpec) -> [ObjectSpec] {
        var out: [ObjectSpec] = []
        var stack: [FieldKind] = [.object(root)]
        while let kind = stack.popLast() {
            switch kind {
            case .object(let o):
                out.append(o)
                stack += o.fields.reversed().map(\.kind)
            case .list(let item): stack.append(item.kind)
            default: break
            }
        }
        return out
    }
}

/// The fields that say which unit a file is: declared with `role:` in the schema, else the
/// conventions `unit`, `unit.id`, `unit.name`.
public struct UnitIdentity: Sendable, Hashable {
    /// The root field holding the unit record.
    public var field = "unit"
    /// Its field with the unit's id (rosters, waivers and findings use it).
    public var id = "id"
    /// Its field with the unit's name, for people reading reports.
    public var name = "name"
    /// Its field with the id of the unit above it (a township's county), for roll-ups.
    public var parent = "parent"

    public init() {}
}

/// A record list with `dated_by`, at the root or one level down: its fields and the date read
/// by slot. A class, so that going over the lists for every unit counts one reference a list,
/// not one for each of its fields' names and types.
final class DatedList: Sendable {
    /// The root's field, then the list's field in it when the list is one level down
    /// (`nested`; else `inner` is `outer` again). Not an optional: binding one to read it
    /// copied its name and type, two counts up and down per list of every file.
    private let outer: FieldRef
    private let inner: FieldRef
    private let nested: Bool
    /// The list's name, as `dated_records` items give it.
    let name: String
    private let datedBy: FieldRef

    init(outer: FieldRef, inner: FieldRef?, name: String, datedBy: FieldRef) {
        self.outer = outer
        self.inner = inner ?? outer
        nested = inner != nil
        self.name = name
        self.datedBy = datedBy
    }

    /// The list in `root`, if the file has it.
    func items(in root: CELObject) -> Value? {
        guard nested else { return outer.read(root) }
        guard case .object(let o)? = outer.read(root) else { return nil }
        return inner.read(o)
    }

    /// The record's date, if it has one.
    func date(of record: CELObject) -> Value? { datedBy.read(record) }
}
