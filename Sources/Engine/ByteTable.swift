/// A few texts found by their UTF-8 bytes: by length and first eight bytes as one number, then
/// the rest byte for byte. A schema's field names and allowed values, and a unit's roster
/// names, are looked up for nearly every scalar of a file; two comparisons tell a key from each
/// text, where hashing it or comparing it as `String` costs hundreds of instructions.
struct ByteTable: Sendable {
    /// The texts' bytes one after another.
    private let bytes: [UInt8]
    /// Per text: its length, where it starts in `bytes`, its first eight bytes.
    private let keys: [(count: Int, start: Int, head: UInt64)]
    /// Whether every text is ASCII: only then is a key whose bytes match none surely none of
    /// them as text too (no canonically equivalent spelling).
    let ascii: Bool

    init(_ texts: [String]) {
        // Into one array, no array per text: a unit's roster names make a table per file.
        var bytes: [UInt8] = []
        var keys: [(count: Int, start: Int, head: UInt64)] = []
        keys.reserveCapacity(texts.count)
        for text in texts {
            let start = bytes.count
            bytes.append(contentsOf: text.utf8)
            let head = bytes.withUnsafeBufferPointer { Self.head(UnsafeBufferPointer(rebasing: $0[start...])) }
            keys.append((bytes.count - start, start, head))
        }
        (self.bytes, self.keys) = (bytes, keys)
        ascii = bytes.allSatisfy { $0 < 0x80 }
    }

    /// The place of the text whose bytes are `key`'s, or nil.
    func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        let head = Self.head(key)
        return bytes.withUnsafeBufferPointer { all in
            for i in keys.indices where keys[i].count == key.count && keys[i].head == head {
                let start = keys[i].start
                var k = 8
                while k < key.count, all[start + k] == key[k] { k += 1 }
                if k >= key.count { return i }
            }
            return nil
        }
    }

    /// The place of the text with `text`'s bytes, or nil.
    func index(of text: String) -> Int? {
        if let found = text.utf8.withContiguousStorageIfAvailable({ index(of: $0) }) { return found }
        var text = text
        return text.withUTF8 { index(of: $0) }
    }

    /// The first eight bytes (fewer, zero-padded) as one number, the first the lowest.
    @inline(__always)
    private static func head(_ u: UnsafeBufferPointer<UInt8>) -> UInt64 {
        if u.count >= 8 { return UInt64(littleEndian: UnsafeRawPointer(u.baseAddress!).loadUnaligned(as: UInt64.self)) }
        var h: UInt64 = 0
        for k in 0..<min(8, u.count) { h |= UInt64(u[k]) << (8 * UInt64(k)) }
        return h
    }
}

/// Texts a value may be one of (a field's allowed values, a unit's roster names): the same
/// bytes first, as nearly every value is written as the list writes it and `==` on Chinese
/// text normalises both sides each time; then as text (a canonically equivalent spelling);
/// a long list hashed.
struct TextSet: Sendable {
    let list: [String]
    let table: ByteTable
    let set: Set<String>?

    init(_ values: [String]) {
        list = values
        table = ByteTable(values)
        set = values.count > 32 ? Set(values) : nil
    }

    func contains(_ value: String) -> Bool {
        set?.contains(value) ?? (table.index(of: value) != nil || list.contains(value))
    }
}
