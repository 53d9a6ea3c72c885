import Engine

/// Writes findings as `JSONReport.finding(f)` serialises them compactly (one line each), straight
/// into bytes: no tree per finding, every key made once, and what a batch's findings share (the
/// unit, its name and file; a rule and what it implements) quoted once for all of them. A test
/// holds it to the tree's bytes.
struct JSONFindingWriter {
    /// The last finding's head (held, so a new head is never taken for it).
    private var head: FindingHead?
    private var unit: (unit: String?, name: String?, file: String?)?
    /// The unit of the last finding's head, whose texts `unit` holds.
    private var who: UnitHead?
    private var unitBytes: [UInt8] = []
    private var rule: (id: String, implements: [String])?
    /// The place in `rules` of the last rule, when it came from there.
    private var tableRule: Int?
    private var ruleBytes: [UInt8] = []
    private var locationFile: String?
    private var locationFileBytes: [UInt8] = []
    /// Each rule's bytes, made once for the run (`table(_:)`): a unit's findings change rule
    /// three dozen times.
    private let rules: RuleTable

    /// The bytes of each rule's `rule` and `implements` keys, in the order of the run's rules
    /// table, where a finding's head says its rule is (`ruleIndex`).
    typealias RuleTable = [(id: String, implements: [String], bytes: [UInt8])]

    init(rules: RuleTable = []) { self.rules = rules }

    /// The table of the rules findings may name (`RunHeader.rules`).
    static func table(_ rules: [RuleInfo]) -> RuleTable {
        rules.map { ($0.id, $0.implements, ruleBytes($0.id, $0.implements)) }
    }

    /// `,"rule":…,"implements":[…]`, as a finding of the rule has it.
    private static func ruleBytes(_ id: String, _ implements: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        text(Keys.rule, id, &bytes)
        bytes.append(Keys.implements)
        // As the tree writes an array of strings, without the tree.
        JSON.array(count: implements.count, indent: nil, into: &bytes) { i, out in JSON.quote(implements[i], into: &out) }
        return bytes
    }

    /// Appends one finding. `spill`, when given, is handed what is written so far each time
    /// it passes `spillSize` while locations are written, and empties it: a campaign-wide
    /// finding may point at a province's records, and is then never held whole as text.
    @inline(__always)
    mutating func write(_ f: borrowing Finding, into out: inout ByteBuffer, spill: ((UnsafeRawBufferPointer) -> Void)? = nil) {
        withUnsafePointer(to: f) { write(at: $0, into: &out, spill: spill) }
    }

    /// The finding at `p`, read field by field where it is: a copy of the whole finding
    /// would retain and release each of its references.
    @inline(__always)
    mutating func write(at p: UnsafePointer<Finding>, into out: inout ByteBuffer, spill: ((UnsafeRawBufferPointer) -> Void)? = nil) {
        // Findings of one rule in one unit share their head: compared by identity first.
        if head !== p.pointee.head {
            let h = p.pointee.head
            head = h
            defer { who = h.who }
            // A unit's heads share one `UnitHead`: told the same by identity at once.
            if h.who !== who, unit == nil || unit! != (h.unit, h.unitName, h.file) {
                unit = (h.unit, h.unitName, h.file)
                unitBytes.removeAll(keepingCapacity: true)
                Self.text(Keys.unit, h.unit, &unitBytes)
                Self.text(Keys.unitName, h.unitName, &unitBytes)
                Self.text(Keys.file, h.file, &unitBytes)
            }
            // A rule of the table by its place, checked, not trusted (the same id and
            // `implements`, which are the table's own strings, told equal at once); any other
            // rule by its id, against the last one's (a new head gets its own bytes).
            if let i = h.ruleIndex, i >= 0, i < rules.count, rules[i].id == h.rule, rules[i].implements == h.implements {
                if tableRule != i {
                    tableRule = i
                    rule = nil
                    ruleBytes = rules[i].bytes
                }
            } else if rule == nil || rule!.id != h.rule || rule!.implements != h.implements {
                tableRule = nil
                rule = (h.rule, h.implements)
                ruleBytes = Self.ruleBytes(h.rule, h.implements)
            }
        }
        out.append(unitBytes)
        out.append(ruleBytes)
        // Status and severity take a few values each: key and value as one literal.
        out.append(Keys.status(p.pointee.status))
        out.append(p.pointee.severity == .error ? Keys.severityError : Keys.severityWarning)
        Self.text(Keys.message, p.pointee.message, &out)
        Self.text(Keys.item, p.pointee.item, &out)
        out.append(Keys.value)
        if let v = p.pointee.value { Self.measure(v, &out) } else { out.append(JSON.nullText) }
        if p.pointee.due == nil, p.pointee.doneOn == nil {
            out.append(Keys.noDates)
        } else {
            out.append(Keys.due)
            dueText.write(p.pointee.due, into: &out)
            out.append(Keys.doneOn)
            doneOnText.write(p.pointee.doneOn, into: &out)
        }
        out.append(Keys.locations)
        if p.pointee.locations.isEmpty {
            out.append(Keys.emptyArray)
        } else {
            out.append(0x5B)
            for (i, l) in p.pointee.locations.enumerated() {
                if i > 0 { out.append(0x2C) }
                out.append(Keys.locationFile)
                if locationFile != l.file {
                    locationFile = l.file
                    locationFileBytes.removeAll(keepingCapacity: true)
                    JSON.quote(l.file, into: &locationFileBytes)
                }
                out.append(locationFileBytes)
                out.append(Keys.line)
                Self.decimal(Int64(l.line), &out)
                out.append(Keys.column)
                Self.decimal(Int64(l.column), &out)
                out.append(Keys.locationEnd)
                if let spill, out.count >= Self.spillSize {
                    spill(out.bytes)
                    out.removeAll()
                }
            }
            out.append(Keys.locationsEnd)
        }
        out.append(Keys.findingEnd)
    }

    /// How much of a finding is gathered before `spill` gets it.
    static let spillSize = 1 << 16

    /// A key (with what goes before it) and a quoted text or null.
    private static func text<S: ByteSink & ~Copyable>(_ key: StaticString, _ s: String?, _ out: inout S) {
        out.append(key)
        if let s { JSON.quote(s, into: &out) } else { out.append(JSON.nullText) }
    }

    /// A day quoted, or null, the last one's text kept: a rule's findings share their due
    /// date, and its digits are worked out once for all of them.
    private struct DayText {
        private var day: Int32?
        private var text: (UInt64, UInt64) = (0, 0)
        private var count = 0

        mutating func write(_ d: Day?, into out: inout ByteBuffer) {
            guard let d else { return out.append(JSON.nullText) }
            if day != d.number {
                // Ten bytes and the quotes (at most fourteen for any day a date can be).
                var fits = true
                count = withUnsafeMutableBytes(of: &text) { room in
                    var n = 0
                    d.withISOBytes { iso in
                        n = iso.count
                        fits = n + 2 <= room.count
                        if fits { room.baseAddress!.advanced(by: 1).copyMemory(from: iso.baseAddress!, byteCount: n) }
                    }
                    guard fits else { return 0 }
                    room[0] = 0x22
                    room[n + 1] = 0x22
                    return n + 2
                }
                guard fits else {
                    day = nil
                    return JSONFindingWriter.date(d, &out)
                }
                day = d.number
            }
            withUnsafeBytes(of: &text) { out.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
    }

    private var dueText = DayText()
    private var doneOnText = DayText()

    /// A day as a JSON string, its digits written in place: nothing in it needs escaping.
    private static func date(_ d: Day, _ out: inout ByteBuffer) {
        out.append(0x22)
        d.withISOBytes { out.append($0) }
        out.append(0x22)
    }

    /// A measured value as `JSONReport.value(v)` serialises compactly, without the tree.
    private static func measure(_ v: Measure, _ out: inout ByteBuffer) {
        switch v {
        case .null: out.append(JSON.nullText)
        case .int(let i): decimal(i, &out)
        case .text(let s): JSON.quote(s, into: &out)
        case .day(let d): date(d, &out)
        case .list(let items):
            JSON.array(count: items.count, indent: nil, into: &out) { i, out in measure(items[i], &out) }
        // Booleans, other numbers and records are rare: as the tree writes them.
        default:
            var tree: [UInt8] = []
            JSONReport.value(v).write(into: &tree, indent: nil)
            out.append(tree)
        }
    }

    /// An integer's digits, as `String(i)` writes them.
    static func decimal(_ i: Int64, _ out: inout ByteBuffer) {
        // Lines and columns, nearly every number written, have a few digits: byte by byte.
        if i >= 0, i < 1000 {
            let n = UInt32(truncatingIfNeeded: i)
            let ones = 0x30 + n % 10, tens = 0x30 + n / 10 % 10, hundreds = 0x30 + n / 100
            if n < 10 { return out.append(ones, count: 1) }
            if n < 100 { return out.append(tens | ones << 8, count: 2) }
            return out.append(hundreds | tens << 8 | ones << 16, count: 3)
        }
        if i < 0 { out.append(0x2D) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = i.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[19 - count] = 0x30 + UInt8(n % 10)
                n /= 10
                count += 1
            } while n > 0
            out.append(UnsafeRawBufferPointer(rebasing: d[(20 - count)...]))
        }
    }

    /// The bytes around the values, a finding being one compact line.
    /// Literals, not arrays: an array shared by the checking threads would have its reference
    /// count changed by both for every key written, and they would wait on each other.
    private enum Keys {
        static let unit: StaticString = "{\"unit\":", unitName: StaticString = ",\"unit_name\":"
        static let file: StaticString = ",\"file\":", rule: StaticString = ",\"rule\":"
        static let implements: StaticString = ",\"implements\":", status: StaticString = ",\"status\":"
        static let severity: StaticString = ",\"severity\":", message: StaticString = ",\"message\":"
        static let item: StaticString = ",\"item\":", value: StaticString = ",\"value\":"
        static let due: StaticString = ",\"due\":", doneOn: StaticString = ",\"done_on\":"
        static let locations: StaticString = ",\"locations\":", emptyArray: StaticString = "[]"
        static let locationFile: StaticString = "{\"file\":"
        static let line: StaticString = ",\"line\":", column: StaticString = ",\"column\":"
        static let locationEnd: StaticString = "}", locationsEnd: StaticString = "]"
        static let findingEnd: StaticString = "}"
        static let noDates: StaticString = ",\"due\":null,\"done_on\":null"
        static let severityError: StaticString = ",\"severity\":\"error\""
        static let severityWarning: StaticString = ",\"severity\":\"warning\""

        static func status(_ s: Status) -> StaticString {
            switch s {
            case .pass: ",\"status\":\"pass\""
            case .fail: ",\"status\":\"fail\""
            case .warn: ",\"status\":\"warn\""
            case .pending: ",\"status\":\"pending\""
            case .notApplicable: ",\"status\":\"not_applicable\""
            case .waived: ",\"status\":\"waived\""
            case .error: ",\"status\":\"error\""
            case .invalid: ",\"status\":\"invalid\""
            case .missing: ",\"status\":\"missing\""
            }
        }
    }
}
