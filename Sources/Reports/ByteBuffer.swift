import Engine

/// Where JSON's bytes go: an array (the tree, bytes kept from one finding to the next) or a
/// `ByteBuffer` (the finding writer), so quoting and layout are written once for both.
protocol ByteSink: ~Copyable {
    mutating func append(_ byte: UInt8)
    mutating func append(_ bytes: UnsafeRawBufferPointer)
}

extension ByteSink where Self: ~Copyable {
    /// Appends a literal's bytes.
    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends an array's bytes.
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }
}

extension [UInt8]: ByteSink {
    mutating func append(_ bytes: UnsafeRawBufferPointer) { append(contentsOf: bytes) }
}

/// Bytes gathered through a pointer, for a writer that appends many small pieces (a finding's
/// JSON is a few dozen): an array's `append(contentsOf:)` costs about a hundred instructions a
/// call whatever it copies, this a bounds check and a copy.
struct ByteBuffer: ByteSink, ~Copyable {
    private var base: UnsafeMutableRawPointer
    private var capacity: Int
    /// The bytes gathered.
    private(set) var count = 0

    init(capacity: Int = 1 << 12) {
        self.capacity = max(capacity, 64)
        base = .allocate(byteCount: self.capacity, alignment: 1)
    }

    deinit { base.deallocate() }

    /// What is gathered, valid until the next change.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// What is gathered, handed over with its memory: no copy made.
    consuming func rendered() -> RenderedBytes {
        let (base, count) = (self.base, self.count)
        discard self
        return RenderedBytes(taking: base, count: count)
    }

    /// A copy of what is gathered, in one `memcpy`: `Array(bytes)` copies a byte at a time.
    var array: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { out, made in
            if count > 0 { out.baseAddress!.initialize(from: base.assumingMemoryBound(to: UInt8.self), count: count) }
            made = count
        }
    }

    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(1) }
        base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    mutating func append(_ piece: UnsafeRawBufferPointer) {
        guard let source = piece.baseAddress, !piece.isEmpty else { return }
        if count + piece.count > capacity { grow(piece.count) }
        (base + count).copyMemory(from: source, byteCount: piece.count)
        count += piece.count
    }

    /// The first `count` (at most four) bytes of `word`, lowest first: a few bytes in one
    /// store, without a copy's call.
    @inline(__always)
    mutating func append(_ word: UInt32, count n: Int) {
        if count + 4 > capacity { grow(4) }
        base.storeBytes(of: word.littleEndian, toByteOffset: count, as: UInt32.self)
        count += n
    }

    /// Forgets what is gathered, keeping the room.
    mutating func removeAll() { count = 0 }

    private mutating func grow(_ needed: Int) {
        let size = max(capacity * 2, count + needed)
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 1)
        bigger.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = bigger
        capacity = size
    }
}
