import CEL

/// Values as bytes and back, for the campaign index a run keeps outside its memory: each unit's
/// records are written once, when the unit is done, and read back when campaign rules run.
/// Record types are written as their number in `types` (every object type the schema and the
/// campaign's views can hold); a value with no byte form of its own (a type, an optional, an
/// error, an object of a type not in the table) is kept aside in memory and written as its
/// number there.
struct ValueCodec: Sendable {
    let types: [ObjectType]
    private let number: [ObjectIdentifier: Int]

    /// Every object type reachable from `roots` (`reachable(from:)`).
    init(roots: [ObjectType]) {
        types = Self.reachable(from: roots)
        number = Dictionary(uniqueKeysWithValues: types.enumerated().map { (ObjectIdentifier($1), $0) })
    }

    /// Every object type reachable from `roots` through fields, lists, maps and optionals, each
    /// once, in the order found.
    static func reachable(from roots: [ObjectType]) -> [ObjectType] {
        var types: [ObjectType] = []
        var seen = Set<ObjectIdentifier>()
        var pending: [CELType] = roots.map { .object($0) }
        while let t = pending.popLast() {
            switch t {
            case .object(let o):
                guard seen.insert(ObjectIdentifier(o)).inserted else { continue }
                types.append(o)
                pending += o.fieldTypes
                if let v = o.keyedValueType { pending.append(v) }
            case .list(let e), .optional(let e): pending.append(e)
            case .map(let k, let v): pending += [k, v]
            default: break
            }
        }
        return types
    }

    enum Tag: UInt8 {
        case absent, null, `false`, `true`, int, uint, double, string, bytes, list, map, date, duration, timestamp,
             object, unit, aside
    }

    /// Appends values to a buffer. `unit` is the unit's own record, written as a reference
    /// because every item of the unit carries it.
    struct Writer {
        let codec: ValueCodec
        var unit: CELObject?
        var bytes: [UInt8] = []
        /// The values kept aside, numbered from zero for this writer.
        var aside: [Value] = []
        /// Fields written as absent, by record type: a flag per slot, false to leave it out.
        var masks: [ObjectIdentifier: [Bool]] = [:]

        mutating func write(_ value: Value?) {
            guard let value else { return tag(.absent) }
            switch value {
            case .null: tag(.null)
            case .bool(let b): tag(b ? .true : .false)
            case .int(let i): tag(.int); fixed(UInt64(bitPattern: i))
            case .uint(let u): tag(.uint); fixed(u)
            case .double(let d): tag(.double); fixed(d.bitPattern)
            case .string(let s):
                tag(.string)
                var s = s
                s.withUTF8 { count(UInt64($0.count)); bytes.append(contentsOf: $0) }
            case .bytes(let b): tag(.bytes); count(UInt64(b.count)); bytes += b
            case .list(let items):
                tag(.list)
                count(UInt64(items.count))
                for v in items { write(v) }
            case .map(let m):
                tag(.map)
                count(UInt64(m.count))
                for (k, v) in zip(m.keys, m.values) { write(k); write(v) }
            case .date(let d): tag(.date); fixed(UInt64(UInt32(bitPattern: d.day))); fixed(d.origin?.packed ?? 0)
            case .duration(let d): tag(.duration); fixed(UInt64(bitPattern: d.seconds)); fixed(UInt64(UInt32(bitPattern: d.nanos)))
            case .timestamp(let t): tag(.timestamp); fixed(UInt64(bitPattern: t.seconds)); fixed(UInt64(UInt32(bitPattern: t.nanos)))
            case .object(let o):
                if let unit, o === unit { return tag(.unit) }
                guard codec.number[ObjectIdentifier(o.type)] != nil, o.count == o.type.fieldNames.count else { return keepAside(value) }
                writeRecord(o.type, of: o, slots: nil, then: nil)
            case .type, .optional, .error: keepAside(value)
            }
        }

        /// A record of `type` from the fields of `record` (or those at `slots`), with its
        /// origin, then `last` when the type has one more field than those: written as the
        /// record would be, without building it.
        mutating func writeRecord(_ type: ObjectType, of record: CELObject, slots: [Int]?, then last: Value?) {
            let written = slots?.count ?? record.count
            guard let n = codec.number[ObjectIdentifier(type)] else {
                var f = (slots ?? Array(0..<record.count)).map { record[slot: $0] }
                if f.count < type.fieldNames.count { f.append(last) }
                return write(.object(CELObject.make(type: type, fields: f, origin: record.origin)))
            }
            tag(.object)
            count(UInt64(n))
            fixed(record.origin?.packed ?? 0)
            if let slots {
                for i in slots { write(record[slot: i]) }
            } else if !masks.isEmpty, let mask = masks[ObjectIdentifier(type)], mask.count == record.count {
                for i in 0..<record.count { write(mask[i] ? record[slot: i] : nil) }
            } else {
                for i in 0..<record.count { write(record[slot: i]) }
            }
            if written < type.fieldNames.count { write(last) }
        }

        private mutating func keepAside(_ value: Value) {
            tag(.aside)
            count(UInt64(aside.count))
            aside.append(value)
        }

        private mutating func tag(_ t: Tag) { bytes.append(t.rawValue) }

        private mutating func fixed(_ v: UInt64) {
            withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
        }

        /// A count or a length (`LEB128`).
        mutating func count(_ v: UInt64) { LEB128.append(v, to: &bytes) }
    }

    /// Reads values back from bytes a `Writer` made.
    struct Reader {
        let codec: ValueCodec
        let bytes: UnsafeRawBufferPointer
        /// What the run kept aside, and where this writer's first one is among them.
        let aside: [Value]
        let asideBase: Int
        var unit: CELObject?
        var at = 0

        /// The next value; nil for an absent one. Bytes that end too soon read as null: they
        /// are the run's own, so that would be a fault of this program, not of a unit's file.
        mutating func read() -> Value? {
            guard at < bytes.count, let t = Tag(rawValue: bytes[at]) else { at = bytes.count; return .null }
            at += 1
            switch t {
            case .absent: return nil
            case .null: return .null
            case .false: return .bool(false)
            case .true: return .bool(true)
            case .int: return .int(Int64(bitPattern: fixed()))
            case .uint: return .uint(fixed())
            case .double: return .double(Double(bitPattern: fixed()))
            case .string:
                let n = Int(count())
                guard at + n <= bytes.count else { at = bytes.count; return .null }
                let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<at + n]), as: UTF8.self)
                at += n
                return .string(s)
            case .bytes:
                let n = Int(count())
                guard at + n <= bytes.count else { at = bytes.count; return .null }
                let b = [UInt8](bytes[at..<at + n])
                at += n
                return .bytes(b)
            case .list:
                let n = Int(count())
                var items: [Value] = []
                items.reserveCapacity(min(n, bytes.count - at))
                for _ in 0..<n { items.append(read() ?? .null) }
                return .list(items)
            case .map:
                let n = Int(count())
                var m = CELMap()
                for _ in 0..<n {
                    let k = read() ?? .null
                    m.insert(k, read() ?? .null)
                }
                return .map(m)
            case .date:
                let day = Int32(bitPattern: UInt32(truncatingIfNeeded: fixed()))
                return .date(CELDate(day: day, origin: Provenance(packed: fixed())))
            case .duration:
                let s = Int64(bitPattern: fixed())
                return .duration(CELDuration(seconds: s, nanos: Int32(bitPattern: UInt32(truncatingIfNeeded: fixed()))))
            case .timestamp:
                let s = Int64(bitPattern: fixed())
                let n = Int32(bitPattern: UInt32(truncatingIfNeeded: fixed()))
                return CELTimestamp(seconds: s, nanos: n).map { .timestamp($0) } ?? .null
            case .object:
                guard let type = recordType() else { return .null }
                let origin = Provenance(packed: fixed())
                return .object(CELObject.make(type: type, count: type.fieldNames.count, origin: origin) { fields in
                    for i in type.fieldNames.indices { fields[i] = read() }
                })
            case .unit:
                return unit.map { .object($0) } ?? .null
            case .aside:
                let i = Int(count()) + asideBase
                return aside.indices.contains(i) ? aside[i] : .null
            }
        }

        /// What the field of a record that names its unit holds, as `place` reads it.
        enum UnitField {
            /// The entry's unit, written as a reference (`Tag.unit`).
            case unitReference
            case value(Value?)
            /// The record has no such field.
            case none
        }

        /// Of the next value, when it is a record: its origin, and what `unit` makes of its
        /// field `unitField`; the value is passed over, not built. Nil for any other value.
        mutating func place(unitField: String, _ unit: (UnitField) -> String?) -> ItemPlace? {
            guard at < bytes.count, bytes[at] == Tag.object.rawValue else {
                skip()
                return nil
            }
            at += 1
            guard let type = recordType() else { return nil }
            let origin = Provenance(packed: fixed())
            let slot = type.slot(of: unitField)
            var field = UnitField.none
            for i in type.fieldNames.indices {
                if i == slot {
                    if at < bytes.count, bytes[at] == Tag.unit.rawValue {
                        at += 1
                        field = .unitReference
                    } else {
                        field = .value(read())
                    }
                } else {
                    skip()
                }
            }
            return ItemPlace(origin: origin, unit: unit(field))
        }

        /// A record's type, by the number written after its tag; nil (and the rest of the
        /// bytes given up) for a number out of the table.
        private mutating func recordType() -> ObjectType? {
            let n = Int(count())
            guard n < codec.types.count else { at = bytes.count; return nil }
            return codec.types[n]
        }

        /// Passes over the next value without building it.
        mutating func skip() {
            guard at < bytes.count, let t = Tag(rawValue: bytes[at]) else { at = bytes.count; return }
            at += 1
            switch t {
            case .absent, .null, .false, .true, .unit: break
            case .int, .uint, .double: at += 8
            case .date, .duration, .timestamp: at += 16
            case .string, .bytes: at += Int(count())
            case .list: for _ in 0..<count() { skip() }
            case .map: for _ in 0..<count() { skip(); skip() }
            case .object:
                guard let type = recordType() else { return }
                at += 8
                for _ in type.fieldNames { skip() }
            case .aside: _ = count()
            }
        }

        private mutating func fixed() -> UInt64 {
            guard at + 8 <= bytes.count else { at = bytes.count; return 0 }
            let v = bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)
            at += 8
            return UInt64(littleEndian: v)
        }

        /// A count or a length (`LEB128`).
        mutating func count() -> UInt64 { LEB128.read(bytes, at: &at).value }
    }
}
