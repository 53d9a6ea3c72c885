import CEL
import YAML

/// A problem with a unit's file, found while reading it against the schema.
public struct SubmissionIssue: Sendable {
    public var code: String
    public var message: String
    public var mark: Mark
}

/// One unit's file, decoded straight from parser events into typed records. Sendable without
/// the compiler's check only for its records (`CELObject`, never changed once made).
public struct Submission: @unchecked Sendable {
    public let path: String
    /// The file's number in this run: dates and records carry it as provenance.
    public let index: Int32
    /// The decoded records, or nil when the file could not be read at all.
    public let root: CELObject?
    public let unitID: String?
    /// `unit.name`, when the file gives one.
    public let unitName: String?
    public let issues: [SubmissionIssue]
    /// Where keys down to `records.<list>` stand in the file, for pointing at a whole list.
    public let keyMarks: KeyMarks
    /// The latest date of a record of a dated list (`dated_by`), at any depth; nil when there
    /// is none. The file as of a date no earlier is the file itself (`AsOfView.view(of:)`).
    let latestDated: CELDate?

    init(path: String, index: Int32, root: CELObject?, unitID: String?, unitName: String? = nil,
         issues: [SubmissionIssue], keyMarks: KeyMarks, latestDated: CELDate? = nil) {
        self.path = path
        self.index = index
        self.root = root
        self.unitID = unitID
        self.unitName = unitName
        self.issues = issues
        self.keyMarks = keyMarks
        self.latestDated = latestDated
    }
}

/// Where a file writes the keys of its root and of its root's records (`records`,
/// `records.plans`): by the schema's key numbers, read by number where the rules ask (a rule's
/// reads are numbered when the rules load) and by name elsewhere.
public struct KeyMarks: Sendable {
    private let marks: [Mark?]
    private let numbers: [String: Int]

    /// The marks of `schema`'s keys, by number; none when the file was not read.
    init(_ schema: Schema, _ marks: [Mark?] = []) {
        self.marks = marks
        self.numbers = schema.keyNumbers
    }

    /// Where the key `name` (`records.plans`) is written, if it is.
    public subscript(name: String) -> Mark? {
        guard let key = numbers[name] else { return nil }
        return self[key: key]
    }

    /// Where the key of number `key` is written, if it is (nil for no key).
    subscript(key key: Int?) -> Mark? {
        guard let key, key < marks.count else { return nil }
        return marks[key]
    }
}

/// Reads a submission file: libyaml events go directly into schema-typed `CELObject`s, each
/// value keeping its position; every deviation from the schema becomes an issue, never a crash.
struct SubmissionDecoder {
    let ruleSet: RuleSet
    let index: Int32
    private let reader: EventReader
    private var issues: [SubmissionIssue] = []
    /// By the schema's key numbers (`Schema.keyNumbers`): an array, not a dictionary of names
    /// hashed for every key of the root and its records.
    private var keyMarks: [Mark?]
    /// Values that must match another list (roster names), checked once the file is read.
    /// Each by its path's place in `Schema.refPaths`.
    private var refs: [(value: String, path: Int, mark: Mark, inList: Bool)] = []
    /// Records with `required_when` fields, checked once the file is read.
    /// The record, its place in `RuleSet.conditionChecks`, where it starts.
    private var conditional: [(object: CELObject, checks: Int, mark: Mark)] = []
    /// Where decoding is, as field names and item numbers (`PathStack`).
    private var path: PathStack

    /// One step of `path`: a field, or an item of a list (counted from 1).
    private enum Step {
        /// A field, as its record's spec and slot: the decoder holds the rules, so the spec
        /// needs no reference counted, nor the name copied, for each field read.
        case field(Unmanaged<ObjectSpec>, Int)
        case item(Int)

        /// The field's name, or nil for an item.
        var name: String? { if case .field(let spec, let slot) = self { spec.takeUnretainedValue().names[slot] } else { nil } }
    }
    /// Memory the decoder owns for plain values it reads and writes for every field (`release()`
    /// when the file is read), without an array's checks that it is the array's only owner.
    /// Every place is initialized, with `filler` where nothing was written yet.
    private struct Scratch<Element> {
        private var base: UnsafeMutablePointer<Element>
        private(set) var capacity: Int
        private let filler: Element

        init(capacity: Int, filler: Element) {
            (self.capacity, self.filler) = (max(capacity, 8), filler)
            base = .allocate(capacity: self.capacity)
            base.initialize(repeating: filler, count: self.capacity)
        }

        @inline(__always)
        subscript(i: Int) -> Element {
            get { base[i] }
            set { base[i] = newValue }
        }

        /// Room for `count` places, the new ones `filler`.
        @inline(__always)
        mutating func reserve(_ count: Int) {
            if count > capacity { grow(count) }
        }

        private mutating func grow(_ count: Int) {
            let size = max(capacity * 2, count)
            let bigger = UnsafeMutablePointer<Element>.allocate(capacity: size)
            bigger.moveInitialize(from: base, count: capacity)
            (bigger + capacity).initialize(repeating: filler, count: size - capacity)
            base.deallocate()
            (base, capacity) = (bigger, size)
        }

        /// Sets `range` to `filler`.
        mutating func clear(_ range: Range<Int>) {
            reserve(range.upperBound)
            (base + range.lowerBound).update(repeating: filler, count: range.count)
        }

        /// The values in `range`, as an array of their own.
        func array(_ range: Range<Int>) -> [Element] { Array(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)) }

        func release() {
            base.deinitialize(count: capacity)
            base.deallocate()
        }
    }

    /// Where decoding is: a stack of steps (plain values: a spec is held unretained) in the
    /// decoder's own memory, pushed and popped for every field and item.
    private struct PathStack {
        private var steps = Scratch<Step>(capacity: 16, filler: .item(0))
        private(set) var count = 0

        init(capacity: Int) { steps.reserve(capacity) }

        subscript(i: Int) -> Step { steps[i] }

        @inline(__always)
        mutating func append(_ step: Step) {
            steps.reserve(count + 1)
            steps[count] = step
            count += 1
        }

        mutating func removeLast() { count -= 1 }

        /// The steps, for a message.
        var array: [Step] { steps.array(0..<count) }

        func release() { steps.release() }
    }

    /// Where each field of the records being read was written, the innermost record's last:
    /// its duplicates and missing fields point there.
    private var seenMarks = Scratch<Mark?>(capacity: 64, filler: nil)
    /// Where the innermost record's marks end in `seenMarks`, which only grows: a record's
    /// marks are cleared in place, not appended and removed.
    private var seenTop = 0
    /// `unit.id` and `unit.name` as soon as they are read: a syntax error later in the file
    /// still leaves its finding with the unit, and the roster does not call the unit missing.
    private var unitID: String?
    private var unitName: String?
    /// The latest date of a dated list's record read so far.
    private var latestDated: CELDate?
    /// The bytes of the file's texts no rule reads, made when the first is kept.
    private var texts: RecordTexts?

    /// Made by `decode` alone, which releases the stacks it allocates when the file is read.
    private init(bytes: [UInt8], index: Int32, ruleSet: RuleSet, json: Bool = false) {
        self.reader = EventReader(bytes: bytes, limits: ruleSet.limits.yaml, json: json)
        keyMarks = Array(repeating: nil, count: ruleSet.schema.keyCount)
        path = PathStack(capacity: ruleSet.limits.yaml.maxDepth + 2)
        self.index = index
        self.ruleSet = ruleSet
    }

    /// Decodes the file; a YAML error ends decoding and is the only issue reported.
    static func decode(path: String, bytes: [UInt8], index: Int32, ruleSet: RuleSet) -> Submission {
        var d = SubmissionDecoder(bytes: bytes, index: index, ruleSet: ruleSet, json: path.lowercased().hasSuffix(".json"))
        defer {
            d.path.release()
            d.seenMarks.release()
        }
        do {
            guard let first = try d.reader.nextView() else {
                return Submission(path: path, index: index, root: nil, unitID: nil,
                                  issues: [SubmissionIssue(code: "yaml.empty", message: YAMLText.empty, mark: .start)], keyMarks: KeyMarks(ruleSet.schema))
            }
            let spec = ruleSet.schema.root
            guard case .mappingStart(let mark) = first else {
                return Submission(path: path, index: index, root: nil, unitID: nil,
                                  issues: [SubmissionIssue(code: "submission.shape", message: EngineText.wrongShape(expected: "映射（unit、members、records 等）", found: "其他内容"), mark: first.mark)], keyMarks: KeyMarks(ruleSet.schema))
            }
            let root = try d.object(spec, at: mark)
            while try d.reader.nextView() != nil {}
            d.checkReferences(root)
            d.checkConditions()
            return Submission(path: path, index: index, root: root, unitID: d.unitID, unitName: d.unitName,
                              issues: d.allIssues, keyMarks: KeyMarks(ruleSet.schema, d.keyMarks), latestDated: d.latestDated)
        } catch {
            // A syntax error is fixed first (the rest of the file could not be read, so what was
            // said before it may not hold); the unit it belongs to is kept.
            return Submission(path: path, index: index, root: nil, unitID: d.unitID, unitName: d.unitName,
                              issues: [SubmissionIssue(code: error.code, message: error.message, mark: error.mark)],
                              keyMarks: KeyMarks(ruleSet.schema, d.keyMarks))
        }
    }

    // MARK: - Nodes

    private mutating func object(_ spec: ObjectSpec, at mark: Mark) throws(YAMLError) -> CELObject {
        let count = spec.fields.count
        // Each field is decoded straight into its slot of the record (one allocation, made at
        // once with every field absent), not into an array the record is then made from.
        let object = try CELObject.make(type: spec.type, count: count, origin: provenance(mark)) { (fields) throws(YAMLError) in
            try fill(&fields, spec, at: mark)
        }
        if spec.conditional, let i = ruleSet.conditionChecks.firstIndex(where: { $0.spec === spec }) { conditional.append((object, i, mark)) }
        return object
    }

    /// Decodes a record's fields into `fields` (its `spec.fields.count` slots, all absent).
    private mutating func fill(_ fields: inout RecordFields, _ spec: ObjectSpec, at mark: Mark) throws(YAMLError) {
        let count = spec.fields.count
        // The text fields no rule reads, kept as their bytes.
        let asBytes = ruleSet.textsKeptAsBytes(spec)
        // Where each declared field was written (duplicates, missing-field marks); undeclared
        // keys by name, so a file of many unknown keys is still read in linear time.
        // Kept on the decoder's stack of marks, not in an array per record.
        let seenBase = seenTop
        seenTop += count
        seenMarks.clear(seenBase..<seenTop)
        defer { seenTop = seenBase }
        var seenUnknown: [String: Mark] = [:]
        // Fields present but unreadable were reported already; they are not also "missing".
        var reported = Set<Int>()
        // The root's keys and its records' are kept by number (`Schema.keyNumbers`).
        let keyBase: Int? = switch path.count {
        case 0: 0
        case 1: if case .field(_, let s) = path[0] { ruleSet.schema.keyBases[s] } else { nil }
        default: nil
        }
        while let keyEvent = try reader.nextView() {
            if case .mappingEnd = keyEvent { break }
            guard case .scalar(let keyView) = keyEvent else {
                issue("submission.key", YAMLText.complexKey, keyEvent.mark)
                try skip(keyEvent)
                if let v = try reader.nextView() { try skip(v) }
                continue
            }
            // Read before the next event, which ends the key's borrowed bytes.
            let slot = spec.slot(utf8: keyView.bytes)
            let unknownKey = slot == nil ? keyView.value : nil
            let keyMark = keyView.mark
            guard let valueEvent = try reader.nextView() else { break }
            // Undeclared keys only are kept by name: a declared one needs no hashing.
            if let first = slot.map({ seenMarks[seenBase + $0] }) ?? seenUnknown[unknownKey!] {
                issue("submission.duplicate", EngineText.duplicateField(unknownKey ?? spec.names[slot!], first), keyMark)
                try skip(valueEvent)
                continue
            }
            guard let slot else {
                let key = unknownKey!
                seenUnknown[key] = keyMark
                issue("submission.unknown-field", EngineText.unknownField(key, in: display(path.array), Suggest.closest(key, in: spec.names)), keyMark)
                try skip(valueEvent)
                continue
            }
            seenMarks[seenBase + slot] = keyMark
            if let keyBase { keyMarks[keyBase + slot] = keyMark }
            let before = issues.count
            path.append(.field(.passUnretained(spec), slot))
            let at = valueEvent.mark
            switch try value(slot, of: spec, valueEvent, keyMark: keyMark, asBytes: asBytes?[slot] ?? false) {
            case .text(let span)?: fields.set(slot, text: span, in: texts!, line: at.line, column: at.column)
            case let field?: fields.set(slot, field, line: at.line, column: at.column)
            case nil: break
            }
            path.removeLast()
            if fields.isAbsent(slot) && issues.count > before { reported.insert(slot) }
        }
        // By index, and a field's spec only where the record lacks it: a loop over the specs
        // would copy (retain and release) each spec of every record.
        for i in 0..<count where fields.isAbsent(i) {
            let f = spec.fields[i]
            // An unreadable list was reported; rules still see a list, an empty one.
            if case .list = f.kind {
                fields[i] = .list([])
                if f.minItems > 0, !reported.contains(i) {
                    path.append(.field(.passUnretained(spec), i))
                    issue("submission.min-items", EngineText.tooFewItems(display(path.array), 0, f.minItems), seenMarks[seenBase + i] ?? mark)
                    path.removeLast()
                }
                continue
            }
            if reported.contains(i) { continue }
            if let d = f.defaultValue { fields[i] = d; continue }
            if !f.optional, f.requiredWhen == nil {
                let at = seenMarks[seenBase + i] ?? mark
                issue("submission.missing-field", EngineText.missingField(spec.names[i], in: display(path.array)), at)
            }
        }
        if path.count == 1, path[0].name == ruleSet.schema.identity.field {
            applyRoster(spec, fields, seenMarks.array(seenBase..<seenBase + count), mark)
        }
    }

    /// The value of field `slot` of `spec`, its spec lent from `spec`'s array rather than
    /// copied out of it: a copy is a reference count up and down, on an object every thread
    /// shares, for each field of every record.
    private mutating func value(_ slot: Int, of spec: ObjectSpec, _ event: EventView, keyMark: Mark?, asBytes: Bool) throws(YAMLError) -> RecordField? {
        let field = Unmanaged.passUnretained(spec.fields[slot])
        do {
            return try field._withUnsafeGuaranteedRef { try value($0, event, keyMark: keyMark, asBytes: asBytes) }
        } catch let error as YAMLError {
            throw error
        } catch {
            // `value` throws nothing else: the lending function only passes its error on.
            preconditionFailure("\(error)")
        }
    }

    /// The value of a list's item, as `value(_:_:keyMark:asBytes:)` reads it.
    private mutating func item(_ spec: FieldSpec, _ event: EventView) throws(YAMLError) -> Value? {
        switch try value(spec, event, keyMark: nil, asBytes: false) {
        case nil, .absent?: nil
        case .value(let v)?: v
        case .day(let d)?: .date(CELDate(day: d, origin: provenance(event.mark)))
        case .listed(let n)?: .string(spec.allowedSet!.list[Int(n)])
        case .text?: preconditionFailure("an item's text kept as bytes")
        }
    }

    /// The value of a field (`keyMark`: where its key is) or of a list's item (nil), as the
    /// record stores it: a date by its day, a text of the field's list by its number, a text
    /// no rule reads (`asBytes`) by its bytes.
    private mutating func value(_ spec: FieldSpec, _ event: EventView, keyMark: Mark?, asBytes: Bool) throws(YAMLError) -> RecordField? {
        switch (spec.kind, event) {
        case (.object(let o), .mappingStart(let mark)):
            return .value(.object(try object(o, at: mark)))
        case (.list(let item), .sequenceStart):
            var items: [Value] = []
            var n = 0
            let datedBy = spec.datedByField
            while let e = try reader.nextView() {
                if case .sequenceEnd = e { break }
                n += 1
                path.append(.item(n))
                defer { path.removeLast() }
                if let v = try self.item(item, e) {
                    // The latest date of a dated record: a file with none after the as-of date
                    // needs no view made of it.
                    if case .object(let o) = v, case .date(let d)? = datedBy?.read(o), latestDated.map({ d > $0 }) ?? true {
                        latestDated = d
                    }
                    // Room for a few at the first: most lists are short, and growing one at a
                    // time would make three arrays for three items.
                    if items.capacity == 0 { items.reserveCapacity(4) }
                    items.append(v)
                }
            }
            if items.count < spec.minItems { issue("submission.min-items", EngineText.tooFewItems(display(path.array), items.count, spec.minItems), keyMark ?? event.mark) }
            return .value(.list(items))
        case (.list, .scalar(let s)) where s.isNull:
            if spec.minItems > 0 { issue("submission.min-items", EngineText.tooFewItems(display(path.array), 0, spec.minItems), keyMark ?? s.mark) }
            return .value(.list([]))
        case (_, .scalar(let s)) where s.isNull && keyMark != nil:
            return nil
        case (.list, _), (.object, _):
            issue("submission.type", EngineText.wrongShape(expected: spec.kindName, found: event.kindName), event.mark)
            try skip(event)
            return nil
        case (_, .scalar(let s)):
            // A text of the field's list (`enum`) written as the list writes it, byte for byte:
            // its number in the list, with no string made (and checked) for it nor looked up again.
            var listed: Int?
            if case .string = spec.kind, let set = spec.allowedSet { listed = set.table.index(of: s.bytes) }
            // The checks below read the text as written: a reference's, the unit's id or
            // name, one outside the field's list.
            let names = path.count == 2 && isUnitName(path[0].name, path[1].name)
            let checked = spec.ref != nil || names || (spec.allowed != nil && listed == nil)
            if let listed, !checked { return .listed(Int32(listed)) }
            if asBytes, !checked, case .string = spec.kind {
                if texts == nil { texts = RecordTexts() }
                if let span = texts!.append(s.bytes) { return .text(span) }
            }
            let v: Value?
            if let listed {
                v = .string(spec.allowedSet!.list[listed])
            } else {
                let (decoded, problem) = ScalarDecoder.decode(s.bytes, as: spec.kind, origin: nil)
                if let problem {
                    issue("submission.type", problem, s.mark)
                    return nil
                }
                v = decoded
            }
            guard checked else { return Self.stored(v) }
            // The text as written, for the checks below: a text field's value is that already.
            let written: String
            if case .string(let text)? = v { written = text } else { written = s.value }
            if listed == nil, let allowed = spec.allowed, let set = spec.allowedSet, !set.contains(written),
               !set.contains(written.trimmingCharacters(in: " ")) {
                // Kept as written: a value outside the list is reported, not dropped.
                issue("submission.enum", EngineText.notAllowed(written, allowed), s.mark)
            }
            // Its path is one of the schema's few, the same array, told equal at once.
            if let ref = spec.ref, let path = ruleSet.schema.refPaths.firstIndex(where: { $0 == ref }) { refs.append((written, path, s.mark, keyMark == nil)) }
            if names, let field = path[1].name, case .string(let text)? = v {
                let identity = ruleSet.schema.identity
                // Every finding names its unit: a name the size of a file would be copied into
                // each line of every report, so it is refused here, once.
                if text.unicodeScalars.count > ruleSet.limits.nameLength {
                    issue("submission.too-long", EngineText.identifierTooLong("\(identity.field).\(field)", text.unicodeScalars.count, ruleSet.limits.nameLength), s.mark)
                } else if field == identity.id {
                    unitID = text
                } else {
                    unitName = text
                }
            }
            return Self.stored(v)
        default:
            issue("submission.type", EngineText.wrongShape(expected: spec.kindName, found: event.kindName), event.mark)
            try skip(event)
            return nil
        }
    }

    /// A scalar's value as its record keeps it: a date (or a month) by its day, which read
    /// carries its field's place (a deadline's finding points there); anything else as the value.
    private static func stored(_ v: Value?) -> RecordField? {
        if case .date(let d)? = v { return .day(d.day) }
        return v.map { .value($0) }
    }

    /// Whether `field` of the root's `record` is the unit's id or name (`Schema.identity`).
    private func isUnitName(_ record: String?, _ field: String?) -> Bool {
        let identity = ruleSet.schema.identity
        return record == identity.field && (field == identity.id || field == identity.name)
    }

    /// Consumes the rest of a node whose first event is `event`.
    private mutating func skip(_ event: EventView) throws(YAMLError) {
        var depth: Int
        switch event {
        case .mappingStart, .sequenceStart: depth = 1
        default: return
        }
        while depth > 0, let e = try reader.nextView() {
            switch e {
            case .mappingStart, .sequenceStart: depth += 1
            case .mappingEnd, .sequenceEnd: depth -= 1
            case .scalar: break
            }
        }
    }

    // MARK: - Cross-field checks

    /// The roster's record of the unit decides (`kind`, `batch`, …): a file that says otherwise
    /// gets an `invalid` finding at the field, and the rules see the roster's value.
    private mutating func applyRoster(_ spec: ObjectSpec, _ fields: RecordFields, _ seen: [Mark?], _ mark: Mark) {
        guard let idSlot = spec.type.slot(of: ruleSet.schema.identity.id), case .string(let id)? = fields[idSlot],
              let entry = ruleSet.roster[id] else { return }
        for (name, value) in entry.fields {
            guard let slot = spec.type.slot(of: name) else { continue }
            if let written = fields[slot], !Equality.equal(written, value) {
                issue("submission.roster", EngineText.rosterDisagrees("\(ruleSet.schema.identity.field).\(name)", Render.text(written), Render.text(value), entry.location),
                      seen[slot] ?? mark)
            }
            fields[slot] = value
        }
    }

    private mutating func checkReferences(_ root: CELObject) {
        guard !refs.isEmpty else { return }
        // Path by path (a schema has a few), the values at it gathered once and held here while
        // its references are checked (a set read out of an array for each reference would count
        // its arrays' references up and down each time); the issues said in file order.
        let paths = ruleSet.schema.refPaths
        var missing: [(ref: Int, joined: (separator: Character, names: [String])?)] = []
        for p in paths.indices where refs.contains(where: { $0.path == p }) {
            var values: [String] = []
            SubmissionDecoder.collect(.object(root), paths[p][...], into: &values)
            let allowed = TextSet(values)
            for i in refs.indices where refs[i].path == p && !allowed.contains(refs[i].value) {
                missing.append((i, Self.namesJoinedInChinese(refs[i].value, allowed)))
            }
        }
        missing.sort { $0.ref < $1.ref }
        for (i, joined) in missing {
            let message = joined.map { EngineText.notOnListSeparated(refs[i].value, paths[refs[i].path], $0.separator, names: $0.names,
                                                                     inList: refs[i].inList) }
                ?? EngineText.notOnList(refs[i].value, paths[refs[i].path])
            issue("submission.ref", message, refs[i].mark)
        }
    }

    /// The full-width separator (，or 、) that `value` joins names of `allowed` with, and the
    /// names, when it is a list written with a Chinese input method's comma (`[王五，赵六]` is
    /// one text in YAML).
    static func namesJoinedInChinese(_ value: String, _ allowed: TextSet) -> (separator: Character, names: [String])? {
        for separator: Character in ["，", "、"] where value.contains(separator) {
            let names = value.split(separator: separator).map { $0.trimmingCharacters(in: .whitespaces) }
            if names.count > 1, names.allSatisfy({ allowed.contains($0) }) { return (separator, names) }
        }
        return nil
    }

    /// The string values at `path` below `v`, walking through lists, appended to `out`.
    static func collect(_ v: Value, _ path: ArraySlice<String>, into out: inout [String]) {
        switch v {
        case .list(let items): for item in items { collect(item, path, into: &out) }
        case .object(let o):
            guard let head = path.first, let next = o[head] else { return }
            collect(next, path.dropFirst(), into: &out)
        case .string(let s): if path.isEmpty { out.append(s) }
        default: return
        }
    }

    private mutating func checkConditions() {
        for c in conditional {
            for (field, slot, condition) in ruleSet.conditionChecks[c.checks].checks where Self.absent(field, slot, in: c.object) {
                let a = Activation(["it": .object(c.object), "values": .object(ruleSet.values)])
                switch condition.eval(a) {
                case .bool(true): issue("submission.required-when", EngineText.requiredWhen(field, condition.text.replacingOccurrences(of: "it.", with: "")), c.mark)
                case .error(let e): issue("submission.required-when", EngineText.conditionFailed(field, e.message), c.mark)
                default: break
                }
            }
        }
    }

    // MARK: - Helpers

    /// Whether the record leaves the field out: read by its slot (nil for a field the record's
    /// type does not declare, then by name).
    private static func absent(_ field: String, _ slot: Int?, in o: CELObject) -> Bool {
        guard let slot, slot < o.count else { return o[field] == nil }
        return o[slot: slot] == nil
    }

    private func provenance(_ m: Mark) -> Provenance {
        Provenance(file: index, line: Int32(clamping: m.line), column: Int32(clamping: m.column))
    }

    private func display(_ path: [Step]) -> String {
        var out = ""
        for step in path {
            switch step {
            case .item(let n): out += " 第\(n)项"
            case .field:
                let p = step.name!
                out += out.isEmpty ? p : (out.hasSuffix("项") ? " 的 \(p)" : ".\(p)")
            }
        }
        return out.isEmpty ? "台账" : out
    }

    /// Problems past `limits.problems` are counted, not kept: the first ones are what to fix
    /// first, and a hostile file of 200,000 problems must not become 200,000 findings.
    private var droppedIssues = 0

    private mutating func issue(_ code: String, _ message: String, _ mark: Mark) {
        guard issues.count < ruleSet.limits.problems else {
            droppedIssues += 1
            return
        }
        issues.append(SubmissionIssue(code: code, message: message, mark: mark))
    }

    /// The issues, with one more saying how many were left out.
    private var allIssues: [SubmissionIssue] {
        guard droppedIssues > 0, let last = issues.last else { return issues }
        return issues + [SubmissionIssue(code: "submission.more", message: EngineText.moreIssues(droppedIssues), mark: last.mark)]
    }
}

extension EventView {
    /// A Chinese name of what the event starts, for messages.
    var kindName: String {
        switch self {
        case .mappingStart, .mappingEnd: "映射"
        case .sequenceStart, .sequenceEnd: "列表"
        case .scalar: "文本"
        }
    }
}
