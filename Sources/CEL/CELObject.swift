/// What a record holds before its fields: its type, where it was written, how many fields,
/// and the file's texts its texts kept as bytes are in (`RecordTexts`).
public struct CELObjectHeader: @unchecked Sendable {
    @usableFromInline let type: ObjectType
    let origin: Provenance?
    let count: Int
    /// Set when the first field kept as bytes is stored, before the record is shared.
    var texts: RecordTexts?
    /// The type's listed texts (`ObjectType.listedTexts`), alive as long as `type` is.
    let listed: UnsafeMutablePointer<String>
}

/// A field as a record keeps it: by its kind, so a date is its day, a text of the field's
/// list (`enum`) the text's number in the list, and a text no rule reads its bytes, with no
/// `Value` or `String` made until something reads the field.
public enum RecordField: @unchecked Sendable {
    case absent
    case value(Value)
    /// A date, as days since 1970-01-01; read, it carries the field's place as its origin.
    case day(Int32)
    /// The text at this number in the field's list (`ObjectType.listed`).
    case listed(Int32)
    /// A text kept as its UTF-8 bytes in the record's `RecordTexts`.
    case text(RecordTexts.Span)
}

/// A field as stored: a value read as it is kept (or none, for an absent field), or a
/// number its kind (`Kind`) turns into one; and where its value was written.
///
/// A field read as a value is copied out as a `Value?` is, with no enum of the kinds copied
/// and taken apart around it.
public struct StoredField: @unchecked Sendable {
    /// The value, or for a day, a listed text (by its place in `ObjectType.listedTexts`) or a
    /// text kept as bytes, its number as `.int`.
    @usableFromInline var value: Value?
    /// The kind in the top three bits; below them the line and column packed as a
    /// `Provenance` with file number zero (the record's origin has the file), zero for none.
    @usableFromInline var bits: UInt64

    @usableFromInline enum Kind: UInt64 { case value = 0, day, listed, text }

    @usableFromInline static let kindShift: UInt64 = 61
    static let absent = StoredField(value: nil, bits: 0)

    @usableFromInline
    init(value: Value?, bits: UInt64) {
        (self.value, self.bits) = (value, bits)
    }

    /// `field` at `place`; a `.listed` number here is already the text's place among all the
    /// type's listed texts (`RecordFields.set` adds the slot's start), not its number in the slot's list.
    @inlinable
    init(_ field: consuming RecordField, place: UInt64) {
        switch consume field {
        case .absent: self.init(value: nil, bits: place)
        case .value(let v): self.init(value: v, bits: place)
        case .day(let d): self.init(value: .int(Int64(d)), bits: Kind.day.rawValue << Self.kindShift | place)
        case .listed(let n): self.init(value: .int(Int64(n)), bits: Kind.listed.rawValue << Self.kindShift | place)
        case .text(let span):
            self.init(value: .int(Int64(span.offset) << 32 | Int64(span.count)), bits: Kind.text.rawValue << Self.kindShift | place)
        }
    }

    var kind: Kind { Kind(rawValue: bits >> Self.kindShift)! }
    var place: UInt64 { bits & ((1 << Self.kindShift) - 1) }
    /// The number a day, a listed text or a text kept as bytes is stored as.
    var number: Int64 { if case .int(let n)? = value { n } else { 0 } }
    var span: RecordTexts.Span { RecordTexts.Span(offset: UInt32(truncatingIfNeeded: number >> 32), count: UInt32(truncatingIfNeeded: number)) }
}

/// The bytes of the texts a file's records keep unmade (`RecordField.text`): one growing
/// array for the file, written while the file is decoded and only read after.
public final class RecordTexts: @unchecked Sendable {
    /// Where a text is among the bytes.
    public struct Span: Sendable {
        @usableFromInline let offset: UInt32
        @usableFromInline let count: UInt32

        @usableFromInline
        init(offset: UInt32, count: UInt32) {
            (self.offset, self.count) = (offset, count)
        }
    }

    private var bytes: [UInt8] = []

    public init() {}

    /// Keeps `u`'s bytes; nil, keeping nothing, past the 4 GiB its 32-bit offsets reach (a
    /// unit's file is at most 8 MiB unless the office allows more: the text is then made).
    public func append(_ u: UnsafeBufferPointer<UInt8>) -> Span? {
        guard bytes.count + u.count <= Int(UInt32.max) else { return nil }
        let span = Span(offset: UInt32(bytes.count), count: UInt32(u.count))
        bytes.append(contentsOf: u)
        return span
    }

    /// The text the span's bytes spell.
    public func text(_ span: Span) -> String {
        bytes.withUnsafeBufferPointer { b in
            String(decoding: UnsafeBufferPointer(rebasing: b[Int(span.offset)..<Int(span.offset + span.count)]), as: UTF8.self)
        }
    }

    /// How many bytes are kept.
    public var count: Int { bytes.count }
}

/// A record decoded from input: a schema type and a field per declared field, each stored by
/// its kind (`RecordField`) with where it was written. The fields are stored in the object
/// itself, after its header: a record is one allocation, not an object and an array.
/// Immutable once made: `make` stores every field before the record is shared.
public final class CELObject: ManagedBuffer<CELObjectHeader, StoredField>, @unchecked Sendable {
    /// A record of `type` with `fields`, each in the slot of its field.
    public static func make(type: ObjectType, fields: [Value?], origin: Provenance? = nil) -> CELObject {
        make(type: type, count: fields.count, origin: origin) { f in
            for i in fields.indices { f[i] = fields[i] }
        }
    }

    /// A record of `type` with `count` fields, all absent until `fill` stores them, in place:
    /// a decoder writes each field where it stays. Should `fill` throw, the record is dropped.
    @inline(__always)
    public static func make<E: Error>(type: ObjectType, count: Int, origin: Provenance? = nil,
                                      fill: (inout RecordFields) throws(E) -> Void) throws(E) -> CELObject {
        let buffer = create(minimumCapacity: count) { _ in CELObjectHeader(type: type, origin: origin, count: count, texts: nil, listed: type.listedTexts) }
        let o = unsafeDowncast(buffer, to: CELObject.self)
        // The pointers are used only while `o` is held here.
        var fields = o.withUnsafeMutablePointers { h, e in RecordFields(header: h, fields: e) }
        fields.fields.initialize(repeating: .absent, count: count)
        try fill(&fields)
        return o
    }

    deinit {
        // A field at a time, and only fields stored as values: `deinitialize(count:)` went
        // through the runtime's generic array path, a witness call for every field. A day, a
        // listed text or a text kept as bytes holds only its number, an `.int` that owns
        // nothing (`StoredField.init(_:place:)` is the one place that stores those kinds).
        withUnsafeMutablePointers { h, e in
            for i in 0..<h.pointee.count where e[i].bits >> StoredField.kindShift == StoredField.Kind.value.rawValue {
                _ = (e + i).move()
            }
        }
    }

    public var type: ObjectType { withUnsafeMutablePointerToHeader { $0.pointee.type } }
    public var origin: Provenance? { withUnsafeMutablePointerToHeader { $0.pointee.origin } }
    /// The number of fields (the type's, for a record made from its type).
    public var count: Int { withUnsafeMutablePointerToHeader { $0.pointee.count } }

    /// Whether the record is of type `t`: compared where the type is kept, with no reference
    /// to it counted.
    @inline(__always)
    public func isOf(_ t: ObjectType) -> Bool { withUnsafeMutablePointerToHeader { $0.pointee.type === t } }

    /// The field in `slot` as a value (nil when absent); `slot` must be below `count`.
    @inline(__always)
    public subscript(slot i: Int) -> Value? {
        // Unchecked in release builds, as the callers check against `count`; tests run checked.
        assert(i >= 0 && i < count, "slot \(i) of a record of \(count) fields")
        return withUnsafeMutablePointers { h, e in RecordFields.value(of: e + i, slot: i, h) }
    }

    /// The field in `slot` as `subscript(slot:)` reads it but null when absent, made with no
    /// call: nil for a text kept as bytes, which takes one. For a reader whose record is
    /// borrowed from memory a call could change, which would have to count the record.
    @inline(__always)
    public func readInPlace(slot i: Int) -> Value? {
        assert(i >= 0 && i < count, "slot \(i) of a record of \(count) fields")
        return withUnsafeMutablePointers { h, e -> Value? in
            switch e[i].bits >> StoredField.kindShift {
            case StoredField.Kind.value.rawValue: e[i].value ?? .null
            case StoredField.Kind.day.rawValue: RecordFields.day(of: e + i, h)
            case StoredField.Kind.listed.rawValue: .string(h.pointee.listed[Int(e[i].number)])
            default: nil
            }
        }
    }

    /// The number the field in `slot` is stored as when it is of `kind`: a listed text's
    /// place among all the type's listed texts (`ObjectType.listedStarts` says where the
    /// slot's begin), a date's day.
    @inline(__always)
    func number(slot i: Int, ifKept kind: StoredField.Kind) -> Int? {
        withUnsafeMutablePointerToElements { e in
            e[i].bits >> StoredField.kindShift == kind.rawValue ? Int(e[i].number) : nil
        }
    }

    /// Whether the field in `slot` is present, without making its value.
    public func has(slot i: Int) -> Bool {
        assert(i >= 0 && i < count, "slot \(i) of a record of \(count) fields")
        return withUnsafeMutablePointerToElements { !RecordFields.absent($0 + i) }
    }

    /// The field in `slot` as the record keeps it.
    public func stored(slot i: Int) -> RecordField {
        assert(i >= 0 && i < count, "slot \(i) of a record of \(count) fields")
        return withUnsafeMutablePointers { h, e in
            switch e[i].kind {
            case .value: e[i].value.map { .value($0) } ?? .absent
            case .day: .day(Int32(truncatingIfNeeded: e[i].number))
            case .listed: .listed(Int32(truncatingIfNeeded: e[i].number - Int64(h.pointee.type.listedStarts[i])))
            case .text: .text(e[i].span)
            }
        }
    }

    /// Where the value of the field in `slot` was written, in the record's file; nil when it
    /// was not (absent, a default, a record made by a rule).
    public func place(slot i: Int) -> Provenance? {
        assert(i >= 0 && i < count, "slot \(i) of a record of \(count) fields")
        return withUnsafeMutablePointers { h, e in RecordFields.origin(e[i].place, h) }
    }

    /// The fields, as an array of their own.
    public var fields: [Value?] { (0..<count).map { self[slot: $0] } }

    /// The value of a field by name; nil when absent or undeclared.
    public subscript(name: String) -> Value? {
        guard let slot = type.slot(of: name), slot < count else { return nil }
        return self[slot: slot]
    }

    /// The same record with the fields at `changes`' slots replaced by their values (each
    /// keeping where its field was written); every other field kept as it is stored.
    public func replacing(_ changes: [(slot: Int, value: Value)]) -> CELObject {
        withUnsafeMutablePointers { h, e in
            let copy = CELObject.make(type: h.pointee.type, count: h.pointee.count, origin: h.pointee.origin) { f in
                f.fields.update(from: e, count: h.pointee.count)
                f.header.pointee.texts = h.pointee.texts
                for (slot, value) in changes { f.fields[slot] = StoredField(value: value, bits: f.fields[slot].place) }
            }
            return copy
        }
    }
}

/// A record's fields while it is made (`CELObject.make`): stored by kind, each with where it
/// was written.
public struct RecordFields {
    @usableFromInline let header: UnsafeMutablePointer<CELObjectHeader>
    @usableFromInline let fields: UnsafeMutablePointer<StoredField>

    /// The field in `slot` as a value, nil when absent; set, a value kept as it is (its place
    /// unchanged), nil making the field absent.
    public subscript(i: Int) -> Value? {
        get { Self.value(of: fields + i, slot: i, header) }
        nonmutating set { fields[i] = StoredField(value: newValue, bits: fields[i].place) }
    }

    /// Whether the field in `slot` is absent.
    @inlinable
    public func isAbsent(_ i: Int) -> Bool { Self.absent(fields + i) }

    /// Whether the field at `p` is absent: no value and stored as one.
    @inlinable
    static func absent(_ p: UnsafeMutablePointer<StoredField>) -> Bool {
        if case .none = p.pointee.value { true } else { false }
    }

    /// Stores `field` in `slot`, which must be absent, written at line `line` and column
    /// `column` of the record's file. Inlined into the decoder, which stores every field.
    @inlinable
    public func set(_ i: Int, _ field: RecordField, line: Int, column: Int) {
        assert(isAbsent(i), "slot \(i) set twice")
        let place = Provenance.inFile(line: line, column: column)
        // An absent field holds nothing to release: it is written over, not assigned. A listed
        // text is kept by its place among all the type's listed texts.
        if case .listed(let n) = field {
            assert(n >= 0 && Int(n) < header.pointee.type.listed[i].count, "listed text \(n) of slot \(i)")
            (fields + i).initialize(to: StoredField(.listed(Int32(header.pointee.type.listedStarts[i]) + n), place: place))
        } else {
            (fields + i).initialize(to: StoredField(field, place: place))
        }
    }

    /// Stores a text kept as bytes in `texts`, the file's store, as `set` stores a field.
    public func set(_ i: Int, text span: RecordTexts.Span, in texts: RecordTexts, line: Int, column: Int) {
        if header.pointee.texts == nil { header.pointee.texts = texts }
        set(i, .text(span), line: line, column: column)
    }

    /// The value the field at `stored` (in `slot`) stands for, read where it is kept.
    @inline(__always)
    fileprivate static func value(of stored: UnsafeMutablePointer<StoredField>, slot: Int, _ h: UnsafeMutablePointer<CELObjectHeader>) -> Value? {
        let bits = stored.pointee.bits
        switch bits >> StoredField.kindShift {
        case StoredField.Kind.value.rawValue: return stored.pointee.value
        case StoredField.Kind.day.rawValue: return day(of: stored, h)
        case StoredField.Kind.listed.rawValue: return .string(h.pointee.listed[Int(stored.pointee.number)])
        default: return text(of: stored, h)
        }
    }

    /// The date kept as a day at `stored`, with its field's place as its origin.
    @inline(__always)
    fileprivate static func day(of stored: UnsafeMutablePointer<StoredField>, _ h: UnsafeMutablePointer<CELObjectHeader>) -> Value {
        .date(CELDate(day: Int32(truncatingIfNeeded: stored.pointee.number), origin: origin(stored.pointee.place, h)))
    }

    /// The text kept as bytes at `stored`, made: apart, so that the reads above, inline in
    /// every reader, make no call that could free the record read from.
    @inline(never)
    fileprivate static func text(of stored: UnsafeMutablePointer<StoredField>, _ h: UnsafeMutablePointer<CELObjectHeader>) -> Value? {
        .string(h.pointee.texts!.text(stored.pointee.span))
    }

    /// The place `bits` (file number zero) in the record's file.
    @inline(__always)
    fileprivate static func origin(_ bits: UInt64, _ h: UnsafeMutablePointer<CELObjectHeader>) -> Provenance? {
        guard bits != 0 else { return nil }
        return Provenance(bits: (h.pointee.origin?.bits ?? 0) & Provenance.fileMask | bits)
    }
}

/// A field of a record type, found once by name: read by its slot from records of that type,
/// by name from any other. For loops that read the same field of every record.
public struct FieldRef: Sendable {
    public let name: String
    public let type: ObjectType
    public let slot: Int

    /// The field `name` of `type`, or nil when the type does not declare it.
    public init?(_ name: String, of type: ObjectType) {
        guard let slot = type.slot(of: name) else { return nil }
        (self.name, self.type, self.slot) = (name, type, slot)
    }

    /// The field's value in `o`; nil when absent or undeclared.
    @inline(__always)
    public func read(_ o: CELObject) -> Value? {
        o.isOf(type) && slot < o.count ? o[slot: slot] : o[name]
    }
}
