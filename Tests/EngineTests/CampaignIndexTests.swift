import CEL
import Foundation
import Testing
@testable import Engine

/// The campaign index writes each unit's records as bytes and reads them back: every kind of
/// value must come back as it went in, provenance included.
@Suite struct CampaignIndexTests {
    static let inner = ObjectType(name: "inner", fields: [("n", .int), ("d", .date)])
    static let outer = ObjectType(name: "outer", fields: [("s", .string), ("xs", .list(.dyn)), ("o", .object(inner)), ("missing", .int)])

    static func roundTrip(_ values: [Value?], unit: CELObject? = nil) -> [Value?] {
        let codec = ValueCodec(roots: [outer])
        var w = ValueCodec.Writer(codec: codec, unit: unit)
        for v in values { w.write(v) }
        let bytes = w.bytes
        let aside = w.aside
        return bytes.withUnsafeBytes { raw in
            var r = ValueCodec.Reader(codec: codec, bytes: raw, aside: aside, asideBase: 0, unit: unit)
            var out: [Value?] = values.map { _ in nil }
            for i in values.indices { out[i] = r.read() }
            #expect(r.at == raw.count)
            return out
        }
    }

    @Test func everyKindComesBack() {
        let origin = Provenance(file: 7, line: 123, column: 45)
        var map = CELMap()
        map.insert(.string("键"), .int(-3))
        map.insert(.int(2), .list([.bool(true), .null]))
        let record = CELObject.make(type: Self.outer, fields: [
            .string("调研报告"), .list([.double(2.5), .uint(9)]),
            .object(CELObject.make(type: Self.inner, fields: [.int(Int64.min), .date(CELDate(day: 18_000, origin: origin))], origin: origin)),
            nil,
        ], origin: Provenance(file: 1, line: 2, column: 3))
        let values: [Value?] = [
            nil, .null, .bool(false), .bool(true), .int(-1), .uint(UInt64.max), .double(-0.5), .string(""),
            .string(String(repeating: "长", count: 300)), .bytes([0, 255, 7]), .map(map),
            .date(CELDate(day: -5)), .duration(CELDuration(seconds: -90, nanos: 5)),
            .timestamp(CELTimestamp(seconds: 1_500_000_000, nanos: 999)!), .object(record),
            .type(.string), .optional(.int(4)), .fail("坏了"),
        ]
        let back = Self.roundTrip(values)
        for (a, b) in zip(values, back) {
            switch (a, b) {
            case (nil, nil): break
            case (.error(let x)?, .error(let y)?): #expect(x == y)
            case (let x?, let y?): #expect(Equality.equal(x, y), "\(Printer.literal(x)) came back as \(Printer.literal(y))")
            default: Issue.record("\(String(describing: a)) came back as \(String(describing: b))")
            }
        }
        // Provenance is not part of equality: it must come back too.
        guard case .object(let o)? = back[14], case .object(let i)? = o.fields[2], case .date(let d)? = i.fields[1] else {
            Issue.record("record lost its shape"); return
        }
        #expect(o.origin == Provenance(file: 1, line: 2, column: 3))
        #expect(i.origin == origin)
        #expect(d.origin == origin)
        #expect(o.fields[3] == nil)
    }

    @Test func theUnitIsWrittenOnceAndSharedBack() {
        let unit = CELObject.make(type: Self.inner, fields: [.int(1), nil])
        let back = Self.roundTrip([.object(unit), .list([.object(unit)])], unit: unit)
        guard case .object(let a)? = back[0], case .list(let l)? = back[1], case .object(let b) = l[0] else {
            Issue.record("unit lost"); return
        }
        #expect(a === unit && b === unit)
    }

    @Test func spilledBytesReadBackAcrossTheFileAndMemory() {
        let store = SpillStore()
        var expected: [UInt8] = []
        // Enough to be written to the file several times over, and a tail left in memory.
        for i in 0..<3000 {
            let chunk = (0..<(i % 400)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ i) }
            store.append(chunk)
            expected += chunk
        }
        #expect(store.size == expected.count)
        var buffer: [UInt8] = []
        for range in [0..<10, 5..<300_000, (expected.count - 5000)..<expected.count, 0..<expected.count, 17..<17] {
            store.read(range, into: &buffer)
            #expect(buffer == Array(expected[range]))
        }
        // Reads in file order come from a window of the file; the ones across its end, before
        // its start, or larger than it, read the file again. Every one gives the same bytes.
        let window = 1 << 18
        var ranges: [Range<Int>] = stride(from: 0, to: expected.count - 700, by: 700).map { $0..<($0 + 700) }
        ranges += [(window - 50)..<(window + 50), 100..<200, (2 * window - 1)..<(2 * window + 1), 3..<(window + 10),
                   (expected.count - 10)..<expected.count, 0..<1]
        for range in ranges + ranges.reversed() {
            store.read(range, into: &buffer)
            #expect(buffer == Array(expected[range]), "\(range)")
        }
        // Reads in order with reads anywhere between them (a campaign rule going over the
        // units' items, each finding reading its unit's name): the same bytes too.
        var seed: UInt64 = 7
        for (i, range) in ranges.enumerated() {
            store.read(range, into: &buffer)
            #expect(buffer == Array(expected[range]), "\(range)")
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let start = Int(seed >> 33) % (expected.count - 900), jump = start..<(start + 100 + i % 800)
            store.read(jump, into: &buffer)
            #expect(buffer == Array(expected[jump]), "\(jump)")
        }
    }

    /// The file is read a window at a time for reads in file order, even with gaps (a group's
    /// items, unit after unit) or with reads anywhere between them (each finding's unit), and
    /// alone for a read out of order: never a window per read.
    @Test func readsInFileOrderShareAWindow() {
        let store = SpillStore(chunk: 1 << 12)
        let entry = 5_000
        for i in 0..<400 { store.append([UInt8](repeating: UInt8(i % 256), count: entry)) }
        let window = 1 << 18, size = store.size
        var buffer: [UInt8] = []
        func reads(_ body: () -> Void) -> Int {
            let before = store.fileReads
            body()
            return store.fileReads - before
        }
        // Every third entry, in order: a window per 256 KiB, not a read per entry.
        let gaps = reads { for i in stride(from: 0, to: 400, by: 3) { store.read((i * entry)..<((i + 1) * entry), into: &buffer) } }
        #expect(gaps <= size / window + 2, "\(gaps)")
        // In order again, each followed by a read far away: the far ones alone, the ones in
        // order still from their window.
        var seed: UInt64 = 3
        let mixed = reads {
            for i in 0..<400 {
                store.read((i * entry)..<((i + 1) * entry), into: &buffer)
                #expect(buffer.first == UInt8(i % 256))
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                let far = (i + 100 + Int(seed >> 33) % 200) % 400
                store.read((far * entry)..<(far * entry + 10), into: &buffer)
                #expect(buffer.first == UInt8(far % 256))
            }
        }
        #expect(mixed <= 400 + 2 * (size / window + 1), "\(mixed)")
    }

    /// With no room made, room for a few, for exactly the ids, and for more than them.
    @Test(arguments: [0, 9, 5004, 20_000])
    func unitIDsFindTheirFirstEntryAmongManyAndOnlyTheirs(expected: Int) {
        var table = UnitIDTable(expected: expected)
        let ids = (0..<5000).map { "县-\($0)" } + ["", "QX-1", "qx-1", "e\u{301}"]
        for (i, id) in ids.enumerated() { #expect(table.insert(id, entry: Int32(i)) == nil) }
        // A second file of a unit keeps the first one's entry.
        #expect(table.insert("县-42", entry: 9999) == 42)
        #expect(table.insert("", entry: 9999) == 5000)
        for (i, id) in ids.enumerated() { #expect(table[id] == Int32(i)) }
        // The same id however its é is written, as the strings are equal.
        #expect(table["\u{E9}"] == 5003)
        #expect(table.insert("\u{E9}", entry: 9999) == 5003)
        #expect(table["县-5000"] == nil && table["QX-2"] == nil && table["县-"] == nil)
    }
}
