import Testing
import TestSupport
@testable import CEL

/// A record keeps each field by its kind, with where its value was written, and reads each
/// back as a value: a day as a date carrying its place, a listed text as the type's text, a
/// text kept as bytes as that text.
@Suite struct RecordStorageTests {
    static let visit = ObjectType(name: "visit", fields: [("date", .date), ("method", .string), ("site", .string), ("note", .string)],
                                  listed: [[], ["蹲点跟班", "分层座谈"], [], []])

    /// A visit of file 7 written on line 4: the date at column 9, the method at 21, the site
    /// at 30 (kept as bytes), no note.
    static func made(_ texts: RecordTexts) -> CELObject {
        CELObject.make(type: visit, count: 4, origin: Provenance(file: 7, line: 4, column: 3)) { f in
            f.set(0, .day(CELDate.parse("2019-09-19")!.day), line: 4, column: 9)
            f.set(1, .listed(1), line: 4, column: 21)
            let bytes = Array("石桥村".utf8)
            let span = bytes.withUnsafeBufferPointer { texts.append($0) }!
            f.set(2, text: span, in: texts, line: 4, column: 30)
        }
    }

    @Test func eachKindReadsAsItsValue() throws {
        let o = Self.made(RecordTexts())
        guard case .date(let d)? = o[slot: 0] else { throw TestFailure("date") }
        #expect(d == CELDate.parse("2019-09-19") && d.origin == Provenance(file: 7, line: 4, column: 9))
        #expect(Equality.equal(o[slot: 1] ?? .null, .string("分层座谈")))
        #expect(Equality.equal(o[slot: 2] ?? .null, .string("石桥村")))
        #expect(o[slot: 3] == nil && !o.has(slot: 3) && o.has(slot: 2))
        #expect(o.place(slot: 1) == Provenance(file: 7, line: 4, column: 21))
        #expect(o.place(slot: 3) == nil)
        guard case .listed(1) = o.stored(slot: 1), case .text = o.stored(slot: 2), case .absent = o.stored(slot: 3) else {
            throw TestFailure("kinds")
        }
        // Read with no call, a text kept as bytes is left to the reader that can make it.
        #expect(o.readInPlace(slot: 2) == nil)
        #expect(o.readInPlace(slot: 3).map { if case .null = $0 { true } else { false } } == true)
    }

    @Test func aFieldTakesThirtyTwoBytes() {
        // The value slot and one word of kind and place: docs/architecture.md says so.
        #expect(MemoryLayout<StoredField>.stride == 32)
    }

    @Test func aRecordEqualsTheSameValuesKeptAsValues() throws {
        let o = Self.made(RecordTexts())
        let plain = CELObject.make(type: Self.visit, fields: [.date(CELDate.parse("2019-09-19")!), .string("分层座谈"), .string("石桥村"), nil])
        #expect(Equality.equal(.object(o), .object(plain)))
        let other = CELObject.make(type: Self.visit, fields: [.date(CELDate.parse("2019-09-19")!), .string("蹲点跟班"), .string("石桥村"), nil])
        #expect(!Equality.equal(.object(o), .object(other)))
    }

    @Test func aCopyWithAFieldReplacedKeepsTheRestAsStored() throws {
        let texts = RecordTexts()
        let o = Self.made(texts)
        let copy = o.replacing([(slot: 1, value: .string("访谈问计"))])
        #expect(Equality.equal(copy[slot: 1] ?? .null, .string("访谈问计")))
        guard case .value = copy.stored(slot: 1), case .day = copy.stored(slot: 0), case .text = copy.stored(slot: 2) else {
            throw TestFailure("kinds of the copy")
        }
        for slot in 0..<4 { #expect(copy.place(slot: slot) == o.place(slot: slot), "slot \(slot)") }
        #expect(Equality.equal(copy[slot: 2] ?? .null, .string("石桥村")))
    }
}
