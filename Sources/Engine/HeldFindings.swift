import CEL

/// The campaign's findings held until every campaign rule is done: a report gives a unit's
/// findings together, whichever rule made them, so none can be written before the last rule.
/// A province's joins make one for each unit's item (each problem sent up, whether its unit
/// claimed it), so they are written into a spill file as they are made (`SpillStore`), with
/// only what sorts them in memory, and read back one at a time in report order: unit by unit
/// in file order (campaign-wide ones first), each unit's in rule and item order.
final class HeldFindings {
    /// What sorts a finding, and where its bytes are.
    private struct Key {
        let entry: Int32
        let rule: Int32
        let item: Int32
        let made: Int32
        let offset: Int
        let length: Int32
    }

    private let store: SpillStore
    private var keys: [Key] = []
    /// Each rule's part of its findings' heads, by the rule's place in the rules.
    private var rules: [Int: FindingHead] = [:]
    private var buffer: [UInt8] = []

    init(store: SpillStore = SpillStore()) { self.store = store }

    var count: Int { keys.count }

    /// Holds `f`, about the unit of index entry `entry` (-1: campaign-wide; `Int.max`: a unit
    /// with no file here).
    func add(_ f: Finding, entry: Int) {
        if rules[f.order.rule] == nil { rules[f.order.rule] = f.head }
        buffer.removeAll(keepingCapacity: true)
        var w = FindingBytes.Writer(bytes: buffer)
        w.write(f)
        buffer = w.bytes
        keys.append(Key(entry: Int32(clamping: entry), rule: Int32(clamping: f.order.rule), item: Int32(clamping: f.order.item),
                        made: Int32(clamping: keys.count), offset: store.size, length: Int32(clamping: buffer.count)))
        store.append(buffer)
    }

    /// Every finding held, in report order, each made whole again: `who` gives the head of
    /// the unit of an entry, `path` the files packed places name. A finding whose bytes the
    /// disk would not give back ends the reading: its rule's head and the error are returned.
    func forEach(path: @escaping @Sendable (Int) -> String, who: (Int, String) -> UnitHead,
                 _ body: (Finding) -> Void) -> (rule: FindingHead, errno: Int32)? {
        keys.sort { ($0.entry, $0.rule, $0.item, $0.made) < ($1.entry, $1.rule, $1.item, $1.made) }
        let failedBefore = store.failedReads
        var bytes: [UInt8] = []
        for k in keys {
            store.read(k.offset..<(k.offset + Int(k.length)), into: &bytes)
            var r = FindingBytes.Reader(bytes: bytes)
            r.path = path
            let template = rules[Int(k.rule)]!
            guard store.failedReads == failedBefore, var f = r.finding(template) else { return (template, store.lastError) }
            if let id = f.unit, k.entry >= 0, k.entry < Int32.max { f.setWho(who(Int(k.entry), id)) }
            body(f)
        }
        return nil
    }
}

/// A finding as bytes and back: everything but its rule's part of the head (the holder keeps
/// that once a rule) and the unit's name and file (found again from its index entry).
enum FindingBytes {
    /// Marks the start of each finding: what a failed read gives back (zeros) is not one.
    static let mark: UInt8 = 0xD5

    struct Writer {
        var bytes: [UInt8]

        mutating func write(_ f: Finding) {
            bytes.append(FindingBytes.mark)
            text(f.unit)
            bytes.append(UInt8(Status.allCases.firstIndex(of: f.status)!))
            bytes.append(f.severity == .error ? 1 : 0)
            bytes.append((f.nothingToCheck ? 1 : 0) | (f.detailed ? 2 : 0))
            text(f.message)
            text(f.item)
            text(f.excerpt)
            day(f.due)
            day(f.doneOn)
            number(UInt64(bitPattern: Int64(f.order.rule)))
            number(UInt64(bitPattern: Int64(f.order.item)))
            if let v = f.value { bytes.append(1); measure(v) } else { bytes.append(0) }
            switch f.locations.parts {
            case .list(let l):
                bytes.append(0)
                number(UInt64(l.count))
                for p in l {
                    text(p.file)
                    number(UInt64(bitPattern: Int64(p.line)))
                    number(UInt64(bitPattern: Int64(p.column)))
                }
            case .packed(let p):
                bytes.append(1)
                number(UInt64(p.count))
                for place in p { number(place.packed) }
            case .inFile(let path, let first, let second):
                bytes.append(2)
                text(path)
                number(first)
                number(second)
            }
        }

        private mutating func measure(_ m: Measure) {
            switch m {
            case .null: bytes.append(0)
            case .bool(let b): bytes.append(b ? 2 : 1)
            case .int(let i): bytes.append(3); number(UInt64(bitPattern: i))
            case .double(let d): bytes.append(4); number(d.bitPattern)
            case .text(let s): bytes.append(5); text(s)
            case .day(let d): bytes.append(6); number(UInt64(UInt32(bitPattern: d.number)))
            case .list(let l):
                bytes.append(7)
                number(UInt64(l.count))
                for x in l { measure(x) }
            case .record(let fields):
                bytes.append(8)
                number(UInt64(fields.count))
                for x in fields {
                    text(x.name)
                    measure(x.value)
                }
            }
        }

        private mutating func day(_ d: Day?) {
            if let d { bytes.append(1); number(UInt64(UInt32(bitPattern: d.number))) } else { bytes.append(0) }
        }

        private mutating func text(_ s: String?) {
            guard let s else { return bytes.append(0) }
            bytes.append(1)
            number(UInt64(s.utf8.count))
            bytes.append(contentsOf: s.utf8)
        }

        private mutating func number(_ n: UInt64) { LEB128.append(n, to: &bytes) }
    }

    struct Reader {
        let bytes: [UInt8]
        private var at = 0
        /// False once the bytes ran out or said something no writer wrote.
        private var good = true

        init(bytes: [UInt8]) { self.bytes = bytes }

        /// The finding, its rule's part of the head from `template`; nil for bytes that are none.
        mutating func finding(_ template: FindingHead) -> Finding? {
            guard byte() == FindingBytes.mark else { return nil }
            let unit = text()
            let s = Int(byte())
            guard s < Status.allCases.count else { return nil }
            let severity: Severity = byte() == 1 ? .error : .warning
            let flags = byte()
            let message = text() ?? ""
            let item = text(), excerpt = text()
            let due = day(), doneOn = day()
            let rule = Int(Int64(bitPattern: number())), itemOrder = Int(Int64(bitPattern: number()))
            let value = byte() == 1 ? measure(depth: 0) : nil
            let locations: Locations?
            switch byte() {
            case 0:
                let n = count()
                var l: [Location] = []
                for _ in 0..<n where good {
                    l.append(Location(file: text() ?? "", line: Int(Int64(bitPattern: number())), column: Int(Int64(bitPattern: number()))))
                }
                locations = Locations(l)
            case 1:
                let n = count()
                var p: [Provenance] = []
                for _ in 0..<n where good {
                    guard let place = Provenance(packed: number()) else { good = false; break }
                    p.append(place)
                }
                locations = Locations(.packed(p), path: path)
            case 2:
                let file = text() ?? ""
                let first = number(), second = number()
                locations = Locations(.inFile(file, first: first, second: second), path: path)
            default:
                locations = nil
            }
            guard good, at == bytes.count, let locations else { return nil }
            let head = FindingHead(UnitHead(unit: unit, unitName: nil, file: nil), rule: template.rule, implements: template.implements,
                                   ruleIndex: template.ruleIndex)
            var f = Finding(head: head, status: Status.allCases[s], severity: severity, message: message, item: item, value: value,
                            due: due, doneOn: doneOn, locations: locations)
            f.excerpt = excerpt
            f.nothingToCheck = flags & 1 != 0
            f.detailed = flags & 2 != 0
            f.order = (rule, itemOrder)
            return f
        }

        /// The files packed places name: set by the holder before reading.
        var path: @Sendable (Int) -> String = { _ in "" }

        private mutating func measure(depth: Int) -> Measure? {
            // Deeper than any value a rule makes is no value a writer wrote.
            guard depth < 256 else { good = false; return nil }
            switch byte() {
            case 0: return .null
            case 1: return .bool(false)
            case 2: return .bool(true)
            case 3: return .int(Int64(bitPattern: number()))
            case 4: return .double(Double(bitPattern: number()))
            case 5: return .text(text() ?? "")
            case 6: return .day(Day(number: Int32(bitPattern: UInt32(truncatingIfNeeded: number()))))
            case 7:
                let n = count()
                var l: [Measure] = []
                for _ in 0..<n where good { l.append(measure(depth: depth + 1) ?? .null) }
                return .list(l)
            case 8:
                let n = count()
                var fields: [Measure.Field] = []
                for _ in 0..<n where good {
                    let name = text() ?? ""
                    fields.append(Measure.Field(name: name, value: measure(depth: depth + 1) ?? .null))
                }
                return .record(fields)
            default:
                good = false
                return nil
            }
        }

        private mutating func day() -> Day? {
            byte() == 1 ? Day(number: Int32(bitPattern: UInt32(truncatingIfNeeded: number()))) : nil
        }

        private mutating func text() -> String? {
            guard byte() == 1 else { return nil }
            let n = count()
            guard good else { return nil }
            defer { at += n }
            return String(decoding: bytes[at..<(at + n)], as: UTF8.self)
        }

        /// A count no larger than the bytes left: a count past them is no count a writer wrote.
        private mutating func count() -> Int {
            let n = number()
            guard n <= UInt64(bytes.count - at) else { good = false; return 0 }
            return Int(n)
        }

        private mutating func number() -> UInt64 {
            guard good else { return 0 }
            let (n, whole) = LEB128.read(bytes, at: &at)
            if !whole { good = false }
            return n
        }

        private mutating func byte() -> UInt8 {
            guard good, at < bytes.count else { good = false; return 0 }
            defer { at += 1 }
            return bytes[at]
        }
    }
}
